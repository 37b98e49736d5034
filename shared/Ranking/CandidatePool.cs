using System.Globalization;
using System.Runtime.CompilerServices;
using CareerNexus.Candidates;
using CareerNexus.Matching;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Ranking;

/// <summary>
/// One candidate as the ranking scores it: the id the ranking shows, the matching engine's input, and what the input was
/// read from ("profile"; a pool of verified and parsed resumes says which it used), which the match reason names; and the
/// slug of a Talent candidate profile, so that an employer can open it from the ranking.
/// </summary>
public sealed record PoolCandidate(long CandidateId, MatchCandidate Input, string Basis, string? Slug = null);

/// <summary>
/// The candidates a job post is ranked against. Every registered pool is read, in the order registered (document 004's
/// candidate profiles, then the Recruitment candidate profiles); a candidate in two pools counts once, from the first. A
/// pool's version changes whenever a candidate is added, changed or removed, so a ranking made from an older version may be
/// made again.
/// </summary>
public interface ICandidatePool
{
    /// <summary>A stamp of the pool's state: equal stamps mean nothing changed in between.</summary>
    Task<string> VersionAsync(CancellationToken ct);

    /// <summary>Every available candidate, read in pages.</summary>
    IAsyncEnumerable<PoolCandidate> CandidatesAsync(CancellationToken ct);
}

/// <summary>Marks removals from the pools (an erased account's profile), which leave no newer document behind to notice.</summary>
public sealed class CandidatePoolChanges(DocumentStore store, TimeProvider clock)
{
    public const string Partition = "pool";
    public const string RemovalsId = "pool:removals";

    public Task RemovedAsync(CancellationToken ct = default) =>
        store.UpsertAsync(Containers.JobRankings, new Marker(RemovalsId, Partition, clock.GetUtcNow()), Partition, ct);

    public async Task<string> VersionAsync(CancellationToken ct) =>
        (await store.ReadAsync<Marker>(Containers.JobRankings, RemovalsId, Partition, ct))?.Document.ChangedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "0";

    private sealed record Marker(string Id, string Partition, DateTimeOffset ChangedAt);
}

/// <summary>
/// The Recruitment candidate profiles (document 003) as a pool: each profile as the engine reads it (skills, experiences,
/// studies, projects, bio, location, salary and contract wishes; the account's industry is not read, which would cost a
/// read per candidate). Its version is the newest profile change with the last removal.
/// </summary>
public sealed class RecruitmentCandidatePool(DocumentStore store, CandidatePoolChanges changes) : ICandidatePool
{
    /// <summary>Profiles per query: few queries for a large pool, pages Cosmos returns whole.</summary>
    public const int PageSize = 1000;

    public async Task<string> VersionAsync(CancellationToken ct)
    {
        var newest = store.QueryListAsync<DateTimeOffset>(Containers.CandidateProfiles,
            new QueryDefinition("SELECT TOP 1 VALUE c.updated_at FROM c ORDER BY c.updated_at DESC"), take: 1, ct: ct);
        var removals = changes.VersionAsync(ct);
        var latest = (await newest).FirstOrDefault();
        var removed = await removals;
        return string.Create(CultureInfo.InvariantCulture, $"recruitment:{latest.UtcTicks}:{removed}");
    }

    public async IAsyncEnumerable<PoolCandidate> CandidatesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        long after = 0;
        while (true)
        {
            var profiles = await store.QueryListAsync<CandidateProfile>(Containers.CandidateProfiles,
                new QueryDefinition($"SELECT TOP {PageSize} * FROM c WHERE c.user_id > @after ORDER BY c.user_id").WithParameter("@after", after),
                take: PageSize, ct: ct);
            foreach (var profile in profiles) yield return new PoolCandidate(profile.UserId, MatchInputs.From(profile, null), "profile");
            if (profiles.Count < PageSize) yield break;
            after = profiles[^1].UserId;
        }
    }
}
