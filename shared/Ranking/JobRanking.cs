using System.Globalization;

namespace CareerNexus.Ranking;

public static class RankingStatuses
{
    public const string Pending = "pending";
    public const string Ranking = "ranking";
    public const string Ranked = "ranked";
}

/// <summary>
/// A job post's candidate ranking, in its organization's partition: the task ranking it now (or last), and the outcome:
/// the best candidates with their scores and reasons, and the versions of the job and of the pool they were ranked from.
/// </summary>
public sealed class JobRanking
{
    public string Id { get; set; } = "";
    public string Partition { get; set; } = "";
    public long JobId { get; set; }
    public string Status { get; set; } = RankingStatuses.Pending;
    public string? TaskId { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? RankedAt { get; set; }

    /// <summary>The job posting's UpdatedAt and the pools' versions the ranking was made from.</summary>
    public DateTimeOffset? JobVersion { get; set; }
    public string PoolVersion { get; set; } = "";

    public long CandidatesConsidered { get; set; }
    public List<RankedCandidate> RankedCandidates { get; set; } = [];

    public static string IdOf(long jobId) => "ranking:" + jobId.ToString(CultureInfo.InvariantCulture);
    public static string PartitionOf(long organizationId) => "organization:" + organizationId.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One ranked candidate: score from 0 to 1, the skills and facts behind it, and the slug of a Talent candidate profile (else null).</summary>
public sealed record RankedCandidate(long CandidateId, double Score, string MatchReason, IReadOnlyList<string> MatchedSkills,
    IReadOnlyList<string> MissingSkills, string? Slug = null);

/// <summary>What asking for a ranking did: started one, found one running (the same task), or found it ranked and current.</summary>
public enum RankingOutcome
{
    Started,
    AlreadyRanking,
    AlreadyRanked,
}
