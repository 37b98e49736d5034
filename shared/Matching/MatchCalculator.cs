using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Candidates;
using CareerNexus.Companies;
using CareerNexus.Jobs;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Matching;

/// <summary>How much one scan does: pages of <see cref="PageSize"/> pairs, at most <see cref="PagesPerDelivery"/> per queue delivery.</summary>
public sealed record MatchScanBounds(int PageSize = MatchCalculator.PageSize, int PagesPerDelivery = MatchCalculator.PagesPerDelivery);

/// <summary>Where a scan goes on: after the candidate (or job) id it handled last, for the job's (or profile's) version it began with.</summary>
public sealed record ScanCursor(long After, long Version);

/// <summary>
/// Calculates and stores match scores: a job against the candidates who share one of its skills (and those it already
/// has matches with), a candidate against the active Recruitment jobs that share one of theirs (and those they already
/// have matches with), or one pair. Scans find their pairs in the <see cref="MatchIndex"/>, which they first bring up to
/// date with the job or profile, and work in pages of <see cref="MatchScanBounds.PageSize"/> up to a bound, saying where
/// to go on. A stored match is rewritten only from inputs at least as new as its own (the job's and the profile's
/// UpdatedAt) and, unless forced, only when they changed, so a redelivered or older request changes nothing. Each write
/// is conditional on the ETag it read.
/// </summary>
public sealed class MatchCalculator(DocumentStore store, IdAllocator ids, MatchIndex index, IEnumerable<IMatchScoreObserver> observers,
    MatchScanBounds bounds, TimeProvider clock)
{
    public const int PageSize = 100;

    /// <summary>Pages one queue delivery works through before it hands the rest to a continuation: well within its lease.</summary>
    public const int PagesPerDelivery = 10;

    private const int Parallelism = 8;
    private const int MaxWriteAttempts = 5;

    /// <summary>What one calculation did: matches written, and whether it stopped at its bound with more to do (and where).</summary>
    public sealed record Outcome(int Updated, bool More, ScanCursor? Next = null);

    /// <summary>
    /// The job's scan: from the start (<paramref name="from"/> null: the job's entries in the index are set first), or
    /// going on from a cursor, which stops when the job changed since (its change queued a scan of its own). A closed
    /// job is listed under no skill and rescores only the matches it has.
    /// </summary>
    public async Task<Outcome> JobAsync(long jobId, bool force, int maxPages, CancellationToken ct, ScanCursor? from = null)
    {
        var job = await FindJobAsync(jobId, ct);
        if (job is null)
        {
            await index.SetAsync(MatchOwner.Job(jobId), IndexedKeys.Gone, _ => Task.FromResult(IndexedKeys.Gone), ct);
            return new Outcome(0, false);
        }
        var version = job.Posting!.UpdatedAt;
        if (from is not null && version.UtcTicks != from.Version) return new Outcome(0, false);
        var company = await FindAsync<Company>(Containers.Companies, job.Posting.CompanyId, ct);
        var scorer = MatchEngine.Prepare(MatchInputs.From(job, company), Today());
        var keys = JobKeys(job, scorer);
        // Listed before the candidates are read, so that a candidate listed meanwhile finds this job in their own scan.
        if (from is null && !await index.SetAsync(MatchOwner.Job(jobId), keys, token => JobKeysAsync(jobId, token), ct)) return new Outcome(0, false);
        var partition = MatchScore.JobPartition(jobId);
        var union = new IdUnion(keys.Keys.Select(key => Listed(MatchOwner.CandidatesUnder(key)))
            .Append((after, take, token) => StoredIdsAsync(partition, "candidate_id", after, take, token)), from?.After ?? 0, bounds.PageSize);
        return await ScanAsync(union, maxPages, version, async (page, token) =>
        {
            var profiles = await store.ReadManyAsync<CandidateProfile>(Containers.CandidateProfiles, page.Select(Key), token);
            var stored = await StoredAsync(partition, "candidate_id", page, token);
            // A listing behind its profile (a skill just removed) makes no new match; a match already stored is rescored.
            var pairs = page.Select(id => profiles.GetValueOrDefault(Key(id))).OfType<CandidateProfile>()
                .Where(p => stored.ContainsKey(p.UserId) || MatchIndex.KeysOf(p).Overlaps(keys.Keys)).ToList();
            var accounts = await store.ReadManyAsync<Account>(Containers.Accounts, pairs.Select(p => Key(p.UserId)), token);
            return await WriteAllAsync(pairs.Select(p => (job, company, scorer, p, accounts.GetValueOrDefault(Key(p.UserId)),
                stored.GetValueOrDefault(p.UserId))), force, token);
        }, ct);
    }

    /// <summary>The candidate's scan, as <see cref="JobAsync"/>: the active jobs that share a skill with the profile, and the open jobs it has matches with.</summary>
    public async Task<Outcome> CandidateAsync(long candidateId, bool force, int maxPages, CancellationToken ct, ScanCursor? from = null)
    {
        var profile = await FindAsync<CandidateProfile>(Containers.CandidateProfiles, candidateId, ct);
        if (profile is null)
        {
            await index.SetAsync(MatchOwner.Candidate(candidateId), IndexedKeys.Gone, _ => Task.FromResult(IndexedKeys.Gone), ct);
            return new Outcome(0, false);
        }
        if (from is not null && profile.UpdatedAt.UtcTicks != from.Version) return new Outcome(0, false);
        var keys = new IndexedKeys(MatchIndex.KeysOf(profile), profile.UpdatedAt);
        if (from is null && !await index.SetAsync(MatchOwner.Candidate(candidateId), keys, token => CandidateKeysAsync(candidateId, token), ct))
            return new Outcome(0, false);
        var account = await FindAsync<Account>(Containers.Accounts, candidateId, ct);
        var today = Today();
        var partition = MatchScore.CandidatePartition(candidateId);
        var union = new IdUnion(keys.Keys.Select(key => Listed(MatchOwner.JobsUnder(key)))
            .Append((after, take, token) => StoredIdsAsync(partition, "job_id", after, take, token)), from?.After ?? 0, bounds.PageSize);
        return await ScanAsync(union, maxPages, profile.UpdatedAt, async (page, token) =>
        {
            var found = await store.ReadManyAsync<Job>(Containers.Jobs, page.Select(Key), token);
            var jobs = page.Select(id => found.GetValueOrDefault(Key(id))).Where(j => j?.Posting is { IsActive: true }).Select(j => j!).ToList();
            var stored = await StoredAsync(partition, "job_id", jobs.Select(j => j.JobId), token);
            var companies = await store.ReadManyAsync<Company>(Containers.Companies, jobs.Select(j => Key(j.Posting!.CompanyId)).Distinct(), token);
            var pairs = new List<(Job, Company?, JobScorer, CandidateProfile, Account?, MatchScore?)>();
            foreach (var job in jobs)
            {
                var company = companies.GetValueOrDefault(Key(job.Posting!.CompanyId));
                var scorer = MatchEngine.Prepare(MatchInputs.From(job, company), today);
                var known = stored.GetValueOrDefault(job.JobId);
                if (known is not null || MatchIndex.KeysOf(scorer).Overlaps(keys.Keys)) pairs.Add((job, company, scorer, profile, account, known));
            }
            return await WriteAllAsync(pairs, force, token);
        }, ct);
    }

    /// <summary>Works through the union a page at a time, up to <paramref name="maxPages"/>; the cursor when some is left.</summary>
    private async Task<Outcome> ScanAsync(IdUnion union, int maxPages, DateTimeOffset version, Func<List<long>, CancellationToken, Task<int>> page,
        CancellationToken ct)
    {
        var updated = 0;
        long after = 0;
        for (var pages = 0; pages < maxPages; pages++)
        {
            var next = await union.NextAsync(bounds.PageSize, ct);
            if (next.Count == 0) return new Outcome(updated, false);
            after = next[^1];
            updated += await page(next, ct);
            if (next.Count < bounds.PageSize) return new Outcome(updated, false);
        }
        return await union.AnyLeftAsync(ct) ? new Outcome(updated, true, new ScanCursor(after, version.UtcTicks)) : new Outcome(updated, false);
    }

    /// <summary>An active job is listed under its skills; a closed one under none.</summary>
    private static IndexedKeys JobKeys(Job job, JobScorer scorer) =>
        new(job.Posting!.IsActive ? MatchIndex.KeysOf(scorer) : new HashSet<string>(), job.Posting.UpdatedAt);

    private async Task<IndexedKeys> JobKeysAsync(long jobId, CancellationToken ct) =>
        await FindJobAsync(jobId, ct) is { } job ? JobKeys(job, MatchEngine.Prepare(MatchInputs.From(job, null), Today())) : IndexedKeys.Gone;

    private async Task<IndexedKeys> CandidateKeysAsync(long candidateId, CancellationToken ct) =>
        await FindAsync<CandidateProfile>(Containers.CandidateProfiles, candidateId, ct) is { } profile
            ? new IndexedKeys(MatchIndex.KeysOf(profile), profile.UpdatedAt)
            : IndexedKeys.Gone;

    private IdUnion.Reader Listed(string partition) => (after, take, ct) => index.ListedAsync(partition, after, take, ct);

    /// <summary>The other side's ids of the matches stored in one partition, after a cursor, ascending.</summary>
    private Task<List<long>> StoredIdsAsync(string partition, string field, long after, int take, CancellationToken ct) =>
        store.QueryListAsync<long>(Containers.JobMatches,
            new QueryDefinition($"SELECT TOP {take} VALUE c.{field} FROM c WHERE c.partition = @partition AND c.{field} > @after ORDER BY c.{field}")
                .WithParameter("@partition", partition).WithParameter("@after", after), partition, take, ct);

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
                foreach (var observer in observers) await observer.ScoreChangedAsync(match, ct);
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
