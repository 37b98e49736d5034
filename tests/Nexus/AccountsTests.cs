using System.Net;
using System.Text.Json;
using CareerNexus.Accounts;
using CareerNexus.Storage;
using CareerNexus.Tests.Support;
using Microsoft.Azure.Cosmos;
using Xunit;

namespace CareerNexus.Tests.Nexus;

public sealed class AccountsTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static IEnumerable<string> Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).Order();

    private static void AssertSignedUp(ApiResponse r, string email)
    {
        r.Expect(HttpStatusCode.Created);
        Assert.Equal(new[] { "access", "email", "refresh", "status" }, Keys(r.Body));
        Assert.Equal("Success", r["status"].GetString());
        Assert.Equal(email, r["email"].GetString());
    }

    [Fact]
    public async Task Signup_mails_a_code_and_a_link_and_the_code_creates_and_signs_in_the_account()
    {
        var email = AccountsFlow.NewEmail("Ada.Lovelace+x");
        var r = (await _api.Post("/user/signup/", new { email, password1 = AccountsFlow.Password, password2 = AccountsFlow.Password }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("OTP sent", r["status"].GetString());
        Assert.Single(r.Body.EnumerateObject());

        var mail = await AccountsFlow.MailAsync(email);
        var code = MailCatcher.Code(mail);
        Assert.Matches(@"^\d{6}$", code);
        Assert.Matches(@"http://127\.0\.0\.1:7071/user/hash/verify/\?hash=[0-9a-f]{64}", mail.Text);
        Assert.Contains(code, mail.Html);
        Assert.Contains("hash=" + MailCatcher.LinkParameter(mail, "hash"), mail.Html);
        // Until the code is used there is no account.
        (await _api.Post("/user/signin", new { email, password = AccountsFlow.Password })).ExpectNexusError(HttpStatusCode.Unauthorized);

        r = await _api.Post("/user/signup/", new { email, password1 = AccountsFlow.Password, password2 = AccountsFlow.Password, otp = code });
        AssertSignedUp(r, email);
        var profile = (await _api.Get("/user/retrieve-profile/", r["access"].GetString())).Expect(HttpStatusCode.OK);
        Assert.Equal(0, profile["experience"].GetArrayLength());

        // The account has a username derived from the address, and signs in on both surfaces.
        var me = (await _api.Get("/careers/users/me/", r["access"].GetString())).Expect(HttpStatusCode.OK);
        Assert.StartsWith("ada.lovelacex", me["username"].GetString());
        (await _api.Post("/user/signin", new { email, password = AccountsFlow.Password })).Expect(HttpStatusCode.OK);
        (await _api.Post("/careers/users/login/", new { email, password = AccountsFlow.Password })).Expect(HttpStatusCode.OK);

        // The code worked once, and the link of the same signup is gone with it.
        (await _api.Post("/user/signup/", new { email, otp = code })).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/user/hash/verify/", new { hash = MailCatcher.LinkParameter(mail, "hash") })).ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Links_in_emails_point_at_the_configured_client_app()
    {
        using var app = new TestApp(settings: new Dictionary<string, string?> { ["CareerNexus:EmailLinkBaseUrl"] = "https://app.example.org/" });
        var email = AccountsFlow.NewEmail();
        (await app.Api().Post("/user/signup/", new { email, password1 = AccountsFlow.Password, password2 = AccountsFlow.Password }))
            .Expect(HttpStatusCode.Created);
        var mail = await AccountsFlow.MailAsync(email);
        Assert.Contains("https://app.example.org/user/hash/verify/?hash=", mail.Text);
        Assert.DoesNotContain("127.0.0.1", mail.Text);
    }

    [Fact]
    public async Task The_link_alone_creates_the_account_with_the_password_given_first()
    {
        var email = AccountsFlow.NewEmail();
        (await _api.Post("/user/signup/", new { email, password1 = "First-pass-1", password2 = "First-pass-1" })).Expect(HttpStatusCode.Created);
        var mail = await AccountsFlow.MailAsync(email);
        var hash = MailCatcher.LinkParameter(mail, "hash");

        AssertSignedUp(await _api.Post("/user/hash/verify/", new { hash }), email);
        (await _api.Post("/user/hash/verify/", new { hash })).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/user/signup/", new { email, otp = MailCatcher.Code(mail) })).ExpectNexusError(HttpStatusCode.BadRequest);
        var signin = (await _api.Post("/user/signin", new { email, password = "First-pass-1" })).Expect(HttpStatusCode.OK);
        Assert.Equal(email, signin["user"].GetString());
    }

    [Fact]
    public async Task The_code_step_may_carry_the_password_again_and_then_it_is_that_one()
    {
        var email = AccountsFlow.NewEmail();
        (await _api.Post("/user/signup/", new { email, password1 = "First-pass-1", password2 = "First-pass-1" })).Expect(HttpStatusCode.Created);
        var code = MailCatcher.Code(await AccountsFlow.MailAsync(email));
        (await _api.Post("/user/signup/", new { email, password1 = "Second-pass-2", password2 = "Other-pass-3", otp = code }))
            .ExpectNexusError(HttpStatusCode.BadRequest);
        // A code sent as a JSON number is read as its digits.
        var numeric = code[0] == '0' ? (object)code : int.Parse(code);
        AssertSignedUp(await _api.Post("/user/signup/", new { email, password1 = "Second-pass-2", password2 = "Second-pass-2", otp = numeric }), email);
        (await _api.Post("/user/signin", new { email, password = "Second-pass-2" })).Expect(HttpStatusCode.OK);
        (await _api.Post("/user/signin", new { email, password = "First-pass-1" })).ExpectNexusError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_new_signup_request_replaces_the_earlier_code_and_link()
    {
        // An app of its own, to move past the wait between two mails to one address.
        using var moved = new MovedClockApp();
        var api = moved.Api;
        var email = AccountsFlow.NewEmail();
        (await api.Post("/user/signup/", new { email, password1 = AccountsFlow.Password, password2 = AccountsFlow.Password })).Expect(HttpStatusCode.Created);
        var first = await AccountsFlow.MailAsync(email);
        moved.Clock.Offset = TimeSpan.FromSeconds(61);
        (await api.Post("/user/signup/", new { email, password1 = AccountsFlow.Password, password2 = AccountsFlow.Password })).Expect(HttpStatusCode.Created);
        var second = await AccountsFlow.MailAsync(email, 2);
        Assert.NotEqual(MailCatcher.LinkParameter(first, "hash"), MailCatcher.LinkParameter(second, "hash"));

        (await api.Post("/user/hash/verify/", new { hash = MailCatcher.LinkParameter(first, "hash") })).ExpectNexusError(HttpStatusCode.BadRequest);
        if (MailCatcher.Code(first) != MailCatcher.Code(second))
            (await api.Post("/user/signup/", new { email, otp = MailCatcher.Code(first) })).ExpectNexusError(HttpStatusCode.BadRequest);
        AssertSignedUp(await api.Post("/user/signup/", new { email, otp = MailCatcher.Code(second) }), email);
    }

    [Fact]
    public async Task Wrong_codes_are_bounded_and_then_even_the_right_one_is_refused()
    {
        var email = AccountsFlow.NewEmail();
        (await _api.Post("/user/signup/", new { email, password1 = AccountsFlow.Password, password2 = AccountsFlow.Password })).Expect(HttpStatusCode.Created);
        var mail = await AccountsFlow.MailAsync(email);
        var code = MailCatcher.Code(mail);
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
            (await _api.Post("/user/signup/", new { email, otp = wrong })).ExpectNexusError(HttpStatusCode.BadRequest);
        var refused = (await _api.Post("/user/signup/", new { email, otp = code })).ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Contains("Too many", refused["error"].GetString());
        (await _api.Post("/user/hash/verify/", new { hash = MailCatcher.LinkParameter(mail, "hash") })).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/user/signin", new { email, password = AccountsFlow.Password })).ExpectNexusError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_email_with_an_account_cannot_sign_up_again_whatever_its_case()
    {
        var careers = await _api.Register();
        (await _api.Post("/user/signup/", new { email = careers.Email.ToUpperInvariant(), password1 = AccountsFlow.Password, password2 = AccountsFlow.Password }))
            .ExpectNexusError(HttpStatusCode.BadRequest);
        var nexus = await AccountsFlow.SignUpAsync(_api);
        var error = (await _api.Post("/user/signup/", new { email = nexus.Email, password1 = AccountsFlow.Password, password2 = AccountsFlow.Password }))
            .ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Contains("already", error["error"].GetString());
    }

    [Theory]
    [InlineData("{\"email\": \"not-an-email\", \"password1\": \"Str0ng-pass-1\", \"password2\": \"Str0ng-pass-1\"}")]
    [InlineData("{\"email\": \"a/b@example.com\", \"password1\": \"Str0ng-pass-1\", \"password2\": \"Str0ng-pass-1\"}")]
    [InlineData("{\"email\": \"x@example.com\", \"password1\": \"Str0ng-pass-1\", \"password2\": \"Str0ng-pass-2\"}")]
    [InlineData("{\"email\": \"x@example.com\", \"password1\": \"short\", \"password2\": \"short\"}")]
    [InlineData("{\"email\": \"x@example.com\", \"password1\": \"Str0ng-pass-1\"}")]
    [InlineData("{\"password1\": \"Str0ng-pass-1\", \"password2\": \"Str0ng-pass-1\"}")]
    [InlineData("{\"email\": \"x@example.com\", \"otp\": \"12ab56\"}")]
    [InlineData("{\"email\": \"nobody-signed-up@example.com\", \"otp\": \"123456\"}")]
    [InlineData("{\"email\": \"x@example.com\", \"otp\": {\"code\": 1}}")]
    [InlineData("{\"email\": 5, \"password1\": \"Str0ng-pass-1\", \"password2\": \"Str0ng-pass-1\"}")]
    [InlineData("{\"email\": \"x@example.com\",")]
    [InlineData("")]
    [InlineData("[]")]
    public async Task Bad_signup_requests_are_400(string body)
    {
        (await _api.PostRaw("/user/signup/", body)).ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"hash\": \"\"}")]
    [InlineData("{\"hash\": \"0000000000000000000000000000000000000000000000000000000000000000\"}")]
    [InlineData("{\"hash\": [1]}")]
    [InlineData("{\"hash\": ")]
    public async Task Bad_hashes_are_400(string body)
    {
        (await _api.PostRaw("/user/hash/verify/", body)).ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Codes_and_links_expire_after_ten_minutes()
    {
        using var moved = new MovedClockApp();
        var email = AccountsFlow.NewEmail();
        (await moved.Api.Post("/user/signup/", new { email, password1 = AccountsFlow.Password, password2 = AccountsFlow.Password }))
            .Expect(HttpStatusCode.Created);
        var mail = await AccountsFlow.MailAsync(email);
        moved.Clock.Offset = TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1);
        (await moved.Api.Post("/user/signup/", new { email, otp = MailCatcher.Code(mail) })).ExpectNexusError(HttpStatusCode.BadRequest);
        (await moved.Api.Post("/user/hash/verify/", new { hash = MailCatcher.LinkParameter(mail, "hash") })).ExpectNexusError(HttpStatusCode.BadRequest);

        // Within the ten minutes the code works.
        (await moved.Api.Post("/user/signup/", new { email, password1 = AccountsFlow.Password, password2 = AccountsFlow.Password }))
            .Expect(HttpStatusCode.Created);
        var fresh = await AccountsFlow.MailAsync(email, 2);
        moved.Clock.Offset += TimeSpan.FromMinutes(9);
        AssertSignedUp(await moved.Api.Post("/user/signup/", new { email, otp = MailCatcher.Code(fresh) }), email);
    }

    [Fact]
    public async Task A_careers_account_signs_in_with_its_email_and_the_token_works_here()
    {
        var careers = await _api.Register();
        var r = (await _api.Post("/user/signin", new { email = careers.Email.ToUpperInvariant(), password = careers.Password })).Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { "access", "refresh", "user" }, Keys(r.Body));
        Assert.Equal(careers.Email, r["user"].GetString());
        (await _api.Get("/user/retrieve-profile/", r["access"].GetString())).Expect(HttpStatusCode.OK);
        (await _api.Post("/user/signin/", new { email = careers.Email, password = careers.Password })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signin_takes_a_url_encoded_form_as_well_as_json()
    {
        var careers = await _api.Register();
        var request = new HttpRequestMessage(HttpMethod.Post, "/user/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = careers.Email, ["password"] = careers.Password }),
        };
        var signedIn = (await _api.Send(request, null)).Expect(HttpStatusCode.OK);
        Assert.Equal(careers.Email, signedIn["user"].GetString());
        (await _api.Get("/user/retrieve-profile/", signedIn["access"].GetString())).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_signin_failure_is_the_same_401()
    {
        var user = await _api.Register();
        var inactive = await _api.Register();
        await _app.Store.PatchAsync<Account>(Containers.Accounts, inactive.Id.ToString(), inactive.Id.ToString(), [PatchOperation.Set("/is_active", false)]);
        foreach (var body in new object[]
                 {
                     new { email = user.Email, password = "Wrong-pass-1" },
                     new { email = "nobody-" + user.Email, password = user.Password },
                     new { email = user.Username, password = user.Password },
                     new { email = inactive.Email, password = inactive.Password },
                     new { email = user.Email, password = new string('x', 500) },
                     new { email = "a/b@example.com", password = user.Password },
                 })
        {
            var r = (await _api.Post("/user/signin", body)).ExpectNexusError(HttpStatusCode.Unauthorized);
            Assert.Equal("Invalid email or password", r["error"].GetString());
            Assert.Single(r.Body.EnumerateObject());
        }
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"email\": \"x@example.com\"}")]
    [InlineData("{\"password\": \"Str0ng-pass-1\"}")]
    [InlineData("{\"email\": [], \"password\": \"x\"}")]
    [InlineData("{\"email\": ")]
    public async Task Malformed_signins_are_400(string body)
    {
        (await _api.PostRaw("/user/signin", body)).ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Signout_answers_202_and_revokes_the_refresh_and_the_access_token_used()
    {
        var user = await AccountsFlow.SignUpAsync(_api);
        var other = await _api.Register();
        (await _api.Post("/user/signout/", new { refresh = user.Refresh })).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await _api.Post("/user/signout/", new { }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/user/signout/", new { refresh = other.Refresh }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/user/signout/", new { refresh = "not.a.token" }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);

        var r = (await _api.Post("/user/signout/", new { refresh = user.Refresh }, user.Access)).Expect(HttpStatusCode.Accepted);
        Assert.Equal("Logged out", r["status"].GetString());
        (await _api.Get("/user/retrieve-profile/", user.Access)).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await _api.Post("/careers/users/token/refresh/", new { refresh = user.Refresh })).Expect(HttpStatusCode.Unauthorized);

        // The other account's refresh token, offered above, still works.
        (await _api.Post("/careers/users/token/refresh/", new { refresh = other.Refresh })).Expect(HttpStatusCode.OK);
        // And signing in again gives working tokens.
        var again = (await _api.Post("/user/signin", new { email = user.Email, password = user.Password })).Expect(HttpStatusCode.OK);
        (await _api.Get("/user/retrieve-profile/", again["access"].GetString())).Expect(HttpStatusCode.OK);
    }
}
