using System.Net;
using System.Text;
using CareerNexus.Accounts;
using CareerNexus.Storage;
using CareerNexus.Tests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace CareerNexus.Tests.Careers;

public sealed class AuthTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task Register_returns_the_user_and_working_tokens()
    {
        var username = ApiClient.Unique("alice");
        var response = (await _api.Post("/careers/users/register/", new
        {
            username, email = $"{username}@Example.com", password = "correct-horse-1", password_confirm = "correct-horse-1",
            first_name = "Alice", last_name = "Smith", bio = "Software developer",
        })).Expect(HttpStatusCode.Created);

        var user = response["user"];
        Assert.True(user.GetProperty("id").GetInt64() > 0);
        Assert.Equal(username, user.GetProperty("username").GetString());
        Assert.Equal($"{username}@Example.com", user.GetProperty("email").GetString());
        Assert.Equal("Alice", user.GetProperty("first_name").GetString());
        Assert.Equal("Smith", user.GetProperty("last_name").GetString());
        Assert.Equal("Software developer", user.GetProperty("bio").GetString());
        Assert.True(DateTimeOffset.Parse(user.GetProperty("created_at").GetString()!) > DateTimeOffset.UtcNow.AddMinutes(-5));

        var me = (await _api.Get("/careers/users/me/", response["access"].GetString())).Expect(HttpStatusCode.OK);
        Assert.Equal(username, me["username"].GetString());
    }

    [Fact]
    public async Task Tokens_carry_the_documented_claims_and_lifetimes()
    {
        var user = await _api.Register();
        var access = new JsonWebToken(user.Access);
        var refresh = new JsonWebToken(user.Refresh);
        Assert.Equal("HS256", access.Alg);
        Assert.Equal("access", access.GetPayloadValue<string>("token_type"));
        Assert.Equal("refresh", refresh.GetPayloadValue<string>("token_type"));
        Assert.Equal(user.Id.ToString(), access.GetPayloadValue<long>("user_id").ToString());
        Assert.False(string.IsNullOrEmpty(access.Id));
        // Both name the same sign-in, which signing out or a detected refresh reuse ends as a whole.
        Assert.Equal(access.GetPayloadValue<string>("sid"), refresh.GetPayloadValue<string>("sid"));
        Assert.InRange((access.ValidTo - access.IssuedAt).TotalMinutes, 59.9, 60.1);
        Assert.InRange((refresh.ValidTo - refresh.IssuedAt).TotalDays, 6.99, 7.01);
    }

    public static TheoryData<object, string> InvalidRegistrations => new()
    {
        { new { }, "username" },
        { new { username = "ab", email = "a@example.com", password = "correct-horse-1", password_confirm = "correct-horse-1" }, "username" },
        { new { username = "me", email = "me@example.com", password = "correct-horse-1", password_confirm = "correct-horse-1" }, "username" },
        { new { username = "valid_name", email = "not-an-email", password = "correct-horse-1", password_confirm = "correct-horse-1" }, "email" },
        { new { username = "valid_name", email = "a/b@example.com", password = "correct-horse-1", password_confirm = "correct-horse-1" }, "email" },
        { new { username = "valid_name", email = "a#b@example.com", password = "correct-horse-1", password_confirm = "correct-horse-1" }, "email" },
        { new { username = "valid_name", email = "v@example.com", password = "short1", password_confirm = "short1" }, "password" },
        { new { username = "valid_name", email = "v@example.com", password = "12345678901", password_confirm = "12345678901" }, "password" },
        { new { username = "valid_name", email = "v@example.com", password = "password123", password_confirm = "password123" }, "password" },
        { new { username = "valid_name", email = "v@example.com", password = "correct-horse-1", password_confirm = "other-horse-1" }, "password_confirm" },
        { new { username = "valid_name", email = "v@example.com", password = "correct-horse-1", password_confirm = "correct-horse-1", bio = new string('x', 501) }, "bio" },
    };

    [Theory]
    [MemberData(nameof(InvalidRegistrations))]
    public async Task Register_rejects_invalid_input_naming_the_field(object body, string field)
    {
        var response = (await _api.Post("/careers/users/register/", body)).ExpectCareersError(HttpStatusCode.BadRequest);
        Assert.True(response["fields"].TryGetProperty(field, out _), $"no error for {field}: {response.Body}");
    }

    [Fact]
    public async Task Register_refuses_a_taken_username_or_email_whatever_the_case()
    {
        var taken = await _api.Register();
        var sameName = await _api.Post("/careers/users/register/", new
        {
            username = taken.Username.ToUpperInvariant(), email = ApiClient.Unique("x") + "@example.com", password = "correct-horse-1",
            password_confirm = "correct-horse-1",
        });
        sameName.ExpectCareersError(HttpStatusCode.Conflict);
        var sameEmail = await _api.Post("/careers/users/register/", new
        {
            username = ApiClient.Unique("y"), email = taken.Email.ToUpperInvariant(), password = "correct-horse-1", password_confirm = "correct-horse-1",
        });
        sameEmail.ExpectCareersError(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unreadable_bodies_are_400_or_413_in_the_careers_shape()
    {
        (await _api.PostRaw("/careers/users/register/", "{\"username\": ")).ExpectCareersError(HttpStatusCode.BadRequest);
        (await _api.PostRaw("/careers/users/register/", "{\"username\": 42}")).ExpectCareersError(HttpStatusCode.BadRequest);
        (await _api.PostRaw("/careers/users/register/", "[1,2]")).ExpectCareersError(HttpStatusCode.BadRequest);
        (await _api.PostRaw("/careers/users/register/", "username=x", contentType: "text/plain")).ExpectCareersError(HttpStatusCode.UnsupportedMediaType);
        var huge = "{\"bio\": \"" + new string('x', 1_100_000) + "\"}";
        (await _api.PostRaw("/careers/users/register/", huge)).ExpectCareersError(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Login_works_by_username_and_by_email()
    {
        var user = await _api.Register();
        var byName = (await _api.Post("/careers/users/login/", new { username = user.Username, password = user.Password })).Expect(HttpStatusCode.OK);
        Assert.Equal(user.Id, byName["user"].GetProperty("id").GetInt64());
        Assert.Equal(user.Email, byName["user"].GetProperty("email").GetString());
        Assert.False(string.IsNullOrEmpty(byName["access"].GetString()));
        Assert.False(string.IsNullOrEmpty(byName["refresh"].GetString()));

        var byEmail = (await _api.Post("/careers/users/login/", new { username = user.Email.ToUpperInvariant(), password = user.Password }))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(user.Username, byEmail["user"].GetProperty("username").GetString());
    }

    [Fact]
    public async Task Login_with_wrong_credentials_is_401_and_says_the_same_for_unknown_accounts()
    {
        var user = await _api.Register();
        var wrong = (await _api.Post("/careers/users/login/", new { username = user.Username, password = "not-the-password" }))
            .ExpectCareersError(HttpStatusCode.Unauthorized);
        var unknown = (await _api.Post("/careers/users/login/", new { username = ApiClient.Unique("ghost"), password = "whatever-pass" }))
            .ExpectCareersError(HttpStatusCode.Unauthorized);
        Assert.Equal(wrong.Body.ToString(), unknown.Body.ToString());
        (await _api.Post("/careers/users/login/", new { username = user.Username })).ExpectCareersError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Logins_and_usernames_that_cannot_be_document_ids_find_no_account()
    {
        var user = await _api.Register();
        foreach (var login in new[] { "a?b", "a/b", "a\\b", "a#b", "x@a?b.com", new string('a', 300) })
            (await _api.Post("/careers/users/login/", new { username = login, password = "whatever-pass" })).ExpectCareersError(HttpStatusCode.Unauthorized);
        (await _api.Get("/careers/users/a%3Fb/", user.Access)).ExpectCareersError(HttpStatusCode.NotFound);
        (await _api.Get("/careers/users/a%5Cb/", user.Access)).ExpectCareersError(HttpStatusCode.NotFound);
        (await _api.Get("/careers/users/a%23b/", user.Access)).ExpectCareersError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Refresh_rotates_the_pair_and_a_replayed_refresh_token_ends_that_sign_in()
    {
        var user = await _api.Register();
        var first = (await _api.Post("/careers/users/token/refresh/", new { refresh = user.Refresh })).Expect(HttpStatusCode.OK);
        var newAccess = first["access"].GetString()!;
        var newRefresh = first["refresh"].GetString()!;
        Assert.NotEqual(user.Refresh, newRefresh);
        (await _api.Get("/careers/users/me/", newAccess)).Expect(HttpStatusCode.OK);

        var other = (await _api.Post("/careers/users/login/", new { username = user.Username, password = user.Password })).Expect(HttpStatusCode.OK);

        // The first refresh token comes back (copied by someone): the whole sign-in ends, its newest pair too (RFC 9700, 4.14).
        (await _api.Post("/careers/users/token/refresh/", new { refresh = user.Refresh })).ExpectCareersError(HttpStatusCode.Unauthorized);
        (await _api.Post("/careers/users/token/refresh/", new { refresh = newRefresh })).ExpectCareersError(HttpStatusCode.Unauthorized);
        (await _api.Get("/careers/users/me/", newAccess)).ExpectCareersError(HttpStatusCode.Unauthorized);
        (await _api.Get("/careers/users/me/", user.Access)).ExpectCareersError(HttpStatusCode.Unauthorized);
        // Another sign-in of the same account is not that family, and stays.
        (await _api.Get("/careers/users/me/", other["access"].GetString())).Expect(HttpStatusCode.OK);
        (await _api.Post("/careers/users/token/refresh/", new { refresh = other["refresh"].GetString() })).Expect(HttpStatusCode.OK);
        // The owner signs in again.
        (await _api.Post("/careers/users/login/", new { username = user.Username, password = user.Password })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Refresh_refuses_access_tokens_garbage_and_missing_tokens()
    {
        var user = await _api.Register();
        (await _api.Post("/careers/users/token/refresh/", new { refresh = user.Access })).ExpectCareersError(HttpStatusCode.Unauthorized);
        (await _api.Post("/careers/users/token/refresh/", new { refresh = "not.a.token" })).ExpectCareersError(HttpStatusCode.Unauthorized);
        (await _api.Post("/careers/users/token/refresh/", new { })).ExpectCareersError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Logout_revokes_the_refresh_token_and_the_calling_access_token()
    {
        var user = await _api.Register();
        var other = await _api.Post("/careers/users/login/", new { username = user.Username, password = user.Password });
        var response = (await _api.Post("/careers/users/logout/", new { refresh = user.Refresh }, user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Successfully logged out", response["message"].GetString());

        (await _api.Get("/careers/users/me/", user.Access)).ExpectCareersError(HttpStatusCode.Unauthorized);
        (await _api.Post("/careers/users/token/refresh/", new { refresh = user.Refresh })).ExpectCareersError(HttpStatusCode.Unauthorized);
        // Another session of the same account is untouched.
        (await _api.Get("/careers/users/me/", other["access"].GetString())).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Logout_needs_a_token_and_refuses_someone_elses_refresh_token()
    {
        var user = await _api.Register();
        var stranger = await _api.Register();
        (await _api.Post("/careers/users/logout/", new { refresh = user.Refresh })).ExpectCareersError(HttpStatusCode.Unauthorized);
        (await _api.Post("/careers/users/logout/", new { refresh = stranger.Refresh }, user.Access)).ExpectCareersError(HttpStatusCode.BadRequest);
        (await _api.Post("/careers/users/logout/", new { }, user.Access)).ExpectCareersError(HttpStatusCode.BadRequest);
        (await _api.Post("/careers/users/token/refresh/", new { refresh = stranger.Refresh })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Forged_expired_or_foreign_tokens_are_401()
    {
        // Forgeries of a real, signed-in account's token, so that only the forgery can be why they fail.
        var user = await _api.Register();
        var genuine = new JsonWebToken(user.Access);
        long forUser = genuine.GetPayloadValue<long>("user_id");
        var forSession = genuine.GetPayloadValue<string>("sid");
        var key = new SymmetricSecurityKey(Convert.FromBase64String(TestApp.SigningKey));
        var otherKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('k', 48)));
        string Token(SecurityKey signingKey, string issuer = "careernexus", string type = "access", int minutes = 10, string alg = SecurityAlgorithms.HmacSha256)
        {
            var now = DateTime.UtcNow;
            return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = issuer, Audience = "careernexus-clients", IssuedAt = now.AddMinutes(-20), NotBefore = now.AddMinutes(-20),
                Expires = now.AddMinutes(minutes), SigningCredentials = new SigningCredentials(signingKey, alg),
                Claims = new Dictionary<string, object>
                {
                    ["token_type"] = type, ["jti"] = Guid.NewGuid().ToString("N"), ["user_id"] = forUser, ["sid"] = forSession,
                },
            });
        }
        var valid = Token(key);
        (await _api.Get("/careers/users/me/", valid)).Expect(HttpStatusCode.OK);
        var unsigned = string.Join('.', valid.Split('.')[..2]) + ".";
        var noneHeader = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + valid.Split('.')[1] + ".";
        string[] forged =
        [
            Token(otherKey), Token(key, issuer: "someone-else"), Token(key, type: "refresh"), Token(key, minutes: -5),
            Token(new SymmetricSecurityKey([.. key.Key, .. key.Key]), alg: SecurityAlgorithms.HmacSha512), unsigned, noneHeader, "a.b.c.d.e", "garbage",
        ];
        foreach (var token in forged)
            (await _api.Get("/careers/users/me/", token)).ExpectCareersError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_rehashes_a_password_stored_with_weaker_parameters()
    {
        // Two apps on one database: the first hashes with fewer iterations than the second asks for.
        var database = "tests-rehash-" + Guid.NewGuid().ToString("N")[..8];
        using var weak = new TestApp(database, passwordIterations: 1_000);
        using var strong = new TestApp(database, passwordIterations: 2_000);
        var user = await weak.Api().Register();
        Assert.StartsWith("pbkdf2_sha512$1000$", await StoredHash(weak, user.Id));

        (await strong.Api().Post("/careers/users/login/", new { username = user.Username, password = user.Password })).Expect(HttpStatusCode.OK);
        Assert.StartsWith("pbkdf2_sha512$2000$", await StoredHash(strong, user.Id));
        (await weak.Api().Post("/careers/users/login/", new { username = user.Username, password = user.Password })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public void The_default_password_hashing_is_OWASP_strength()
    {
        var hasher = new PasswordHasher(new CareerNexus.PasswordOptions());
        var hash = hasher.Hash("correct-horse-1");
        Assert.StartsWith("pbkdf2_sha512$210000$", hash);
        Assert.Equal(PasswordCheck.Right, hasher.Verify("correct-horse-1", hash));
        Assert.Equal(PasswordCheck.Wrong, hasher.Verify("correct-horse-2", hash));
    }

    private static async Task<string> StoredHash(TestApp app, long userId) =>
        (await app.Store.ReadAsync<Account>(Containers.Accounts, userId.ToString(), userId.ToString()))!.Document.PasswordHash;
}
