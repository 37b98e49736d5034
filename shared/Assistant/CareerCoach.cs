using System.Globalization;
using System.Text.RegularExpressions;
using CareerNexus.Matching;

namespace CareerNexus.Assistant;

/// <summary>A job open on the platform as the career coach reads it (any surface's posting with its skills).</summary>
public sealed record PostedJob(long JobId, string Title, string Organization, IReadOnlyList<string> Skills, string ExperienceLevel, string Location,
    string JobTypeCode, decimal? SalaryMin, decimal? SalaryMax, string Description)
{
    public MatchJob ForMatching() => new(JobId, Title, Description, [], Skills, Location, SalaryMin, SalaryMax, ExperienceLevel, JobTypeCode, "");
}

/// <summary>
/// Document 004's career coach, from the resume's facts and the jobs open on the platform: the jobs in the candidate's
/// direction (a role the question names, "become a data engineer", else the jobs the matching engine scores highest for
/// them), the skills those jobs ask that the resume lacks (with how many ask each), the next roles (the step up from the
/// current title by years, and the open jobs they fit best), concrete steps, salaries the jobs state, and what the profile
/// lacks. Answers speak to the candidate ("you"), in English.
/// </summary>
public static partial class CareerCoach
{
    /// <summary>Jobs in a direction that the gaps are counted over.</summary>
    public const int MaxDirectionJobs = 30;

    private const double CloseScore = 40;

    public static AssistantReply Answer(CandidateFacts facts, string question, ThreadContext context, IReadOnlyList<PostedJob> jobs, DateOnly today)
    {
        var folded = Phrasing.Fold(question);
        var target = TargetRole(question) ?? (FollowUp().IsMatch(folded) ? context.Role : null);
        var topic = TopicOf(folded) ?? (FollowUp().IsMatch(folded) && context.Topic is { } last ? last : Topics.Plan);
        var direction = Direction(facts, target, jobs, today);
        var output = topic switch
        {
            Topics.Gaps => Gaps(facts, direction),
            Topics.Jobs => Jobs(direction),
            Topics.Salary => Salary(direction),
            Topics.Resume => string.Join(" ", ProfileSteps(facts).DefaultIfEmpty("Your profile has every section the coach looks for: summary, skills, dated jobs with descriptions, education.")),
            _ => Plan(facts, direction, today),
        };
        return new AssistantReply(output, new ThreadContext { Topic = topic, Role = target, Skills = direction.Gaps.Select(g => g.Skill).Take(3).ToList() });
    }

    private static string? TopicOf(string folded)
    {
        if (SalaryWords().IsMatch(folded)) return Topics.Salary;
        if (GapWords().IsMatch(folded)) return Topics.Gaps;
        if (ResumeWords().IsMatch(folded)) return Topics.Resume;
        if (JobWords().IsMatch(folded)) return Topics.Jobs;
        if (PathWords().IsMatch(folded)) return Topics.Plan;
        return null;
    }

    /// <summary>A skill the direction's jobs ask: how many of them, and whether the candidate has it.</summary>
    public sealed record SkillDemand(string Skill, int Jobs);

    /// <summary>The jobs of a direction (best fit first, with the candidate's score), the skills they ask that the resume lacks, and those it has.</summary>
    public sealed record DirectionJobs(string? Target, IReadOnlyList<(PostedJob Job, double Score, IReadOnlyList<string> Missing)> Jobs,
        IReadOnlyList<SkillDemand> Gaps, IReadOnlyList<SkillDemand> Strengths, int OpenJobs);

    /// <summary>
    /// The jobs in the candidate's direction: those whose titles share a significant word with the target role, or without
    /// one, those the matching engine scores at least 40 for the candidate (the best <see cref="DirectionJobs"/>).
    /// </summary>
    public static DirectionJobs Direction(CandidateFacts facts, string? target, IReadOnlyList<PostedJob> jobs, DateOnly today)
    {
        var candidate = facts.ForMatching();
        var scored = jobs.Select(job =>
        {
            var scorer = MatchEngine.Prepare(job.ForMatching(), today);
            var score = scorer.Score(candidate);
            return (Job: job, score.Score, Missing: (IReadOnlyList<string>)scorer.Explain(score).MissingSkills);
        }).ToList();
        var words = target is null ? [] : TitleWords(target);
        var inDirection = words.Count > 0
            ? scored.Where(s => TitleWords(s.Job.Title).Intersect(words).Any() || words.Any(w => s.Job.Skills.Any(k => Phrasing.Fold(k) == w)))
                .OrderByDescending(s => TitleWords(s.Job.Title).Intersect(words).Count()).ThenByDescending(s => s.Score).ThenBy(s => s.Job.JobId)
            : scored.Where(s => s.Score >= CloseScore).OrderByDescending(s => s.Score).ThenBy(s => s.Job.JobId);
        var chosen = inDirection.Take(MaxDirectionJobs).ToList();
        var asked = chosen.SelectMany(s => s.Job.Skills.Distinct(StringComparer.OrdinalIgnoreCase)).GroupBy(k => SkillMentions.Canonical(k), StringComparer.OrdinalIgnoreCase)
            .Select(g => new SkillDemand(g.Key, g.Count())).OrderByDescending(d => d.Jobs).ThenBy(d => d.Skill, StringComparer.Ordinal).ToList();
        return new DirectionJobs(target, chosen.OrderByDescending(s => s.Score).ThenBy(s => s.Job.JobId).ToList(),
            asked.Where(d => !facts.Has(d.Skill)).ToList(), asked.Where(d => facts.Has(d.Skill)).ToList(), jobs.Count);
    }

    private static string Plan(CandidateFacts facts, DirectionJobs direction, DateOnly today)
    {
        var steps = new List<string>();
        foreach (var gap in direction.Gaps.Take(2))
            steps.Add($"learn {gap.Skill} (asked by {gap.Jobs} of the {Counted(direction, direction.Jobs.Count)} on the platform) and show it in a project");
        if (direction.Jobs.FirstOrDefault() is { Score: >= 60 } best)
            steps.Add($"apply to {best.Job.Title}{At(best.Job)}: you fit it at {Score(best.Score)}/100{(best.Missing.Count > 0 ? $", missing {Phrasing.And(best.Missing.Take(3).ToList())}" : "")}");
        steps.AddRange(ProfileSteps(facts).Take(2).Select(s => char.ToLowerInvariant(s[0]) + s[1..].TrimEnd('.')));
        var text = Path(facts, direction, today);
        if (direction.Jobs.Count > 0) text += " " + Gaps(facts, direction);
        if (steps.Count > 0) text += " Next steps: " + string.Join("; ", steps.Select((s, i) => $"{i + 1}. {s}")) + ".";
        return text;
    }

    private static string Path(CandidateFacts facts, DirectionJobs direction, DateOnly today)
    {
        var years = facts.YearsOfExperience(today);
        var strengths = direction.Strengths.Count > 0 ? direction.Strengths.Take(3).Select(s => s.Skill).ToList() : ResumeChat.KeySkillsOf(facts).Take(3).ToList();
        var text = strengths.Count > 0
            ? $"Based on your experience with {Phrasing.And(strengths)} ({Phrasing.Years(years)} in all)"
            : $"Based on your {Phrasing.Years(years)} of experience";
        if (facts.CurrentRole is { Position.Length: > 0 } role)
        {
            text += $", as {(role.IsCurrent ? "now" : "last")} {role.Describe()}, the next step is {NextStep(role.Position, years)}.";
        }
        else text += ", start with the role your skills fit best among the jobs below.";
        if (direction.OpenJobs == 0) return text + " No jobs are open on the platform yet to compare your skills with.";
        if (direction.Jobs.Count == 0)
            return text + $" None of the {direction.OpenJobs} open jobs on the platform is among {Kind(direction)} yet.";
        var best = direction.Jobs.Take(3).Select(j => $"{j.Job.Title}{At(j.Job)} ({Score(j.Score)}/100)").ToList();
        return text + $" The open {Kind(direction)} you fit best: {Phrasing.And(best)}.";
    }

    private static string Gaps(CandidateFacts facts, DirectionJobs direction)
    {
        if (direction.Jobs.Count == 0) return "There are no open jobs in that direction on the platform to measure your skills against.";
        var n = direction.Jobs.Count;
        var text = direction.Gaps.Count == 0
            ? $"Your resume covers every skill the {Counted(direction, n)} on the platform ask."
            : $"Skills the {Counted(direction, n)} on the platform ask that your resume lacks: {Phrasing.And(direction.Gaps.Take(6).Select(g => $"{g.Skill} ({g.Jobs} of {n})").ToList())}.";
        if (direction.Strengths.Count > 0)
            text += $" You already have {Phrasing.And(direction.Strengths.Take(4).Select(s => $"{s.Skill} ({s.Jobs} of {n})").ToList())}.";
        return text;
    }

    private static string Jobs(DirectionJobs direction)
    {
        if (direction.Jobs.Count == 0) return $"None of the {direction.OpenJobs} open jobs on the platform is among {Kind(direction)} yet.";
        return $"The open {Kind(direction)} you fit best: " + string.Join("; ", direction.Jobs.Take(5).Select(j =>
            $"{j.Job.Title}{At(j.Job)}, {Score(j.Score)}/100{(j.Missing.Count > 0 ? $" (missing {Phrasing.And(j.Missing.Take(3).ToList())})" : " (you have every skill it asks)")}")) + ".";
    }

    private static string Salary(DirectionJobs direction)
    {
        var stated = direction.Jobs.Where(j => j.Job.SalaryMin is not null || j.Job.SalaryMax is not null)
            .Select(j => (Low: j.Job.SalaryMin ?? j.Job.SalaryMax!.Value, High: j.Job.SalaryMax ?? j.Job.SalaryMin!.Value)).ToList();
        if (stated.Count == 0) return $"None of the {Counted(direction, direction.Jobs.Count)} on the platform states a salary.";
        static decimal Median(IEnumerable<decimal> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
        return string.Create(CultureInfo.InvariantCulture,
            $"The {Counted(direction, stated.Count)} on the platform that state a salary offer {Median(stated.Select(s => s.Low)):#,0} to {Median(stated.Select(s => s.High)):#,0} (medians), from {stated.Min(s => s.Low):#,0} to {stated.Max(s => s.High):#,0}.");
    }

    /// <summary>What the profile lacks that employers look for, as steps.</summary>
    public static IEnumerable<string> ProfileSteps(CandidateFacts facts)
    {
        if (facts.Summary.Length == 0) yield return "Add a summary that names the role you want.";
        if (facts.Experience.FirstOrDefault(e => e.Description.Length == 0) is { } bare)
            yield return $"Describe what you achieved as {bare.Describe()}, with figures.";
        if (facts.Experience.Any(e => e.Start is null)) yield return "Give dates to every job, so your years of experience count.";
        if (facts.Skills.Count < 5) yield return "List more of your skills by their usual names.";
        if (facts.Education.Count == 0) yield return "Add your education.";
        if (facts.Basis != TalentProfiles.TalentMatchInput.VerifiedBasis) yield return "Verify your profile, so employers see the data you confirmed.";
        if (!facts.IsAvailable) yield return "Mark your profile available when you are looking, so employers' searches find you.";
    }

    /// <summary>The step up from a title by years: "Senior Backend Developer" after 5 years, a lead role after 8.</summary>
    private static string NextStep(string position, double years)
    {
        var core = Core(position);
        var folded = Phrasing.Fold(position);
        if (Regex.IsMatch(folded, @"\b(?:lead|principal|head|staff|director|manager|chef)\b"))
            return $"a broader role: Head of {core}, Principal {core} or an engineering manager's role";
        if (Regex.IsMatch(folded, @"\b(?:senior|sr)\b") || years >= 8) return $"Lead {core} (or Staff {core})";
        if (years >= 4) return $"Senior {core}";
        if (Regex.IsMatch(folded, @"\b(?:intern|trainee|stagiaire|apprentice)\b")) return $"a junior {core} role";
        return $"{core} with more scope, then Senior {core} after about {Math.Max(1, 5 - (int)years)} more years";
    }

    /// <summary>A title without its level: "Senior Backend Developer" is "Backend Developer".</summary>
    private static string Core(string title)
    {
        var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !LevelWords.Contains(Phrasing.Fold(w).Trim('(', ')', ',', '.'))).ToList();
        return words.Count > 0 ? string.Join(' ', words) : title;
    }

    private static readonly HashSet<string> LevelWords = new(StringComparer.Ordinal)
    {
        "senior", "sr", "sr.", "junior", "jr", "jr.", "lead", "principal", "staff", "intern", "trainee", "stagiaire", "confirme", "mid", "i", "ii", "iii",
    };

    private static readonly HashSet<string> NotTitleWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "of", "and", "for", "in", "at", "to", "de", "du", "des", "la", "le", "les", "et", "en", "h", "f", "m", "remote", "role", "job",
        "position", "poste", "career", "carriere",
    };

    private static HashSet<string> TitleWords(string title) =>
        WordPattern().Matches(Phrasing.Fold(title)).Select(m => m.Value).Where(w => !LevelWords.Contains(w) && !NotTitleWords.Contains(w)).ToHashSet();

    /// <summary>"data engineer jobs", or "jobs close to your profile".</summary>
    private static string Kind(DirectionJobs direction) => direction.Target is { } target ? $"{target} jobs" : "jobs close to your profile";

    /// <summary>"3 data engineer jobs", "4 jobs close to your profile".</summary>
    private static string Counted(DirectionJobs direction, int count) =>
        direction.Target is { } target ? $"{count} {target} {(count == 1 ? "job" : "jobs")}" : $"{count} {(count == 1 ? "job" : "jobs")} close to your profile";

    private static string At(PostedJob job) => job.Organization.Length > 0 ? $" at {job.Organization}" : "";

    private static string Score(double score) => score.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>The role a question aims at: "become a data engineer", "move into DevOps", "devenir data scientist".</summary>
    public static string? TargetRole(string question) =>
        Target().Match(question) is { Success: true } m ? m.Groups["role"].Value.Trim().TrimEnd('?', '.', '!').Trim() : null;

    [GeneratedRegex(@"\b(?:(?:for|as|pour|comme)\s+(?=(?:an?|un|une)\s+[^,.;?!]{2,60}?\s+(?:role|job|position|poste)\b)|become|becoming|move into|moving into|move to|transition(?:ing)? (?:in)?to|switch(?:ing)? to|get into|work as|aim for|grow into|devenir|passer|evoluer vers|évoluer vers|me reconvertir en|travailler comme)\s+(?:an?\s+|the\s+|un\s+|une\s+|le\s+|la\s+)?(?<role>[^,.;?!]{2,60})", RegexOptions.IgnoreCase)]
    private static partial Regex Target();

    [GeneratedRegex(@"^\s*(?:and|what about|how about|also|et|aussi|quid de|et pour|et si)\b")]
    private static partial Regex FollowUp();

    [GeneratedRegex(@"\b(?:salary|salaries|pay|paid|earn|compensation|salaire|remuneration|gagner)\b")]
    private static partial Regex SalaryWords();

    [GeneratedRegex(@"\b(?:skills?|learn|learning|gaps?|missing|lack|improve my skills|certifications?|study|competences?|apprendre|manque\w*|lacunes?|formation)\b")]
    private static partial Regex GapWords();

    [GeneratedRegex(@"\b(?:resume|cv|profile|profil)\b")]
    private static partial Regex ResumeWords();

    [GeneratedRegex(@"\b(?:jobs?|openings?|offers?|vacanc\w*|apply|postuler|offres?|annonces?|emplois?)\b")]
    private static partial Regex JobWords();

    [GeneratedRegex(@"\b(?:next|path|career|promotion|grow|progress|role|roles|become|move|carriere|evoluer|prochain\w*|devenir|parcours)\b")]
    private static partial Regex PathWords();

    [GeneratedRegex(@"[a-z0-9#+]+")]
    private static partial Regex WordPattern();
}
