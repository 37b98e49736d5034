using System.Security.Cryptography;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Files;
using CareerNexus.Jobs;
using CareerNexus.Matching;
using CareerNexus.Organizations;
using CareerNexus.Queues;
using CareerNexus.Reference;
using CareerNexus.Storage;

namespace CareerNexus.TalentProfiles;

/// <summary>A profile as one caller sees it: with the notes of the caller's organization (employers only; none for anyone else).</summary>
public sealed record TalentProfileView(TalentProfile Profile, IReadOnlyList<CandidateNote> Notes);

/// <summary>
/// Document 004's candidate profiles. Who sees what: a candidate sees their own profile only; an employer
/// (<see cref="Account.IsEmployerOnTalent"/>) sees every available profile, and the notes of their own organization on it;
/// anyone else is answered 404, so that slugs tell nothing. Only the candidate changes, verifies or deletes their profile
/// (403 to an employer who may see it). One profile per account, made by candidates: employers have none.
/// </summary>
public sealed class TalentProfileService(TalentProfileStore profiles, CandidateNoteStore notes, OrganizationService organizations, IdAllocator ids,
    FileStore files, TalentCandidatePool pool, IMessageQueue queue, TimeProvider clock)
{
    public const int MaxSalaryTextLength = 100;
    public const int MaxAccommodationLength = 2000;
    public const int MaxDisabilityCategories = 10;
    public const int MaxCategoryLength = 100;
    public const int MaxVerifiedSkills = 50;
    public const int MaxVerifiedJobs = 30;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;

    /// <summary>A claim whose profile never came (a create that stopped half-way) is taken over after this.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    private const int SlugNameLength = 50;
    private const string SlugAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>
    /// The caller's list: an employer's is a page of the available profiles, newest first, with their organization's notes on
    /// them; a candidate's is their own profile (or none).
    /// </summary>
    public async Task<IReadOnlyList<TalentProfileView>> ListAsync(Account caller, PageRequest page, CancellationToken ct = default)
    {
        if (!caller.IsEmployerOnTalent())
            return page.Number == 0 && await profiles.OfUserAsync(caller.UserId, ct) is { } own ? [new TalentProfileView(own, [])] : [];
        var list = await profiles.CatalogPageAsync(page, ct);
        var organization = list.Count == 0 ? null : await organizations.IdOfAsync(caller, ct);
        var byProfile = organization is { } id
            ? await notes.OfProfilesAsync(id, list.Where(p => p.UserId != caller.UserId).Select(p => p.ProfileId).ToList(), ct)
            : new Dictionary<long, IReadOnlyList<CandidateNote>>();
        return list.Select(p => new TalentProfileView(p, byProfile.GetValueOrDefault(p.ProfileId) ?? [])).ToList();
    }

    /// <summary>A profile the caller may see, with the notes they may read.</summary>
    public async Task<TalentProfileView> GetAsync(Account caller, string slug, CancellationToken ct = default)
    {
        var profile = await VisibleAsync(caller, slug, ct);
        return await ViewAsync(caller, profile, ct);
    }

    /// <summary>The profile, if the caller may see it: their own, or (for an employer) an available one; otherwise 404.</summary>
    public async Task<TalentProfile> VisibleAsync(Account caller, string slug, CancellationToken ct = default)
    {
        var profile = await profiles.FindAsync(slug, ct);
        if (profile is not null && (profile.UserId == caller.UserId || (profile.IsAvailable && caller.IsEmployerOnTalent()))) return profile;
        throw NotFound();
    }

    /// <summary>The caller's own profile: 403 to an employer who may see it, 404 to anyone else.</summary>
    public async Task<TalentProfile> OwnedAsync(Account caller, string slug, CancellationToken ct = default)
    {
        var profile = await VisibleAsync(caller, slug, ct);
        return profile.UserId == caller.UserId ? profile : throw PlatformException.Forbidden("Only the candidate may change their profile.");
    }

    /// <summary>
    /// Makes the caller's profile (an employer is refused, 403; a second profile is a 400 naming the first). The files are
    /// stored once the fields are valid, and removed again if the profile is not made.
    /// </summary>
    public async Task<TalentProfileView> CreateAsync(Account caller, TalentProfileFields fields, TalentProfileFiles uploads, CancellationToken ct = default)
    {
        if (caller.IsEmployerOnTalent())
            throw PlatformException.Forbidden("Employers do not have candidate profiles: only candidates make one.");
        var now = clock.GetUtcNow();
        var profile = new TalentProfile
        {
            UserId = caller.UserId, Email = caller.Email, FirstName = caller.FirstName, LastName = caller.LastName, CreatedAt = now, UpdatedAt = now,
        };
        Apply(profile, Check(fields));
        var held = await profiles.ClaimOfAsync(caller.UserId, ct);
        if (held is not null && !await AbandonedAsync(held.Document, now, ct)) throw AlreadyHas(held.Document.Slug);

        profile.ResumeFile = NullIfEmpty(uploads.Resume is null ? null : await uploads.Resume());
        profile.VideoPitch = NullIfEmpty(uploads.VideoPitch is null ? null : await uploads.VideoPitch());
        profile.ProfileId = await ids.NextAsync("talent_profiles", ct);
        Rename(profile, NewSlug(caller));
        var claim = new TalentProfileClaim(TalentProfileClaim.DocumentId, TalentProfileClaim.PartitionOf(caller.UserId), profile.Slug, now);
        var claimed = held is null ? await profiles.TryClaimAsync(claim, ct) : await profiles.TryReplaceClaimAsync(claim, held.ETag, ct);
        if (!claimed)
        {
            // Another create of this account came first.
            await DeleteFilesAsync([profile.ResumeFile, profile.VideoPitch], ct);
            throw AlreadyHas((await profiles.ClaimOfAsync(caller.UserId, ct))?.Document.Slug);
        }
        while (!await profiles.TryCreateAsync(profile, ct))
        {
            // The slug's random part met another profile's: draw again, and move the claim to the new one.
            Rename(profile, NewSlug(caller));
            var mine = await profiles.ClaimOfAsync(caller.UserId, ct) ?? throw AlreadyHas(null);
            if (!await profiles.TryReplaceClaimAsync(claim with { Slug = profile.Slug }, mine.ETag, ct)) throw AlreadyHas(mine.Document.Slug);
        }
        await profiles.SyncCatalogAsync(profile, ct);
        await pool.ChangedAsync(ct);
        return new TalentProfileView(profile, []);
    }

    /// <summary>
    /// Changes the fields sent (PUT and PATCH alike: a profile has no required field). A new resume replaces the old file and
    /// resets the parsing (its resume_data described the old file); replaced files are deleted once the change is written.
    /// </summary>
    public async Task<TalentProfileView> UpdateAsync(Account caller, string slug, TalentProfileFields fields, TalentProfileFiles uploads,
        CancellationToken ct = default)
    {
        await OwnedAsync(caller, slug, ct);
        var changes = Check(fields);
        var resume = uploads.Resume is null ? null : await uploads.Resume();
        var video = uploads.VideoPitch is null ? null : await uploads.VideoPitch();
        string? replacedResume = null, replacedVideo = null;
        var now = clock.GetUtcNow();
        var written = await profiles.ChangeAsync(slug, profile =>
        {
            Apply(profile, changes);
            (replacedResume, replacedVideo) = (null, null);
            if (resume is not null)
            {
                replacedResume = profile.ResumeFile;
                profile.ResumeFile = NullIfEmpty(resume);
                ResetParsing(profile);
            }
            if (video is not null)
            {
                replacedVideo = profile.VideoPitch;
                profile.VideoPitch = NullIfEmpty(video);
            }
            profile.UpdatedAt = now;
            return profile;
        }, ct);
        if (written is null)
        {
            await DeleteFilesAsync([NullIfEmpty(resume), NullIfEmpty(video)], ct);
            throw NotFound();
        }
        await DeleteFilesAsync([replacedResume, replacedVideo], ct);
        await profiles.SyncCatalogAsync(written, ct);
        await pool.ChangedAsync(ct);
        return new TalentProfileView(written, []);
    }

    /// <summary>Deletes the caller's profile and its files at once; the notes about it are deleted by the candidate-profiles queue.</summary>
    public async Task DeleteAsync(Account caller, string slug, CancellationToken ct = default)
    {
        var profile = await OwnedAsync(caller, slug, ct);
        await profiles.RemoveAsync(profile, ct);
        await DeleteFilesAsync([profile.ResumeFile, profile.VideoPitch], ct);
        await queue.SendAsync(QueueNames.CandidateProfiles, "forget:" + TalentIdText.Of(profile.ProfileId), "forget:" + TalentIdText.Of(profile.ProfileId), ct);
        await pool.ChangedAsync(ct);
    }

    /// <summary>
    /// Stores what the candidate confirmed as the profile's verified_data (replacing what was there), skills by the platform's
    /// names where its skills list knows them; ranking and search read it before the parsed resume.
    /// </summary>
    public async Task<TalentProfile> VerifyAsync(Account caller, string slug, VerifiedData sent, CancellationToken ct = default)
    {
        await OwnedAsync(caller, slug, ct);
        var verified = CheckVerified(sent);
        var now = clock.GetUtcNow();
        var written = await profiles.ChangeAsync(slug, profile =>
        {
            profile.VerifiedData = verified;
            profile.VerifiedAt = now;
            profile.UpdatedAt = now;
            return profile;
        }, ct) ?? throw NotFound();
        await pool.ChangedAsync(ct);
        return written;
    }

    /// <summary>The skills as the platform names them (the skills list's canonical names, unknown ones as written), each once.</summary>
    public static IReadOnlyList<string> NormalisedSkills(IEnumerable<string> names)
    {
        var data = MatchData.Shared;
        var skills = new List<string>();
        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length > 0))
        {
            var id = data.SkillId(MatchText.SkillKey(name));
            var skill = id >= 0 ? data.SkillNames[id] : name;
            if (!skills.Contains(skill, StringComparer.OrdinalIgnoreCase)) skills.Add(skill);
        }
        return skills;
    }

    private async Task<TalentProfileView> ViewAsync(Account caller, TalentProfile profile, CancellationToken ct)
    {
        // Notes are for employers of the writing organization, never for the candidate (even one who became an employer).
        if (profile.UserId == caller.UserId || !caller.IsEmployerOnTalent() || await organizations.IdOfAsync(caller, ct) is not { } organization)
            return new TalentProfileView(profile, []);
        return new TalentProfileView(profile, await notes.OfProfileAsync(organization, profile.ProfileId, ct));
    }

    private async Task<bool> AbandonedAsync(TalentProfileClaim claim, DateTimeOffset now, CancellationToken ct) =>
        now - claim.ClaimedAt >= AbandonedAfter && await profiles.FindAsync(claim.Slug, ct) is null;

    /// <summary>The fields checked and in their stored spellings; a 400 naming each bad one.</summary>
    private static TalentProfileFields Check(TalentProfileFields sent)
    {
        var errors = new FieldErrors();
        var employment = sent.EmploymentTypePreferences?.Select(t =>
            TalentJobService.JobTypeCode(t, "employment_type_preferences", errors) is { } code ? TalentJobService.JobTypeName(code) : "").Distinct().ToList();
        var workModes = sent.WorkModePreferences?.Select(m => TalentJobService.WorkTypeCode(m, "work_mode_preferences", errors) ?? "").Distinct().ToList();
        var salary = sent.ExpectedSalaryRange?.Trim();
        AccountRules.CheckText(salary, MaxSalaryTextLength, errors, "expected_salary_range");
        var categories = sent.DisabilityCategories?.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (categories is { Count: > MaxDisabilityCategories })
            errors.Add("disability_categories", $"Ensure this field has no more than {MaxDisabilityCategories} elements.");
        else if (categories?.Any(c => c.Length > MaxCategoryLength) == true)
            errors.Add("disability_categories", $"Ensure each item has no more than {MaxCategoryLength} characters.");
        var needs = Text(sent.AccommodationNeeds, "accommodation_needs", errors);
        var accommodations = Text(sent.WorkplaceAccommodations, "workplace_accommodations", errors);
        errors.ThrowIfAny();
        return sent with
        {
            EmploymentTypePreferences = employment, WorkModePreferences = workModes, ExpectedSalaryRange = salary, DisabilityCategories = categories,
            AccommodationNeeds = needs, WorkplaceAccommodations = accommodations,
        };
    }

    private static Candidates.Change<string?>? Text(Candidates.Change<string?>? sent, string field, FieldErrors errors)
    {
        if (sent is null) return null;
        var text = sent.Value?.Trim();
        AccountRules.CheckText(text, MaxAccommodationLength, errors, field);
        return new(string.IsNullOrEmpty(text) ? null : text);
    }

    private static void Apply(TalentProfile profile, TalentProfileFields fields)
    {
        if (fields.WillingToRelocate is { } relocate) profile.WillingToRelocate = relocate;
        if (fields.EmploymentTypePreferences is { } employment) profile.EmploymentTypePreferences = [.. employment];
        if (fields.WorkModePreferences is { } modes) profile.WorkModePreferences = [.. modes];
        if (fields.HasWorkvisa is { } visa) profile.HasWorkvisa = visa;
        if (fields.ExpectedSalaryRange is { } salary) profile.ExpectedSalaryRange = salary;
        if (fields.IsAvailable is { } available) profile.IsAvailable = available;
        if (fields.DisabilityCategories is { } categories) profile.DisabilityCategories = [.. categories];
        if (fields.AccommodationNeeds is { } needs) profile.AccommodationNeeds = needs.Value;
        if (fields.WorkplaceAccommodations is { } accommodations) profile.WorkplaceAccommodations = accommodations.Value;
        if (fields.IsPublic is { } isPublic) profile.IsPublic = isPublic;
    }

    /// <summary>A resume replaced or removed: what was parsed from the old one no longer holds.</summary>
    private static void ResetParsing(TalentProfile profile)
    {
        profile.ParsingStatus = ParsingStatuses.Pending;
        profile.ParsingTaskId = null;
        profile.ParsingStartedAt = null;
        profile.ParsedAt = null;
        profile.ParsingError = null;
        profile.ResumeData = null;
    }

    private static VerifiedData CheckVerified(VerifiedData sent)
    {
        var errors = new FieldErrors();
        string? Line(string? value, string field, int max)
        {
            var text = value?.Trim();
            AccountRules.CheckText(text, max, errors, field);
            return string.IsNullOrEmpty(text) ? null : text;
        }
        var email = string.IsNullOrWhiteSpace(sent.Email) ? null : AccountRules.NormalizeEmail(sent.Email, errors);
        var linkedin = Line(sent.Linkedin, "linkedin", AccountRules.MaxAvatarLength);
        var github = Line(sent.Github, "github", AccountRules.MaxAvatarLength);
        AccountRules.CheckUrl(linkedin, errors, "linkedin");
        AccountRules.CheckUrl(github, errors, "github");
        if (sent.Skills.Count > MaxVerifiedSkills) errors.Add("skills", $"Ensure this field has no more than {MaxVerifiedSkills} elements.");
        else if (sent.Skills.Any(s => s.Trim().Length > MaxCategoryLength)) errors.Add("skills", $"Ensure each item has no more than {MaxCategoryLength} characters.");
        if (sent.WorkExperience.Count > MaxVerifiedJobs) errors.Add("work_experience", $"Ensure this field has no more than {MaxVerifiedJobs} elements.");
        var jobs = sent.WorkExperience.Take(MaxVerifiedJobs).Select(j => new VerifiedJob(Line(j.Company, "work_experience", MaxNameLength),
            Line(j.Position, "work_experience", MaxNameLength), Line(j.Duration, "work_experience", MaxSalaryTextLength),
            Line(j.Description, "work_experience", MaxDescriptionLength))).Where(j => j.Company is not null || j.Position is not null).ToList();
        var verified = new VerifiedData
        {
            Name = Line(sent.Name, "name", MaxNameLength), Email = email, Phone = Line(sent.Phone, "phone", 50), Linkedin = linkedin, Github = github,
            Location = Line(sent.Location, "location", MaxNameLength), Skills = NormalisedSkills(sent.Skills), WorkExperience = jobs,
        };
        if (verified is { Name: null, Email: null, Phone: null, Linkedin: null, Github: null, Location: null, Skills.Count: 0, WorkExperience.Count: 0 })
            errors.Add("non_field_errors", "Send the data to verify: name, email, phone, linkedin, github, location, skills or work_experience.");
        errors.ThrowIfAny();
        return verified;
    }

    /// <summary>"john-doe-" and 6 random lower-case letters and digits: readable, and not to be guessed from the name.</summary>
    private static string NewSlug(Account account)
    {
        var name = Slugs.Of($"{account.FirstName} {account.LastName}");
        if (name.Length > SlugNameLength) name = name[..SlugNameLength].TrimEnd('-');
        return $"{(name.Length == 0 ? "candidate" : name)}-{RandomNumberGenerator.GetString(SlugAlphabet, 6)}";
    }

    private static void Rename(TalentProfile profile, string slug)
    {
        profile.Slug = slug;
        profile.Partition = TalentProfile.PartitionOf(slug);
    }

    private async Task DeleteFilesAsync(IEnumerable<string?> urls, CancellationToken ct)
    {
        foreach (var url in urls) await files.DeleteAsync(url, ct);
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static PlatformException NotFound() => PlatformException.NotFound("Candidate profile not found.");

    private static PlatformException AlreadyHas(string? slug) => PlatformException.Conflict("You already have a candidate profile",
        slug is null ? "You already have a candidate profile." : $"You already have a candidate profile: {slug}. Change it with PUT or PATCH.");
}
