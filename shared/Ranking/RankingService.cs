using System.Globalization;
using CareerNexus.Common;
using CareerNexus.Companies;
using CareerNexus.Jobs;
using CareerNexus.Matching;
using CareerNexus.Queues;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Ranking;

/// <summary>
/// Ranks every candidate of the pools for a job post with the platform's matching engine, on a queue of its own: asking
/// starts a task (pending → ranking), the worker scores the pools and keeps the best <see cref="MaxRanked"/> (→ ranked).
/// While a task runs, asking again answers the same task; once ranked, asking answers the ranking until the job or a
/// pool changes. A task that has not finished within <see cref="Lease"/> (its worker died) may be started again.
/// </summary>
public sealed class RankingService(DocumentStore store, JobService jobs, CompanyService companies, IEnumerable<ICandidatePool> pools,
    IMessageQueue queue, TimeProvider clock)
{
    public const int MaxRanked = 100;
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);

    /// <summary>The job's ranking, or null when it was never asked for: one point read.</summary>
    public async Task<JobRanking?> FindAsync(Job job, CancellationToken ct = default) =>
        (await store.ReadAsync<JobRanking>(Containers.JobRankings, JobRanking.IdOf(job.JobId), JobRanking.PartitionOf(job.Posting!.CompanyId), ct))?.Document;

    /// <summary>The rankings of some jobs of one organization: one single-partition query.</summary>
    public async Task<IReadOnlyDictionary<long, JobRanking>> OfJobsAsync(long organizationId, IReadOnlyCollection<long> jobIds, CancellationToken ct = default)
    {
        if (jobIds.Count == 0) return new Dictionary<long, JobRanking>();
        var partition = JobRanking.PartitionOf(organizationId);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.partition = @partition AND ARRAY_CONTAINS(@jobs, c.job_id)")
            .WithParameter("@partition", partition).WithParameter("@jobs", jobIds.ToArray());
        return (await store.QueryListAsync<JobRanking>(Containers.JobRankings, query, partition, ct: ct)).ToDictionary(r => r.JobId);
    }

    /// <summary>The status a job shows: ranked only while its ranking was made from the job as it is now.</summary>
    public static string StatusOf(Job job, JobRanking? ranking) => ranking switch
    {
        null => RankingStatuses.Pending,
        { Status: RankingStatuses.Ranked } when ranking.JobVersion != job.Posting?.UpdatedAt => RankingStatuses.Pending,
        _ => ranking.Status,
    };

    /// <summary>Starts ranking the job, or says why not (a task is running, or the ranking is current); one task at a time.</summary>
    public async Task<(RankingOutcome Outcome, JobRanking Ranking)> StartAsync(Job job, CancellationToken ct = default)
    {
        var (id, partition) = (JobRanking.IdOf(job.JobId), JobRanking.PartitionOf(job.Posting!.CompanyId));
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.ReadAsync<JobRanking>(Containers.JobRankings, id, partition, ct);
            var current = stored?.Document;
            var now = clock.GetUtcNow();
            if (current is { Status: RankingStatuses.Ranking } && now - current.StartedAt < Lease) return (RankingOutcome.AlreadyRanking, current);
            if (current is { Status: RankingStatuses.Ranked } && current.JobVersion == job.Posting.UpdatedAt
                && current.PoolVersion == await PoolVersionAsync(ct))
                return (RankingOutcome.AlreadyRanked, current);
            var next = current ?? new JobRanking { Id = id, Partition = partition, JobId = job.JobId };
            next.Status = RankingStatuses.Ranking;
            next.TaskId = Guid.NewGuid().ToString();
            next.StartedAt = now;
            // Of two calls racing, one writes; the other reads the running task on its next turn.
            var written = stored is null
                ? await store.TryCreateAsync(Containers.JobRankings, next, partition, ct)
                : await store.TryReplaceAsync(Containers.JobRankings, id, next, partition, stored.ETag, ct);
            if (written)
            {
                await queue.SendAsync(QueueNames.Ranking, next.TaskId, string.Create(CultureInfo.InvariantCulture,
                    $"{job.Posting.CompanyId}:{job.JobId}:{next.TaskId}"), ct);
                return (RankingOutcome.Started, next);
            }
            await DocumentStore.ContendedAsync(attempt, ct);
        }
    }

    /// <summary>
    /// The worker's part: ranks the job for the task, unless another task replaced it or it finished already (a
    /// redelivery changes nothing). The outcome is written only while the task is still the job's.
    /// </summary>
    public async Task RankAsync(long organizationId, long jobId, string taskId, CancellationToken ct = default)
    {
        var (id, partition) = (JobRanking.IdOf(jobId), JobRanking.PartitionOf(organizationId));
        var stored = await store.ReadAsync<JobRanking>(Containers.JobRankings, id, partition, ct);
        if (stored?.Document is not { Status: RankingStatuses.Ranking } ranking || ranking.TaskId != taskId) return;
        var job = await jobs.FindAsync(jobId, ct);
        if (job?.Posting is not { IsActive: true } posting || posting.CompanyId != organizationId)
        {
            ranking.Status = RankingStatuses.Pending;
            await store.TryReplaceAsync(Containers.JobRankings, id, ranking, partition, stored.ETag, ct);
            return;
        }
        // Read before the scan: a change during it makes the ranking older than the pool, so it may be made again.
        var version = await PoolVersionAsync(ct);
        var company = await companies.FindAsync(organizationId, ct);
        var scorer = MatchEngine.Prepare(MatchInputs.From(job, company), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var best = new PriorityQueue<(PoolCandidate Candidate, MatchBreakdown Score), (double, long)>(MaxRanked + 1,
            Comparer<(double Score, long Id)>.Create((a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Id.CompareTo(a.Id)));
        long considered = 0;
        var seen = new HashSet<long>();
        foreach (var pool in pools)
            await foreach (var candidate in pool.CandidatesAsync(ct))
            {
                // A candidate in two pools (a Talent profile and a Recruitment one) is ranked once, from the first pool.
                if (!seen.Add(candidate.CandidateId)) continue;
                var score = scorer.Score(candidate.Input);
                considered++;
                best.Enqueue((candidate, score), (score.Score, candidate.CandidateId));
                if (best.Count > MaxRanked) best.Dequeue();
            }
        var ranked = new List<RankedCandidate>(best.Count);
        while (best.TryDequeue(out var entry, out _)) ranked.Add(Ranked(scorer, entry.Candidate, entry.Score));
        ranked.Reverse();

        ranking.Status = RankingStatuses.Ranked;
        ranking.RankedAt = clock.GetUtcNow();
        ranking.JobVersion = posting.UpdatedAt;
        ranking.PoolVersion = version;
        ranking.CandidatesConsidered = considered;
        ranking.RankedCandidates = ranked;
        // Only while this task is still the job's (its ETag): a newer task's outcome is never overwritten by an older one.
        await store.TryReplaceAsync(Containers.JobRankings, id, ranking, partition, stored.ETag, ct);
    }

    /// <summary>The versions of every pool, as one stamp.</summary>
    private async Task<string> PoolVersionAsync(CancellationToken ct) =>
        string.Join('|', await Task.WhenAll(pools.Select(p => p.VersionAsync(ct))));

    /// <summary>A candidate's place in the ranking: the score as a share, and the reason in the engine's words with the facts behind it.</summary>
    private static RankedCandidate Ranked(JobScorer scorer, PoolCandidate candidate, MatchBreakdown score)
    {
        var explanation = scorer.Explain(score);
        var reason = string.Create(CultureInfo.InvariantCulture,
            $"{explanation.RecruiterSummary} Skills {score.Skills}/100, experience {score.Experience}/100, location {score.Location}/100, salary {score.Salary}/100 (from the candidate's {candidate.Basis}).");
        return new RankedCandidate(candidate.CandidateId, Math.Round(score.Score / 100, 3), reason, explanation.MatchedSkills, explanation.MissingSkills,
            candidate.Slug);
    }
}

/// <summary>The ranking queue: "{organization}:{job}:{task}"; a redelivered or replaced task changes nothing.</summary>
public sealed class RankingHandler(RankingService rankings) : IQueueHandler
{
    public string Queue => QueueNames.Ranking;

    public Task HandleAsync(QueueMessage message, CancellationToken ct) => message.Body.Split(':') switch
    {
        [var organization, var job, var task] when long.TryParse(organization, NumberStyles.None, CultureInfo.InvariantCulture, out var organizationId)
            && long.TryParse(job, NumberStyles.None, CultureInfo.InvariantCulture, out var jobId) && task.Length > 0
            => rankings.RankAsync(organizationId, jobId, task, ct),
        _ => throw new FormatException("The message body is not a ranking task."),
    };
}

public static class RankingServices
{
    public static IServiceCollection AddRanking(this IServiceCollection services)
    {
        services.AddSingleton<CandidatePoolChanges>();
        // Talent's pool first: a candidate with profiles on both surfaces is ranked from their Talent profile.
        services.AddSingleton<TalentProfiles.TalentCandidatePool>();
        services.AddSingleton<ICandidatePool>(sp => sp.GetRequiredService<TalentProfiles.TalentCandidatePool>());
        services.AddSingleton<ICandidatePool, RecruitmentCandidatePool>();
        services.AddSingleton<RankingService>();
        services.AddQueueHandler<RankingHandler>(QueueNames.Ranking);
        return services;
    }
}
