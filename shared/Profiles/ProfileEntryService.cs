using System.Globalization;
using CareerNexus.Common;
using CareerNexus.Reference;
using CareerNexus.Storage;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareerNexus.Accounts;

namespace CareerNexus.Profiles;

/// <summary>
/// Experience, education and certification entries of a profile, kept on the account document itself: a profile
/// read (one's own above all) is the one point read that authentication makes anyway, and every operation works on
/// the caller's own account, so another account's entry is simply not found (404, which reveals nothing). Each kind
/// is capped at <see cref="MaxEntriesPerKind"/>, which bounds the account document.
/// </summary>
public sealed class ProfileEntryService(DocumentStore store, IdAllocator ids, TimeProvider clock)
{
    /// <summary>Entries of one kind an account may hold.</summary>
    public const int MaxEntriesPerKind = 20;

    public const int MaxTitleLength = 200;
    public const int MaxLocationLength = 100;
    public const int MaxDetailLength = 2000;
    public const int MaxCertIdLength = 500;
    public const int MaxSkillsLength = 500;
    public const string Present = "Present";

    private const string EntriesField = "profile_entries";

    /// <summary>The account's entries of one kind, newest first.</summary>
    public async Task<IReadOnlyList<ProfileEntry>> ListAsync(long userId, string kind, CancellationToken ct = default)
    {
        var id = userId.ToString(CultureInfo.InvariantCulture);
        var account = (await store.ReadAsync<Account>(Containers.Accounts, id, id, ct))?.Document ?? throw PlatformException.NotFound("User not found");
        return All(account)[kind].ToList();
    }

    /// <summary>Every entry of an account already read, each kind newest first.</summary>
    public static ILookup<string, ProfileEntry> All(Account account) => Newest(account.ProfileEntries).ToLookup(e => e.Kind);

    public Task<ProfileEntry> AddExperienceAsync(long userId, ExperienceFields fields, CancellationToken ct = default) =>
        AddAsync(userId, EntryKinds.Experience, entry => ApplyExperience(entry, fields), ct);

    public Task<ProfileEntry> AddEducationAsync(long userId, EducationFields fields, CancellationToken ct = default) =>
        AddAsync(userId, EntryKinds.Education, entry => ApplyEducation(entry, fields), ct);

    public Task<ProfileEntry> AddCertificationAsync(long userId, CertificationFields fields, CancellationToken ct = default) =>
        AddAsync(userId, EntryKinds.Certification, entry => ApplyCertification(entry, fields), ct);

    /// <summary>Changes the given fields of one of the account's experience entries.</summary>
    public async Task<ProfileEntry> UpdateExperienceAsync(long userId, long experienceId, ExperienceFields fields, CancellationToken ct = default)
    {
        ProfileEntry? updated = null;
        await ChangeAsync(userId, entries =>
        {
            updated = entries.FirstOrDefault(e => e.Kind == EntryKinds.Experience && e.EntryId == experienceId)
                      ?? throw PlatformException.NotFound("Experience not found");
            ApplyExperience(updated, fields);
            updated.UpdatedAt = clock.GetUtcNow();
        }, ct);
        return updated!;
    }

    /// <summary>Deletes one of the account's entries of the kind.</summary>
    public Task DeleteAsync(long userId, string kind, long entryId, CancellationToken ct = default) =>
        ChangeAsync(userId, entries =>
        {
            if (entries.RemoveAll(e => e.Kind == kind && e.EntryId == entryId) == 0)
                throw PlatformException.NotFound($"{char.ToUpperInvariant(kind[0])}{kind[1..]} not found");
        }, ct);

    private async Task<ProfileEntry> AddAsync(long userId, string kind, Action<ProfileEntry> apply, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var entry = new ProfileEntry { Kind = kind, UserId = userId, CreatedAt = now, UpdatedAt = now };
        apply(entry);
        entry.EntryId = await ids.NextAsync("profile_" + kind, ct);
        entry.Id = ProfileEntry.DocumentId(kind, entry.EntryId);
        await ChangeAsync(userId, entries =>
        {
            if (entries.Count(e => e.Kind == kind) >= MaxEntriesPerKind)
                throw PlatformException.Invalid("Too many entries", $"A profile holds at most {MaxEntriesPerKind} {kind} entries; delete one first.");
            entries.Add(entry);
        }, ct);
        return entry;
    }

    /// <summary>
    /// Read-modify-write of the entries alone, in one ETag-guarded replace: the rest of the account (counters,
    /// sessions) is written back exactly as read, and a concurrent write forces a retry of the change.
    /// </summary>
    private async Task ChangeAsync(long userId, Action<List<ProfileEntry>> change, CancellationToken ct)
    {
        var id = userId.ToString(CultureInfo.InvariantCulture);
        _ = await store.ReplaceAsync<JsonObject>(Containers.Accounts, id, id, json =>
        {
            var entries = json[EntriesField]?.Deserialize<List<ProfileEntry>>(PlatformJson.Options) ?? [];
            change(entries);
            json[EntriesField] = JsonSerializer.SerializeToNode(entries, PlatformJson.Options);
            return json;
        }, ct) ?? throw PlatformException.NotFound("User not found");
    }

    private static void ApplyExperience(ProfileEntry entry, ExperienceFields fields)
    {
        var errors = new FieldErrors();
        entry.Title = Text(fields.Title, entry.Title, MaxTitleLength, required: true, errors, "title");
        entry.Organization = Text(fields.Organization, entry.Organization, MaxTitleLength, required: true, errors, "organization");
        entry.StartDate = Date(fields.StartDate, entry.StartDate, required: true, errors, "start_date");
        entry.EndDate = EndDate(fields.EndDate, entry.EndDate, entry.StartDate, errors);
        entry.Location = Text(fields.Location, entry.Location, MaxLocationLength, required: false, errors, "location");
        if (fields.EmploymentType is not null)
            entry.EmploymentType = fields.EmploymentType.Trim().Length == 0 ? "" : Choices.Check("employment_category", fields.EmploymentType, errors, "employment_type") ?? "";
        entry.Detail = Text(fields.Detail, entry.Detail, MaxDetailLength, required: false, errors, "detail");
        errors.ThrowIfAny();
    }

    private static void ApplyEducation(ProfileEntry entry, EducationFields fields)
    {
        var errors = new FieldErrors();
        entry.Course = Text(fields.Course, entry.Course, MaxTitleLength, required: true, errors, "course");
        entry.School = Text(fields.School, entry.School, MaxTitleLength, required: true, errors, "school");
        entry.StartDate = Date(fields.StartDate, entry.StartDate, required: true, errors, "start_date");
        entry.EndDate = EndDate(fields.EndDate, entry.EndDate, entry.StartDate, errors);
        entry.Location = Text(fields.Location, entry.Location, MaxLocationLength, required: false, errors, "location");
        entry.Detail = Text(fields.Detail, entry.Detail, MaxDetailLength, required: false, errors, "detail");
        errors.ThrowIfAny();
    }

    private static void ApplyCertification(ProfileEntry entry, CertificationFields fields)
    {
        var errors = new FieldErrors();
        entry.Title = Text(fields.Title, entry.Title, MaxTitleLength, required: true, errors, "title");
        entry.School = Text(fields.School, entry.School, MaxTitleLength, required: true, errors, "school");
        entry.IssueDate = Date(fields.IssueDate, entry.IssueDate, required: true, errors, "issue_date");
        entry.CertId = Text(fields.CertId, entry.CertId, MaxCertIdLength, required: false, errors, "cert_id");
        entry.Skills = Text(fields.Skills, entry.Skills, MaxSkillsLength, required: false, errors, "skills");
        errors.ThrowIfAny();
    }

    private static string Text(string? sent, string current, int maxLength, bool required, FieldErrors errors, string field)
    {
        var value = sent?.Trim() ?? current;
        if (required && value.Length == 0) errors.Add(field, "This field is required.");
        else if (value.Length > maxLength) errors.Add(field, $"Ensure this field has no more than {maxLength} characters.");
        return value;
    }

    private static string Date(string? sent, string current, bool required, FieldErrors errors, string field)
    {
        var value = sent?.Trim() ?? current;
        if (value.Length == 0)
        {
            if (required) errors.Add(field, "This field is required.");
            return value;
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            errors.Add(field, "Enter a date as YYYY-MM-DD.");
        return value;
    }

    /// <summary>A date not before the start, "Present" (still going on), or empty.</summary>
    private static string EndDate(string? sent, string current, string start, FieldErrors errors)
    {
        var value = sent?.Trim() ?? current;
        if (string.Equals(value, Present, StringComparison.OrdinalIgnoreCase)) return Present;
        value = Date(value, "", required: false, errors, "end_date");
        if (value.Length > 0
            && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
            && DateOnly.TryParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var begin) && end < begin)
            errors.Add("end_date", "The end date cannot be before the start date.");
        return value;
    }

    private static List<ProfileEntry> Newest(IEnumerable<ProfileEntry> entries) =>
        entries.OrderByDescending(e => e.SortDate(), StringComparer.Ordinal).ThenByDescending(e => e.EntryId).ToList();
}
