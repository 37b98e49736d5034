using System.Net;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Nexus;

public sealed class AccountsResetTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly ApiClient _api = fixture.App.Api();

    private const string Route = "/user/forget-password/";

    private static async Task<CaughtMail> RequestAsync(ApiClient api, string email, int mailNumber = 1)
    {
        var r = (await api.Post(Route, new { email })).Expect(HttpStatusCode.OK);
        Assert.Equal("OTP sent", r["status"].GetString());
        return await AccountsFlow.MailAsync(email, mailNumber);
    }

    private static async Task ChangeAsync(ApiClient api, string email, string password)
    {
        var r = (await api.Post(Route, new { email, password1 = password, password2 = password })).Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { "email", "status" }, r.Body.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("Password Changes", r["status"].GetString());
        Assert.Equal(email, r["email"].GetString(), ignoreCase: true);
    }

    [Fact]
    public async Task Email_then_code_then_passwords_changes_the_password_once()
    {
        var user = await AccountsFlow.SignUpAsync(_api);
        var mail = await RequestAsync(_api, user.Email, 2);
        Assert.Contains("Reset", mail.Subject);
        Assert.Matches(@"http://127\.0\.0\.1:7071/user/forget-password/\?hash=[0-9a-f]{64}", mail.Text);

        var verified = (await _api.Post(Route, new { otp = MailCatcher.Code(mail) })).Expect(HttpStatusCode.OK);
        Assert.Equal("Verified", verified["status"].GetString());
        await ChangeAsync(_api, user.Email, "Brand-new-pass-1");

        (await _api.Post("/user/signin", new { email = user.Email, password = "Brand-new-pass-1" })).Expect(HttpStatusCode.OK);
        (await _api.Post("/user/signin", new { email = user.Email, password = user.Password })).ExpectNexusError(HttpStatusCode.Unauthorized);

        // One verification, one change: the next change needs the whole flow again.
        (await _api.Post(Route, new { email = user.Email, password1 = "Another-pass-2", password2 = "Another-pass-2" }))
            .ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post(Route, new { otp = MailCatcher.Code(mail) })).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post(Route, new { hash = MailCatcher.LinkParameter(mail, "hash") })).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/user/signin", new { email = user.Email, password = "Another-pass-2" })).ExpectNexusError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_link_alone_verifies_and_a_careers_account_can_reset_too()
    {
        var user = await _api.Register();
        var mail = await RequestAsync(_api, user.Email);
        var hash = MailCatcher.LinkParameter(mail, "hash");
        Assert.Equal("Verified", (await _api.Post(Route, new { hash })).Expect(HttpStatusCode.OK)["status"].GetString());
        (await _api.Post(Route, new { hash })).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post(Route, new { otp = MailCatcher.Code(mail) })).ExpectNexusError(HttpStatusCode.BadRequest);
        await ChangeAsync(_api, user.Email, "Reset-by-link-1");
        (await _api.Post("/careers/users/login/", new { username = user.Username, password = "Reset-by-link-1" })).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_new_request_discards_the_earlier_code_and_link()
    {
        // An app of its own, to move past the wait between two mails to one address.
        using var moved = new MovedClockApp();
        var api = moved.Api;
        var user = await api.Register();
        var first = await RequestAsync(api, user.Email);
        moved.Clock.Offset = TimeSpan.FromSeconds(61);
        var second = await RequestAsync(api, user.Email, 2);
        (await api.Post(Route, new { hash = MailCatcher.LinkParameter(first, "hash") })).ExpectNexusError(HttpStatusCode.BadRequest);
        (await api.Post(Route, new { otp = MailCatcher.Code(first) })).ExpectNexusError(HttpStatusCode.BadRequest);
        (await api.Post(Route, new { otp = MailCatcher.Code(second) })).Expect(HttpStatusCode.OK);
        await ChangeAsync(api, user.Email, "Second-try-pass-1");
    }

    [Fact]
    public async Task A_change_without_verification_is_refused_and_a_refused_change_keeps_the_eligibility()
    {
        var user = await _api.Register();
        (await _api.Post(Route, new { email = user.Email, password1 = "Sneaky-pass-1", password2 = "Sneaky-pass-1" }))
            .ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/user/signin", new { email = user.Email, password = user.Password })).Expect(HttpStatusCode.OK);

        var mail = await RequestAsync(_api, user.Email);
        (await _api.Post(Route, new { otp = MailCatcher.Code(mail) })).Expect(HttpStatusCode.OK);
        (await _api.Post(Route, new { email = user.Email, password1 = "Mismatch-pass-1", password2 = "Mismatch-pass-2" }))
            .ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post(Route, new { email = user.Email, password1 = "short", password2 = "short" })).ExpectNexusError(HttpStatusCode.BadRequest);
        await ChangeAsync(_api, user.Email, "Finally-right-1");
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_no_mail()
    {
        var unknown = AccountsFlow.NewEmail("ghost");
        var r = (await _api.Post(Route, new { email = unknown })).Expect(HttpStatusCode.OK);
        Assert.Equal("OTP sent", r["status"].GetString());
        // Mail for a real account requested afterwards arrives; by then the unknown one would have too.
        var user = await _api.Register();
        await RequestAsync(_api, user.Email);
        await Task.Delay(500);
        Assert.Empty(await MailCatcher.ListAsync(unknown));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"email\": \"x@example.com\", \"otp\": \"123456\"}")]
    [InlineData("{\"otp\": \"123456\", \"hash\": \"abc\"}")]
    [InlineData("{\"email\": \"x@example.com\", \"password1\": \"Str0ng-pass-1\"}")]
    [InlineData("{\"password1\": \"Str0ng-pass-1\", \"password2\": \"Str0ng-pass-1\"}")]
    [InlineData("{\"email\": \"x@example.com\", \"password1\": \"Str0ng-pass-1\", \"password2\": \"Str0ng-pass-1\", \"otp\": \"123456\"}")]
    [InlineData("{\"otp\": \"12345\"}")]
    [InlineData("{\"email\": \"x@example.com\", \"otp\": \"12345\"}")]
    [InlineData("{\"email\": \"not-an-email\", \"otp\": \"123456\"}")]
    [InlineData("{\"email\": \"x@example.com\", \"otp\": \"123456\", \"hash\": \"abc\"}")]
    [InlineData("{\"otp\": \"abcdef\"}")]
    [InlineData("{\"hash\": \"nope\"}")]
    [InlineData("{\"email\": \"not-an-email\"}")]
    [InlineData("{\"email\": [\"x@example.com\"]}")]
    [InlineData("{\"email\": ")]
    [InlineData("")]
    public async Task Anything_else_is_400(string body)
    {
        (await _api.PostRaw(Route, body)).ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Codes_and_eligibility_expire_after_ten_minutes()
    {
        using var moved = new MovedClockApp();
        var user = await moved.Api.Register();

        var mail = await RequestAsync(moved.Api, user.Email);
        moved.Clock.Offset = TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1);
        (await moved.Api.Post(Route, new { otp = MailCatcher.Code(mail) })).ExpectNexusError(HttpStatusCode.BadRequest);
        (await moved.Api.Post(Route, new { hash = MailCatcher.LinkParameter(mail, "hash") })).ExpectNexusError(HttpStatusCode.BadRequest);

        mail = await RequestAsync(moved.Api, user.Email, 2);
        (await moved.Api.Post(Route, new { otp = MailCatcher.Code(mail) })).Expect(HttpStatusCode.OK);
        moved.Clock.Offset += TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1);
        (await moved.Api.Post(Route, new { email = user.Email, password1 = "Too-late-pass-1", password2 = "Too-late-pass-1" }))
            .ExpectNexusError(HttpStatusCode.BadRequest);

        mail = await RequestAsync(moved.Api, user.Email, 3);
        moved.Clock.Offset += TimeSpan.FromMinutes(9);
        (await moved.Api.Post(Route, new { hash = MailCatcher.LinkParameter(mail, "hash") })).Expect(HttpStatusCode.OK);
        moved.Clock.Offset += TimeSpan.FromMinutes(9);
        await ChangeAsync(moved.Api, user.Email, "In-time-pass-1");
    }

    [Fact]
    public async Task Wrong_lone_codes_are_bounded_per_minute_and_the_link_still_works()
    {
        // An app of its own: the bound is platform-wide, and this test uses it up.
        using var moved = new MovedClockApp();
        var user = await moved.Api.Register();
        var mail = await RequestAsync(moved.Api, user.Email);
        var code = MailCatcher.Code(mail);
        moved.Clock.StartNextMinute();
        var guesses = Enumerable.Range(0, 1000).Select(i => i.ToString("D6")).Where(g => g != code).Take(10);
        foreach (var guess in guesses)
            Assert.Contains("Invalid", (await moved.Api.Post(Route, new { otp = guess })).ExpectNexusError(HttpStatusCode.BadRequest)["error"].GetString());
        var refused = (await moved.Api.Post(Route, new { otp = code })).ExpectNexusError(HttpStatusCode.TooManyRequests);
        Assert.Contains("Too many", refused["error"].GetString());
        Assert.InRange(int.Parse(refused.Header("Retry-After")!), 1, 60);
        (await moved.Api.Post(Route, new { hash = MailCatcher.LinkParameter(mail, "hash") })).Expect(HttpStatusCode.OK);
        await ChangeAsync(moved.Api, user.Email, "Linked-pass-1");

        // The bound is per minute.
        moved.Clock.Offset += TimeSpan.FromMinutes(1);
        mail = await RequestAsync(moved.Api, user.Email, 2);
        (await moved.Api.Post(Route, new { otp = MailCatcher.Code(mail) })).Expect(HttpStatusCode.OK);
    }
}
