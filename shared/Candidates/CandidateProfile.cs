namespace CareerNexus.Candidates;

/// <summary>
/// A candidate's profile (document 003), one per candidate account, by user id in the candidate_profiles container: the
/// own-profile read is one point read. Its entries are embedded, each list capped, so matching reads one document
/// per candidate. The fields after <see cref="ReputationScore"/> are inputs of the matching engine the document
/// does not show on the profile but lets a candidate state.
/// </summary>
public sealed class CandidateProfile
{
    public string Id { get; set; } = "";
    public long UserId { get; set; }

    /// <summary>The profile's own id, as document 003 shows it ("id").</summary>
    public long ProfileId { get; set; }

    public List<string> Skills { get; set; } = [];
    public string Bio { get; set; } = "";

    /// <summary>The uploaded or generated CV's URL, or null.</summary>
    public string? CvFile { get; set; }

    public double ReputationScore { get; set; }
    public List<WorkExperience> WorkExperiences { get; set; } = [];
    public List<Education> Educations { get; set; } = [];
    public List<Project> Projects { get; set; } = [];

    /// <summary>Where the candidate lives or wants to work ("Paris, France"); the account's location when not set here.</summary>
    public string Location { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>The yearly salary the candidate expects, or null.</summary>
    public decimal? ExpectedSalary { get; set; }

    /// <summary>Contract types the candidate wants (job type codes: full_time, part_time, contract, internship, freelance).</summary>
    public List<string> PreferredContractTypes { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Copies of the account's username and email, so that the own-profile read is the profile alone; kept by
    /// CandidateProfileService when the account changes (IAccountObserver) and filled in on the first read when missing.
    /// </summary>
    public string Username { get; set; } = "";
    public string Email { get; set; } = "";
}

public sealed record WorkExperience(long Id, string Company, string Position, DateOnly StartDate, DateOnly? EndDate, string ContractType,
    string Description);

public sealed record Education(long Id, string Institution, string Degree, string FieldOfStudy, DateOnly StartDate, DateOnly? EndDate, double? Gpa);

public sealed record Project(long Id, string Name, string Description, List<string> Technologies);

/// <summary>
/// Told after every change of a candidate profile, with the profile as written (gamification's profile completion). A
/// retried change tells it again, and an older change may arrive after a newer one: observers go by
/// <see cref="CandidateProfile.UpdatedAt"/>.
/// </summary>
public interface ICandidateProfileObserver
{
    Task ProfileChangedAsync(CandidateProfile profile, CancellationToken ct);
}
