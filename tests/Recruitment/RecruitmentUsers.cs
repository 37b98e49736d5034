using CareerNexus.Accounts;
using CareerNexus.Onboarding;
using CareerNexus.Tokens;
using CareerNexus.Tests.Budgets;
using CareerNexus.Tests.Support;
using Xunit;
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

    /// <summary>An NGO manager, as an administrator's grant makes one (the grant route is tested through HTTP).</summary>
    public static Task<TestUser> NgoManager(this TestApp app, string tag = "") => Make(app, RecruitmentRoles.NgoManager, tag, null);

    /// <summary>An administrator: a candidate whose verified address an operator granted the role.</summary>
    public static async Task<TestUser> Admin(this TestApp app)
    {
        var admin = await app.Candidate("Admin");
        await app.Services.GetRequiredService<AdminPolicy>().SetRoleAsync(admin.Email, admin: true);
        return admin;
    }

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

    /// <summary>
    /// The cost of the user's own-profile route at two sizes: after seeding <paramref name="small"/> other profiles, and
    /// again after ten times more; each measured on a warm request (the token's session cached), and asserted to be one
    /// point read both times.
    /// </summary>
    public static async Task ExpectOnePointReadAtTwoSizes(this TestApp app, string path, TestUser user, int small, Func<long, Task> seedOther)
    {
        var api = app.Api();
        var costs = new List<CosmosBudgetTests.Cost>();
        foreach (var others in new[] { small, small * 9 })
        {
            await Task.WhenAll(Enumerable.Range(0, others).Select(_ => seedOther(Random.Shared.NextInt64(1L << 40, 1L << 50))));
            (await api.Get(path, user.Access)).Expect(System.Net.HttpStatusCode.OK);
            costs.Add(CosmosBudgetTests.Cost.Of((await api.Get(path, user.Access)).Expect(System.Net.HttpStatusCode.OK)));
        }
        Assert.Equal(costs[0].Operations, costs[1].Operations);
        Assert.True(costs[1].Operations == 1 && costs[1].Reads == 1, $"{path} is one point read: {costs[0]} / {costs[1]}");
    }
}
