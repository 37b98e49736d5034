using CareerNexus.Resumes;

namespace CareerNexus.TalentProfiles;

public static class ParsingStatuses
{
    /// <summary>Never parsed, or a new resume was uploaded since.</summary>
    public const string Pending = "pending";

    public const string Parsing = "parsing";
    public const string Parsed = "parsed";
    public const string Failed = "failed";
}

/// <summary>
/// A candidate's profile (document 004), one per account, in its own partition ("profile:{slug}") of talent_profiles: a GET by
/// slug is one point read. It keeps copies of its account's email and names (kept by <see cref="TalentProfileAccountCopies"/>),
/// the uploaded files, what the parser read from the resume (<see cref="ResumeData"/>), what the candidate confirmed
/// (<see cref="VerifiedData"/>, which ranking and search prefer), the preferences, and the parsing task's state.
/// </summary>
public sealed class TalentProfile
{
    public const string Type = "profile";
    public const string DocumentId = "profile";

    public string Id { get; set; } = DocumentId;
    public string Partition { get; set; } = "";
    public string Kind { get; set; } = Type;

    /// <summary>The profile's own id, as document 004 shows it ("id").</summary>
    public long ProfileId { get; set; }

    public string Slug { get; set; } = "";
    public long UserId { get; set; }
    public string Email { get; set; } = "";
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";

    /// <summary>The uploaded resume (PDF, DOC or DOCX) and video pitch, or null.</summary>
    public string? ResumeFile { get; set; }
    public string? VideoPitch { get; set; }

    /// <summary>What the parser read from <see cref="ResumeFile"/>; null until it is parsed, and again once another file replaces it.</summary>
    public ResumeData? ResumeData { get; set; }

    /// <summary>What the candidate confirmed (verify-profile); kept when the resume changes.</summary>
    public VerifiedData? VerifiedData { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }

    public string ParsingStatus { get; set; } = ParsingStatuses.Pending;
    public string? ParsingTaskId { get; set; }
    public DateTimeOffset? ParsingStartedAt { get; set; }
    public DateTimeOffset? ParsedAt { get; set; }
    public ParsingError? ParsingError { get; set; }

    public bool WillingToRelocate { get; set; }

    /// <summary>Document 004's spellings: full-time, part-time, contract, internship, freelance.</summary>
    public List<string> EmploymentTypePreferences { get; set; } = [];

    /// <summary>remote, onsite, hybrid.</summary>
    public List<string> WorkModePreferences { get; set; } = [];

    public bool HasWorkvisa { get; set; }
    public string ExpectedSalaryRange { get; set; } = "";
    public bool IsAvailable { get; set; } = true;
    public List<string> DisabilityCategories { get; set; } = [];
    public string? AccommodationNeeds { get; set; }
    public string? WorkplaceAccommodations { get; set; }

    /// <summary>Set by the candidate: whether anonymous callers (the resume chat) may read the profile. Off by default.</summary>
    public bool IsPublic { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static string PartitionOf(string slug) => "profile:" + slug;
}

/// <summary>Why the last parsing failed: the parser's reason ("no_text", "corrupt", ...) and a sentence the candidate can act on.</summary>
public sealed record ParsingError(string Reason, string Message);

/// <summary>
/// Document 004's verified_data: what the candidate confirmed of their resume. Skills are the platform's names where its
/// skills list knows them; a job's duration is as written ("2 years").
/// </summary>
public sealed record VerifiedData
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Linkedin { get; init; }
    public string? Github { get; init; }
    public string? Location { get; init; }
    public IReadOnlyList<string> Skills { get; init; } = [];
    public IReadOnlyList<VerifiedJob> WorkExperience { get; init; } = [];
}

/// <summary>A confirmed job.</summary>
public sealed record VerifiedJob(string? Company, string? Position, string? Duration, string? Description = null);

/// <summary>An account's claim on its one profile ("talent-profile" in "user:{id}"), naming its slug.</summary>
public sealed record TalentProfileClaim(string Id, string Partition, string Slug, DateTimeOffset ClaimedAt)
{
    public const string DocumentId = "talent-profile";
    public string Kind { get; init; } = "claim";

    public static string PartitionOf(long userId) => Storage.DocumentKeys.UserPartition(userId);
}

/// <summary>An available profile in the list employers page through ("catalog"), newest first by <see cref="Sort"/>.</summary>
public sealed record TalentCatalogEntry(string Id, string Partition, string Slug, string Sort)
{
    public const string CatalogPartition = "catalog";
    public string Kind { get; init; } = "catalog";

    public static TalentCatalogEntry Of(TalentProfile profile) => new("profile:" + profile.Slug, CatalogPartition, profile.Slug,
        Storage.DocumentKeys.TimeOrder(profile.CreatedAt, profile.ProfileId));

    public static string IdOf(string slug) => "profile:" + slug;
}

/// <summary>A profile's fields as sent: null leaves a field as it is; a <see cref="Candidates.Change{T}"/> of null clears it.</summary>
public sealed record TalentProfileFields(
    bool? WillingToRelocate = null, IReadOnlyList<string>? EmploymentTypePreferences = null, IReadOnlyList<string>? WorkModePreferences = null,
    bool? HasWorkvisa = null, string? ExpectedSalaryRange = null, bool? IsAvailable = null, IReadOnlyList<string>? DisabilityCategories = null,
    Candidates.Change<string?>? AccommodationNeeds = null, Candidates.Change<string?>? WorkplaceAccommodations = null, bool? IsPublic = null);

/// <summary>
/// The files of a create or change, stored only once the fields are valid: each returns the stored URL, "" to remove the
/// file, or null to leave it (a request that does not name it).
/// </summary>
public sealed record TalentProfileFiles(Func<Task<string?>>? Resume = null, Func<Task<string?>>? VideoPitch = null);
