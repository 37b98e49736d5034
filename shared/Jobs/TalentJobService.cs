using System.Globalization;
using System.Text.RegularExpressions;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Matching;
using CareerNexus.Organizations;
using CareerNexus.Reference;

namespace CareerNexus.Jobs;

/// <summary>A Talent job post as sent (document 004): null leaves a field as it is on a change; a create needs a title and a description.</summary>
public sealed record TalentJobFields(string? Title, string? JobDesc, string? WorkplaceType, string? Location, string? JobType, string? EstimatedSalary,
    bool? VisaRequired, IReadOnlyList<string>? Skills);

/// <summary>A skill of the platform's skills list: its id (its line in skills.tsv, from 1) and canonical name.</summary>
public sealed record SkillRef(int Id, string Name);

/// <summary>
/// Document 004's job posts ("channels"): platform jobs with a Recruitment posting (so they are in every surface's job
/// lists and matched like any), posted, read, changed and closed by the members of an organization, for that
/// organization only. Talent's own fields ride on the job (<see cref="TalentPost"/>); its skills are the platform's.
/// </summary>
public sealed partial class TalentJobService(JobPostingService postings, JobService jobs, JobListings listings, OrganizationService organizations,
    AccountService accounts)
{
    public const int MaxSkills = 30;
    public const int MaxSalaryTextLength = 100;

    /// <summary>Document 003's category "Other": a Talent post names none.</summary>
    public const long DefaultCategory = 14;

    /// <summary>The skills a list of names stands for, each once, in the order given; unknown names are a 400 naming them.</summary>
    public static IReadOnlyList<SkillRef> Skills(IReadOnlyList<string> names, FieldErrors errors)
    {
        var data = MatchData.Shared;
        var found = new List<SkillRef>();
        var unknown = new List<string>();
        foreach (var name in names)
        {
            var id = data.SkillId(MatchText.SkillKey(name));
            if (id < 0) unknown.Add(name.Trim());
            else if (found.All(s => s.Id != id + 1)) found.Add(new SkillRef(id + 1, data.SkillNames[id]));
        }
        if (names.Count > MaxSkills) errors.Add("skills", $"Ensure this field has no more than {MaxSkills} elements.");
        else if (unknown.Count > 0)
            errors.Add("skills", $"Not in the platform's skills list: {string.Join(", ", unknown.Take(10))}. Use the names of GET /api/channels/skills/.");
        return found;
    }

    /// <summary>The skills a job shows: its Talent skills, or its posting's skill names that the skills list knows.</summary>
    public static IReadOnlyList<SkillRef> SkillsOf(Job job)
    {
        var data = MatchData.Shared;
        if (job.Talent is { } talent) return talent.SkillIds.Where(id => id >= 1 && id <= data.SkillCount).Select(id => new SkillRef(id, data.SkillNames[id - 1])).ToList();
        return Skills(job.Posting?.Skills.Where(s => data.SkillId(MatchText.SkillKey(s)) >= 0).ToList() ?? [], new FieldErrors());
    }

    /// <summary>Posts a job for the caller's organization (a caller in none is refused, 403).</summary>
    public async Task<Job> CreateAsync(Account caller, TalentJobFields fields, string? idempotencyKey, CancellationToken ct = default)
    {
        var organization = await organizations.IdOfAsync(caller, ct) ?? throw PlatformException.Forbidden("Only members of an organization post jobs.");
        var request = Request(fields, null, new TalentPoster(caller.UserId, caller.Email, caller.FirstName, caller.LastName), organization);
        return await postings.CreateAsync(caller.UserId, request, idempotencyKey, ct);
    }

    /// <summary>A page of the caller's organization's open jobs, newest first (none for a caller in no organization): one query.</summary>
    public async Task<IReadOnlyList<Job>> ListAsync(Account caller, PageRequest page, CancellationToken ct = default) =>
        await organizations.IdOfAsync(caller, ct) is { } organization ? await listings.CompanyPageAsync(organization, page, ct) : [];

    /// <summary>An open job of the caller's organization; another organization's is refused (403), an unknown or closed one 404.</summary>
    public async Task<Job> GetAsync(Account caller, long jobId, CancellationToken ct = default)
    {
        var job = await jobs.FindAsync(jobId, ct);
        if (job?.Posting is not { IsActive: true } posting) throw PlatformException.NotFound("Job post not found.");
        if (await organizations.IdOfAsync(caller, ct) != posting.CompanyId)
            throw PlatformException.Forbidden("This job post belongs to another organization.");
        return job;
    }

    /// <summary>Changes the fields sent (a PUT must send a title and a description), for members of the job's organization.</summary>
    public async Task<Job> UpdateAsync(Account caller, long jobId, TalentJobFields fields, bool replace, CancellationToken ct = default)
    {
        var job = await GetAsync(caller, jobId, ct);
        if (replace)
        {
            var missing = new FieldErrors();
            if (fields.Title is null) missing.Add("title", "This field is required.");
            if (fields.JobDesc is null) missing.Add("job_desc", "This field is required.");
            missing.ThrowIfAny();
        }
        // A job posted on another surface gets its Talent fields here, naming its own poster.
        var poster = job.Talent?.Poster ?? (await accounts.FindAsync(job.PosterId, ct) is { } a
            ? new TalentPoster(a.UserId, a.Email, a.FirstName, a.LastName)
            : new TalentPoster(job.PosterId, "", "", ""));
        return await postings.UpdateAsync(caller.UserId, jobId, Request(fields, job, poster, job.Posting!.CompanyId), ct);
    }

    /// <summary>Closes the job (its soft delete): it leaves every list and is a 404 here from then on.</summary>
    public async Task DeleteAsync(Account caller, long jobId, CancellationToken ct = default)
    {
        await GetAsync(caller, jobId, ct);
        await postings.CloseAsync(caller.UserId, jobId, ct);
    }

    /// <summary>The posting a Talent post stands for, merged over the job's current fields on a change.</summary>
    private static JobPostingRequest Request(TalentJobFields fields, Job? current, TalentPoster poster, long organization)
    {
        var errors = new FieldErrors();
        var talent = current?.Talent;
        var title = FieldRules.Required(fields.Title, current?.Title, "title", JobService.MaxTitleLength, errors);
        var description = FieldRules.Required(fields.JobDesc, current?.Description, "job_desc", JobService.MaxDescriptionLength, errors);
        var workplace = fields.WorkplaceType is { } sentWorkplace
            ? WorkTypeCode(sentWorkplace, "workplace_type", errors) ?? ""
            : talent?.WorkplaceType ?? current?.WorkType ?? "onsite";
        var jobType = fields.JobType is { } sentType ? JobTypeCode(sentType, "job_type", errors) ?? "" : current?.EmploymentType ?? "full_time";
        var location = fields.Location?.Trim() ?? current?.Posting?.Location ?? "";
        if (location.Length == 0)
        {
            if (workplace == "remote") location = "Remote";
            else errors.Add("location", "This field is required unless the job is remote.");
        }
        if (location.Length > JobPostingService.MaxLocationLength) errors.Add("location", $"Ensure this field has no more than {JobPostingService.MaxLocationLength} characters.");
        var salary = FieldRules.Optional(fields.EstimatedSalary, talent?.EstimatedSalary, "estimated_salary", MaxSalaryTextLength, errors);
        var skills = fields.Skills is { } names ? Skills(names, errors) : current is null ? [] : SkillsOf(current);
        errors.ThrowIfAny();

        var (low, high) = SalaryRange(salary);
        return new JobPostingRequest(title, organization, current is null ? DefaultCategory : null, jobType, location, low, high,
            current is null || fields.Title is not null ? ExperienceLevel(title) : null, description, null, null, skills.Select(s => s.Name).ToList(), workplace)
        {
            Talent = new TalentPost(workplace, salary, fields.VisaRequired ?? talent?.VisaRequired ?? false, skills.Select(s => s.Id).ToList(),
                poster),
        };
    }

    /// <summary>Document 004's spelling of a job type code ("full-time").</summary>
    public static string JobTypeName(string code) => code.Replace('_', '-');

    /// <summary>A work mode as a client sends it ("Remote"): its stored spelling, or null with the field's error added.</summary>
    public static string? WorkTypeCode(string sent, string field, FieldErrors errors)
    {
        if (Choices.Canonical("work_type", sent.Trim()) is { } code) return code;
        errors.Add(field, $"\"{sent}\" is not a valid choice: {string.Join(", ", Choices.WorkTypes)}.");
        return null;
    }

    /// <summary>A job type as a client sends it ("full-time", "Full_Time"): its code, or null with the field's error added.</summary>
    public static string? JobTypeCode(string sent, string field, FieldErrors errors)
    {
        if (JobCatalog.JobTypes.FirstOrDefault(t => MatchText.SameCode(t.Code, sent.Trim())) is { } type) return type.Code;
        errors.Add(field, $"\"{sent}\" is not a valid choice: {string.Join(", ", JobCatalog.JobTypes.Select(t => JobTypeName(t.Code)))}.");
        return null;
    }

    /// <summary>
    /// The level a title suggests, for the posting and the matching engine's expected years (document 004 has no level):
    /// intern, junior, senior, lead, and mid for anything else.
    /// </summary>
    public static string ExperienceLevel(string title)
    {
        var words = title.ToLowerInvariant().Split([' ', '-', '/', ',', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(w => w is "intern" or "internship" or "trainee" or "apprentice")) return "intern";
        if (words.Any(w => w is "junior" or "jr" or "jr." or "graduate" or "entry")) return "junior";
        if (words.Any(w => w is "lead" or "principal" or "head" or "staff" or "director")) return "lead";
        if (words.Any(w => w is "senior" or "sr" or "sr.")) return "senior";
        return "mid";
    }

    /// <summary>The amounts an estimated salary names ("$120,000 - $150,000", "120k-150k", "90000"), for the posting's range and matching.</summary>
    public static (decimal? Low, decimal? High) SalaryRange(string text)
    {
        var amounts = Amount().Matches(text).Select(m =>
        {
            var number = decimal.Parse(m.Groups[1].Value.Replace(",", ""), CultureInfo.InvariantCulture);
            return m.Groups[2].Value.ToLowerInvariant() switch { "k" => number * 1_000, "m" => number * 1_000_000, _ => number };
        }).Where(a => a is > 0 and <= JobPostingService.MaxSalary).Take(2).ToList();
        return amounts.Count switch
        {
            0 => (null, null),
            1 => (amounts[0], null),
            _ => (Math.Min(amounts[0], amounts[1]), Math.Max(amounts[0], amounts[1])),
        };
    }

    [GeneratedRegex(@"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*([kKmM]?)")]
    private static partial Regex Amount();
}
