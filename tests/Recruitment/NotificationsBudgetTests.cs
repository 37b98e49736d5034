using System.Net;
using CareerNexus.Common;
using CareerNexus.Companies;
using CareerNexus.Gamification;
using CareerNexus.Notifications;
using CareerNexus.Storage;
using CareerNexus.Tests.Budgets;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// The Cosmos budgets of notifications, gamification and the job-posted fan-out: each costs the same at ten times the
/// data. A list page is the account's counters and one query in its partition; a mark-all-read is one write whatever
/// the backlog; gamification/me is the account, its stats and the leaderboard's shards; posting a job for a company
/// with many followers costs what it costs with one.
/// </summary>
public sealed class NotificationsBudgetTests(SharedApp fixture, ITestOutputHelper output) : IClassFixture<SharedApp>
{
    private const int Small = 20;
    private const int Large = 200;
    private const string Notifications = "/notifications/api/v1/notifications/";
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task The_list_and_mark_all_read_cost_the_same_at_ten_times_the_notifications()
    {
        var costs = new Dictionary<string, List<CosmosBudgetTests.Cost>>();
        void Keep(string name, CosmosBudgetTests.Cost cost)
        {
            costs.TryAdd(name, []);
            costs[name].Add(cost);
        }
        foreach (var size in new[] { Small, Large })
        {
            var user = await _app.Candidate();
            await Seed(_app, user.Id, size);
            foreach (var (query, count) in new[]
                     {
                         ("", size), ("?unread_only=true", size), ("?type=new_message", size / 2), ("?unread_only=1&type=application_status_changed", size / 2),
                     })
            {
                // The first request of a token warms its session; the measured one is the common path.
                (await _api.Get(Notifications + query, user.Access)).Expect(HttpStatusCode.OK);
                var page = (await _api.Get(Notifications + query + (query.Length == 0 ? "?" : "&") + "limit=10", user.Access)).Expect(HttpStatusCode.OK);
                Assert.Equal(count, page["count"].GetInt64());
                Assert.Equal(size, page["unread_count"].GetInt64());
                Assert.Equal(10, page["results"].GetArrayLength());
                var cost = CosmosBudgetTests.Cost.Of(page);
                Assert.True(cost.CrossPartitionQueries == 0 && cost.Writes == 0, $"list{query}: {cost}");
                Assert.True(cost.Operations <= 2, $"list{query}: the counters and the page, not {cost}");
                Assert.True(cost.Items <= 1 + 10, $"list{query}: {cost}");
                Keep("list" + query, cost);
            }

            var marked = (await _api.Post(Notifications + "mark-all-read/", null, user.Access)).Expect(HttpStatusCode.OK);
            Assert.Equal(size, marked["updated_count"].GetInt64());
            var cost2 = CosmosBudgetTests.Cost.Of(marked);
            Assert.True(cost2.Operations <= 3 && cost2.Writes == 1 && cost2.CrossPartitionQueries == 0,
                $"mark-all-read: the counters, the newest notification and one write, not {cost2}");
            Keep("mark-all-read", cost2);
            Assert.Equal(0, (await _api.Get(Notifications + "?unread_only=true", user.Access)).Expect(HttpStatusCode.OK)["count"].GetInt64());
        }
        foreach (var (name, pair) in costs)
        {
            output.WriteLine($"{name}: {pair[0]} / {pair[1]}");
            Assert.True(pair[0].Operations == pair[1].Operations, $"{name}: {pair[0]} over {Small} notifications, {pair[1]} over {Large}");
        }
    }

    [Fact]
    public async Task Gamification_me_costs_the_same_at_ten_times_the_accounts_and_the_awards()
    {
        // An app of its own: the leaderboard holds every account of its database.
        using var app = new TestApp();
        var api = app.Api();
        var gamification = app.Services.GetRequiredService<GamificationService>();
        var costs = new List<CosmosBudgetTests.Cost>();
        var seeded = 0;
        foreach (var size in new[] { Small, Large })
        {
            // `size` accounts on the leaderboard (each with one award), and a user with a tenth as many awards of their own.
            foreach (var chunk in Enumerable.Range(seeded, size - seeded).Chunk(10))
                await Task.WhenAll(chunk.Select(i => gamification.AwardAsync(8_000_000_000 + i, ActivityTypes.JobPosted, "job:1", DateTimeOffset.UtcNow)));
            seeded = size;
            var user = await app.Candidate();
            var awards = size / 10;
            for (var i = 1; i <= awards; i++)
                await gamification.AwardAsync(user.Id, ActivityTypes.OfferAccepted, $"offer:{i}", DateTimeOffset.UtcNow.AddMinutes(-i));
            (await api.Get("/gamification/api/v1/gamification/me/", user.Access)).Expect(HttpStatusCode.OK);
            var me = (await api.Get("/gamification/api/v1/gamification/me/", user.Access)).Expect(HttpStatusCode.OK);
            Assert.Equal(awards * 200, me["xp_points"].GetInt64());
            Assert.Equal(1, me["leaderboard_position"].GetInt64());
            Assert.Equal(Math.Min(awards, 10), me["recent_activities"].GetArrayLength());
            var cost = CosmosBudgetTests.Cost.Of(me);
            output.WriteLine($"gamification/me over {size}: {cost}");
            Assert.True(cost.Operations <= 3 && cost.Writes == 0 && cost.CrossPartitionQueries == 0,
                $"the account, the stats and the leaderboard's shards, not {cost}");
            Assert.True(cost.Items <= 2 + LeaderboardShard.Shards, cost.ToString());
            costs.Add(cost);
        }
        Assert.Equal(costs[0].Operations, costs[1].Operations);
    }

    [Fact]
    public async Task Posting_a_job_costs_the_same_for_a_company_with_ten_times_the_followers()
    {
        var follows = _app.Services.GetRequiredService<CompanyFollowService>();
        var costs = new List<CosmosBudgetTests.Cost>();
        foreach (var size in new[] { Small, Large })
        {
            var recruiter = await _app.Recruiter();
            var company = await _app.CompanyOf(recruiter);
            var crowd = Enumerable.Range(1, size).Select(i => 7_000_000_000_000L + company.CompanyId * 1_000 + i);
            foreach (var chunk in crowd.Chunk(20)) await Task.WhenAll(chunk.Select(id => follows.FollowAsync(id, company.CompanyId)));
            // A first job warms the recruiter's session and quota document; the second is measured.
            await _api.PostJob(recruiter);
            var posted = (await _api.Post(RecruitmentJobsSupport.JobsPath, RecruitmentJobsSupport.JobBody(ApiClient.Unique("Measured ")), recruiter.Access))
                .Expect(HttpStatusCode.Created);
            var cost = CosmosBudgetTests.Cost.Of(posted);
            output.WriteLine($"POST jobs/ with {size} followers: {cost}");
            Assert.True(cost.CrossPartitionQueries == 0, cost.ToString());
            costs.Add(cost);
        }
        // Queries are the same. A write may differ by the block of job ids a process reserves every 50 jobs, and a read and a
        // write by one ETag retry on a counter that the first job's fan-out to the followers, running meanwhile, also moves.
        // Ten times the followers told inline would cost ten times the operations.
        Assert.True(Math.Abs(costs[0].Reads - costs[1].Reads) <= 1 && costs[0].Queries == costs[1].Queries && Math.Abs(costs[0].Writes - costs[1].Writes) <= 2,
            $"{costs[0]} with {Small} followers, {costs[1]} with {Large}");
    }

    /// <summary>`size` unread notifications of an account, half of two types each, with their counters, written as NotificationService stores them.</summary>
    private static async Task Seed(TestApp app, long userId, int size)
    {
        var partition = DocumentKeys.UserPartition(userId);
        var now = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(1, size).Select(i =>
        {
            var number = NotificationService.NumberOf($"budget:{userId}:{i}");
            var kind = i % 2 == 0 ? NotificationKinds.NewMessage : NotificationKinds.ApplicationStatusChanged;
            var at = now.AddSeconds(-i);
            var notification = new Notification("notification:" + number, partition, number, userId, kind, "Budget", $"Notification {i}", "application", i,
                new Dictionary<string, long>(), IsRead: false, ReadAt: null, at, Pushed: true) { Sort = DocumentKeys.TimeOrder(at, number), Counted = true };
            return app.Store.UpsertAsync(Containers.Notifications, notification, partition);
        }));
        var counts = NotificationCounts.Empty(partition);
        counts.Total = counts.Unread = size;
        counts.TotalByKind = new() { [NotificationKinds.NewMessage] = size / 2, [NotificationKinds.ApplicationStatusChanged] = size / 2 };
        counts.UnreadByKind = new(counts.TotalByKind);
        await app.Store.UpsertAsync(Containers.Notifications, counts, partition);
    }
}
