using System.Net;
using CareerNexus.Accounts;
using CareerNexus.Jobs;
using CareerNexus.Ranking;
using CareerNexus.Storage;
using CareerNexus.Tests.Budgets;
using CareerNexus.Tests.Recruitment;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace CareerNexus.Tests.Talent;

/// <summary>
/// The Cosmos budget of Talent's hot routes: users/me is the account read that authenticates; an organization's job list is
/// the account, a page of its job list and that page's rankings (one partition each); a job and its ranking data are three
/// point reads; each the same with 15 jobs (and rankings of 100 candidates) as with 150.
/// </summary>
public sealed class TalentBudgetTests(SharedApp fixture, ITestOutputHelper output) : IClassFixture<SharedApp>
{
    private const int Small = 15;
    private const int Large = 150;
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task Users_me_the_job_list_a_job_and_its_ranking_data_cost_the_same_at_ten_times_the_data()
    {
        var costs = new Dictionary<string, List<CosmosBudgetTests.Cost>>();
        var (employer, organization) = await _app.Employer();
        var account = await _app.Services.GetRequiredService<AccountService>().GetAsync(employer.Id);
        var listings = _app.Services.GetRequiredService<JobListings>();
        var seeded = 0;
        foreach (var size in new[] { Small, Large })
        {
            // The organization holds `size` jobs, each with a ranking of 100 candidates; the platform `size` more accounts.
            await Task.WhenAll(Enumerable.Range(seeded, size - seeded).Select(async i =>
            {
                var job = await SeedJobAsync(account, organization, i);
                await listings.AddAsync(job, default);
                await SeedRankingAsync(organization, job);
                await SeedAccountAsync();
            }));
            seeded = size;
            var newest = (await _api.Get($"{TalentJobTests.Jobs}/?limit=1", employer.Access)).Expect(HttpStatusCode.OK).Body[0].GetProperty("id").GetInt64();
            foreach (var (name, path, ops) in new[]
                     {
                         ("users/me", "/api/auth/users/me/", 1),
                         ("job list", $"{TalentJobTests.Jobs}/?limit=10", 3),
                         ("job", $"{TalentJobTests.Jobs}/{newest}/", 3),
                         ("ranking-data", $"{TalentJobTests.Jobs}/{newest}/ranking-data/", 3),
                     })
            {
                (await _api.Get(path, employer.Access)).Expect(HttpStatusCode.OK);
                var response = (await _api.Get(path, employer.Access)).Expect(HttpStatusCode.OK);
                if (name == "job list") Assert.Equal(10, response.Body.GetArrayLength());
                if (name == "ranking-data") Assert.Equal(RankingService.MaxRanked, response["ranked_candidates"].GetArrayLength());
                var cost = CosmosBudgetTests.Cost.Of(response);
                Assert.True(cost.CrossPartitionQueries == 0 && cost.Writes == 0, $"{name}: {cost}");
                Assert.True(cost.Operations <= ops, $"{name}: at most {ops} operations, not {cost}");
                costs.TryAdd(name, []);
                costs[name].Add(cost);
            }
        }
        foreach (var (name, pair) in costs)
        {
            output.WriteLine($"{name}: {pair[0]} with {Small} jobs / {pair[1]} with {Large}");
            Assert.True(pair[0].Operations == pair[1].Operations, $"{name}: {pair[0]} with {Small} jobs, {pair[1]} with {Large}");
        }
    }

    /// <summary>A Talent job of the organization, stored as the posting service stores one.</summary>
    private async Task<Job> SeedJobAsync(Account poster, long organization, int n)
    {
        var id = Random.Shared.NextInt64(1L << 40, 1L << 50);
        var now = DateTimeOffset.UtcNow.AddMinutes(-n);
        var job = new Job(JobService.Key(id), id, poster.UserId, $"Budget job {n}", "Budget Org", "full_time", "remote", "France", "Not specified",
            "Python and Django", "Python and Django", "others", "mid", now)
        {
            Posting = new JobPosting(organization, TalentJobService.DefaultCategory, 1, $"budget-job-{n}", "Paris, France", null, null, [], [],
                ["Python", "Django"], IsActive: true, now) { ExperienceLevel = "mid" },
            Talent = new TalentPost("remote", "", false, [1], new TalentPoster(poster.UserId, poster.Email, poster.FirstName, poster.LastName)),
        };
        await _app.Store.UpsertAsync(Containers.Jobs, job, job.Id);
        return job;
    }

    private Task SeedRankingAsync(long organization, Job job) =>
        _app.Store.UpsertAsync(Containers.JobRankings, new JobRanking
        {
            Id = JobRanking.IdOf(job.JobId), Partition = JobRanking.PartitionOf(organization), JobId = job.JobId, Status = RankingStatuses.Ranked,
            TaskId = Guid.NewGuid().ToString(), StartedAt = job.CreatedAt, RankedAt = job.CreatedAt, JobVersion = job.Posting!.UpdatedAt,
            CandidatesConsidered = 10_000,
            RankedCandidates = Enumerable.Range(1, RankingService.MaxRanked)
                .Select(i => new RankedCandidate(i, 1 - i / 1000.0, "Good candidate with 5 years of experience. Has Python and Django.", ["Python", "Django"], []))
                .ToList(),
        }, JobRanking.PartitionOf(organization));

    private Task SeedAccountAsync()
    {
        var id = Random.Shared.NextInt64(1L << 40, 1L << 50);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return _app.Store.UpsertAsync(Containers.Accounts, new Account
        {
            Id = key, UserId = id, Username = "budget" + key, Email = $"budget{key}@example.com", IsActive = true, CreatedAt = DateTimeOffset.UtcNow,
        }, key);
    }
}
