using CareerNexus.Resumes;
using CareerNexus.TalentProfiles;

namespace CareerNexus.Functions.Talent;

// Document 004's candidate profiles and notes as its document shows them (bodies for the OpenAPI document; the endpoints read
// them field by field), and their answers.

public sealed record CandidateProfileBody(bool? WillingToRelocate, IReadOnlyList<string>? EmploymentTypePreferences, IReadOnlyList<string>? WorkModePreferences,
    bool? HasWorkvisa, string? ExpectedSalaryRange, bool? IsAvailable, IReadOnlyList<string>? DisabilityCategories, string? AccommodationNeeds,
    string? WorkplaceAccommodations, bool? IsPublic, string? ResumeFile, string? VideoPitch);

/// <summary>
/// A candidate profile as document 004 shows it; `is_public`, `parsing_status`, `parsing_error` and `verified_at` are ours.
/// `organization` is always null (a profile belongs to its candidate); `get_all_notes` holds the notes the caller may read.
/// </summary>
public sealed record CandidateProfileItem(long Id, string Slug, TalentUserCard User, OrganizationCard? Organization, string? ResumeFile,
    ResumeData? ResumeData, VerifiedData? VerifiedData, bool WillingToRelocate, IReadOnlyList<string> EmploymentTypePreferences,
    IReadOnlyList<string> WorkModePreferences, bool HasWorkvisa, string ExpectedSalaryRange, string? VideoPitch, bool IsAvailable,
    IReadOnlyList<string> DisabilityCategories, string? AccommodationNeeds, string? WorkplaceAccommodations, IReadOnlyList<CandidateNoteItem> GetAllNotes,
    bool IsPublic, string ParsingStatus, ParsingError? ParsingError, DateTimeOffset? VerifiedAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static CandidateProfileItem Of(TalentProfileView view)
    {
        var p = view.Profile;
        return new CandidateProfileItem(p.ProfileId, p.Slug, new TalentUserCard(p.UserId, p.Email, p.FirstName, p.LastName), null, p.ResumeFile,
            p.ResumeData, p.VerifiedData, p.WillingToRelocate, p.EmploymentTypePreferences, p.WorkModePreferences, p.HasWorkvisa, p.ExpectedSalaryRange,
            p.VideoPitch, p.IsAvailable, p.DisabilityCategories, p.AccommodationNeeds, p.WorkplaceAccommodations,
            view.Notes.Select(CandidateNoteItem.Of).ToList(), p.IsPublic, p.ParsingStatus, p.ParsingError, p.VerifiedAt, p.CreatedAt, p.UpdatedAt);
    }
}

/// <summary>parse-resume when a task is (now) running: its task.</summary>
public sealed record ParsingStarted(string Message, string ParsingStatus, string TaskId);

/// <summary>parse-resume when the resume is parsed: the data.</summary>
public sealed record ParsingCurrent(string Message, string ParsingStatus, ResumeData? ResumeData);

/// <summary>parsing-status as document 004 shows it; the task, the failure and the time of parsing are ours.</summary>
public sealed record ParsingStatusItem(string ParsingStatus, bool HasResumeData, bool ResumeFileExists, bool HasVerifiedData, string? TaskId,
    ParsingError? ParsingError, DateTimeOffset? ParsedAt)
{
    public static ParsingStatusItem Of(TalentProfiles.TalentProfile p) => new(p.ParsingStatus, p.ResumeData is not null, p.ResumeFile is not null,
        p.VerifiedData is not null, p.ParsingTaskId, p.ParsingError, p.ParsedAt);
}

public sealed record VerifyProfileBody(string? Name, string? Email, string? Phone, string? Linkedin, string? Github, string? Location,
    IReadOnlyList<string>? Skills, IReadOnlyList<VerifiedJob>? WorkExperience);

public sealed record VerifiedProfile(string Message, VerifiedData? VerifiedData);

public sealed record CandidateNoteBody(string? Identifier, string Note, string? Section, string? SelectedText, string? Context, string? NoteFile);

/// <summary>A note as document 004 shows it; the profile it is about, its author and `updated_at` are ours.</summary>
public sealed record CandidateNoteItem(long Id, string Identifier, string Note, string Section, string SelectedText, string Context, string? NoteFile,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Profile, long AuthorId)
{
    public static CandidateNoteItem Of(CandidateNote n) => new(n.NoteId, n.Identifier, n.Note, n.Section, n.SelectedText, n.Context, n.NoteFile,
        n.CreatedAt, n.UpdatedAt, n.Profile, n.AuthorId);
}
