using System.Net;
using System.Text.Json;
using CareerNexus.Statistics;
using CareerNexus.Tests.Nexus;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

/// <summary>An app of its own for the dashboard: its figures count the whole platform, which other tests' accounts would move.</summary>
public sealed class DashboardApp : IDisposable
{
    public TestApp App { get; } = new();

    public void Dispose() => App.Dispose();
}

public sealed class AdminDashboardTests(DashboardApp fixture) : IClassFixture<DashboardApp>
{
    private const string Stats = "/admin-panel/api/v1/dashboard/stats/";
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static IEnumerable<string> Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).Order();

    /// <summary>Every figure of the dashboard, as "section.figure".</summary>
    private async Task<Dictionary<string, decimal>> Figures(TestUser admin)
    {
        var stats = (await _api.Get(Stats, admin.Access)).Expect(HttpStatusCode.OK).Body;
        return stats.EnumerateObject().SelectMany(section => section.Value.EnumerateObject(), (section, figure) => (section.Name, figure))
            .ToDictionary(f => $"{f.Name}.{f.figure.Name}", f => f.figure.Value.GetDecimal());
    }

    /// <summary>Runs an event and checks that exactly the named figures moved, by the given amounts.</summary>
    private async Task Moves(TestUser admin, Func<Task> happen, params (string Figure, decimal By)[] expected)
    {
        var before = await Figures(admin);
        await happen();
        var after = await Figures(admin);
        var moved = after.Where(f => f.Value != before[f.Key]).ToDictionary(f => f.Key, f => f.Value - before[f.Key]);
        Assert.Equal(expected.OrderBy(e => e.Figure).Select(e => $"{e.Figure} {e.By:+0.##;-0.##}"),
            moved.OrderBy(m => m.Key).Select(m => $"{m.Key} {m.Value:+0.##;-0.##}"));
    }

    [Fact]
    public async Task The_dashboard_shows_the_documented_figures_to_administrators_only()
    {
        var admin = await _app.Admin();
        var stats = (await _api.Get(Stats, admin.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["companies", "jobs", "ngos", "revenue", "reviews", "users"], Names(stats.Body));
        Assert.Equal(["active", "candidates", "recruiters", "total"], Names(stats["users"]));
        Assert.Equal(["active", "applications", "total"], Names(stats["jobs"]));
        Assert.Equal(["monthly", "yearly"], Names(stats["revenue"]));
        Assert.True(stats["users"].GetProperty("total").GetInt64() >= 1);
        Assert.Equal(stats, (await _api.Get(Stats.TrimEnd('/'), admin.Access)).Expect(HttpStatusCode.OK), new StatsComparer());

        foreach (var who in new[] { await _app.Candidate(), await _app.Recruiter(), await _app.NgoManager() })
            (await _api.Get(Stats, who.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Get(Stats)).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Get(Stats, "not-a-token")).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Registrations_activations_jobs_applications_and_reviews_move_their_figures_once()
    {
        var admin = await _app.Admin();
        var username = ApiClient.Unique("dash");
        var email = username + "@example.com";
        await Moves(admin, async () => (await _api.Post("/accounts/api/v1/users/", new
        {
            username, email, password = "Secure-Pass-123", password2 = "Secure-Pass-123", first_name = "Dash", last_name = "Board", user_type = "candidate",
        })).Expect(HttpStatusCode.Created), ("users.total", 1), ("users.candidates", 1));

        var token = MailCatcher.LinkParameter((await MailCatcher.WaitForAsync(email)).Single(), "token");
        await Moves(admin, async () =>
        {
            (await _api.Post("/accounts/api/v1/users/email-verification/confirm/", new { token })).Expect(HttpStatusCode.OK);
            (await _api.Post("/accounts/api/v1/users/email-verification/confirm/", new { token })).Expect(HttpStatusCode.OK);
        }, ("users.active", 1));

        var recruiterName = ApiClient.Unique("hire");
        await Moves(admin, async () => (await _api.Post("/accounts/api/v1/users/", new
        {
            username = recruiterName, email = recruiterName + "@example.com", password = "Secure-Pass-123", password2 = "Secure-Pass-123",
            first_name = "Hi", last_name = "Ring", user_type = "recruiter", company_name = "Dash Corp",
        })).Expect(HttpStatusCode.Created), ("users.total", 1), ("users.recruiters", 1), ("companies.total", 1));
        // Other surfaces' accounts are active at once and take no Recruitment role.
        await Moves(admin, () => _api.Register("Careers"), ("users.total", 1), ("users.active", 1));

        var recruiter = await _app.Recruiter();
        long job = 0;
        await Moves(admin, async () => job = await _api.PostJob(recruiter), ("jobs.total", 1), ("jobs.active", 1));
        var candidate = await _app.Candidate();
        await Moves(admin, async () =>
        {
            (await _api.Post("/applications/api/v1/applications/", new { job }, candidate.Access)).Expect(HttpStatusCode.Created);
            (await _api.Post("/applications/api/v1/applications/", new { job }, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.Conflict);
        }, ("jobs.applications", 1));
        var company = (await _app.CompanyOf(recruiter)).CompanyId;
        await Moves(admin, async () =>
        {
            (await _api.Post("/reviews/api/v1/reviews/", new { target_type = "company", target_id = company, rating = 5 }, candidate.Access))
                .Expect(HttpStatusCode.Created);
            (await _api.Post("/reviews/api/v1/reviews/", new { target_type = "company", target_id = company, rating = 5 }, candidate.Access))
                .ExpectRecruitmentError(HttpStatusCode.Conflict);
        }, ("reviews.total", 1));
        await Moves(admin, async () =>
            (await _api.Post("/reviews/api/v1/reviews/", new { target_type = "candidate", target_id = candidate.Id, rating = 4 }, recruiter.Access))
                .Expect(HttpStatusCode.Created), ("reviews.total", 1));
        // The reviews about an erased candidate leave the count once; those they wrote stay, under a deleted author.
        var erasure = _app.Services.GetServices<CareerNexus.Erasure.IPersonalData>().OfType<CareerNexus.Reviews.ReviewErasure>().Single();
        var erased = (await _app.Services.GetRequiredService<CareerNexus.Accounts.AccountService>().FindAsync(candidate.Id))!;
        await Moves(admin, async () =>
        {
            await erasure.EraseAsync(erased, CancellationToken.None);
            await erasure.EraseAsync(erased, CancellationToken.None);
        }, ("reviews.total", -1));
        // Closing takes the job off the open ones only, once however often it is asked.
        await Moves(admin, async () =>
        {
            (await _api.Delete($"/jobs/api/v1/jobs/{job}/", recruiter.Access)).Expect(HttpStatusCode.NoContent);
            (await _api.Delete($"/jobs/api/v1/jobs/{job}/", recruiter.Access)).Expect(HttpStatusCode.NoContent);
        }, ("jobs.active", -1));

        // A Nexus job is a platform job too, and never closes.
        var member = await _api.Register("Nexus");
        await _app.SetProfileAsync(member.Id, industry: "technology");
        await Moves(admin, async () => (await _api.Post("/job/", JobsTests.Job(), member.Access)).Expect(HttpStatusCode.Created),
            ("jobs.total", 1), ("jobs.active", 1));

        var manager = await _app.NgoManager();
        await Moves(admin, async () => (await _api.Post("/ngo/api/v1/ngos/", new { name = ApiClient.Unique("Dash NGO ") }, manager.Access))
            .Expect(HttpStatusCode.Created), ("ngos.total", 1));
    }

    [Fact]
    public async Task Revenue_counts_each_payment_once_in_its_month_and_year()
    {
        // The payments feature tells the figures of each payment once it completes (PaymentService), counted here once per payment.
        var admin = await _app.Admin();
        var statistics = _app.Services.GetRequiredService<PlatformStatistics>();
        var now = DateTimeOffset.UtcNow;
        await Moves(admin, async () =>
        {
            var payment = ApiClient.Unique("payment:");
            await statistics.RecordRevenueAsync(payment, 29.99m, now);
            await statistics.RecordRevenueAsync(payment, 29.99m, now);
            await statistics.RecordRevenueAsync(ApiClient.Unique("payment:"), 10m, now);
            await statistics.RecordRevenueAsync(ApiClient.Unique("payment:"), 500m, now.AddYears(-2));
        }, ("revenue.monthly", 39.99m), ("revenue.yearly", 39.99m));
    }

    [Fact]
    public async Task Parallel_registrations_each_count_once_on_the_sharded_figures()
    {
        var admin = await _app.Admin();
        await Moves(admin, () => Task.WhenAll(Enumerable.Range(0, 24).Select(_ => _api.Register("Crowd"))), ("users.total", 24), ("users.active", 24));
    }

    private sealed class StatsComparer : IEqualityComparer<ApiResponse>
    {
        public bool Equals(ApiResponse? x, ApiResponse? y) => x!.Body.GetRawText() == y!.Body.GetRawText();
        public int GetHashCode(ApiResponse obj) => obj.Body.GetRawText().GetHashCode(StringComparison.Ordinal);
    }
}
