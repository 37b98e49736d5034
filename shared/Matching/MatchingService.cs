using System.Diagnostics;
using System.Text;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Companies;
using CareerNexus.Jobs;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Matching;

/// <summary>Filters of a match list; null means "not filtered".</summary>
public sealed record MatchFilter(double? MinScore = null, bool? HasApplied = null, bool? IsActive = null, string? Location = null, bool Ascending = false);

/// <summary>What a recalculation did, as document 003 reports it.</summary>
public sealed record Recalculation(int MatchesUpdated, TimeSpan Elapsed, bool Continues);

/// <summary>
/// The matching module's reads and its recalculation route: lists read stored matches only (one partition, ordered
/// by score, counts capped at <see cref="PageRequest.MaxReach"/>), and a recalculation runs a bounded part now and
/// queues the rest.
/// </summary>
public sealed class MatchingService(DocumentStore store, MatchCalculator calculator, AccountService accounts, AdminPolicy admins,
    IMatchRequests requests) : IMatchScores
{
    /// <summary>Pages of <see cref="MatchCalculator.PageSize"/> a recalculation request works through itself.</summary>
    public const int RequestPages = 10;

    public async Task<double?> ScoreAsync(long jobId, long candidateId, CancellationToken ct = default) =>
        (await store.ReadAsync<MatchScore>(Containers.JobMatches, MatchScore.IdOf(jobId, candidateId), MatchScore.JobPartition(jobId), ct))
        ?.Document.Score;

    /// <summary>A job's matches, for its poster or an admin of its company.</summary>
    public async Task<Page<MatchScore>> ForJobAsync(long callerId, long jobId, MatchFilter filter, PageRequest page, CancellationToken ct = default)
    {
        await OwnedJobAsync(callerId, jobId, ct);
        return await PageAsync(MatchScore.JobPartition(jobId), filter with { IsActive = null, Location = null }, page, ct);
    }

    /// <summary>The caller's own matches; candidates only.</summary>
    public async Task<Page<MatchScore>> ForCandidateAsync(Caller caller, MatchFilter filter, PageRequest page, CancellationToken ct = default)
    {
        var account = await accounts.GetAsync(caller, ct);
        if (account.RecruitmentRole != RecruitmentRoles.Candidate) throw PlatformException.Forbidden("Only candidates have job matches.");
        return await PageAsync(MatchScore.CandidatePartition(caller.UserId), filter with { HasApplied = null }, page, ct);
    }

    /// <summary>
    /// Recruiters for their own jobs (a job, or one candidate for it), candidates for themselves (all their matches,
    /// or one job), administrators for anything.
    /// </summary>
    public async Task<Recalculation> RecalculateAsync(Caller caller, long? jobId, long? candidateId, bool force, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        var account = await accounts.GetAsync(caller, ct);
        var admin = admins.IsAdmin(account);
        if (!admin)
        {
            if (account.RecruitmentRole == RecruitmentRoles.Candidate)
            {
                if (candidateId is { } other && other != caller.UserId)
                    throw PlatformException.Forbidden("Candidates may recalculate their own matches only.");
                candidateId = caller.UserId;
                if (jobId is { } id && await calculator.FindJobAsync(id, ct) is null) throw PlatformException.NotFound("Not found.");
            }
            else if (account.RecruitmentRole == RecruitmentRoles.Recruiter)
            {
                if (jobId is not { } id) throw PlatformException.InvalidFields(new Dictionary<string, string> { ["job_id"] = "This field is required." });
                await OwnedJobAsync(caller.UserId, id, ct);
            }
            else throw PlatformException.Forbidden("Only recruiters, candidates and administrators recalculate matches.");
        }
        else if (jobId is null && candidateId is null)
            throw PlatformException.InvalidFields(new Dictionary<string, string> { ["job_id"] = "Give job_id, candidate_id or both." });
        else if (jobId is { } id && await calculator.FindJobAsync(id, ct) is null) throw PlatformException.NotFound("Not found.");

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

    /// <summary>The Recruitment job, if the caller posted it or administers its company: else 403 (404 for no such job).</summary>
    private async Task<Job> OwnedJobAsync(long callerId, long jobId, CancellationToken ct)
    {
        var job = await calculator.FindJobAsync(jobId, ct) ?? throw PlatformException.NotFound("Not found.");
        if (job.PosterId == callerId) return job;
        var companyId = job.Posting!.CompanyId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var company = await store.ReadAsync<Company>(Containers.Companies, companyId, companyId, ct);
        if (company?.Document.IsAdmin(callerId) == true) return job;
        throw PlatformException.Forbidden("You do not have permission to view the matches of this job.");
    }

    private async Task<Page<MatchScore>> PageAsync(string partition, MatchFilter filter, PageRequest page, CancellationToken ct)
    {
        var where = new StringBuilder("c.partition = @partition");
        if (filter.MinScore is not null) where.Append(" AND c.score >= @min");
        if (filter.HasApplied is not null) where.Append(" AND c.has_applied = @applied");
        if (filter.IsActive is not null) where.Append(" AND c.job_is_active = @active");
        if (!string.IsNullOrWhiteSpace(filter.Location)) where.Append(" AND CONTAINS(c.job_location_key, @location)");
        QueryDefinition Query(string select) =>
            new QueryDefinition($"{select} FROM c WHERE {where} ORDER BY c.sort {(filter.Ascending ? "ASC" : "DESC")}")
                .WithParameter("@partition", partition).WithParameter("@min", filter.MinScore ?? 0).WithParameter("@applied", filter.HasApplied ?? false)
                .WithParameter("@active", filter.IsActive ?? true).WithParameter("@location", filter.Location?.Trim().ToLowerInvariant() ?? "");
        var counting = store.QueryListAsync<string>(Containers.JobMatches, Query($"SELECT TOP {PageRequest.MaxReach} VALUE c.id"), partition,
            take: PageRequest.MaxReach, ct: ct);
        var reading = store.PartitionPageAsync<MatchScore>(Containers.JobMatches, Query("SELECT *"), partition, 0, page, ct);
        var (ids, matches) = (await counting, await reading);
        return new Page<MatchScore>(matches.Items, ids.Count, page);
    }
}
