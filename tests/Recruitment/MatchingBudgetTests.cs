using System.Net;
using CareerNexus.Common;
using CareerNexus.Matching;
using CareerNexus.Storage;
using CareerNexus.Tests.Budgets;
using CareerNexus.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// The Cosmos budget of the two match lists: a page costs the same with 15 stored matches as with 150, with no
/// cross-partition query (the job's point read for the job list, then the capped count and the page, each in one
/// partition; a candidate with matches needs no read of their account).
/// </summary>
public sealed class MatchingBudgetTests(SharedApp fixture, ITestOutputHelper output) : IClassFixture<SharedApp>
{
    private const int Small = 15;
    private const int Large = 150;
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task A_jobs_matches_and_a_candidates_matches_cost_the_same_at_ten_times_the_data()
    {
        var costs = new Dictionary<string, List<CosmosBudgetTests.Cost>>();
        foreach (var size in new[] { Small, Large })
        {
            var recruiter = await _app.Recruiter();
            var candidate = await _app.Candidate();
            var job = await _app.RecruitmentJob(recruiter);
            // The job's partition holds `size` matches; the candidate's holds `size` matches with other jobs.
            await Task.WhenAll(Enumerable.Range(1, size).Select(i => Seed(job.JobId, 3_000_000_000 + i, inJob: true))
                .Concat(Enumerable.Range(1, size).Select(i => Seed(4_000_000_000 + i, candidate.Id, inJob: false))));

            foreach (var (name, path, who, ops) in new[]
                     {
                         ("job matches", $"/matching/api/v1/job-matches/job/{job.JobId}/?limit=10&min_score=1", recruiter, 3),
                         ("candidate matches", "/matching/api/v1/job-matches/candidate/me/?limit=10&is_active=true", candidate, 2),
                     })
            {
                // The first request of a token warms its session; the measured one is the common path.
                (await _api.Get(path, who.Access)).Expect(HttpStatusCode.OK);
                var page = (await _api.Get(path, who.Access)).Expect(HttpStatusCode.OK);
                // The real matching worker may score the new job against the shared app's candidates who share its skills while
                // this runs: the seeded matches are all counted, and more may be.
                Assert.True(page["count"].GetInt64() >= size, $"{name}: {page["count"]} matches counted, {size} seeded");
                Assert.Equal(10, page["results"].GetArrayLength());
                var cost = CosmosBudgetTests.Cost.Of(page);
                Assert.True(cost.CrossPartitionQueries == 0, $"{name}: {cost}");
                Assert.True(cost.Writes == 0, $"{name}: a read scores nothing: {cost}");
                Assert.True(cost.Operations <= ops, $"{name}: at most {ops} operations, not {cost}");
                Assert.True(cost.Items <= 1 + 10 + PageRequest.MaxReach, $"{name}: {cost}");
                costs.TryAdd(name, []);
                costs[name].Add(cost);
            }
        }
        foreach (var (name, pair) in costs)
        {
            output.WriteLine($"{name}: {pair[0]} over {Small} matches / {pair[1]} over {Large}");
            Assert.True(pair[0].Operations == pair[1].Operations, $"{name}: {pair[0]} over {Small} matches, {pair[1]} over {Large}");
        }
    }

    private Task Seed(long jobId, long candidateId, bool inJob)
    {
        var score = 10 + candidateId % 80 + jobId % 7;
        var match = new MatchScore
        {
            Id = MatchScore.IdOf(jobId, candidateId), MatchId = jobId + candidateId, JobId = jobId, CandidateId = candidateId, Score = score,
            SkillsMatch = 50, Summary = "Seeded", RecruiterSummary = "Seeded", LastCalculated = DateTimeOffset.UtcNow, JobIsActive = true,
            JobLocationKey = "paris, france", Candidate = new CandidateSnapshot("budget", "Budget Candidate", null),
            Job = new JobSnapshot("Budget job", "Budget Corp", null, "Paris, France", 1, 2),
        }.CopyFor(inJob ? MatchScore.JobPartition(jobId) : MatchScore.CandidatePartition(candidateId));
        return _app.Store.UpsertAsync(Containers.JobMatches, match, match.Partition);
    }
}
