using System.Net;
using System.Text.RegularExpressions;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Nexus;

/// <summary>The budget of verification mails, codes checked per account, and sessions ended by a reset.</summary>
public sealed class AccountsHardeningTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly ApiClient _api = fixture.App.Api();

    private const string Route = "/user/forget-password/";

    [Fact]
    public async Task A_repeated_signup_sends_a_fresh_code_that_replaces_the_earlier_one_until_the_hourly_budget_is_spent()
    {
        using var moved = new MovedClockApp();
        var email = AccountsFlow.NewEmail();
        var body = new { email, password1 = AccountsFlow.Password, password2 = AccountsFlow.Password };
        (await moved.Api.Post("/user/signup/", body)).Expect(HttpStatusCode.Created);
        var first = await AccountsFlow.MailAsync(email);

        // At once, as document 002 says: the earlier code is discarded and a new one sent.
        (await moved.Api.Post("/user/signup/", new { email = email.ToUpperInvariant(), body.password1, body.password2 })).Expect(HttpStatusCode.Created);
        var second = await AccountsFlow.MailAsync(email, 2);
        Assert.NotEqual(MailCatcher.LinkParameter(first, "hash"), MailCatcher.LinkParameter(second, "hash"));
        (await moved.Api.Post("/user/hash/verify/", new { hash = MailCatcher.LinkParameter(first, "hash") })).ExpectNexusError(HttpStatusCode.BadRequest);

        for (var i = 3; i <= 5; i++) (await moved.Api.Post("/user/signup/", body)).Expect(HttpStatusCode.Created);
        var refused = (await moved.Api.Post("/user/signup/", body)).ExpectNexusError(HttpStatusCode.TooManyRequests);
        refused.ExpectRetryAfter(3600);
        await AccountsFlow.MailAsync(email, 5);
        await Task.Delay(500);
        Assert.Equal(5, (await MailCatcher.ListAsync(email)).Count);

        // The next hour has a budget again, and its code completes the signup.
        moved.Clock.Offset = TimeSpan.FromHours(1);
        (await moved.Api.Post("/user/signup/", body)).Expect(HttpStatusCode.Created);
        var last = await AccountsFlow.MailAsync(email, 6);
        (await moved.Api.Post("/user/signup/", new { email, otp = MailCatcher.Code(last) })).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Reset_mails_have_the_same_hourly_budget_for_known_and_unknown_emails()
    {
        using var moved = new MovedClockApp();
        var user = await moved.Api.Register();
        var unknown = AccountsFlow.NewEmail("ghost");
        // Each mail is awaited before the next request: the queue delivers mails in any order, and the test needs to
        // know which code is the newest.
        var codes = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            (await moved.Api.Post(Route, new { email = user.Email })).Expect(HttpStatusCode.OK);
            (await moved.Api.Post(Route, new { email = unknown })).Expect(HttpStatusCode.OK);
            var caught = (await MailCatcher.WaitForAsync(user.Email, i)).Select(MailCatcher.Code);
            codes.Add(caught.Except(codes).Single());
        }
        var known = (await moved.Api.Post(Route, new { email = user.Email })).ExpectNexusError(HttpStatusCode.TooManyRequests);
        var ghost = (await moved.Api.Post(Route, new { email = unknown })).ExpectNexusError(HttpStatusCode.TooManyRequests);
        Assert.Equal(known.Body.ToString(), ghost.Body.ToString());
        Assert.Equal(known.ExpectRetryAfter(3600), ghost.ExpectRetryAfter(3600));
        await Task.Delay(500);
        Assert.Equal(5, (await MailCatcher.ListAsync(user.Email)).Count);
        Assert.Empty(await MailCatcher.ListAsync(unknown));
        // Only the newest code lives.
        (await moved.Api.Post(Route, new { email = user.Email, otp = codes[0] })).ExpectNexusError(HttpStatusCode.BadRequest);
        (await moved.Api.Post(Route, new { email = user.Email, otp = codes[4] })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_code_with_its_email_allows_five_tries_for_that_account_only()
    {
        // An app of its own, within one minute: wrong codes sent with an email must not use up the platform-wide bound.
        using var moved = new MovedClockApp();
        moved.Clock.StartNextMinute();
        var users = new[] { await moved.Api.Register(), await moved.Api.Register(), await moved.Api.Register() };
        var codes = new List<string>();
        foreach (var u in users)
        {
            (await moved.Api.Post(Route, new { email = u.Email })).Expect(HttpStatusCode.OK);
            codes.Add(MailCatcher.Code(await AccountsFlow.MailAsync(u.Email)));
        }
        var mailA = await AccountsFlow.MailAsync(users[0].Email);

        // Another account's live code is wrong for this one, and an unknown email gets the same answer.
        var wrongForA = codes[2] != codes[0] ? codes[2] : "000000";
        var invalid = (await moved.Api.Post(Route, new { email = users[0].Email, otp = wrongForA })).ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Equal(invalid.Body.ToString(),
            (await moved.Api.Post(Route, new { email = AccountsFlow.NewEmail("ghost"), otp = codes[0] })).ExpectNexusError(HttpStatusCode.BadRequest).Body.ToString());
        for (var i = 0; i < 4; i++)
            (await moved.Api.Post(Route, new { email = users[0].Email, otp = codes[0] == "111111" ? "222222" : "111111" }))
                .ExpectNexusError(HttpStatusCode.BadRequest);
        var refused = (await moved.Api.Post(Route, new { email = users[0].Email, otp = codes[0] })).ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Contains("Too many", refused["error"].GetString());
        // The dead code's link went with it.
        (await moved.Api.Post(Route, new { hash = MailCatcher.LinkParameter(mailA, "hash") })).ExpectNexusError(HttpStatusCode.BadRequest);

        // Five wrong codes for B too: ten wrong in the minute, yet a lone code still works, and B's right code with its email.
        for (var i = 0; i < 5; i++)
            (await moved.Api.Post(Route, new { email = users[1].Email, otp = codes[1] == "333333" ? "444444" : "333333" }))
                .ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Equal("Verified", (await moved.Api.Post(Route, new { otp = codes[2] })).Expect(HttpStatusCode.OK)["status"].GetString());

        moved.Clock.Offset += TimeSpan.FromSeconds(61);
        (await moved.Api.Post(Route, new { email = users[1].Email })).Expect(HttpStatusCode.OK);
        var codeB = MailCatcher.Code(await AccountsFlow.MailAsync(users[1].Email, 2));
        var verified = (await moved.Api.Post(Route, new { email = users[1].Email.ToUpperInvariant(), otp = codeB })).Expect(HttpStatusCode.OK);
        Assert.Equal("Verified", verified["status"].GetString());
        (await moved.Api.Post(Route, new { otp = codeB })).ExpectNexusError(HttpStatusCode.BadRequest);
        (await moved.Api.Post(Route, new { email = users[1].Email, password1 = "Per-account-pass-1", password2 = "Per-account-pass-1" }))
            .Expect(HttpStatusCode.OK);
        (await moved.Api.Post("/user/signin", new { email = users[1].Email, password = "Per-account-pass-1" })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_password_reset_ends_every_earlier_session_of_that_account_only()
    {
        var user = await AccountsFlow.SignUpAsync(_api);
        var signin = (await _api.Post("/user/signin", new { email = user.Email, password = user.Password })).Expect(HttpStatusCode.OK);
        var careers = await _api.Register();
        var bystander = await _api.Register();
        var earlier = new[]
        {
            (Access: user.Access, Refresh: user.Refresh),
            (Access: signin["access"].GetString()!, Refresh: signin["refresh"].GetString()!),
        };

        // The Nexus account's mailbox already holds its signup mail.
        foreach (var (email, password, mails) in new[] { (user.Email, "After-reset-pass-1", 2), (careers.Email, "After-reset-pass-2", 1) })
        {
            (await _api.Post(Route, new { email })).Expect(HttpStatusCode.OK);
            var mail = await AccountsFlow.MailAsync(email, mails);
            (await _api.Post(Route, new { otp = MailCatcher.Code(mail) })).Expect(HttpStatusCode.OK);
            (await _api.Post(Route, new { email, password1 = password, password2 = password })).Expect(HttpStatusCode.OK);
        }

        foreach (var (access, refresh) in earlier)
        {
            (await _api.Get("/user/retrieve-profile/", access)).ExpectNexusError(HttpStatusCode.Unauthorized);
            (await _api.Post("/user/signout/", new { refresh }, access)).ExpectNexusError(HttpStatusCode.Unauthorized);
            (await _api.Post("/careers/users/token/refresh/", new { refresh })).Expect(HttpStatusCode.Unauthorized);
        }
        (await _api.Get("/careers/users/me/", careers.Access)).Expect(HttpStatusCode.Unauthorized);
        (await _api.Post("/careers/users/token/refresh/", new { refresh = careers.Refresh })).Expect(HttpStatusCode.Unauthorized);

        // Other accounts keep their sessions; new sign-ins work at once, and so do their refreshes.
        (await _api.Get("/careers/users/me/", bystander.Access)).Expect(HttpStatusCode.OK);
        (await _api.Post("/careers/users/token/refresh/", new { refresh = bystander.Refresh })).Expect(HttpStatusCode.OK);
        var fresh = (await _api.Post("/user/signin", new { email = user.Email, password = "After-reset-pass-1" })).Expect(HttpStatusCode.OK);
        (await _api.Get("/user/retrieve-profile/", fresh["access"].GetString())).Expect(HttpStatusCode.OK);
        var refreshed = (await _api.Post("/careers/users/token/refresh/", new { refresh = fresh["refresh"].GetString() })).Expect(HttpStatusCode.OK);
        (await _api.Get("/careers/users/me/", refreshed["access"].GetString())).Expect(HttpStatusCode.OK);
        var login = (await _api.Post("/careers/users/login/", new { username = careers.Username, password = "After-reset-pass-2" })).Expect(HttpStatusCode.OK);
        (await _api.Get("/careers/users/me/", login["access"].GetString())).Expect(HttpStatusCode.OK);
    }
}
