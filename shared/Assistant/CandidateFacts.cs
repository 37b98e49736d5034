using System.Globalization;
using System.Text.Json.Serialization;
using CareerNexus.Matching;
using CareerNexus.Resumes;
using CareerNexus.TalentProfiles;

namespace CareerNexus.Assistant;

/// <summary>
/// One candidate as the assistant knows them: what their profile says, verified data first (what the candidate confirmed),
/// the parsed resume otherwise, with their preferences. Every answer of the agent search, the resume chat and the career
/// coach is made from these facts only; <see cref="Redacted"/> removes what a caller may not see.
/// </summary>
public sealed record CandidateFacts
{
    public long CandidateId { get; init; }
    public long UserId { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";

    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Linkedin { get; init; }
    public string? Github { get; init; }
    public string? Website { get; init; }

    public string Location { get; init; } = "";
    public string Summary { get; init; } = "";
    public IReadOnlyList<string> Skills { get; init; } = [];
    public IReadOnlyList<FactExperience> Experience { get; init; } = [];
    public IReadOnlyList<ResumeEducation> Education { get; init; } = [];
    public IReadOnlyList<ResumeLanguage> Languages { get; init; } = [];

    public bool WillingToRelocate { get; init; }
    public IReadOnlyList<string> EmploymentTypes { get; init; } = [];
    public IReadOnlyList<string> WorkModes { get; init; } = [];
    public bool HasWorkVisa { get; init; }
    public string ExpectedSalaryRange { get; init; } = "";
    public bool IsAvailable { get; init; }
    public bool IsPublic { get; init; }

    /// <summary>What the facts were read from, in the ranking's words: "verified profile" or "parsed resume" (answers name it).</summary>
    public string Basis { get; init; } = TalentMatchInput.ResumeBasis;

    /// <summary>The notes on the profile the caller may read (employers' notes; none for anyone else).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Whether the contact details were taken out for this caller (<see cref="Redacted"/>), rather than absent from the profile.</summary>
    public bool ContactHidden { get; init; }

    /// <summary>The facts without contact details and notes, for callers who may not see them.</summary>
    public CandidateFacts Redacted() =>
        this with { Email = null, Phone = null, Linkedin = null, Github = null, Website = null, Notes = [], ContactHidden = true };

    /// <summary>The most recent job: a current one first, then the latest start.</summary>
    public FactExperience? CurrentRole => Experience.OrderByDescending(e => e.IsCurrent).ThenByDescending(e => e.Start ?? DateOnly.MinValue).FirstOrDefault();

    /// <summary>Years of work in the experiences' periods, overlaps counted once.</summary>
    public double YearsOfExperience(DateOnly today) => Years(Experience, today);

    /// <summary>
    /// Years of the jobs whose position or description names the skill (synonyms included); null when no job names it, so
    /// that the caller can say the resume does not tell rather than claim none.
    /// </summary>
    public double? YearsWith(string skill, DateOnly today)
    {
        var jobs = Experience.Where(e => SkillMentions.Names(e.Position + "\n" + e.Description, skill)).ToList();
        return jobs.Count == 0 ? null : Years(jobs, today);
    }

    /// <summary>Whether the candidate lists the skill (by the platform's names and synonyms).</summary>
    public bool Has(string skill) => Skills.Any(s => SkillMentions.Same(s, skill));

    /// <summary>The facts as the matching engine scores a candidate: the ranking pool's own reading of the profile (TalentMatchInput).</summary>
    [JsonIgnore]
    public MatchCandidate? MatchInput { get; init; }

    public MatchCandidate ForMatching() => MatchInput ?? new MatchCandidate(UserId, Skills, [], [], [], Summary, Location, null, null, null, []);

    private static double Years(IEnumerable<FactExperience> jobs, DateOnly today) =>
        MatchEngine.YearsOfExperience(jobs.Where(e => e.Start is not null).Select(e => new MatchExperience(e.Position, e.Start!.Value, e.End, "", "")).ToList(), today);

    /// <summary>
    /// The facts of a profile, read as the ranking reads it (<see cref="TalentMatchInput"/>): verified data where the candidate
    /// gave it (name, contact, location, skills, work experience), the parsed resume for the rest. A verified job takes its
    /// dates from the resume's job at the same company, else it is laid back from the day of verifying by its duration.
    /// </summary>
    public static CandidateFacts From(TalentProfile profile, IReadOnlyList<string> notes, DateOnly today)
    {
        var resume = profile.ResumeData ?? new ResumeData();
        var verified = profile.VerifiedData;
        var experience = resume.Experience.Select(FactExperience.From).ToList();
        if (verified is { WorkExperience.Count: > 0 })
        {
            var cursor = profile.VerifiedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : today;
            var confirmed = new List<FactExperience>();
            foreach (var job in verified.WorkExperience)
            {
                var known = experience.FirstOrDefault(e => e.Start is not null && Same(e.Company, job.Company));
                if (known is not null) confirmed.Add(known with { Position = job.Position ?? known.Position });
                else if (TalentMatchInput.DurationMonths(job.Duration) is { } months)
                {
                    confirmed.Add(new FactExperience(job.Company ?? "", job.Position ?? "", "", cursor.AddMonths(-months), cursor, false, job.Description ?? ""));
                    cursor = cursor.AddMonths(-months);
                }
                else confirmed.Add(new FactExperience(job.Company ?? "", job.Position ?? "", "", null, null, false, job.Description ?? ""));
            }
            experience = confirmed;
        }
        return new CandidateFacts
        {
            CandidateId = profile.ProfileId, UserId = profile.UserId, Slug = profile.Slug,
            Name = First(verified?.Name, resume.Name, $"{profile.FirstName} {profile.LastName}") ?? "",
            Email = First(verified?.Email, resume.Email, profile.Email), Phone = First(verified?.Phone, resume.Phone),
            Linkedin = First(verified?.Linkedin, resume.Linkedin), Github = First(verified?.Github, resume.Github), Website = First(resume.Website),
            Location = First(verified?.Location, resume.Location) ?? "", Summary = resume.Summary ?? "",
            Skills = TalentProfileService.NormalisedSkills(verified is { Skills.Count: > 0 } ? verified.Skills : resume.Skills),
            Experience = experience, Education = resume.Education, Languages = resume.Languages,
            WillingToRelocate = profile.WillingToRelocate, EmploymentTypes = profile.EmploymentTypePreferences, WorkModes = profile.WorkModePreferences,
            HasWorkVisa = profile.HasWorkvisa, ExpectedSalaryRange = profile.ExpectedSalaryRange, IsAvailable = profile.IsAvailable,
            IsPublic = profile.IsPublic, Basis = verified is null ? TalentMatchInput.ResumeBasis : TalentMatchInput.VerifiedBasis, Notes = notes,
            MatchInput = TalentMatchInput.From(profile, today)?.Input,
        };
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static bool Same(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}

/// <summary>One job of a candidate: dates as the ranking reads them (TalentMatchInput.Month), no end for a current job.</summary>
public sealed record FactExperience(string Company, string Position, string Location, DateOnly? Start, DateOnly? End, bool IsCurrent, string Description)
{
    public static FactExperience From(ResumeExperience e) => new(e.Company ?? "", e.Position ?? "", e.Location ?? "",
        TalentMatchInput.Month(e.StartDate, first: true), e.IsCurrent ? null : TalentMatchInput.Month(e.EndDate, first: false), e.IsCurrent,
        e.Description ?? "");

    /// <summary>"Senior Developer at Acme (2019-03 to now)".</summary>
    public string Describe()
    {
        var what = Position.Length > 0 && Company.Length > 0 ? $"{Position} at {Company}" : Position.Length > 0 ? Position : Company;
        var when = Start is { } s ? string.Create(CultureInfo.InvariantCulture, $" ({s:yyyy-MM} to {(IsCurrent || End is null ? "now" : End.Value.ToString("yyyy-MM", CultureInfo.InvariantCulture))})") : "";
        return what + when;
    }
}
