using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Files;
using CareerNexus.Matching;
using CareerNexus.Reference;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Candidates;

/// <summary>A change of a field that may also be cleared: null leaves the field as it is, a Change with null clears it.</summary>
public sealed record Change<T>(T Value);

/// <summary>A project as sent: an id of one of the profile's projects keeps that project's id, anything else is a new project.</summary>
public sealed record ProjectFields(long? Id, string? Name, string? Description, IReadOnlyList<string>? Technologies);

/// <summary>A partial update of a candidate profile: null leaves a field as it is. Lists replace the stored list whole.</summary>
public sealed record CandidateProfileChanges(IReadOnlyList<string>? Skills = null, string? Bio = null, IReadOnlyList<ProjectFields>? Projects = null,
    string? Location = null, Change<double?>? Latitude = null, Change<double?>? Longitude = null, Change<decimal?>? ExpectedSalary = null,
    IReadOnlyList<string>? PreferredContractTypes = null);

/// <summary>A work experience as sent; dates are "YYYY-MM-DD", a missing or null end date means it goes on.</summary>
public sealed record WorkExperienceFields(string? Company, string? Position, string? StartDate, string? EndDate, string? ContractType,
    string? Description);

public sealed record EducationFields(string? Institution, string? Degree, string? FieldOfStudy, string? StartDate, string? EndDate, double? Gpa);

/// <summary>
/// Candidate profiles (document 003): one document per candidate, so the own-profile read is one point read and a
/// change is one conditional replace. Only an account that has a candidate profile (a candidate) may use it; any
/// other account is refused with 403. Every change asks matching to score the candidate again.
/// </summary>
public sealed class CandidateProfileService(DocumentStore store, IdAllocator ids, AccountService accounts, FileStore files, CvRenderer cvs,
    IMatchRequests matches, IEnumerable<ICandidateProfileObserver> observers, TimeProvider clock)
{
    public const int MaxSkills = 50;
    public const int MaxSkillLength = 50;
    public const int MaxWorkExperiences = 30;
    public const int MaxEducations = 20;
    public const int MaxProjects = 20;
    public const int MaxTechnologies = 20;
    public const int MaxBioLength = 2000;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;

    /// <summary>Above any real yearly salary in any currency the platform shows, so a typo is refused rather than stored.</summary>
    public const decimal MaxSalary = 1_000_000_000m;

    /// <summary>The highest grade accepted: French grades go to 20; 4-, 5- and 10-point scales fit under it.</summary>
    public const double MaxGpa = 20;

    public const string CvGenerated = "CV generated successfully";

    /// <summary>
    /// The caller's profile. The copies of the account's username and email are filled in once when missing (a
    /// profile made before they were kept), from the account authentication read or one read of it.
    /// </summary>
    public async Task<CandidateProfile> GetAsync(long userId, Account? known, CancellationToken ct = default)
    {
        var profile = await ReadAsync(userId, ct);
        if (profile.Username.Length > 0) return profile;
        var account = known ?? await accounts.GetAsync(userId, ct);
        await CandidateAccountCopies.CopyAsync(store, account, ct);
        profile.Username = account.Username;
        profile.Email = account.Email;
        return profile;
    }

    /// <summary>
    /// Checks the changes, then stores the CV the caller uploaded (<paramref name="cvFile"/>, run only once the rest is
    /// valid, so a refused request stores no file), then writes the profile.
    /// </summary>
    public async Task<CandidateProfile> UpdateAsync(long userId, CandidateProfileChanges changes, Func<Task<string?>>? cvFile,
        CancellationToken ct = default)
    {
        var current = await ReadAsync(userId, ct);
        var errors = new FieldErrors();
        var skills = changes.Skills is null ? null : CheckSkills(changes.Skills, errors);
        AccountRules.CheckText(changes.Bio, MaxBioLength, errors, "bio");
        AccountRules.CheckText(changes.Location, AccountRules.MaxLocationLength, errors, "location");
        if (changes.Latitude?.Value is < -90 or > 90) errors.Add("latitude", "Ensure this value is between -90 and 90.");
        if (changes.Longitude?.Value is < -180 or > 180) errors.Add("longitude", "Ensure this value is between -180 and 180.");
        if (changes.ExpectedSalary?.Value is < 0 or > MaxSalary)
            errors.Add("expected_salary", $"Ensure this value is between 0 and {MaxSalary.ToString(CultureInfo.InvariantCulture)}.");
        var contractTypes = changes.PreferredContractTypes is null ? null : CheckContractTypes(changes.PreferredContractTypes, errors);
        var projects = changes.Projects is null ? null : CheckProjects(changes.Projects, errors);
        errors.ThrowIfAny();

        // New projects get their ids before the write, so that a retried replace gives them the same ones.
        var known = current.Projects.Select(p => p.Id).ToHashSet();
        var newIds = new List<long>();
        foreach (var project in projects ?? [])
            newIds.Add(project.Id is { } id && known.Contains(id) ? id : await ids.NextAsync("candidate_projects", ct));
        var cv = cvFile is null ? null : await cvFile();

        var updated = await store.ReplaceAsync<CandidateProfile>(Containers.CandidateProfiles, Key(userId), Key(userId), profile =>
        {
            if (skills is not null) profile.Skills = skills;
            if (changes.Bio is not null) profile.Bio = changes.Bio.Trim();
            if (changes.Location is not null) profile.Location = changes.Location.Trim();
            if (changes.Latitude is not null) profile.Latitude = changes.Latitude.Value;
            if (changes.Longitude is not null) profile.Longitude = changes.Longitude.Value;
            if (changes.ExpectedSalary is not null) profile.ExpectedSalary = changes.ExpectedSalary.Value;
            if (contractTypes is not null) profile.PreferredContractTypes = contractTypes;
            if (projects is not null) profile.Projects = projects.Select((p, i) => p with { Id = newIds[i] }).ToList();
            if (cv is not null) profile.CvFile = cv.Length == 0 ? null : cv;
            profile.UpdatedAt = clock.GetUtcNow();
            return profile;
        }, ct) ?? throw NotCandidate();
        await ChangedAsync(updated, ct);
        return updated;
    }

    /// <summary>
    /// Adds a work experience. An entry equal to one the profile already has (a retried request) is not added again:
    /// the existing entry is answered, with its id.
    /// </summary>
    public async Task<WorkExperience> AddWorkExperienceAsync(long userId, WorkExperienceFields fields, CancellationToken ct = default)
    {
        await ReadAsync(userId, ct);
        var errors = new FieldErrors();
        var company = Required(fields.Company, MaxNameLength, errors, "company");
        var position = Required(fields.Position, MaxNameLength, errors, "position");
        var (start, end) = Period(fields.StartDate, fields.EndDate, errors);
        var contractType = string.IsNullOrWhiteSpace(fields.ContractType)
            ? ""
            : Choices.Check("employment_type", fields.ContractType, errors, "contract_type") ?? "";
        var description = fields.Description?.Trim() ?? "";
        AccountRules.CheckText(description, MaxDescriptionLength, errors, "description");
        errors.ThrowIfAny();

        var entry = new WorkExperience(0, company, position, start, end, contractType, description);
        return await AddEntryAsync(userId, entry, p => p.WorkExperiences, (p, list) => p.WorkExperiences = list, "work_experiences",
            MaxWorkExperiences, "work experiences", (e, id) => e with { Id = id }, e => e.Id, e => e.StartDate, ct);
    }

    /// <summary>Adds an education entry; an entry equal to an existing one is answered as it is, like work experiences.</summary>
    public async Task<Education> AddEducationAsync(long userId, EducationFields fields, CancellationToken ct = default)
    {
        await ReadAsync(userId, ct);
        var errors = new FieldErrors();
        var institution = Required(fields.Institution, MaxNameLength, errors, "institution");
        var degree = Required(fields.Degree, MaxNameLength, errors, "degree");
        var fieldOfStudy = fields.FieldOfStudy?.Trim() ?? "";
        AccountRules.CheckText(fieldOfStudy, MaxNameLength, errors, "field_of_study");
        var (start, end) = Period(fields.StartDate, fields.EndDate, errors);
        if (fields.Gpa is < 0 or > MaxGpa) errors.Add("gpa", $"Ensure this value is between 0 and {MaxGpa.ToString(CultureInfo.InvariantCulture)}.");
        errors.ThrowIfAny();

        var entry = new Education(0, institution, degree, fieldOfStudy, start, end, fields.Gpa is { } gpa ? Math.Round(gpa, 2) : null);
        return await AddEntryAsync(userId, entry, p => p.Educations, (p, list) => p.Educations = list, "educations", MaxEducations,
            "educations", (e, id) => e with { Id = id }, e => e.Id, e => e.StartDate, ct);
    }

    /// <summary>
    /// Renders the profile as a PDF, stores it in Blob Storage as the candidate's CV and returns its URL. Each call
    /// stores a new file (the profile may have changed); the profile points at the newest.
    /// </summary>
    public async Task<string> GenerateCvAsync(long userId, CancellationToken ct = default)
    {
        var profile = await ReadAsync(userId, ct);
        var account = await accounts.GetAsync(userId, ct);
        var pdf = cvs.Render(account, profile);
        using var content = new MemoryStream(pdf, writable: false);
        var stored = await files.SaveAsync(FileKind.Cv, "cvs", $"{account.Username}_cv.pdf", "application/pdf", content, pdf.Length, ct);
        var changed = await store.PatchAsync<CandidateProfile>(Containers.CandidateProfiles, Key(userId), Key(userId),
            [PatchOperation.Set("/cv_file", stored.Url), PatchOperation.Set("/updated_at", clock.GetUtcNow())], ct) ?? throw NotCandidate();
        await ChangedAsync(changed, ct);
        return stored.Url;
    }

    private async Task<T> AddEntryAsync<T>(long userId, T entry, Func<CandidateProfile, List<T>> list, Action<CandidateProfile, List<T>> set,
        string sequence, int max, string label, Func<T, long, T> withId, Func<T, long> idOf, Func<T, DateOnly> startOf, CancellationToken ct)
        where T : class
    {
        var id = await ids.NextAsync(sequence, ct);
        T? answer = null;
        var changed = false;
        var updated = await store.ReplaceAsync<CandidateProfile>(Containers.CandidateProfiles, Key(userId), Key(userId), profile =>
        {
            var entries = list(profile);
            answer = entries.FirstOrDefault(e => withId(e, 0).Equals(entry));
            if (answer is not null)
            {
                changed = false;
                return profile;
            }
            if (entries.Count >= max)
                throw PlatformException.InvalidFields(new Dictionary<string, string>
                {
                    ["non_field_errors"] = $"A profile holds at most {max} {label}; remove one first.",
                });
            answer = withId(entry, id);
            changed = true;
            set(profile, entries.Append(answer).OrderByDescending(startOf).ThenByDescending(idOf).ToList());
            profile.UpdatedAt = clock.GetUtcNow();
            return profile;
        }, ct) ?? throw NotCandidate();
        if (changed) await ChangedAsync(updated, ct);
        return answer!;
    }

    /// <summary>After every change: matching scores the candidate again, and each observer is told.</summary>
    private async Task ChangedAsync(CandidateProfile profile, CancellationToken ct)
    {
        await matches.CandidateChangedAsync(profile.UserId, ct);
        foreach (var observer in observers) await observer.ProfileChangedAsync(profile, ct);
    }

    private async Task<CandidateProfile> ReadAsync(long userId, CancellationToken ct) =>
        (await store.ReadAsync<CandidateProfile>(Containers.CandidateProfiles, Key(userId), Key(userId), ct))?.Document ?? throw NotCandidate();

    private static string Key(long userId) => userId.ToString(CultureInfo.InvariantCulture);

    private static PlatformException NotCandidate() => PlatformException.Forbidden("Only candidates have a candidate profile.");

    /// <summary>Trimmed, each at most <see cref="MaxSkillLength"/> characters, the same skill in another case kept once.</summary>
    private static List<string> CheckSkills(IReadOnlyList<string> sent, FieldErrors errors)
    {
        var skills = sent.Select(s => s.Trim()).Where(s => s.Length > 0).DistinctBy(s => s.ToLowerInvariant()).ToList();
        if (skills.Count > MaxSkills) errors.Add("skills", $"Ensure this field has no more than {MaxSkills} elements.");
        else if (skills.FirstOrDefault(s => s.Length > MaxSkillLength) is { } tooLong)
            errors.Add("skills", $"Ensure each skill has no more than {MaxSkillLength} characters (\"{tooLong[..20]}...\" has {tooLong.Length}).");
        return skills;
    }

    private static List<string> CheckContractTypes(IReadOnlyList<string> sent, FieldErrors errors)
    {
        var types = new List<string>();
        foreach (var value in sent)
            if (Choices.Check("employment_type", value, errors, "preferred_contract_types") is { } canonical && !types.Contains(canonical))
                types.Add(canonical);
        return types;
    }

    private static List<Project> CheckProjects(IReadOnlyList<ProjectFields> sent, FieldErrors errors)
    {
        if (sent.Count > MaxProjects)
        {
            errors.Add("projects", $"Ensure this field has no more than {MaxProjects} elements.");
            return [];
        }
        var projects = new List<Project>();
        for (var i = 0; i < sent.Count; i++)
        {
            var (p, item) = (sent[i], $"Project {i + 1}");
            var name = p.Name?.Trim() ?? "";
            var description = p.Description?.Trim() ?? "";
            var technologies = (p.Technologies ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToList();
            if (name.Length == 0) errors.Add("projects", $"{item}: name is required.");
            else if (name.Length > MaxNameLength) errors.Add("projects", $"{item}: the name has more than {MaxNameLength} characters.");
            else if (description.Length > MaxDescriptionLength) errors.Add("projects", $"{item}: the description has more than {MaxDescriptionLength} characters.");
            else if (technologies.Count > MaxTechnologies) errors.Add("projects", $"{item}: at most {MaxTechnologies} technologies.");
            else if (technologies.Any(t => t.Length > MaxSkillLength))
                errors.Add("projects", $"{item}: each technology has at most {MaxSkillLength} characters.");
            projects.Add(new Project(p.Id ?? 0, name, description, technologies));
        }
        return projects;
    }

    private static string Required(string? value, int maxLength, FieldErrors errors, string field)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) errors.Add(field, "This field is required.");
        else AccountRules.CheckText(text, maxLength, errors, field);
        return text;
    }

    /// <summary>A start date, and an end date (or none: still going on) that is not before it.</summary>
    private static (DateOnly Start, DateOnly? End) Period(string? startText, string? endText, FieldErrors errors)
    {
        var start = Date(startText, errors, "start_date", required: true);
        var end = Date(endText, errors, "end_date", required: false);
        if (start is { } s && end is { } e && e < s) errors.Add("end_date", "The end date must be after the start date.");
        return (start ?? default, end);
    }

    private static DateOnly? Date(string? text, FieldErrors errors, string field, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required) errors.Add(field, "This field is required.");
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year >= 1900)
            return date;
        errors.Add(field, "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.");
        return null;
    }
}

/// <summary>
/// Keeps the candidate profile's copies of the account's username and email when the account changes: one patch,
/// for candidates only (any other account has no candidate profile to keep).
/// </summary>
public sealed class CandidateAccountCopies(DocumentStore store) : IAccountObserver
{
    public Task DetailsChangedAsync(Account account, CancellationToken ct) =>
        account.RecruitmentRole == RecruitmentRoles.Candidate ? CopyAsync(store, account, ct) : Task.CompletedTask;

    internal static async Task CopyAsync(DocumentStore store, Account account, CancellationToken ct) =>
        _ = await store.PatchAsync<CandidateProfile>(Containers.CandidateProfiles, account.Id, account.Id,
            [PatchOperation.Set("/username", account.Username), PatchOperation.Set("/email", account.Email)], ct);
}
