using System.Net;
using System.Text.Json;
using CareerNexus.Email;
using CareerNexus.Storage;
using CareerNexus.Tests.Nexus;
using CareerNexus.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Azure.Cosmos;
using Xunit;

namespace CareerNexus.Tests.Trust;

/// <summary>The holes of the trust-model review, each tried as the attacker did.</summary>
public sealed class TrustModelTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const string Reset = "/user/forget-password/";
    private readonly TestApp _app = fixture.App;

    /// <summary>A client with its own cookie jar: another browser, another person.</summary>
    private ApiClient Browser(bool https = false) =>
        new(_app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(https ? "https://localhost" : "http://localhost") }));

    [Fact]
    public async Task Only_whoever_verified_the_code_can_change_the_password()
    {
        var owner = Browser();
        var attacker = Browser();
        var user = await owner.Register();
        (await owner.Post(Reset, new { email = user.Email })).Expect(HttpStatusCode.OK);
        var mail = await AccountsFlow.MailAsync(user.Email);
        var verified = (await owner.Post(Reset, new { otp = MailCatcher.Code(mail) })).Expect(HttpStatusCode.OK);
        Assert.Equal("Verified", verified["status"].GetString());
        var grant = verified["reset_token"].GetString()!;
        Assert.True(grant.Length >= 32);

        // Knowing the email during the owner's window is no longer enough (before: 200, and the account was taken).
        (await attacker.Post(Reset, new { email = user.Email, password1 = "Taken-over-pass-1", password2 = "Taken-over-pass-1" }))
            .ExpectNexusError(HttpStatusCode.BadRequest);
        (await attacker.Post(Reset, new { email = user.Email, password1 = "Taken-over-pass-1", password2 = "Taken-over-pass-1", reset_token = (grant[0] == 'A' ? "B" : "A") + grant[1..] }))
            .ExpectNexusError(HttpStatusCode.BadRequest);
        // A grant is bound to the email it was issued for: the attacker's own grant does not open the owner's account.
        var mine = await attacker.Register();
        (await attacker.Post(Reset, new { email = mine.Email })).Expect(HttpStatusCode.OK);
        var myGrant = (await attacker.Post(Reset, new { otp = MailCatcher.Code(await AccountsFlow.MailAsync(mine.Email)) })).Expect(HttpStatusCode.OK);
        (await attacker.Post(Reset, new { email = user.Email, password1 = "Taken-over-pass-1", password2 = "Taken-over-pass-1", reset_token = myGrant["reset_token"].GetString() }))
            .ExpectNexusError(HttpStatusCode.BadRequest);
        (await owner.Post("/careers/users/login/", new { username = user.Username, password = user.Password })).Expect(HttpStatusCode.OK);

        // The owner's browser brings the grant back as its cookie, once.
        (await owner.Post(Reset, new { email = user.Email, password1 = "Owner-new-pass-1", password2 = "Owner-new-pass-1" })).Expect(HttpStatusCode.OK);
        (await owner.Post("/careers/users/login/", new { username = user.Username, password = "Owner-new-pass-1" })).Expect(HttpStatusCode.OK);
        (await Browser().Post(Reset, new { email = user.Email, password1 = "Again-pass-1", password2 = "Again-pass-1", reset_token = grant }))
            .ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_grant_cookie_is_HttpOnly_SameSite_Strict_scoped_to_the_route_and_Secure_over_https()
    {
        foreach (var https in new[] { false, true })
        {
            var client = Browser(https);
            var user = await client.Register();
            (await client.Post(Reset, new { email = user.Email })).Expect(HttpStatusCode.OK);
            var verified = (await client.Post(Reset, new { otp = MailCatcher.Code(await AccountsFlow.MailAsync(user.Email)) })).Expect(HttpStatusCode.OK);
            var cookie = verified.Raw.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("reset_token=", StringComparison.Ordinal));
            Assert.Contains("reset_token=" + verified["reset_token"].GetString(), cookie);
            Assert.Contains("httponly", cookie.ToLowerInvariant());
            Assert.Contains("samesite=strict", cookie.ToLowerInvariant());
            Assert.Contains("path=/user/forget-password", cookie.ToLowerInvariant());
            Assert.Equal(https, cookie.ToLowerInvariant().Contains("secure"));
            // A client that keeps no cookies sends the grant in the body.
            (await new ApiClient(_app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false })).Post(Reset, new
            {
                email = user.Email, password1 = "Body-grant-pass-1", password2 = "Body-grant-pass-1", reset_token = verified["reset_token"].GetString(),
            })).Expect(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Fifty_parallel_wrong_lone_codes_check_no_more_than_the_limit()
    {
        using var moved = new MovedClockApp();
        moved.Clock.StartNextMinute();
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => moved.Api.Post(Reset, new { otp = (100000 + i * 7919).ToString() })));
        // Before: every guess was read against the count before any was added, so all 50 were checked.
        Assert.InRange(answers.Count(a => a.Status == HttpStatusCode.BadRequest), 1, 10);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.BadRequest), a => a.ExpectRetryAfter(60));
    }

    [Fact]
    public async Task Fifty_parallel_wrong_codes_for_one_email_check_no_more_than_its_five_tries()
    {
        using var moved = new MovedClockApp();
        var user = await moved.Api.Register();
        (await moved.Api.Post(Reset, new { email = user.Email })).Expect(HttpStatusCode.OK);
        var code = MailCatcher.Code(await AccountsFlow.MailAsync(user.Email));
        var wrong = code == "000001" ? "000002" : "000001";
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => moved.Api.Post(Reset, new { email = user.Email, otp = wrong })));
        // At most ten checks of the address get past its limit (the rest are 429), and of those at most five reach
        // the code: the sixth try, whichever it is, kills it.
        Assert.InRange(answers.Count(a => a.Status == HttpStatusCode.BadRequest), 1, 10);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.BadRequest), a => a.ExpectRetryAfter(15 * 60));
        // The code is dead after its tries, whatever the order they arrived in.
        moved.Clock.Offset = TimeSpan.FromMinutes(16);
        (await moved.Api.Post(Reset, new { email = user.Email, otp = code })).ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Registering_a_listed_admin_address_gives_no_role_until_the_address_is_verified_and_an_email_change_takes_it_away()
    {
        var boss = AccountsFlow.NewEmail("boss");
        using var app = new TestApp(settings: new Dictionary<string, string?> { ["CareerNexus:AdminEmails"] = "someone@example.com, " + boss });
        var api = app.Api();
        var permit = new { country = "Tuvalu", status = "disable" };

        // Careers registration sends no mail: before, this was an admin.
        var registered = (await api.Post("/careers/users/register/", new
        {
            username = ApiClient.Unique("boss"), email = boss, password = "Boss-pass-2026", password_confirm = "Boss-pass-2026",
        })).Expect(HttpStatusCode.Created);
        var access = registered["access"].GetString()!;
        (await api.Put("/info/country-permit/", permit, access)).ExpectNexusError(HttpStatusCode.Forbidden);
        Assert.False(await EmailVerified(app, registered["user"].GetProperty("id").GetInt64()));

        // A reset code delivered to the address proves it: the role counts from the next request, same token.
        (await api.Post(Reset, new { email = boss })).Expect(HttpStatusCode.OK);
        (await api.Post(Reset, new { otp = MailCatcher.Code(await AccountsFlow.MailAsync(boss)) })).Expect(HttpStatusCode.OK);
        (await api.Post(Reset, new { email = boss, password1 = "Boss-pass-2027", password2 = "Boss-pass-2027" })).Expect(HttpStatusCode.OK);
        var signin = (await api.Post("/user/signin", new { email = boss, password = "Boss-pass-2027" })).Expect(HttpStatusCode.OK);
        access = signin["access"].GetString()!;
        (await api.Put("/info/country-permit/", permit, access)).Expect(HttpStatusCode.OK);

        // A new address is unverified: the role goes at the next request, and the old address hears of the change.
        var moved = AccountsFlow.NewEmail("moved");
        (await api.Patch("/careers/users/me/update/", new { email = moved }, access)).Expect(HttpStatusCode.OK);
        (await api.Put("/info/country-permit/", new { country = "Tuvalu", status = "enable" }, access)).ExpectNexusError(HttpStatusCode.Forbidden);
        var notice = await AccountsFlow.MailAsync(boss, 2);
        Assert.Contains("changed", notice.Subject);
        Assert.DoesNotContain(moved, notice.Text);
    }

    [Fact]
    public async Task The_operator_route_grants_and_removes_the_role_of_verified_addresses_to_loopback_callers_only()
    {
        var api = _app.Api();
        var member = await AccountsFlow.SignUpAsync(api);
        var careers = await api.Register();
        var permit = new { country = "Nauru", status = "enable" };
        (await api.Put("/info/country-permit/", permit, member.Access)).ExpectNexusError(HttpStatusCode.Forbidden);

        Assert.Equal(404, (await Operator("/_ops/admins", new { email = member.Email }, "203.0.113.7")).Status);
        Assert.Equal(404, (await Operator("/_ops/admins", new { email = member.Email }, "127.0.0.1", forwarded: true)).Status);
        (await api.Put("/info/country-permit/", permit, member.Access)).ExpectNexusError(HttpStatusCode.Forbidden);
        // An unverified address is refused.
        var unverified = await Operator("/_ops/admins", new { email = careers.Email }, "127.0.0.1");
        Assert.True(unverified.Status == 409, unverified.Body.ToString());

        var granted = await Operator("/_ops/admins", new { email = member.Email }, "127.0.0.1");
        Assert.Equal(200, granted.Status);
        Assert.True(granted.Body.GetProperty("is_admin").GetBoolean());
        (await api.Put("/info/country-permit/", permit, member.Access)).Expect(HttpStatusCode.OK);
        var removed = await Operator("/_ops/admins", new { email = member.Email, admin = false }, "::1");
        Assert.True(removed.Status == 200, removed.Body.ToString());
        (await api.Put("/info/country-permit/", permit, member.Access)).ExpectNexusError(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Outbox_emails_expire_and_keep_their_code_only_until_sent()
    {
        var api = _app.Api();
        var email = AccountsFlow.NewEmail("outbox");
        (await api.Post("/user/signup/", new { email, password1 = AccountsFlow.Password, password2 = AccountsFlow.Password })).Expect(HttpStatusCode.Created);
        await AccountsFlow.MailAsync(email);
        await Eventually.True(async () => (await Outbox(email)).All(o => o.State == OutboxEmail.Sent), "the outbox email is marked sent");
        var stored = Assert.Single(await Outbox(email));
        Assert.Null(stored.Text);
        Assert.Null(stored.Html);
        Assert.InRange(stored.Ttl, 60, 24 * 60 * 60);
    }

    private async Task<List<OutboxEmail>> Outbox(string to) =>
        await _app.Store.QueryListAsync<OutboxEmail>(Containers.Outbox,
            new QueryDefinition("SELECT * FROM c WHERE c.to = @to").WithParameter("@to", to));

    private static async Task<bool> EmailVerified(TestApp app, long userId)
    {
        var id = userId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var account = await app.Store.ReadAsync<CareerNexus.Accounts.Account>(Containers.Accounts, id, id);
        return account!.Document.EmailVerified;
    }

    private async Task<(int Status, JsonElement Body)> Operator(string path, object body, string remoteAddress, bool forwarded = false)
    {
        var (status, json, _) = await _app.SendFrom(remoteAddress, "POST", path, body,
            forwarded ? new Dictionary<string, string> { ["X-Forwarded-For"] = "198.51.100.4" } : null);
        return (status, json);
    }
}
