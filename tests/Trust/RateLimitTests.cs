using System.Net;
using System.Text.Json;
using CareerNexus.Tests.Nexus;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Trust;

/// <summary>The limits on credential checks and mail-sending routes: 429 with Retry-After in each surface's dialect.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Failed_sign_ins_are_limited_per_account_across_two_instances_and_a_right_password_does_not_count()
    {
        var database = "tests-limits-" + Guid.NewGuid().ToString("N")[..8];
        using var first = new TestApp(database);
        using var second = new TestApp(database);
        var a = first.Api();
        var b = second.Api();
        var user = await a.Register();
        // Right passwords are taken back off the count: a person signing in often never meets the limit.
        for (var i = 0; i < 12; i++) (await b.Post("/careers/users/login/", new { username = user.Username, password = user.Password })).Expect(HttpStatusCode.OK);

        for (var i = 0; i < 5; i++)
        {
            (await a.Post("/careers/users/login/", new { username = user.Username, password = "wrong-" + i })).ExpectCareersError(HttpStatusCode.Unauthorized);
            (await b.Post("/user/signin", new { email = user.Email, password = "wrong-" + i })).ExpectNexusError(HttpStatusCode.Unauthorized);
        }
        // Ten failures over both instances and both surfaces: now even the right password waits.
        var careers = (await a.Post("/careers/users/login/", new { username = user.Username, password = user.Password })).ExpectCareersError(HttpStatusCode.TooManyRequests);
        Assert.InRange(careers.ExpectRetryAfter(15 * 60), 1, 15 * 60);
        (await b.Post("/user/signin", new { email = user.Email, password = user.Password })).ExpectNexusError(HttpStatusCode.TooManyRequests).ExpectRetryAfter(15 * 60);
        // Tokens already issued are not affected, and other accounts sign in as usual.
        (await a.Get("/careers/users/me/", user.Access)).Expect(HttpStatusCode.OK);
        var other = await b.Register();
        (await a.Post("/careers/users/login/", new { username = other.Username, password = other.Password })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_login_meets_the_same_limit_as_a_known_one()
    {
        using var app = new TestApp();
        var api = app.Api();
        var ghost = ApiClient.Unique("ghost") + "@example.com";
        for (var i = 0; i < 10; i++) (await api.Post("/user/signin", new { email = ghost, password = "whatever-1" })).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await api.Post("/user/signin", new { email = ghost, password = "whatever-1" })).ExpectNexusError(HttpStatusCode.TooManyRequests).ExpectRetryAfter(15 * 60);
    }

    [Fact]
    public async Task Registrations_for_one_address_are_limited()
    {
        using var app = new TestApp();
        var api = app.Api();
        var email = ApiClient.Unique("reg") + "@example.com";
        object Body(int i) => new { username = ApiClient.Unique("r"), email, password = "Reg-pass-2026", password_confirm = "Reg-pass-2026" };
        (await api.Post("/careers/users/register/", Body(0))).Expect(HttpStatusCode.Created);
        for (var i = 1; i < 10; i++) (await api.Post("/careers/users/register/", Body(i))).ExpectCareersError(HttpStatusCode.Conflict);
        (await api.Post("/careers/users/register/", Body(10))).ExpectCareersError(HttpStatusCode.TooManyRequests).ExpectRetryAfter(3600);
    }

    [Fact]
    public async Task Signup_codes_checked_with_their_address_are_limited_per_address()
    {
        using var app = new TestApp();
        var api = app.Api();
        var email = AccountsFlow.NewEmail("codes");
        var body = new { email, password1 = AccountsFlow.Password, password2 = AccountsFlow.Password };
        // Each signup replaces the code (five tries each), but the address has ten checks in a quarter of an hour.
        for (var round = 0; round < 2; round++)
        {
            (await api.Post("/user/signup/", body)).Expect(HttpStatusCode.Created);
            for (var i = 0; i < 5; i++)
                (await api.Post("/user/signup/", new { email, otp = "99999" + i })).ExpectNexusError(HttpStatusCode.BadRequest);
        }
        (await api.Post("/user/signup/", body)).Expect(HttpStatusCode.Created);
        var code = MailCatcher.Code(await AccountsFlow.MailAsync(email, 3));
        (await api.Post("/user/signup/", new { email, otp = code })).ExpectNexusError(HttpStatusCode.TooManyRequests).ExpectRetryAfter(15 * 60);
    }

    [Fact]
    public async Task Each_client_address_has_a_budget_of_credential_requests_per_minute_answered_in_each_dialect()
    {
        using var app = new TestApp(settings: new Dictionary<string, string?> { ["CareerNexus:CredentialRequestsPerIpPerMinute"] = "3" });
        const string client = "203.0.113.20";
        for (var i = 0; i < 3; i++)
            Assert.Equal(401, (await app.SendFrom(client, "POST", "/user/signin", new { email = $"nobody{i}@example.com", password = "x-password-1" })).Status);
        var nexus = await app.SendFrom(client, "POST", "/user/signin", new { email = "nobody@example.com", password = "x-password-1" });
        AssertTooMany(nexus, ["error"]);
        var careers = await app.SendFrom(client, "POST", "/careers/users/login/", new { username = "nobody", password = "x-password-1" });
        AssertTooMany(careers, ["details", "error"]);
        AssertTooMany(await app.SendFrom(client, "POST", "/user/forget-password/", new { email = "nobody@example.com" }), ["error"]);
        // Another client is not held up, and routes that check no credential are not limited.
        Assert.Equal(401, (await app.SendFrom("203.0.113.21", "POST", "/user/signin", new { email = "nobody@example.com", password = "x-password-1" })).Status);
        Assert.Equal(200, (await app.SendFrom(client, "GET", "/info/choice-data/")).Status);
    }

    private static void AssertTooMany((int Status, JsonElement Body, Microsoft.AspNetCore.Http.IHeaderDictionary Headers) answer, string[] fields)
    {
        Assert.Equal(429, answer.Status);
        Assert.InRange(int.Parse(answer.Headers.RetryAfter.ToString()), 1, 60);
        Assert.Equal(fields, answer.Body.EnumerateObject().Select(p => p.Name).Order().ToArray());
    }

    [Fact]
    public async Task A_sign_out_holds_at_once_on_its_instance_and_within_the_cache_bound_on_another()
    {
        var database = "tests-revoke-" + Guid.NewGuid().ToString("N")[..8];
        using var first = new TestApp(database);
        using var second = new TestApp(database, settings: new Dictionary<string, string?> { ["CareerNexus:Tokens:SessionCacheSeconds"] = "2" });
        var a = first.Api();
        var b = second.Api();
        var user = await a.Register();
        (await a.Get("/careers/users/me/", user.Access)).Expect(HttpStatusCode.OK);
        (await b.Get("/careers/users/me/", user.Access)).Expect(HttpStatusCode.OK);
        (await a.Post("/careers/users/logout/", new { refresh = user.Refresh }, user.Access)).Expect(HttpStatusCode.OK);
        (await a.Get("/careers/users/me/", user.Access)).ExpectCareersError(HttpStatusCode.Unauthorized);
        // The bound counts from the other instance's last read, which came before the sign-out. Under a loaded server
        // a request may be slow or fail, so what is checked is the rule itself: no request that starts after the
        // bound is let in, and the refusal comes.
        var bound = DateTime.UtcNow + TimeSpan.FromSeconds(2);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        var seen = new List<string>();
        while (true)
        {
            var sent = DateTime.UtcNow;
            var status = (await b.Get("/careers/users/me/", user.Access)).Status;
            if (status == HttpStatusCode.Unauthorized) break;
            seen.Add($"{(int)status} at {(sent - bound).TotalMilliseconds:+0;-0} ms");
            Assert.False(status == HttpStatusCode.OK && sent > bound, "the other instance let the signed-out token in past the bound: " + string.Join(", ", seen));
            Assert.True(DateTime.UtcNow < deadline, "the other instance never refused the signed-out token: " + string.Join(", ", seen));
            await Task.Delay(50);
        }
    }
}
