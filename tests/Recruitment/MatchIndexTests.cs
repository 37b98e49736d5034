using System.Globalization;
using System.Net;
using CareerNexus.Accounts;
using CareerNexus.Candidates;
using CareerNexus.Jobs;
using CareerNexus.Matching;
using CareerNexus.Queues;
using CareerNexus.Storage;
using CareerNexus.Tests.Support;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace CareerNexus.Tests.Recruitment;

/// <summary>What the matching index holds, for the tests that wait for the worker or look inside.</summary>
public static class MatchIndexing
{
    /// <summary>Waits until the worker has listed the candidate's profile as it is now (its changes queue their listing).</summary>
    public static async Task ListedAsync(this TestApp app, long candidateId)
    {
        var key = candidateId.ToString(CultureInfo.InvariantCulture);
        var index = app.Services.GetRequiredService<MatchIndex>();
        await Eventually.True(async () =>
        {
            var profile = (await app.Store.ReadAsync<CandidateProfile>(Containers.CandidateProfiles, key, key))!.Document;
            return (await index.RecordAsync(MatchOwner.Candidate(candidateId)))?.Version >= profile.UpdatedAt;
        }, $"candidate {candidateId} was not listed");
    }

    /// <summary>The ids listed under one skill ("candidates:python", "jobs:python").</summary>
    public static Task<List<long>> ListedUnder(this TestApp app, string partition) =>
        app.Services.GetRequiredService<MatchIndex>().ListedAsync(partition, 0, 1000, CancellationToken.None);

    /// <summary>Now, to the microsecond the store keeps, so that versions read back compare equal.</summary>
    public static DateTimeOffset Now()
    {
        var now = DateTimeOffset.UtcNow;
        return now.AddTicks(-(now.UtcTicks % 10));
    }

    public static async Task HandleMatching(this TestApp app, string body, string? messageId = null) =>
        await app.Services.GetRequiredService<MatchingHandler>()
            .HandleAsync(new QueueMessage(QueueNames.Matching, messageId ?? "test-" + Guid.NewGuid().ToString("N"), body, 1), CancellationToken.None);

    /// <summary>A candidate profile written straight to the store, as the profile routes keep it, with no message queued.</summary>
    public static async Task<CandidateProfile> SeedProfile(this TestApp app, long userId, IEnumerable<string> skills, IEnumerable<string>? technologies = null)
    {
        var now = Now();
        var profile = new CandidateProfile
        {
            Id = userId.ToString(CultureInfo.InvariantCulture), UserId = userId, ProfileId = userId, Skills = skills.ToList(),
            Projects = technologies is null ? [] : [new Project(1, "Project", "A project.", technologies.ToList())],
            Location = "Paris, France", CreatedAt = now, UpdatedAt = now, Username = "seeded" + userId,
        };
        await app.Store.UpsertAsync(Containers.CandidateProfiles, profile, profile.Id);
        return profile;
    }

    /// <summary>A Recruitment job asking for these skills (and no known skill in its requirements), written to the store.</summary>
    public static async Task<Job> SkillsJob(this TestApp app, TestUser recruiter, params string[] skills)
    {
        var job = await app.RecruitmentJob(recruiter, ApiClient.Unique("Engineer "));
        var changed = job with
        {
            Description = "Join our team.",
            Posting = job.Posting! with { Skills = skills, Requirements = ["Curiosity"], UpdatedAt = Now() },
        };
        await app.Store.UpsertAsync(Containers.Jobs, changed, changed.Id);
        return changed;
    }

    /// <summary>The job as changed (a new UpdatedAt), as the job routes write it.</summary>
    public static async Task<Job> ChangeJob(this TestApp app, Job job, Func<JobPosting, JobPosting> change)
    {
        var changed = job with { Posting = change(job.Posting!) with { UpdatedAt = Now() } };
        await app.Store.UpsertAsync(Containers.Jobs, changed, changed.Id);
        return changed;
    }

    /// <summary>The candidate ids of the job's stored matches.</summary>
    public static async Task<List<long>> MatchedCandidates(this TestApp app, long jobId)
    {
        var partition = MatchScore.JobPartition(jobId);
        return await app.Store.QueryListAsync<long>(Containers.JobMatches,
            new QueryDefinition("SELECT VALUE c.candidate_id FROM c WHERE c.partition = @p").WithParameter("@p", partition), partition);
    }

    public static async Task<MatchScore?> Match(this TestApp app, long jobId, long candidateId) =>
        (await app.Store.ReadAsync<MatchScore>(Containers.JobMatches, MatchScore.IdOf(jobId, candidateId), MatchScore.JobPartition(jobId)))?.Document;
}

/// <summary>
/// Retrieval before ranking: the index follows profiles and jobs, a scan finds only the pairs that share a skill (and
/// those already stored), a job that names no skill is matched on demand only, erasure takes a candidate out, and a scan
/// larger than one delivery's bound finishes through continuations.
/// </summary>
public sealed class MatchIndexTests(MatchingApp fixture) : IClassFixture<MatchingApp>
{
    private const string Me = "/accounts/api/v1/candidate-profiles/me/";
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task The_index_follows_a_profiles_skills_and_technologies_and_a_jobs_skills_until_it_closes()
    {
        var candidate = await _app.Candidate();
        (await _api.Patch(Me, new
        {
            skills = new[] { "Python", "JS", "c#" },
            projects = new[] { new { name = "Shop", description = "An online shop.", technologies = new[] { "Node.js", "postgres" } } },
        }, candidate.Access)).Expect(HttpStatusCode.OK);
        await _app.ListedAsync(candidate.Id);
        // Synonyms give the canonical skill's key: JS is JavaScript, postgres PostgreSQL.
        var record = await _app.Services.GetRequiredService<MatchIndex>().RecordAsync(MatchOwner.Candidate(candidate.Id));
        Assert.Equal(["c#", "javascript", "nodejs", "postgresql", "python"], record!.Keys);
        foreach (var key in record.Keys) Assert.Contains(candidate.Id, await _app.ListedUnder(MatchOwner.CandidatesUnder(key)));

        // A skill removed leaves its list; one added joins its own.
        (await _api.Patch(Me, new { skills = new[] { "Golang", "c#" }, projects = Array.Empty<object>() }, candidate.Access)).Expect(HttpStatusCode.OK);
        await _app.ListedAsync(candidate.Id);
        Assert.Contains(candidate.Id, await _app.ListedUnder(MatchOwner.CandidatesUnder("go")));
        Assert.Contains(candidate.Id, await _app.ListedUnder(MatchOwner.CandidatesUnder("c#")));
        foreach (var gone in new[] { "python", "javascript", "nodejs", "postgresql" })
            Assert.DoesNotContain(candidate.Id, await _app.ListedUnder(MatchOwner.CandidatesUnder(gone)));

        // A job is listed under its skills and the known skills its requirements name, and leaves every list when it closes.
        var recruiter = await _app.Recruiter();
        var job = await _app.ChangeJob(await _app.SkillsJob(recruiter, "Rust"), p => p with { Requirements = ["3 years of Kubernetes"] });
        await _app.HandleMatching($"job:{job.JobId}");
        Assert.Contains(job.JobId, await _app.ListedUnder(MatchOwner.JobsUnder("rust")));
        Assert.Contains(job.JobId, await _app.ListedUnder(MatchOwner.JobsUnder("kubernetes")));
        job = await _app.ChangeJob(job, p => p with { Skills = ["Rust", "Go"] });
        await _app.HandleMatching($"job:{job.JobId}");
        Assert.Contains(job.JobId, await _app.ListedUnder(MatchOwner.JobsUnder("go")));
        await _app.ChangeJob(job, p => p with { IsActive = false });
        await _app.HandleMatching($"job:{job.JobId}");
        foreach (var key in new[] { "rust", "kubernetes", "go" }) Assert.DoesNotContain(job.JobId, await _app.ListedUnder(MatchOwner.JobsUnder(key)));
        Assert.Empty((await _app.Services.GetRequiredService<MatchIndex>().RecordAsync(MatchOwner.Job(job.JobId)))!.Keys);
    }

    [Fact]
    public async Task A_job_is_matched_to_the_candidates_who_share_a_skill_and_to_no_one_else()
    {
        var skill = "Skill" + Guid.NewGuid().ToString("N")[..8];
        var recruiter = await _app.Recruiter();
        var sharer = await _app.Candidate();
        var throughProject = await _app.Candidate();
        var stranger = await _app.Candidate();
        var empty = await _app.Candidate();
        await _app.SeedProfile(sharer.Id, ["COBOL", skill.ToUpperInvariant()]);
        await _app.SeedProfile(throughProject.Id, ["Fortran"], [skill]);
        await _app.SeedProfile(stranger.Id, ["COBOL", "Fortran"]);
        await _app.SeedProfile(empty.Id, []);
        foreach (var each in new[] { sharer, throughProject, stranger, empty }) await _app.HandleMatching($"candidate:{each.Id}");

        var job = await _app.SkillsJob(recruiter, skill, "Haskell");
        await _app.HandleMatching($"job:{job.JobId}");
        Assert.Equal([sharer.Id, throughProject.Id], (await _app.MatchedCandidates(job.JobId)).Order());

        // A job that names no skill at all would score 100 on skills for everyone: it is matched on demand only.
        var open = await _app.SkillsJob(recruiter);
        await _app.HandleMatching($"job:{open.JobId}");
        Assert.Empty(await _app.MatchedCandidates(open.JobId));
        (await _api.Post("/matching/api/v1/job-matches/recalculate/", new { job_id = open.JobId, candidate_id = empty.Id }, recruiter.Access))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(100, (await _app.Match(open.JobId, empty.Id))!.SkillsMatch);
        // Then it has a match, which its changes rescore.
        open = await _app.ChangeJob(open, p => p with { Location = "Lyon, France" });
        await _app.HandleMatching($"job:{open.JobId}");
        Assert.Equal(open.Posting!.UpdatedAt, (await _app.Match(open.JobId, empty.Id))!.JobVersion);
        Assert.Equal([empty.Id], await _app.MatchedCandidates(open.JobId));

        // The candidate's side: a new candidate sharing the skill finds the job in their own scan.
        var late = await _app.Candidate();
        await _app.SeedProfile(late.Id, [skill]);
        await _app.HandleMatching($"candidate:{late.Id}");
        Assert.Contains(late.Id, await _app.MatchedCandidates(job.JobId));
        Assert.Null(await _app.Match(open.JobId, late.Id));
    }

    [Fact]
    public async Task Matches_that_no_longer_share_a_skill_are_rescored_not_left_behind()
    {
        var recruiter = await _app.Recruiter();
        var candidate = await _app.Candidate();
        (await _api.Patch(Me, new { skills = new[] { "Python", "Django" } }, candidate.Access)).Expect(HttpStatusCode.OK);
        await _app.ListedAsync(candidate.Id);
        var job = await _app.SkillsJob(recruiter, "Python", "Django");
        await _app.HandleMatching($"job:{job.JobId}");
        Assert.Equal(100, (await _app.Match(job.JobId, candidate.Id))!.SkillsMatch);

        // The candidate drops both skills: their scan finds the job through the match it has, and rescores it.
        (await _api.Patch(Me, new { skills = new[] { "COBOL" } }, candidate.Access)).Expect(HttpStatusCode.OK);
        await _app.ListedAsync(candidate.Id);
        await Eventually.True(async () => (await _app.Match(job.JobId, candidate.Id))!.SkillsMatch == 0, "the match was not rescored");
        Assert.DoesNotContain(candidate.Id, await _app.ListedUnder(MatchOwner.CandidatesUnder("python")));

        // The job changes its skills to ones the candidate has not either: the stored match is rescored from the job's side too.
        (await _api.Patch(Me, new { skills = new[] { "Python" } }, candidate.Access)).Expect(HttpStatusCode.OK);
        await _app.ListedAsync(candidate.Id);
        await Eventually.True(async () => (await _app.Match(job.JobId, candidate.Id))!.SkillsMatch == 50, "the match was not rescored");
        job = await _app.ChangeJob(job, p => p with { Skills = ["Erlang"] });
        await _app.HandleMatching($"job:{job.JobId}");
        var match = (await _app.Match(job.JobId, candidate.Id))!;
        Assert.Equal(0, match.SkillsMatch);
        Assert.Equal(job.Posting!.UpdatedAt, match.JobVersion);
    }

    [Fact]
    public async Task Erasure_takes_a_candidate_out_of_the_index_for_good()
    {
        var candidate = await _app.Candidate();
        (await _api.Patch(Me, new { skills = new[] { "Python", "Scala" } }, candidate.Access)).Expect(HttpStatusCode.OK);
        await _app.ListedAsync(candidate.Id);
        Assert.Contains(candidate.Id, await _app.ListedUnder(MatchOwner.CandidatesUnder("scala")));

        var account = await _app.Services.GetRequiredService<AccountService>().GetAsync(candidate.Id);
        var erasure = _app.Services.GetServices<CareerNexus.Erasure.IPersonalData>().OfType<MatchErasure>().Single();
        await erasure.EraseAsync(account, CancellationToken.None);
        foreach (var key in new[] { "python", "scala" }) Assert.DoesNotContain(candidate.Id, await _app.ListedUnder(MatchOwner.CandidatesUnder(key)));
        // A late delivery, while the profile is still there (its own eraser runs after this one), lists nothing again.
        await _app.HandleMatching($"candidate:{candidate.Id}");
        await erasure.EraseAsync(account, CancellationToken.None);
        Assert.DoesNotContain(candidate.Id, await _app.ListedUnder(MatchOwner.CandidatesUnder("scala")));
        Assert.Empty((await _app.Services.GetRequiredService<MatchIndex>().RecordAsync(MatchOwner.Candidate(candidate.Id)))!.Keys);
    }

    [Fact]
    public async Task A_scan_larger_than_one_delivery_goes_on_in_continuations_that_a_redelivery_does_not_fork()
    {
        // Pages of 2, two pages per delivery: 9 candidates take three deliveries, which this test makes itself.
        using var app = new TestApp(settings: new Dictionary<string, string?> { ["CareerNexus:Queues:PumpEnabled"] = "false" },
            services: s => s.AddSingleton(new MatchScanBounds(PageSize: 2, PagesPerDelivery: 2)));
        var skill = "Skill" + Guid.NewGuid().ToString("N")[..8];
        var recruiter = await app.Recruiter();
        var candidates = new List<long>();
        for (var i = 0; i < 9; i++)
        {
            var candidate = await app.Candidate();
            await app.SeedProfile(candidate.Id, [skill]);
            await app.HandleMatching($"candidate:{candidate.Id}");
            candidates.Add(candidate.Id);
        }
        candidates.Sort();
        var job = await app.SkillsJob(recruiter, skill);
        async Task<QueuedMessage?> Queued(string id) => (await app.Store.ReadAsync<QueuedMessage>(Containers.QueueMessages, id, QueueNames.Matching))?.Document;

        // One delivery scores the first four and queues the rest under an id derived from its own; delivered again, it
        // queues the same continuation, which the queue takes for a duplicate.
        await app.HandleMatching($"job:{job.JobId}", "scan-root");
        Assert.Equal(candidates.Take(4), (await app.MatchedCandidates(job.JobId)).Order());
        var part1 = (await Queued("scan-root:part1"))!;
        Assert.Equal($"job:{job.JobId}:after:{candidates[3]}:{job.Posting!.UpdatedAt.UtcTicks}", part1.Body);
        await app.HandleMatching($"job:{job.JobId}", "scan-root");
        var queued = await app.Store.QueryListAsync<string>(Containers.QueueMessages,
            new QueryDefinition("SELECT VALUE c.message_id FROM c WHERE c.partition = @q").WithParameter("@q", QueueNames.Matching), QueueNames.Matching);
        Assert.Equal(["scan-root:part1"], queued.Where(id => id.StartsWith("scan-root", StringComparison.Ordinal)));

        // The continuations: part1 scores four more and queues part2, which finishes.
        await app.HandleMatching(part1.Body!, "scan-root:part1");
        Assert.Equal(candidates.Take(8), (await app.MatchedCandidates(job.JobId)).Order());
        var part2 = (await Queued("scan-root:part2"))!;
        Assert.Equal($"job:{job.JobId}:after:{candidates[7]}:{job.Posting.UpdatedAt.UtcTicks}", part2.Body);
        await app.HandleMatching(part2.Body!, "scan-root:part2");
        Assert.Equal(candidates, (await app.MatchedCandidates(job.JobId)).Order());
        Assert.Null(await Queued("scan-root:part3"));

        // A continuation of a job that changed since stops: the change queued a scan from the start.
        var changed = await app.ChangeJob(job, p => p with { Location = "Lyon, France" });
        await app.HandleMatching(part1.Body!, "stale-part");
        Assert.All(await Task.WhenAll(candidates.Select(id => app.Match(job.JobId, id))), m => Assert.True(m!.JobVersion < changed.Posting!.UpdatedAt));
        Assert.Null(await Queued("stale-part:part1"));
    }
}

/// <summary>
/// The matching worker's cost: handling job:{id} costs the same whether the platform holds 20 or 200 candidates who
/// share no skill with the job, and candidate:{id} the same whether it holds 20 or 200 unrelated open jobs. Measured
/// with the meter the routes' budgets use, around a direct delivery.
/// </summary>
public sealed class MatchingWorkerBudgetTests(ITestOutputHelper output)
{
    private const int Small = 20;
    private const int Large = 200;
    private const int Sharing = 3;

    [Fact]
    public async Task A_job_or_candidate_message_costs_the_same_whatever_the_unrelated_candidates_and_jobs()
    {
        using var app = new TestApp(settings: new Dictionary<string, string?> { ["CareerNexus:Queues:PumpEnabled"] = "false" });
        var recruiter = await app.Recruiter();
        var costs = new Dictionary<string, List<CosmosTotals>> { ["job"] = [], ["candidate"] = [] };
        var unrelated = 0;
        foreach (var size in new[] { Small, Large })
        {
            // Unrelated candidates and open jobs, listed under other skills: a scan of everything would read them all.
            await Parallel.ForEachAsync(Enumerable.Range(unrelated, size - unrelated), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (n, _) =>
            {
                var id = 5_000_000_000 + n;
                await app.SeedProfile(id, ["COBOL", "Fortran"]);
                await app.HandleMatching($"candidate:{id}");
                var other = await app.SkillsJob(recruiter, "Pascal", "Lisp");
                await app.HandleMatching($"job:{other.JobId}");
            });
            unrelated = size;
            var skill = "Skill" + Guid.NewGuid().ToString("N")[..8];
            var sharers = new List<long>();
            for (var i = 0; i < Sharing; i++)
            {
                var id = 6_000_000_000 + size * 10 + i;
                await app.SeedProfile(id, [skill, "Go"]);
                await app.HandleMatching($"candidate:{id}");
                sharers.Add(id);
            }
            var job = await app.SkillsJob(recruiter, skill, "Ada");
            await app.HandleMatching($"job:{job.JobId}");
            Assert.Equal(sharers, (await app.MatchedCandidates(job.JobId)).Order());

            // The job changes: its scan rewrites its three matches, and reads nothing of the unrelated candidates.
            job = await app.ChangeJob(job, p => p with { Location = "Lyon, France" });
            costs["job"].Add(await Measure(() => app.HandleMatching($"job:{job.JobId}")));
            // A candidate changes: their scan rewrites their one match.
            var profile = await app.SeedProfile(sharers[0], [skill, "Go"]);
            costs["candidate"].Add(await Measure(() => app.HandleMatching($"candidate:{profile.UserId}")));
            Assert.Equal(profile.UpdatedAt, (await app.Match(job.JobId, profile.UserId))!.ProfileVersion);
        }
        foreach (var (name, pair) in costs)
        {
            output.WriteLine($"{name}: {Show(pair[0])} with {Small} unrelated / {Show(pair[1])} with {Large}");
            Assert.Equal(0, pair[1].CrossPartitionQueries);
            Assert.True(pair[0].Operations == pair[1].Operations, $"{name}: {Show(pair[0])} with {Small} unrelated, {Show(pair[1])} with {Large}");
        }
        // The job's: the job, its company and its index record read, its two keys asserted and the record written, a query
        // per key and two of its matches (their ids, then the page's), and per match seven (the profile and the account,
        // each copy read and replaced, and the new-match notice reading the changed score).
        Assert.True(costs["job"][1].Operations <= 3 + 3 + 2 + 2 + 7 * Sharing, Show(costs["job"][1]));
    }

    private static async Task<CosmosTotals> Measure(Func<Task> work)
    {
        var meter = CosmosMeter.Start();
        await work();
        return meter.Totals;
    }

    private static string Show(CosmosTotals t) =>
        $"{t.Operations} operations (reads={t.Reads} queries={t.Queries} xqueries={t.CrossPartitionQueries} writes={t.Writes} items={t.Items})";
}
