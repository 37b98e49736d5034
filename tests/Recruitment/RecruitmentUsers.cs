using CareerNexus.Accounts;
using CareerNexus.Onboarding;
using CareerNexus.Tokens;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// Active, verified Recruitment accounts made through the platform's services, for tests of routes that need a
/// candidate or a recruiter to exist (the registration routes themselves are tested through HTTP).
/// </summary>
public static class RecruitmentUsers
{
    public static Task<TestUser> Candidate(this TestApp app, string tag = "") => Make(app, RecruitmentRoles.Candidate, tag, null);

    public static Task<TestUser> Recruiter(this TestApp app, string tag = "", string? company = null) =>
        Make(app, RecruitmentRoles.Recruiter, tag, company);

    private static async Task<TestUser> Make(TestApp app, string role, string tag, string? company)
    {
        var username = ApiClient.Unique(role[..1]);
        var password = "Pw-" + Guid.NewGuid().ToString("N")[..10];
        var email = $"{username}@example.com";
        var accounts = app.Services.GetRequiredService<AccountService>();
        var account = await accounts.RegisterAsync(new NewAccount(username, email, password, "First" + tag, "Last" + tag, $"Bio {tag}"));
        await accounts.MarkEmailVerifiedAsync(account.UserId, email);
        await app.Services.GetRequiredService<RecruitmentOnboarding>().StartAsync(account, role, company);
        var session = await app.Services.GetRequiredService<SessionService>().SignInAsync(username, password);
        return new TestUser(account.UserId, username, email, password, session.Tokens.Access, session.Tokens.Refresh);
    }
}
