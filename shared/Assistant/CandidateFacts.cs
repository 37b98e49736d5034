using System.Globalization;
using CareerNexus.Jobs;
using CareerNexus.Matching;
using CareerNexus.Resumes;

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

    /// <summary>What the facts were read from: "verified data" or "parsed resume" (answers name it).</summary>
    public string Basis { get; init; } = Bases.Resume;

    /// <summary>The notes on the profile the caller may read (employers' notes; none for anyone else).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static class Bases
    {
        public const string Verified = "verified data";
        public const string Resume = "parsed resume";
    }

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

    /// <summary>The facts as the matching engine scores a candidate.</summary>
    public MatchCandidate ForMatching() => new(CandidateId, Skills,
        Experience.Where(e => e.Start is not null).Select(e => new MatchExperience(e.Position, e.Start!.Value, e.End, "", e.Description)).ToList(),
        Education.Select(e => $"{e.Degree} {e.Field}".Trim()).ToList(), [], Summary, Location, null, null,
        TalentJobService.SalaryRange(ExpectedSalaryRange).Low, EmploymentTypes.Select(t => t.Replace('-', '_')).ToList());

    private static double Years(IEnumerable<FactExperience> jobs, DateOnly today) =>
        MatchEngine.YearsOfExperience(jobs.Where(e => e.Start is not null).Select(e => new MatchExperience(e.Position, e.Start!.Value, e.End, "", "")).ToList(), today);

    /// <summary>
    /// The facts of a profile: verified data where the candidate gave it (name, email, LinkedIn, skills, work experience),
    /// the parsed resume for the rest. Verified jobs take their dates from the resume's job at the same company, else they
    /// are laid end to end back from today by their duration ("2 years").
    /// </summary>
    public static CandidateFacts From(CandidateSource source, DateOnly today)
    {
        var resume = source.Resume ?? new ResumeData();
        var verified = source.Verified;
        var experience = resume.Experience.Select(e => FactExperience.From(e, today)).ToList();
        if (verified is { WorkExperience.Count: > 0 })
        {
            var cursor = today;
            experience = verified.WorkExperience.Select(v =>
            {
                var known = experience.FirstOrDefault(e => Same(e.Company, v.Company));
                if (known is not null) return known with { Position = v.Position is { Length: > 0 } p ? p : known.Position };
                var months = DurationMonths(v.Duration);
                var start = months is { } m ? cursor.AddMonths(-m) : (DateOnly?)null;
                var job = new FactExperience(v.Company ?? "", v.Position ?? "", "", start, start is null ? null : cursor, false, v.Description ?? "", months);
                if (start is { } s) cursor = s;
                return job;
            }).ToList();
        }
        return new CandidateFacts
        {
            CandidateId = source.CandidateId, UserId = source.UserId, Slug = source.Slug,
            Name = First(verified?.Name, resume.Name, source.AccountName) ?? "",
            Email = First(verified?.Email, resume.Email), Phone = First(verified?.Phone, resume.Phone),
            Linkedin = First(verified?.Linkedin, resume.Linkedin), Github = First(verified?.Github, resume.Github), Website = resume.Website,
            Location = First(verified?.Location, resume.Location) ?? "", Summary = resume.Summary ?? "",
            Skills = (verified is { Skills.Count: > 0 } ? verified.Skills : resume.Skills).Select(SkillMentions.Canonical)
                .Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Experience = experience, Education = resume.Education, Languages = resume.Languages,
            WillingToRelocate = source.WillingToRelocate, EmploymentTypes = source.EmploymentTypes, WorkModes = source.WorkModes,
            HasWorkVisa = source.HasWorkVisa, ExpectedSalaryRange = source.ExpectedSalaryRange, IsAvailable = source.IsAvailable,
            IsPublic = source.IsPublic, Basis = verified is null ? Bases.Resume : Bases.Verified, Notes = source.Notes,
        };
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static bool Same(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Months a duration names: "2 years", "1 year 3 months", "18 months", "2 ans 6 mois"; null when it names none.</summary>
    public static int? DurationMonths(string? duration)
    {
        if (string.IsNullOrWhiteSpace(duration)) return null;
        var words = duration.ToLowerInvariant().Replace(",", " ").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int? total = null;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            var unitAt = i + 1;
            // "2years", "6mos"
            var digits = new string(word.TakeWhile(c => char.IsAsciiDigit(c) || c == '.').ToArray());
            if (digits.Length == 0 || !double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)) continue;
            var unit = digits.Length < word.Length ? word[digits.Length..] : unitAt < words.Length ? words[unitAt] : "";
            if (unit.StartsWith("y", StringComparison.Ordinal) || unit.StartsWith("an", StringComparison.Ordinal))
                total = (total ?? 0) + (int)Math.Round(amount * 12);
            else if (unit.StartsWith("mo", StringComparison.Ordinal) || unit.StartsWith("mois", StringComparison.Ordinal))
                total = (total ?? 0) + (int)Math.Round(amount);
        }
        return total;
    }
}

/// <summary>One job of a candidate: dates from the resume ("2020-01", "2020"), an open end for a current job.</summary>
public sealed record FactExperience(string Company, string Position, string Location, DateOnly? Start, DateOnly? End, bool IsCurrent,
    string Description, int? Months)
{
    public static FactExperience From(ResumeExperience e, DateOnly today)
    {
        var start = Month(e.StartDate, first: true);
        // The end month counts whole: the period runs to the first day of the month after it.
        DateOnly? end = null;
        if (!e.IsCurrent && start is { } from)
            end = Month(e.EndDate, first: false) is { } last ? last.AddMonths(1) : from.AddMonths(e.DurationMonths ?? 0);
        if (end > today) end = today;
        return new FactExperience(e.Company ?? "", e.Position ?? "", e.Location ?? "", start, end, e.IsCurrent, e.Description ?? "", e.DurationMonths);
    }

    /// <summary>"2020-03" is March 2020; "2020" is January as a start and December as an end.</summary>
    private static DateOnly? Month(string? text, bool first)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Trim().Split('-');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1950 or > 2100) return null;
        var month = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12
            ? m
            : first ? 1 : 12;
        return new DateOnly(year, month, 1);
    }

    /// <summary>"Senior Developer at Acme (2019-03 to now)".</summary>
    public string Describe()
    {
        var what = Position.Length > 0 && Company.Length > 0 ? $"{Position} at {Company}" : Position.Length > 0 ? Position : Company;
        var when = Start is { } s ? $" ({s:yyyy-MM} to {(IsCurrent || End is null ? "now" : End.Value.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture))})" : "";
        return what + when;
    }
}

/// <summary>
/// What a candidate profile holds, as the assistant reads it: the parsed resume, the verified data, the preferences and
/// the visibility flags. The profiles feature fills it; the assistant makes <see cref="CandidateFacts"/> from it.
/// </summary>
public sealed record CandidateSource
{
    public long CandidateId { get; init; }
    public long UserId { get; init; }
    public string Slug { get; init; } = "";

    /// <summary>The account's name, for a profile whose resume and verified data name nobody.</summary>
    public string? AccountName { get; init; }

    public ResumeData? Resume { get; init; }
    public VerifiedFacts? Verified { get; init; }
    public bool WillingToRelocate { get; init; }
    public IReadOnlyList<string> EmploymentTypes { get; init; } = [];
    public IReadOnlyList<string> WorkModes { get; init; } = [];
    public bool HasWorkVisa { get; init; }
    public string ExpectedSalaryRange { get; init; } = "";
    public bool IsAvailable { get; init; }
    public bool IsPublic { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
}

/// <summary>Document 004's verified_data: what the candidate confirmed of their resume.</summary>
public sealed record VerifiedFacts
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

/// <summary>A confirmed job: "company", "position", "duration" ("2 years").</summary>
public sealed record VerifiedJob(string? Company, string? Position, string? Duration, string? Description = null);
