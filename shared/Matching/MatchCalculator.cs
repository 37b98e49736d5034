using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Candidates;
using CareerNexus.Companies;
using CareerNexus.Jobs;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Matching;

/// <summary>
/// Calculates and stores match scores: a job against every candidate profile, a candidate against every active
/// Recruitment job, or one pair, in pages of <see cref="PageSize"/>. A stored match is rewritten only from inputs at
/// least as new as its own (the job's and the profile's UpdatedAt) and, unless forced, only when they changed, so a
/// redelivered or older request changes nothing. Each write is conditional on the ETag it read.
/// </summary>
public sealed class MatchCalculator(DocumentStore store, IdAllocator ids, IEnumerable<IMatchScoreObserver> observers, TimeProvider clock)
{
    public const int PageSize = 100;
    private const int Parallelism = 8;
    private const int MaxWriteAttempts = 5;

    /// <summary>What one calculation did: matches written, and whether it stopped at its bound with more to do.</summary>
    public sealed record Outcome(int Updated, bool More);

    public async Task<Outcome> JobAsync(long jobId, bool force, int maxPages, CancellationToken ct)
    {
        var job = await FindJobAsync(jobId, ct);
        if (job is null) return new Outcome(0, false);
        var company = await FindAsync<Company>(Containers.Companies, job.Posting!.CompanyId, ct);
        var scorer = MatchEngine.Prepare(MatchInputs.From(job, company), Today());
        long after = 0;
        var updated = 0;
        for (var pages = 0; ; pages++)
        {
            if (pages == maxPages) return new Outcome(updated, true);
            var profiles = await store.QueryListAsync<CandidateProfile>(Containers.CandidateProfiles,
                new QueryDefinition($"SELECT TOP {PageSize} * FROM c WHERE c.user_id > @after ORDER BY c.user_id").WithParameter("@after", after),
                take: PageSize, ct: ct);
            if (profiles.Count == 0) return new Outcome(updated, false);
            after = profiles[^1].UserId;
            var accounts = await store.ReadManyAsync<Account>(Containers.Accounts, profiles.Select(p => Key(p.UserId)), ct);
            var stored = await StoredAsync(MatchScore.JobPartition(jobId), "candidate_id", profiles.Select(p => p.UserId), ct);
            updated += await WriteAllAsync(profiles.Select(p => (job, company, scorer, p, accounts.GetValueOrDefault(Key(p.UserId)),
                stored.GetValueOrDefault(p.UserId))), force, ct);
            if (profiles.Count < PageSize) return new Outcome(updated, false);
        }
    }

    public async Task<Outcome> CandidateAsync(long candidateId, bool force, int maxPages, CancellationToken ct)
    {
        var profile = await FindAsync<CandidateProfile>(Containers.CandidateProfiles, candidateId, ct);
        if (profile is null) return new Outcome(0, false);
        var account = await FindAsync<Account>(Containers.Accounts, candidateId, ct);
        var today = Today();
        long after = 0;
        var updated = 0;
        for (var pages = 0; ; pages++)
        {
            if (pages == maxPages) return new Outcome(updated, true);
            var jobs = await store.QueryListAsync<Job>(Containers.Jobs,
                new QueryDefinition($"SELECT TOP {PageSize} * FROM c WHERE c.job_id > @after AND IS_DEFINED(c.posting) AND c.posting != null "
                                    + "AND c.posting.is_active = true ORDER BY c.job_id").WithParameter("@after", after),
                take: PageSize, ct: ct);
            if (jobs.Count == 0) return new Outcome(updated, false);
            after = jobs[^1].JobId;
            var companies = await store.ReadManyAsync<Company>(Containers.Companies, jobs.Select(j => Key(j.Posting!.CompanyId)).Distinct(), ct);
            var stored = await StoredAsync(MatchScore.CandidatePartition(candidateId), "job_id", jobs.Select(j => j.JobId), ct);
            updated += await WriteAllAsync(jobs.Select(j =>
            {
                var company = companies.GetValueOrDefault(Key(j.Posting!.CompanyId));
                return (j, company, MatchEngine.Prepare(MatchInputs.From(j, company), today), profile, account, stored.GetValueOrDefault(j.JobId));
            }), force, ct);
            if (jobs.Count < PageSize) return new Outcome(updated, false);
        }
    }

    /// <summary>One pair; false when the job or the profile is not there (or the job is not a Recruitment job).</summary>
    public async Task<int> PairAsync(long jobId, long candidateId, bool force, CancellationToken ct)
    {
        var job = await FindJobAsync(jobId, ct);
        var profile = await FindAsync<CandidateProfile>(Containers.CandidateProfiles, candidateId, ct);
        if (job is null || profile is null) return 0;
        var company = await FindAsync<Company>(Containers.Companies, job.Posting!.CompanyId, ct);
        var account = await FindAsync<Account>(Containers.Accounts, candidateId, ct);
        var scorer = MatchEngine.Prepare(MatchInputs.From(job, company), Today());
        return await WriteAsync(job, company, scorer, profile, account, null, force, ct) ? 1 : 0;
    }

    /// <summary>
    /// Marks the application on both copies; a change older than the one stored changes nothing. A match not
    /// calculated yet is calculated first, so the mark has a match to sit on.
    /// </summary>
    public async Task ApplicationAsync(long jobId, long candidateId, long? applicationId, DateTimeOffset at, CancellationToken ct)
    {
        var id = MatchScore.IdOf(jobId, candidateId);
        MatchScore Mark(MatchScore match)
        {
            if (match.ApplicationChangedAt >= at) return match;
            match.HasApplied = applicationId is not null;
            match.ApplicationId = applicationId;
            match.ApplicationChangedAt = at;
            return match;
        }
        if (await store.ReplaceAsync<MatchScore>(Containers.JobMatches, id, MatchScore.JobPartition(jobId), Mark, ct) is null)
        {
            await PairAsync(jobId, candidateId, force: false, ct);
            if (await store.ReplaceAsync<MatchScore>(Containers.JobMatches, id, MatchScore.JobPartition(jobId), Mark, ct) is null) return;
        }
        if (await store.ReplaceAsync<MatchScore>(Containers.JobMatches, id, MatchScore.CandidatePartition(candidateId), Mark, ct) is null)
        {
            var primary = await store.ReadAsync<MatchScore>(Containers.JobMatches, id, MatchScore.JobPartition(jobId), ct);
            if (primary is not null) await WriteCopyAsync(primary.Document.CopyFor(MatchScore.CandidatePartition(candidateId)), ct);
        }
    }

    private async Task<int> WriteAllAsync(IEnumerable<(Job Job, Company? Company, JobScorer Scorer, CandidateProfile Profile, Account? Account, MatchScore? Stored)> pairs,
        bool force, CancellationToken ct)
    {
        var written = 0;
        await Parallel.ForEachAsync(pairs, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (pair, token) =>
        {
            // A scorer is one thread's at a time: Calculate holds it while it scores.
            var changed = await WriteAsync(pair.Job, pair.Company, pair.Scorer, pair.Profile, pair.Account, pair.Stored, force, token);
            if (changed) Interlocked.Increment(ref written);
        });
        return written;
    }

    private async Task<bool> WriteAsync(Job job, Company? company, JobScorer scorer, CandidateProfile profile, Account? account, MatchScore? known,
        bool force, CancellationToken ct)
    {
        var fresh = Calculate(job, company, scorer, profile, account);
        // The page's stored copy answers the common case (nothing changed) without a read of its own.
        if (known is not null && (known.IsNewerThan(fresh) || (!force && known.SameInputs(fresh)))) return false;
        var id = fresh.Id;
        var partition = MatchScore.JobPartition(job.JobId);
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var stored = await store.ReadAsync<MatchScore>(Containers.JobMatches, id, partition, ct);
            var match = fresh.CopyFor(partition);
            if (stored is null)
            {
                match.MatchId = await ids.NextAsync("job_matches", ct);
                if (!await store.TryCreateAsync(Containers.JobMatches, match, partition, ct)) continue;
            }
            else
            {
                var current = stored.Document;
                if (current.IsNewerThan(fresh) || (!force && current.SameInputs(fresh))) return false;
                (match.MatchId, match.HasApplied, match.ApplicationId, match.ApplicationChangedAt) =
                    (current.MatchId, current.HasApplied, current.ApplicationId, current.ApplicationChangedAt);
                if (!await store.TryReplaceAsync(Containers.JobMatches, id, match, partition, stored.ETag, ct)) continue;
            }
            await WriteCopyAsync(match.CopyFor(MatchScore.CandidatePartition(profile.UserId)), ct);
            if (stored is null || stored.Document.Score != match.Score)
                foreach (var observer in observers) await observer.ScoreChangedAsync(job.JobId, profile.UserId, match.Score, ct);
            return true;
        }
        throw new InvalidOperationException($"Match {id} kept changing under its writes");
    }

    /// <summary>The candidate's copy follows the job's; a copy from newer inputs (a later writer got there first) stays.</summary>
    private async Task WriteCopyAsync(MatchScore copy, CancellationToken ct)
    {
        for (var attempt = 0; attempt < MaxWriteAttempts; attempt++)
        {
            var stored = await store.ReadAsync<MatchScore>(Containers.JobMatches, copy.Id, copy.Partition, ct);
            if (stored is null)
            {
                if (await store.TryCreateAsync(Containers.JobMatches, copy, copy.Partition, ct)) return;
                continue;
            }
            if (stored.Document.IsNewerThan(copy)) return;
            if (stored.Document.ApplicationChangedAt > copy.ApplicationChangedAt)
                (copy.HasApplied, copy.ApplicationId, copy.ApplicationChangedAt) =
                    (stored.Document.HasApplied, stored.Document.ApplicationId, stored.Document.ApplicationChangedAt);
            if (await store.TryReplaceAsync(Containers.JobMatches, copy.Id, copy, copy.Partition, stored.ETag, ct)) return;
        }
        throw new InvalidOperationException($"Match copy {copy.Id} kept changing under its writes");
    }

    private MatchScore Calculate(Job job, Company? company, JobScorer scorer, CandidateProfile profile, Account? account)
    {
        MatchBreakdown score;
        MatchExplanation explanation;
        lock (scorer)
        {
            score = scorer.Score(MatchInputs.From(profile, account));
            explanation = scorer.Explain(score);
        }
        var posting = job.Posting!;
        var location = posting.Location.Length > 0 ? posting.Location : job.Country;
        return new MatchScore
        {
            Id = MatchScore.IdOf(job.JobId, profile.UserId), JobId = job.JobId, CandidateId = profile.UserId,
            Score = score.Score, SkillsMatch = score.Skills, ExperienceMatch = score.Experience, TechnologiesMatch = score.Technologies,
            DescriptionMatch = score.Description, LocationMatch = score.Location, SalaryMatch = score.Salary, DomainMatch = score.Domain,
            ContractTypeMatch = score.ContractType, YearsOfExperience = Math.Round(score.Years, 1),
            MatchedSkills = explanation.MatchedSkills.ToList(), MissingSkills = explanation.MissingSkills.ToList(),
            Summary = explanation.Summary, RecruiterSummary = explanation.RecruiterSummary,
            LastCalculated = clock.GetUtcNow(), JobVersion = posting.UpdatedAt, ProfileVersion = profile.UpdatedAt,
            JobIsActive = posting.IsActive, JobLocationKey = location.ToLowerInvariant(),
            Candidate = new CandidateSnapshot(account?.Username ?? "", account?.FullName() ?? "", account?.Avatar),
            Job = new JobSnapshot(job.Title, company?.Name ?? job.Organization, company?.Logo, location, posting.SalaryMin, posting.SalaryMax),
        };
    }

    private async Task<Dictionary<long, MatchScore>> StoredAsync(string partition, string field, IEnumerable<long> otherIds, CancellationToken ct)
    {
        var query = new QueryDefinition($"SELECT * FROM c WHERE c.partition = @partition AND ARRAY_CONTAINS(@ids, c.{field})")
            .WithParameter("@partition", partition).WithParameter("@ids", otherIds.ToArray());
        var matches = await store.QueryListAsync<MatchScore>(Containers.JobMatches, query, partition, ct: ct);
        return matches.ToDictionary(m => field == "job_id" ? m.JobId : m.CandidateId);
    }

    /// <summary>A Recruitment job (one with a posting), or null.</summary>
    private async Task<Job?> FindJobAsync(long jobId, CancellationToken ct)
    {
        var job = await FindAsync<Job>(Containers.Jobs, jobId, ct);
        return job?.Posting is null ? null : job;
    }

    private async Task<T?> FindAsync<T>(ContainerSpec spec, long id, CancellationToken ct) where T : class =>
        (await store.ReadAsync<T>(spec, Key(id), Key(id), ct))?.Document;

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
