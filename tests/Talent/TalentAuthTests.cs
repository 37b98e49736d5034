using System.Net;
using CareerNexus.Accounts;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Talent;

/// <summary>Document 004's sign-up and sign-in through HTTP: codes from the real mail, cookies in a real cookie jar, CSRF and Bearer tokens.</summary>
public sealed class TalentAuthTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static IReadOnlyList<string> SetCookies(ApiResponse response) =>
        response.Raw.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];

    private static string SetCookie(ApiResponse response, string name) =>
        SetCookies(response).Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    [Fact]
    public async Task Signup_verify_by_the_emailed_code_then_the_cookies_sign_in_and_logout_needs_the_csrf_token()
    {
        var browser = new TalentBrowser(_app);
        var email = ApiClient.Unique("talent") + "@example.com";
        const string password = "Correct-horse-42";
        var signup = (await browser.Post("/api/auth/signup/", new { email, password, confirm_password = password, newsletter = true }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal("Registration successful! Please verify your email.", signup["detail"].GetString());
        Assert.Null(browser.Cookie("access_token"));

        // Not verified yet: the password alone signs nobody in.
        (await _api.Post("/api/token/", new { email, password })).ExpectTalentError(HttpStatusCode.Unauthorized);
        (await browser.Post("/api/auth/verify-email/", new { email, code = "000000" })).ExpectTalentError(HttpStatusCode.BadRequest);

        var code = await TalentUsers.VerificationCode(email);
        var stored = await _app.Services.GetRequiredService<AccountService>().FindByEmailAsync(email);
        Assert.True(stored is { IsActive: false, EmailVerified: false, Newsletter: true, IsCandidate: true });
        Assert.False(stored.IsEmployerOnTalent());
        var verified = (await browser.Post("/api/auth/verify-email/", new { email, code })).Expect(HttpStatusCode.OK);
        Assert.Equal("Email verified", verified["detail"].GetString());
        var access = SetCookie(verified, "access_token");
        Assert.Contains("httponly", access.ToLowerInvariant());
        Assert.Contains("samesite=lax", access.ToLowerInvariant());
        Assert.Contains("path=/api", access.ToLowerInvariant());
        Assert.DoesNotContain("secure", access.ToLowerInvariant());
        Assert.Contains("path=/api/auth/token/refresh", SetCookie(verified, "refresh_token").ToLowerInvariant());
        Assert.DoesNotContain("httponly", SetCookie(verified, "csrftoken").ToLowerInvariant());
        // The code worked once.
        (await _api.Post("/api/auth/verify-email/", new { email, code })).ExpectTalentError(HttpStatusCode.BadRequest);

        var me = (await browser.Get("/api/auth/users/me/")).Expect(HttpStatusCode.OK);
        Assert.Equal(email, me["email"].GetString());
        Assert.True(me["is_active"].GetBoolean());
        Assert.True(me["is_verified"].GetBoolean());
        Assert.True(me["is_candidate"].GetBoolean());
        Assert.Equal(me["id"].GetInt64(), me["profile"].GetProperty("user").GetInt64());
        Assert.Matches("^[0-9A-Z]{5,}$", me["profile"].GetProperty("referral_code").GetString()!);
        Assert.Equal(0, me["profile"].GetProperty("total_referrals").GetInt64());

        // A state-changing request carried by the cookie needs the CSRF token.
        (await browser.Post("/api/auth/logout/", csrf: false)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await browser.Get("/api/auth/users/me/")).Expect(HttpStatusCode.OK);
        var loggedOut = (await browser.Post("/api/auth/logout/")).Expect(HttpStatusCode.OK);
        Assert.Equal("Logged out", loggedOut["detail"].GetString());
        Assert.Null(browser.Cookie("access_token"));
        (await browser.Get("/api/auth/users/me/")).ExpectTalentError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Cookie_login_on_both_routes_refresh_rotates_and_a_replayed_refresh_cookie_ends_the_sign_in()
    {
        var user = await _app.TalentUser();
        foreach (var (route, message) in new[] { ("/api/auth/token/", "Login success"), ("/api/auth/session/login/", "Login successful") })
        {
            var browser = new TalentBrowser(_app, https: true);
            var login = (await browser.Post(route, new { email = user.Email, password = user.Password })).Expect(HttpStatusCode.OK);
            Assert.Equal(message, login["detail"].GetString());
            Assert.Contains("secure", SetCookie(login, "access_token").ToLowerInvariant());
            (await browser.Get("/api/auth/users/me/")).Expect(HttpStatusCode.OK);

            var firstRefresh = browser.Cookie("refresh_token", "/api/auth/token/refresh/")!;
            Assert.Equal("Token refreshed", (await browser.Post("/api/auth/token/refresh/")).Expect(HttpStatusCode.OK)["detail"].GetString());
            Assert.NotEqual(firstRefresh, browser.Cookie("refresh_token", "/api/auth/token/refresh/"));
            (await browser.Get("/api/auth/users/me/")).Expect(HttpStatusCode.OK);
            // The CSRF token stays bound to the same sign-in across refreshes.
            (await browser.Post("/api/auth/session/logout/")).Expect(HttpStatusCode.OK);
        }

        // A copied refresh cookie coming back ends the whole sign-in.
        var victim = new TalentBrowser(_app);
        (await victim.Post("/api/auth/token/", new { email = user.Email, password = user.Password })).Expect(HttpStatusCode.OK);
        var stolen = victim.Cookie("refresh_token", "/api/auth/token/refresh/")!;
        (await victim.Post("/api/auth/token/refresh/")).Expect(HttpStatusCode.OK);
        var thief = new TalentBrowser(_app);
        thief.Jar.Add(new Uri("http://localhost/"), new Cookie("refresh_token", stolen, "/api/auth/token/refresh"));
        (await thief.Post("/api/auth/token/refresh/")).ExpectTalentError(HttpStatusCode.Unauthorized);
        (await victim.Get("/api/auth/users/me/")).ExpectTalentError(HttpStatusCode.Unauthorized);
        (await new TalentBrowser(_app).Post("/api/auth/token/refresh/")).ExpectTalentError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_csrf_token_of_another_session_or_none_is_refused_and_bearer_requests_need_none()
    {
        var user = await _app.TalentUser();
        var (mine, other) = (new TalentBrowser(_app), new TalentBrowser(_app));
        // A token fetched before signing in protects nothing: signing in binds a fresh one to the new sign-in.
        var anonymous = (await mine.Get("/api/auth/csrf/")).Expect(HttpStatusCode.OK)["csrftoken"].GetString()!;
        Assert.Equal(anonymous, mine.Cookie("csrftoken", "/"));
        foreach (var browser in new[] { mine, other })
            (await browser.Post("/api/auth/token/", new { email = user.Email, password = user.Password })).Expect(HttpStatusCode.OK);
        Assert.NotEqual(anonymous, mine.Cookie("csrftoken", "/"));

        var change = new { current_password = user.Password, new_password = user.Password + "x", confirm_new_password = user.Password + "x" };
        // A cross-site form post carries the cookies but cannot read or send the token.
        (await mine.Send(HttpMethod.Post, "/api/auth/change-password/", change, csrf: false, origin: "https://evil.example"))
            .ExpectTalentError(HttpStatusCode.Forbidden);
        // The other session's token, in the header and in the cookie alike, is not this session's.
        var foreign = other.Cookie("csrftoken", "/")!;
        mine.Jar.Add(new Uri("http://localhost/"), new Cookie("csrftoken", foreign, "/"));
        var refused = (await mine.Post("/api/auth/change-password/", change)).ExpectTalentError(HttpStatusCode.Forbidden);
        Assert.Contains("another session", refused["detail"].GetString());
        // A token from GET /api/auth/csrf/ while signed in is this session's.
        var bound = (await mine.Get("/api/auth/csrf/")).Expect(HttpStatusCode.OK)["csrftoken"].GetString()!;
        Assert.Equal(bound, mine.Cookie("csrftoken", "/"));
        (await mine.Post("/api/auth/change-password/", change)).Expect(HttpStatusCode.OK);

        // Bearer tokens need no CSRF token; the cookie of a Talent sign-in is never read on another surface.
        var bearer = (await _api.Post("/api/token/", new { email = user.Email, password = change.new_password })).Expect(HttpStatusCode.OK);
        (await _api.Post("/api/auth/logout/", null, bearer["access"].GetString())).Expect(HttpStatusCode.OK);
        var signedIn = new TalentBrowser(_app);
        (await signedIn.Post("/api/auth/token/", new { email = user.Email, password = change.new_password })).Expect(HttpStatusCode.OK);
        Assert.NotNull(signedIn.Cookie("access_token", "/api/"));
        var request = new HttpRequestMessage(HttpMethod.Get, "/accounts/api/v1/users/me/");
        request.Headers.Add("Cookie", $"access_token={signedIn.Cookie("access_token", "/api/")}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.Send(request, null)).Status);
    }

    [Fact]
    public async Task Signup_refuses_bad_input_in_the_detail_shape_and_an_address_already_registered()
    {
        var email = ApiClient.Unique("talent") + "@example.com";
        var mismatch = (await _api.Post("/api/auth/signup/", new { email, password = "Correct-horse-42", confirm_password = "Other-horse-42" }))
            .ExpectTalentError(HttpStatusCode.BadRequest);
        Assert.True(mismatch["fields"].TryGetProperty("confirm_password", out _));
        var bad = (await _api.Post("/api/auth/signup/", new { email = "not-an-email", password = "short", confirm_password = "short" }))
            .ExpectTalentError(HttpStatusCode.BadRequest);
        Assert.True(bad["fields"].TryGetProperty("email", out _));
        Assert.True(bad["fields"].TryGetProperty("password", out _));
        (await _api.Post("/api/auth/signup/", new { email, password = 5, confirm_password = true })).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Post("/api/auth/signup/", new { email, password = "Correct-horse-42", confirm_password = "Correct-horse-42", invite_code = "NOPE" }))
            .ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw("/api/auth/signup/", "{")).ExpectTalentError(HttpStatusCode.BadRequest);

        (await _api.Post("/api/auth/signup/", new { email, password = "Correct-horse-42", confirm_password = "Correct-horse-42", is_candidate = false }))
            .Expect(HttpStatusCode.Created);
        (await _api.Post("/api/auth/signup/", new { email, password = "Correct-horse-42", confirm_password = "Correct-horse-42" }))
            .ExpectTalentError(HttpStatusCode.BadRequest);

        // Five wrong tries and the code is dead, the right one included.
        var doomed = ApiClient.Unique("talent") + "@example.com";
        (await _api.Post("/api/auth/signup/", new { email = doomed, password = "Correct-horse-42", confirm_password = "Correct-horse-42" })).Expect(HttpStatusCode.Created);
        var right = await TalentUsers.VerificationCode(doomed);
        var wrongCode = right == "123456" ? "654321" : "123456";
        for (var i = 0; i < 5; i++) (await _api.Post("/api/auth/verify-email/", new { email = doomed, code = wrongCode })).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Post("/api/auth/verify-email/", new { email = doomed, code = right })).ExpectTalentError(HttpStatusCode.BadRequest);

        // A new code replaces the first; resending answers the same for an unknown address.
        var first = await TalentUsers.VerificationCode(email);
        Assert.Equal("Verification email sent", (await _api.Post("/api/auth/resend-verification/", new { email })).Expect(HttpStatusCode.OK)["detail"].GetString());
        (await _api.Post("/api/auth/resend-verification/", new { email = ApiClient.Unique("nobody") + "@example.com" })).Expect(HttpStatusCode.OK);
        var second = await TalentUsers.VerificationCode(email, 2);
        if (first != second) (await _api.Post("/api/auth/verify-email/", new { email, code = first })).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Post("/api/auth/verify-email/", new { email, code = second })).Expect(HttpStatusCode.OK);
        var tokens = (await _api.Post("/api/token/", new { email, password = "Correct-horse-42" })).Expect(HttpStatusCode.OK);
        var me = (await _api.Get("/api/auth/users/me/", tokens["access"].GetString())).Expect(HttpStatusCode.OK);
        Assert.False(me["is_candidate"].GetBoolean());
    }

    [Fact]
    public async Task Bearer_tokens_come_in_the_body_refresh_is_single_use_and_change_password_ends_the_other_sessions()
    {
        var user = await _app.TalentUser();
        (await _api.Post("/api/token/", new { email = user.Email, password = "wrong-password-1" })).ExpectTalentError(HttpStatusCode.Unauthorized);
        (await _api.Post("/api/token/", new { email = user.Email })).ExpectTalentError(HttpStatusCode.BadRequest);
        var pair = (await _api.Post("/api/token/", new { email = user.Email, password = user.Password })).Expect(HttpStatusCode.OK);
        var refreshed = (await _api.Post("/api/token/refresh/", new { refresh = pair["refresh"].GetString() })).Expect(HttpStatusCode.OK);
        Assert.NotEqual(pair["refresh"].GetString(), refreshed["refresh"].GetString());
        (await _api.Get("/api/auth/users/me/", refreshed["access"].GetString())).Expect(HttpStatusCode.OK);
        (await _api.Post("/api/token/refresh/", new { refresh = pair["refresh"].GetString() })).ExpectTalentError(HttpStatusCode.Unauthorized);
        (await _api.Get("/api/auth/users/me/", refreshed["access"].GetString())).ExpectTalentError(HttpStatusCode.Unauthorized);
        (await _api.Post("/api/token/refresh/", new { })).ExpectTalentError(HttpStatusCode.BadRequest);

        var other = (await _api.Post("/api/token/", new { email = user.Email, password = user.Password })).Expect(HttpStatusCode.OK)["access"].GetString();
        var wrong = (await _api.Post("/api/auth/change-password/", new { current_password = "nope-nope-1", new_password = "New-horse-42", confirm_new_password = "New-horse-42" },
            user.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        Assert.True(wrong["fields"].TryGetProperty("current_password", out _));
        (await _api.Post("/api/auth/change-password/", new { current_password = user.Password, new_password = "New-horse-42", confirm_new_password = "Other-horse-42" },
            user.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        var changed = (await _api.Post("/api/auth/change-password/",
            new { current_password = user.Password, new_password = "New-horse-42", confirm_new_password = "New-horse-42" }, user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Password changed successfully.", changed["message"].GetString());
        (await _api.Get("/api/auth/users/me/", user.Access)).Expect(HttpStatusCode.OK);
        (await _api.Get("/api/auth/users/me/", other)).ExpectTalentError(HttpStatusCode.Unauthorized);
        (await _api.Post("/api/token/", new { email = user.Email, password = "New-horse-42" })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Password_reset_answers_the_same_for_unknown_emails_and_its_link_works_once_and_ends_every_session()
    {
        var user = await _app.TalentUser();
        Assert.Equal("OK", (await _api.Post("/api/auth/password_reset/", new { email = ApiClient.Unique("ghost") + "@example.com" })).Expect(HttpStatusCode.OK)["status"].GetString());
        Assert.Equal("OK", (await _api.Post("/api/auth/password_reset/", new { email = user.Email })).Expect(HttpStatusCode.OK)["status"].GetString());
        var mail = (await MailCatcher.WaitForAsync(user.Email)).Single(m => m.Subject.Contains("Reset", StringComparison.Ordinal));
        var token = MailCatcher.LinkParameter(mail, "token");

        (await _api.Post("/api/auth/password_reset/confirm/", new { token, password = "short" })).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Post("/api/auth/password_reset/confirm/", new { token = "nope", password = "Reset-horse-42" })).ExpectTalentError(HttpStatusCode.BadRequest);
        Assert.Equal("OK", (await _api.Post("/api/auth/password_reset/confirm/", new { token, password = "Reset-horse-42" })).Expect(HttpStatusCode.OK)["status"].GetString());
        (await _api.Post("/api/auth/password_reset/confirm/", new { token, password = "Again-horse-42" })).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Get("/api/auth/users/me/", user.Access)).ExpectTalentError(HttpStatusCode.Unauthorized);
        (await _api.Post("/api/token/", new { email = user.Email, password = "Reset-horse-42" })).Expect(HttpStatusCode.OK);
    }
}
