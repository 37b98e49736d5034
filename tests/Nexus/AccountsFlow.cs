using System.Net;
using CareerNexus.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Tests.Nexus;

/// <summary>An account made through document 002's signup, with its tokens.</summary>
public sealed record NexusUser(string Email, string Password, string Access, string Refresh);

/// <summary>Signup and reset steps as a client of document 002 goes through them, reading the real mail.</summary>
public static class AccountsFlow
{
    public const string Password = "Str0ng-pass-1";

    /// <summary>A fresh address, lower case (the catcher is shared, so each test reads only its own mail).</summary>
    public static string NewEmail(string prefix = "nx") => $"{ApiClient.Unique(prefix)}@example.com";

    public static async Task<CaughtMail> MailAsync(string email, int count = 1) => (await MailCatcher.WaitForAsync(email, count))[count - 1];

    public static async Task<NexusUser> SignUpAsync(ApiClient api, string? email = null, string password = Password)
    {
        email ??= NewEmail();
        (await api.Post("/user/signup/", new { email, password1 = password, password2 = password })).Expect(HttpStatusCode.Created);
        var code = MailCatcher.Code(await MailAsync(email));
        var r = (await api.Post("/user/signup/", new { email, password1 = password, password2 = password, otp = code })).Expect(HttpStatusCode.Created);
        return new NexusUser(email, password, r["access"].GetString()!, r["refresh"].GetString()!);
    }
}

/// <summary>A clock the tests can move forward, to see codes and eligibility expire without waiting.</summary>
public sealed class MovableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    /// <summary>Moves the clock to just after the start of the next minute, so a test has the whole minute to itself.</summary>
    public void StartNextMinute()
    {
        var now = base.GetUtcNow();
        var next = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1).AddSeconds(1);
        Offset = next - now;
    }
}

/// <summary>An app of its own (own database) whose platform clock the test moves.</summary>
public sealed class MovedClockApp : IDisposable
{
    private readonly TestApp _app = new();

    public MovedClockApp()
    {
        var factory = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock)));
        Api = new ApiClient(factory.CreateClient());
    }

    public MovableClock Clock { get; } = new();

    public ApiClient Api { get; }

    public void Dispose() => _app.Dispose();
}
