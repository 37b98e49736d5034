using System.Net;
using CareerNexus.Applications;
using CareerNexus.Common;
using CareerNexus.Storage;
using CareerNexus.Tests.Budgets;
using CareerNexus.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// The Cosmos budget of the two application lists: a page costs the same with 15 applications as with 150, with no
/// cross-partition query (the caller's account or the job, the capped count and the page, in one partition each).
/// </summary>
public sealed class ApplicationsBudgetTests(SharedApp fixture, ITestOutputHelper output) : IClassFixture<SharedApp>
{
    private const int Small = 15;
    private const int Large = 150;
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task My_applications_and_a_jobs_applications_cost_the_same_at_ten_times_the_data()
    {
        var costs = new Dictionary<string, List<CosmosBudgetTests.Cost>>();
        foreach (var size in new[] { Small, Large })
        {
            var recruiter = await _app.Recruiter();
            var candidate = await _app.Candidate();
            var job = await _app.RecruitmentJob(recruiter);
            var now = DateTimeOffset.UtcNow;
            // The job's partition holds `size` applications; the candidate's holds `size` applications to other jobs.
            await Task.WhenAll(Enumerable.Range(1, size).Select(i => Seed(job.JobId, 1_000_000_000 + i, recruiter.Id, now.AddSeconds(-i), inJob: true))
                .Concat(Enumerable.Range(1, size).Select(i => Seed(2_000_000_000 + i, candidate.Id, recruiter.Id, now.AddSeconds(-i), inJob: false))));

            foreach (var (name, path, who) in new[]
                     {
                         ("my applications", "/applications/api/v1/applications/my-applications/?limit=10", candidate),
                         ("job applications", $"/applications/api/v1/applications/job/{job.JobId}/?limit=10&ordering=-match_score", recruiter),
                     })
            {
                // The first request of a token warms its session; the measured one is the common path.
                (await _api.Get(path, who.Access)).Expect(HttpStatusCode.OK);
                var page = (await _api.Get(path, who.Access)).Expect(HttpStatusCode.OK);
                Assert.Equal(size, page["count"].GetInt64());
                Assert.Equal(10, page["results"].GetArrayLength());
                costs.TryAdd(name, []);
                costs[name].Add(CosmosBudgetTests.Cost.Of(page));
            }
        }
        foreach (var (name, pair) in costs)
        {
            var (small, large) = (pair[0], pair[1]);
            output.WriteLine($"{name}: {small} / {large}");
            Assert.True(small.Operations == large.Operations, $"{name}: {small} over {Small} applications, {large} over {Large}");
            foreach (var cost in pair)
            {
                Assert.True(cost.CrossPartitionQueries == 0, $"{name}: {cost}");
                Assert.True(cost.Operations <= 3, $"{name}: the caller's account or the job, the count and the page, not {cost}");
                Assert.True(cost.Items <= 10 + 1 + PageRequest.MaxReach, $"{name}: {cost}");
            }
        }
    }

    private Task Seed(long jobId, long candidateId, long posterId, DateTimeOffset appliedAt, bool inJob)
    {
        var application = new ApplicationDocument
        {
            Id = ApplicationDocument.KeyOf(jobId, candidateId), Partition = ApplicationDocument.JobPartition(jobId), ApplicationId = jobId + candidateId,
            JobId = jobId, CandidateId = candidateId, PosterId = posterId, JobTitle = "Budget job", CompanyName = "Budget Corp",
            Candidate = new ApplicantSnapshot(candidateId, "budget", "Budget Candidate", null), CoverLetter = "Hello", AppliedAt = appliedAt,
            UpdatedAt = appliedAt, Version = 1, Settled = true,
        }.Scored(appliedAt.Second);
        var copy = inJob ? application : application.InCandidatePartition();
        return _app.Store.UpsertAsync(Containers.Applications, copy, copy.Partition);
    }
}
