using System.Globalization;

namespace CareerNexus.Matching;

/// <summary>
/// A stored match of one candidate for one job, in the job's partition ("job:{id}") and copied into the candidate's
/// ("candidate:{id}"), each list a single-partition query ordered by <see cref="Sort"/>. It carries what both lists
/// show (the candidate's and the job's snapshots), the versions of the inputs it was calculated from (newest input
/// wins), and the application state, which only application changes write.
/// </summary>
public sealed class MatchScore
{
    public string Id { get; set; } = "";
    public string Partition { get; set; } = "";

    /// <summary>The match's own number, as document 003 shows it ("id"); the same in both copies.</summary>
    public long MatchId { get; set; }

    public long JobId { get; set; }
    public long CandidateId { get; set; }

    public double Score { get; set; }
    public int SkillsMatch { get; set; }
    public int ExperienceMatch { get; set; }
    public int TechnologiesMatch { get; set; }
    public int DescriptionMatch { get; set; }
    public int LocationMatch { get; set; }
    public int SalaryMatch { get; set; }
    public int DomainMatch { get; set; }
    public int ContractTypeMatch { get; set; }
    public double YearsOfExperience { get; set; }
    public List<string> MatchedSkills { get; set; } = [];
    public List<string> MissingSkills { get; set; } = [];
    public string Summary { get; set; } = "";
    public string RecruiterSummary { get; set; } = "";

    public bool HasApplied { get; set; }
    public long? ApplicationId { get; set; }

    /// <summary>When the application change that set <see cref="HasApplied"/> was made: an older one changes nothing.</summary>
    public DateTimeOffset? ApplicationChangedAt { get; set; }

    public DateTimeOffset LastCalculated { get; set; }

    /// <summary>The job's and the profile's UpdatedAt the score was calculated from.</summary>
    public DateTimeOffset JobVersion { get; set; }
    public DateTimeOffset ProfileVersion { get; set; }

    public bool JobIsActive { get; set; }

    /// <summary>Lower-cased job location, for the candidate list's location filter (the query language has no collation).</summary>
    public string JobLocationKey { get; set; } = "";

    public CandidateSnapshot Candidate { get; set; } = new("", "", null);
    public JobSnapshot Job { get; set; } = new("", "", null, "", null, null);

    /// <summary>Score then candidate (or job) id as one text, so a list is ordered by one field, ties included.</summary>
    public string Sort { get; set; } = "";

    public static string IdOf(long jobId, long candidateId) => string.Create(CultureInfo.InvariantCulture, $"match:{jobId}:{candidateId}");
    public static string JobPartition(long jobId) => string.Create(CultureInfo.InvariantCulture, $"job:{jobId}");
    public static string CandidatePartition(long candidateId) => string.Create(CultureInfo.InvariantCulture, $"candidate:{candidateId}");

    public static string SortOf(double score, long otherId) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Round(score * 10):D4}:{otherId:D19}");

    /// <summary>The same match as the copy in the other partition.</summary>
    public MatchScore CopyFor(string partition)
    {
        var copy = (MatchScore)MemberwiseClone();
        copy.Partition = partition;
        copy.Sort = SortOf(Score, partition.StartsWith("job:", StringComparison.Ordinal) ? CandidateId : JobId);
        return copy;
    }

    /// <summary>Whether the inputs of <paramref name="other"/> are older than this one's (then it must not overwrite this).</summary>
    public bool IsNewerThan(MatchScore other) => JobVersion > other.JobVersion || ProfileVersion > other.ProfileVersion;

    public bool SameInputs(MatchScore other) => JobVersion == other.JobVersion && ProfileVersion == other.ProfileVersion;
}

public sealed record CandidateSnapshot(string Username, string FullName, string? ProfilePicture);

public sealed record JobSnapshot(string Title, string CompanyName, string? CompanyLogo, string Location, decimal? SalaryMin, decimal? SalaryMax);
