using System.Net;
using System.Text.Json;
using CareerNexus.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

/// <summary>An app whose LinkedIn endpoints are a local listener standing in for LinkedIn.</summary>
public sealed class LinkedInStandIn : IDisposable
{
    public RecordingHttpServer LinkedIn { get; } = new(HttpStatusCode.OK);
    public TestApp App { get; }

    public LinkedInStandIn()
    {
        App = new TestApp(settings: new Dictionary<string, string?>
        {
            ["CareerNexus:LinkedIn:ClientId"] = "test-client",
            ["CareerNexus:LinkedIn:ClientSecret"] = "test-secret",
            ["CareerNexus:LinkedIn:AuthorizationEndpoint"] = $"{LinkedIn.Url}/oauth/v2/authorization",
            ["CareerNexus:LinkedIn:TokenEndpoint"] = $"{LinkedIn.Url}/oauth/v2/accessToken",
            ["CareerNexus:LinkedIn:UserInfoEndpoint"] = $"{LinkedIn.Url}/v2/userinfo",
        });
    }

    public void Dispose()
    {
        App.Dispose();
        LinkedIn.Dispose();
    }
}

/// <summary>Signing in with LinkedIn (OpenID Connect), against the stand-in: the flow, and each way it fails.</summary>
public sealed class LinkedInTests(LinkedInStandIn standIn) : IClassFixture<LinkedInStandIn>
{
    private const string Start = AccountsTests.Accounts + "/linkedin/oauth/start/";
    private const string Callback = AccountsTests.Accounts + "/linkedin/oauth/callback/";
    private readonly ApiClient _api = standIn.App.Api();
    private RecordingHttpServer LinkedIn => standIn.LinkedIn;

    private async Task<string> StateAsync() => (await _api.Post(Start)).Expect(HttpStatusCode.OK)["state"].GetString()!;

    /// <summary>What LinkedIn answers at its token and userinfo endpoints for the next callback.</summary>
    private void Member(string email, bool verified, string accessToken = "linkedin-access-1")
    {
        while (LinkedIn.Requests.TryDequeue(out _)) { }
        LinkedIn.ResponseBodies["/oauth/v2/accessToken"] = JsonSerializer.Serialize(new { access_token = accessToken, expires_in = 3600 });
        LinkedIn.ResponseBodies["/v2/userinfo"] = JsonSerializer.Serialize(new
        {
            sub = "member-" + email, email, email_verified = verified, given_name = "Ada", family_name = "Lovelace", name = "Ada Lovelace",
            picture = "https://media.licdn.com/ada.jpg",
        });
    }

    [Fact]
    public async Task Start_answers_the_authorization_url_with_a_stored_state()
    {
        var start = (await _api.Post(Start)).Expect(HttpStatusCode.OK);
        var url = new Uri(start["authorization_url"].GetString()!);
        Assert.Equal($"{LinkedIn.Url}/oauth/v2/authorization", url.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(url.Query);
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal("openid profile email", query["scope"].ToString());
        Assert.Equal("test-client", query["client_id"].ToString());
        Assert.Equal("http://127.0.0.1:7071/accounts/api/v1/linkedin/oauth/callback/", query["redirect_uri"].ToString());
        Assert.Equal(start["state"].GetString(), query["state"].ToString());
        Assert.NotEqual(start["state"].GetString(), (await _api.Post(Start)).Expect(HttpStatusCode.OK)["state"].GetString());
    }

    [Fact]
    public async Task A_new_member_gets_an_account_with_a_verified_email_and_a_state_works_once()
    {
        var email = $"{ApiClient.Unique("ada")}@example.com";
        Member(email, verified: true);
        var state = await StateAsync();
        var signedIn = (await _api.Get($"{Callback}?code=the-code&state={state}")).Expect(HttpStatusCode.OK);
        Assert.True(signedIn["created"].GetBoolean());
        var user = signedIn["user"];
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.True(user.GetProperty("email_verified").GetBoolean());
        Assert.True(user.GetProperty("is_active").GetBoolean());
        Assert.Equal("candidate", user.GetProperty("user_type").GetString());
        Assert.Equal("Ada", user.GetProperty("first_name").GetString());
        Assert.Equal("https://media.licdn.com/ada.jpg", user.GetProperty("profile_picture").GetString());
        Assert.Equal(email, (await _api.Get(AccountsTests.Accounts + "/users/me/", signedIn["access"].GetString())).Expect(HttpStatusCode.OK)["email"].GetString());

        var requests = LinkedIn.Requests.ToList();
        var exchange = requests.Single(r => r.Path == "/oauth/v2/accessToken");
        Assert.Equal("POST", exchange.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", exchange.ContentType);
        var form = QueryHelpers.ParseQuery(exchange.Body);
        Assert.Equal("authorization_code", form["grant_type"].ToString());
        Assert.Equal("the-code", form["code"].ToString());
        Assert.Equal("test-client", form["client_id"].ToString());
        Assert.Equal("test-secret", form["client_secret"].ToString());
        Assert.Equal("http://127.0.0.1:7071/accounts/api/v1/linkedin/oauth/callback/", form["redirect_uri"].ToString());
        var userInfo = requests.Single(r => r.Path == "/v2/userinfo");
        Assert.Equal("GET", userInfo.Method);
        Assert.Equal("Bearer linkedin-access-1", userInfo.Authorization);

        var replay = (await _api.Get($"{Callback}?code=the-code&state={state}")).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.Contains("state", replay["detail"].GetString());
        // The second sign-in of the same member finds the account it made.
        var state2 = await StateAsync();
        Assert.False((await _api.Get($"{Callback}?code=again&state={state2}")).Expect(HttpStatusCode.OK)["created"].GetBoolean());
    }

    [Fact]
    public async Task A_verified_linkedin_email_signs_in_the_existing_account_and_only_the_proven_owner_keeps_it()
    {
        var existing = await _api.Register();
        Member(existing.Email, verified: false);
        var refused = (await _api.Get($"{Callback}?code=c&state={await StateAsync()}")).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.Contains("not verified", refused["detail"].GetString());
        (await _api.Get(AccountsTests.Accounts + "/users/me/", existing.Access)).Expect(HttpStatusCode.OK);

        Member(existing.Email.ToUpperInvariant(), verified: true);
        var signedIn = (await _api.Get($"{Callback}?code=c&state={await StateAsync()}")).Expect(HttpStatusCode.OK);
        Assert.False(signedIn["created"].GetBoolean());
        Assert.Equal(existing.Id, signedIn["user"].GetProperty("id").GetInt64());
        Assert.True(signedIn["user"].GetProperty("email_verified").GetBoolean());
        // The address was never proven before: whoever registered it loses the password and sessions they had.
        (await _api.Get(AccountsTests.Accounts + "/users/me/", existing.Access)).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Post(AccountsTests.Accounts + "/auth/token/", new { username = existing.Username, password = existing.Password }))
            .ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Get(AccountsTests.Accounts + "/users/me/", signedIn["access"].GetString())).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_bad_state_a_failed_exchange_and_a_cancelled_sign_in_are_clear_400s()
    {
        Member($"{ApiClient.Unique("x")}@example.com", verified: true);
        Assert.Contains("state", (await _api.Get($"{Callback}?code=c&state=forged")).ExpectRecruitmentError(HttpStatusCode.BadRequest)["detail"].GetString());
        Assert.NotEmpty((await _api.Get($"{Callback}?code=c")).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("state"));
        Assert.NotEmpty((await _api.Get($"{Callback}?state={await StateAsync()}")).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("code"));

        LinkedIn.Answers.Enqueue(HttpStatusCode.BadRequest);
        var failed = (await _api.Get($"{Callback}?code=expired&state={await StateAsync()}")).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.Contains("did not accept the authorization code", failed["detail"].GetString());
        Assert.DoesNotContain(LinkedIn.Requests, r => r.Path == "/v2/userinfo");

        LinkedIn.ResponseBodies["/oauth/v2/accessToken"] = "{\"error\": \"invalid_request\"}";
        (await _api.Get($"{Callback}?code=c&state={await StateAsync()}")).ExpectRecruitmentError(HttpStatusCode.BadRequest);

        var cancelled = (await _api.Get($"{Callback}?error=user_cancelled_login&error_description=The+member+declined&state={await StateAsync()}"))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.Contains("user_cancelled_login", cancelled["detail"].GetString());
    }
}
