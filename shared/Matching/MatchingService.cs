using System.Diagnostics;
using System.Text;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Jobs;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Matching;

/// <summary>Filters of a match list; null means "not filtered". Ordering is "-match_score" (the default) or "match_score".</summary>
public sealed record MatchFilter(double? MinScore = null, bool? HasApplied = null, bool? IsActive = null, string? Location = null,
    string? Ordering = null);

/// <summary>Document 003's recalculation request: a job, a candidate (a user id), or one pair; force rewrites unchanged matches.</summary>
public sealed record MatchRecalculation(long? JobId, long? CandidateId, bool? Force);

/// <summary>What a recalculation did, as document 003 reports it; Continues when the worker finishes the rest.</summary>
public sealed record Recalculation(int MatchesUpdated, TimeSpan Elapsed, bool Continues);

/// <summary>
/// The matching module's reads and its recalculation route: lists read stored matches only (one partition, ordered
/// by score, counts capped at <see cref="PageRequest.MaxReach"/>), and a recalculation runs a bounded part now and
/// queues the rest.
/// </summary>
public sealed class MatchingService(DocumentStore store, MatchCalculator calculator, JobAccess access, AccountService accounts, AdminPolicy admins,
    IMatchRequests requests)
{
    /// <summary>Pages of <see cref="MatchCalculator.PageSize"/> a recalculation request works through itself.</summary>
    public const int RequestPages = 1;

    public const int MaxLocationFilter = 200;

    /// <summary>The orderings of a list, and whether each is ascending.</summary>
    public static readonly IReadOnlyDictionary<string, bool> Orderings = new Dictionary<string, bool>
    {
        ["-match_score"] = false, ["match_score"] = true,
    };

    /// <summary>A job's matches, for its poster or an admin of its company.</summary>
    public async Task<Page<MatchScore>> ForJobAsync(long callerId, long jobId, MatchFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var ascending = Check(filter);
        await access.ManagedJobAsync(callerId, jobId, ct);
        return await PageAsync(MatchScore.JobPartition(jobId), filter with { IsActive = null, Location = null }, ascending, page, ct);
    }

    /// <summary>
    /// The caller's own matches; candidates only. Only candidates have matches, so the account is read (to refuse
    /// anyone else) only when the list is empty: the common path is the count and the page.
    /// </summary>
    public async Task<Page<MatchScore>> ForCandidateAsync(Caller caller, MatchFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var ascending = Check(filter);
        var matches = await PageAsync(MatchScore.CandidatePartition(caller.UserId), filter with { HasApplied = null }, ascending, page, ct);
        if (matches.Total == 0 && (await accounts.GetAsync(caller, ct)).RecruitmentRole != RecruitmentRoles.Candidate)
            throw PlatformException.Forbidden("Only candidates have job matches.");
        return matches;
    }

    /// <summary>
    /// Recruiters for their own jobs (a job, or one candidate for it), candidates for themselves (all their matches,
    /// or one job), administrators for anything.
    /// </summary>
    public async Task<Recalculation> RecalculateAsync(Caller caller, MatchRecalculation request, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var errors = new FieldErrors();
        if (request.JobId <= 0) errors.Add("job_id", $"Invalid pk \"{request.JobId}\" - object does not exist.");
        if (request.CandidateId <= 0) errors.Add("candidate_id", $"Invalid pk \"{request.CandidateId}\" - object does not exist.");
        errors.ThrowIfAny();
        var (jobId, candidateId) = (request.JobId, request.CandidateId);
        var account = await accounts.GetAsync(caller, ct);
        if (admins.IsAdmin(account))
        {
            if (jobId is null && candidateId is null) throw Field("job_id", "Give job_id, candidate_id or both.");
            if (jobId is { } id) await access.RecruitmentJobAsync(id, ct);
        }
        else if (account.RecruitmentRole == RecruitmentRoles.Candidate)
        {
            if (candidateId is { } other && other != caller.UserId) throw PlatformException.Forbidden("Candidates may recalculate their own matches only.");
            candidateId = caller.UserId;
            if (jobId is { } id) await access.RecruitmentJobAsync(id, ct);
        }
        else if (account.RecruitmentRole == RecruitmentRoles.Recruiter)
        {
            if (jobId is not { } id) throw Field("job_id", "This field is required.");
            await access.ManagedJobAsync(caller.UserId, id, ct);
        }
        else throw PlatformException.Forbidden("Only recruiters, candidates and administrators recalculate matches.");

        var force = request.Force ?? false;
        var (updated, more) = (jobId, candidateId) switch
        {
            ({ } job, { } candidate) => (await calculator.PairAsync(job, candidate, force, ct), false),
            ({ } job, null) => Split(await calculator.JobAsync(job, force, RequestPages, ct)),
            (null, { } candidate) => Split(await calculator.CandidateAsync(candidate, force, RequestPages, ct)),
            _ => (0, false),
        };
        // The rest goes to the worker, which skips what this request already wrote.
        if (more && jobId is { } rest) await requests.JobChangedAsync(rest, ct);
        else if (more && candidateId is { } restOf) await requests.CandidateChangedAsync(restOf, ct);
        return new Recalculation(updated, Stopwatch.GetElapsedTime(started), more);
    }

    private static (int, bool) Split(MatchCalculator.Outcome outcome) => (outcome.Updated, outcome.More);

    /// <summary>The filter's field errors, all at once; answers whether the list is ascending.</summary>
    private static bool Check(MatchFilter filter)
    {
        var errors = new FieldErrors();
        if (filter.MinScore is < 0 or > 100) errors.Add("min_score", "Ensure this value is between 0 and 100.");
        if (filter.Location?.Length > MaxLocationFilter) errors.Add("location", $"Ensure this value has at most {MaxLocationFilter} characters.");
        var ordering = filter.Ordering ?? "-match_score";
        if (!Orderings.TryGetValue(ordering, out var ascending))
            errors.Add("ordering", $"Select a valid choice. {ordering} is not one of the available choices: {string.Join(", ", Orderings.Keys)}.");
        errors.ThrowIfAny();
        return ascending;
    }

    private static PlatformException Field(string name, string message) =>
        PlatformException.InvalidFields(new Dictionary<string, string> { [name] = message });

    private async Task<Page<MatchScore>> PageAsync(string partition, MatchFilter filter, bool ascending, PageRequest page, CancellationToken ct)
    {
        var where = new StringBuilder("c.partition = @partition");
        if (filter.MinScore is not null) where.Append(" AND c.score >= @min");
        if (filter.HasApplied is not null) where.Append(" AND c.has_applied = @applied");
        if (filter.IsActive is not null) where.Append(" AND c.job_is_active = @active");
        if (!string.IsNullOrWhiteSpace(filter.Location)) where.Append(" AND CONTAINS(c.job_location_key, @location)");
        QueryDefinition Query(string select) =>
            new QueryDefinition($"{select} FROM c WHERE {where} ORDER BY c.sort {(ascending ? "ASC" : "DESC")}")
                .WithParameter("@partition", partition).WithParameter("@min", filter.MinScore ?? 0).WithParameter("@applied", filter.HasApplied ?? false)
                .WithParameter("@active", filter.IsActive ?? true).WithParameter("@location", filter.Location?.Trim().ToLowerInvariant() ?? "");
        var counting = store.QueryListAsync<string>(Containers.JobMatches, Query($"SELECT TOP {PageRequest.MaxReach} VALUE c.id"), partition,
            take: PageRequest.MaxReach, ct: ct);
        var reading = store.PartitionPageAsync<MatchScore>(Containers.JobMatches, Query("SELECT *"), partition, 0, page, ct);
        var (ids, matches) = (await counting, await reading);
        return matches with { Total = ids.Count };
    }
}
