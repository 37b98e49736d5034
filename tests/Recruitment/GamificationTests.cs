using System.Net;
using System.Text.Json;
using CareerNexus.Gamification;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// Document 003's gamification module: XP earned from the platform's real events through the routes that cause them,
/// once per fact however often a request is retried; levels, badges and achievements from the stored counts; and a
/// leaderboard position read from the stored histogram.
/// </summary>
public sealed class GamificationTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const string Me = "/gamification/api/v1/gamification/me/";
    private const string Applications = "/applications/api/v1/applications/";
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static IEnumerable<string> Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).Order();

    [Fact]
    public async Task Applying_tests_interviews_hires_and_job_posts_earn_xp_once_however_often_they_are_sent()
    {
        var recruiter = await _app.Recruiter();
        var candidate = await _app.Candidate();

        var start = await Stats(candidate);
        Assert.Equal(["achievements", "badges", "leaderboard_position", "level", "next_level_xp", "recent_activities", "user", "xp_points"],
            Names(start.Body));
        Assert.Equal(candidate.Id, start["user"].GetProperty("id").GetInt64());
        Assert.Equal(candidate.Username, start["user"].GetProperty("username").GetString());
        Assert.Equal(0, start["xp_points"].GetInt64());
        Assert.Equal(1, start["level"].GetInt32());
        Assert.Equal(200, start["next_level_xp"].GetInt64());
        Assert.Empty(start["badges"].EnumerateArray());
        Assert.Empty(start["recent_activities"].EnumerateArray());
        var achievements = start["achievements"].EnumerateArray().ToList();
        Assert.Equal(GamificationRules.Achievements.Count, achievements.Count);
        Assert.All(achievements, a =>
        {
            Assert.Equal(["completed", "description", "id", "name", "progress"], Names(a));
            Assert.Equal(0, a.GetProperty("progress").GetInt32());
            Assert.False(a.GetProperty("completed").GetBoolean());
        });
        Assert.Contains(achievements, a => a.GetProperty("name").GetString() == "Profile Complete"
                                           && a.GetProperty("description").GetString() == "Complete your profile 100%");
        Assert.True(start["leaderboard_position"].GetInt64() >= 1);

        // Applying: 50, once, though the candidate applies again.
        var job = await _app.RecruitmentJob(recruiter);
        var application = (await _api.Post(Applications, new { job = job.JobId }, candidate.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        (await _api.Post(Applications, new { job = job.JobId }, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.Conflict);
        var applied = await Stats(candidate);
        Assert.Equal(50, applied["xp_points"].GetInt64());
        var activity = Assert.Single(applied["recent_activities"].EnumerateArray());
        Assert.Equal(["timestamp", "type", "xp_earned"], Names(activity));
        Assert.Equal("application_submitted", activity.GetProperty("type").GetString());
        Assert.Equal(50, activity.GetProperty("xp_earned").GetInt32());
        var badge = Assert.Single(applied["badges"].EnumerateArray());
        Assert.Equal(["earned_at", "icon", "id", "name"], Names(badge));
        Assert.Equal("First Application", badge.GetProperty("name").GetString());
        Assert.Equal("🎯", badge.GetProperty("icon").GetString());
        Assert.Equal(10, Achievement(applied, "Active Applicant").GetProperty("progress").GetInt32());

        // The interview: 70, once, though the recruiter sends the change twice.
        foreach (var status in new[] { "reviewed", "shortlisted", "interview", "interview" })
            (await _api.Patch($"{Applications}{application}/status/", new { status }, recruiter.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(120, (await Stats(candidate))["xp_points"].GetInt64());

        // The test: 30, once, though the same answers come twice.
        (await _api.Put($"/jobs/api/v1/jobs/{job.JobId}/test/", TestSubmissionTests.Test(), recruiter.Access)).Expect(HttpStatusCode.OK);
        var answers = new { application, answers = new[] { new { question = 1, answer = "Python", question_type = "multiple_choice" } } };
        (await _api.Post("/applications/api/v1/test-submissions/", answers, candidate.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/applications/api/v1/test-submissions/", answers, candidate.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(150, (await Stats(candidate))["xp_points"].GetInt64());

        // The hire: 200 to the candidate, 100 to the job's recruiter, once each.
        (await _api.Patch($"{Applications}{application}/status/", new { status = "accepted" }, recruiter.Access)).Expect(HttpStatusCode.OK);
        (await _api.Patch($"{Applications}{application}/status/", new { status = "accepted" }, recruiter.Access)).Expect(HttpStatusCode.OK);
        var hired = await Stats(candidate);
        Assert.Equal(350, hired["xp_points"].GetInt64());
        Assert.Equal(2, hired["level"].GetInt32());
        Assert.Equal(450, hired["next_level_xp"].GetInt64());
        Assert.Equal(["First Application", "Hired", "Interview Ready", "Test Taker"],
            hired["badges"].EnumerateArray().Select(b => b.GetProperty("name").GetString()).Order());
        Assert.True(Achievement(hired, "Hired!").GetProperty("completed").GetBoolean());
        Assert.Equal(20, Achievement(hired, "Test Ace").GetProperty("progress").GetInt32());
        Assert.Equal(["offer_accepted", "test_submitted", "interview_reached", "application_submitted"],
            hired["recent_activities"].EnumerateArray().Select(a => a.GetProperty("type").GetString()));

        // A job posted through the route, the same request sent twice: 20, once.
        var body = RecruitmentJobsSupport.JobBody(ApiClient.Unique("Data Engineer "));
        Assert.Equal(await _api.PostJob(recruiter, body), await _api.PostJob(recruiter, body));
        var recruiting = await Stats(recruiter);
        Assert.Equal(120, recruiting["xp_points"].GetInt64());
        Assert.Equal(["First Job Posted", "Talent Scout"], recruiting["badges"].EnumerateArray().Select(b => b.GetProperty("name").GetString()).Order());

        // More XP, a better position; an account with none is behind both.
        var newcomer = await _app.Candidate();
        var positions = new[] { hired, recruiting, await Stats(newcomer) }.Select(s => s["leaderboard_position"].GetInt64()).ToList();
        Assert.True(positions[0] < positions[1] && positions[1] < positions[2], string.Join(", ", positions));
    }

    [Fact]
    public async Task Posts_on_any_surface_earn_xp_up_to_the_daily_cap_and_a_complete_profile_earns_it_once()
    {
        var candidate = await _app.Candidate();
        // Five posts earn XP, the sixth of the day counts but earns none; Careers and Nexus posts alike (the posts queue tells).
        for (var i = 0; i < 5; i++) await _api.CreatePost(candidate, $"Post {i}");
        (await _api.Post("/post/", new { body = "From Nexus" }, candidate.Access)).Expect(HttpStatusCode.Created);
        await Eventually.True(async () => Achievement(await Stats(candidate), "Community Voice").GetProperty("progress").GetInt32() == 24,
            "six posts were not all counted");
        var posted = await Stats(candidate);
        var posts = posted["recent_activities"].EnumerateArray().Where(a => a.GetProperty("type").GetString() == "post_created").ToList();
        Assert.Equal(6, posts.Count);
        // Five of a UTC day earn XP (six earn it only when the posts straddle midnight).
        var earning = posts.GroupBy(a => a.GetProperty("timestamp").GetDateTimeOffset().UtcDateTime.Date).Sum(day => Math.Min(5, day.Count()));
        Assert.Equal(earning, posts.Count(a => a.GetProperty("xp_earned").GetInt32() == 10));
        Assert.Equal(earning * 10, posted["xp_points"].GetInt64());
        Assert.Contains(posted["badges"].EnumerateArray(), b => b.GetProperty("name").GetString() == "First Post");

        const string Profile = "/accounts/api/v1/candidate-profiles/me/";
        (await _api.Patch(Profile, new { bio = "Backend engineer", skills = new[] { "Go" }, location = "Lyon, France" }, candidate.Access))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(43, Achievement(await Stats(candidate), "Profile Complete").GetProperty("progress").GetInt32());
        (await _api.Post("/accounts/api/v1/work-experiences/", new { company = "Acme", position = "Engineer", start_date = "2020-01-01" }, candidate.Access))
            .Expect(HttpStatusCode.Created);
        (await _api.Post("/accounts/api/v1/educations/", new { institution = "INSA", degree = "MSc", start_date = "2014-09-01" }, candidate.Access))
            .Expect(HttpStatusCode.Created);
        (await _api.Patch(Profile, new { projects = new[] { new { name = "Ledger", description = "A ledger", technologies = new[] { "Go" } } } },
            candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(earning * 10, (await Stats(candidate))["xp_points"].GetInt64());
        (await _api.Post(Profile + "generate-cv/", null, candidate.Access)).Expect(HttpStatusCode.OK);
        var complete = await Stats(candidate);
        var achievement = Achievement(complete, "Profile Complete");
        Assert.Equal(100, achievement.GetProperty("progress").GetInt32());
        Assert.True(achievement.GetProperty("completed").GetBoolean());
        Assert.Equal(earning * 10 + 100, complete["xp_points"].GetInt64());
        Assert.Contains(complete["badges"].EnumerateArray(), b => b.GetProperty("name").GetString() == "Profile Pro");

        // Further changes of a complete profile, or completing it again, earn nothing more.
        (await _api.Patch(Profile, new { bio = "Backend engineer, Go" }, candidate.Access)).Expect(HttpStatusCode.OK);
        (await _api.Post(Profile + "generate-cv/", null, candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(earning * 10 + 100, (await Stats(candidate))["xp_points"].GetInt64());
        (await _api.Get(Me)).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_leaderboard_position_counts_the_accounts_with_more_xp_and_a_retried_award_moves_no_one()
    {
        // An app of its own: the position counts every account of the database.
        using var app = new TestApp();
        var api = app.Api();
        var gamification = app.Services.GetRequiredService<GamificationService>();
        var (a, b, c, d) = (await app.Candidate(), await app.Candidate(), await app.Candidate(), await app.Candidate());
        var now = DateTimeOffset.UtcNow;
        foreach (var user in new[] { a, b })
            for (var job = 1; job <= 3; job++)
                await gamification.AwardAsync(user.Id, ActivityTypes.JobPosted, $"job:{job}", now);
        await gamification.AwardAsync(c.Id, ActivityTypes.OfferAccepted, "offer:1", now);
        async Task<long[]> Positions() =>
            await Task.WhenAll(new[] { a, b, c, d }.Select(async u =>
                (await api.Get(Me, u.Access)).Expect(HttpStatusCode.OK)["leaderboard_position"].GetInt64()));

        Assert.Equal(new long[] { 2, 2, 1, 4 }, await Positions());
        // Retried awards (a redelivered message, a repeated request) change neither XP nor the histogram.
        await gamification.AwardAsync(a.Id, ActivityTypes.JobPosted, "job:1", now);
        await gamification.AwardAsync(c.Id, ActivityTypes.OfferAccepted, "offer:1", now);
        Assert.Equal(60, (await api.Get(Me, a.Access)).Expect(HttpStatusCode.OK)["xp_points"].GetInt64());
        Assert.Equal(new long[] { 2, 2, 1, 4 }, await Positions());

        await gamification.AwardAsync(a.Id, ActivityTypes.PostCreated, "post:1", now);
        Assert.Equal(new long[] { 2, 3, 1, 4 }, await Positions());
        await Task.WhenAll(Enumerable.Range(1, 4).Select(i => gamification.AwardAsync(b.Id, ActivityTypes.OfferAccepted, $"offer:{i}", now)));
        Assert.Equal(860, (await api.Get(Me, b.Access)).Expect(HttpStatusCode.OK)["xp_points"].GetInt64());
        Assert.Equal(new long[] { 3, 1, 2, 4 }, await Positions());

        // An erased account leaves the leaderboard, once however often its erasure runs.
        var erasure = app.Services.GetServices<CareerNexus.Erasure.IPersonalData>().OfType<GamificationErasure>().Single();
        var erased = (await app.Services.GetRequiredService<CareerNexus.Accounts.AccountService>().FindAsync(b.Id))!;
        await erasure.EraseAsync(erased, CancellationToken.None);
        await erasure.EraseAsync(erased, CancellationToken.None);
        var remaining = await Task.WhenAll(new[] { a, c, d }.Select(async u =>
            (await api.Get(Me, u.Access)).Expect(HttpStatusCode.OK)["leaderboard_position"].GetInt64()));
        Assert.Equal(new long[] { 2, 1, 3 }, remaining);
    }

    [Fact]
    public void Levels_and_leaderboard_buckets_follow_the_documented_rules()
    {
        Assert.Equal([1, 1, 2, 4, 5, 5, 10], new long[] { 0, 199, 200, 1249, 1250, 1799, 5000 }.Select(GamificationRules.LevelOf));
        Assert.All(GamificationRules.XpRules, r => Assert.Equal(0, r.Xp % 10));
        // Exact (10 XP wide) below 10,000, 100 XP wide up to 100,000, 10,000 wide beyond; never lower for more XP.
        Assert.NotEqual(GamificationRules.Bucket(9_990), GamificationRules.Bucket(9_980));
        Assert.True(GamificationRules.Bucket(10_000) > GamificationRules.Bucket(9_990));
        Assert.Equal(GamificationRules.Bucket(10_050), GamificationRules.Bucket(10_090));
        Assert.NotEqual(GamificationRules.Bucket(10_090), GamificationRules.Bucket(10_100));
        Assert.Equal(GamificationRules.Bucket(150_000), GamificationRules.Bucket(159_990));
        var buckets = Enumerable.Range(0, 30_000).Select(i => GamificationRules.Bucket(i * 10L)).ToList();
        Assert.Equal(buckets.Order(), buckets);
    }

    private async Task<ApiResponse> Stats(TestUser user) => (await _api.Get(Me, user.Access)).Expect(HttpStatusCode.OK);

    private static JsonElement Achievement(ApiResponse stats, string name) =>
        stats["achievements"].EnumerateArray().Single(a => a.GetProperty("name").GetString() == name);
}
