using System.Globalization;
using System.Text.RegularExpressions;
using CareerNexus.Matching;

namespace CareerNexus.Assistant;

/// <summary>
/// Answers questions about one resume from its facts alone (document 004's resume chat): skills, years of experience
/// (overall or with a skill: the jobs that name it), roles and employers, education, contact details (when the caller may
/// see them), spoken languages, location, preferences, notes, and whether the candidate fits a role the question names
/// (scored with the matching engine). Questions may be in English or French; answers are in English. A follow-up reads
/// the thread's last topic and skills: "and how many years of that?" is about the skill talked about before.
/// </summary>
public static partial class ResumeChat
{
    private const int KeySkills = 8;

    public static AssistantReply Answer(CandidateFacts facts, string question, ThreadContext context, DateOnly today)
    {
        var folded = Phrasing.Fold(question);
        var named = SkillMentions.In(question);
        var refersBack = named.Count == 0 && RefersBack().IsMatch(folded);
        var skills = named.Count > 0 ? named : refersBack ? context.Skills : [];
        var topic = TopicOf(folded, named.Count > 0) ?? context.Topic switch
        {
            // "What about Django?": the last question again, about the skill named now.
            Topics.Years or Topics.HasSkill or Topics.Fit when named.Count > 0 => context.Topic,
            _ when named.Count > 0 => Topics.HasSkill,
            { } last when refersBack || FollowUp().IsMatch(folded) => last,
            _ => Topics.Summary,
        };
        var who = new Voice(facts);
        var role = topic == Topics.Fit ? RoleIn(question) ?? (named.Count == 0 ? context.Role : null) : context.Role;
        if (topic == Topics.Fit && skills.Count == 0 && role is null) skills = context.Skills;
        var output = topic switch
        {
            Topics.Contact => Contact(facts, who),
            Topics.Education => Education(facts, who),
            Topics.Languages => Languages(facts, who),
            Topics.Fit => Fit(facts, who, role, skills, folded, today),
            Topics.Years => Years(facts, who, skills, today),
            Topics.HasSkill => HasSkills(facts, who, skills, today),
            Topics.Skills => SkillsOf(facts, who, folded),
            Topics.Roles => Roles(facts, who, today),
            Topics.Location => Location(facts, who),
            Topics.Preferences => Preferences(facts, who),
            Topics.Notes => Notes(facts, who),
            _ => Summary(facts, who, today),
        };
        return new AssistantReply(output, new ThreadContext
        {
            Topic = topic, Skills = skills.Count > 0 ? skills : topic == Topics.Skills ? KeySkillsOf(facts).Take(3).ToList() : context.Skills,
            Role = role,
        });
    }

    /// <summary>The topic a question names, or null when it names none (a follow-up).</summary>
    private static string? TopicOf(string folded, bool namesSkill)
    {
        if (ContactWords().IsMatch(folded)) return Topics.Contact;
        if (NotesWords().IsMatch(folded)) return Topics.Notes;
        if (EducationWords().IsMatch(folded)) return Topics.Education;
        if (SpokenWords().IsMatch(folded) && !ProgrammingWords().IsMatch(folded)) return Topics.Languages;
        if (FitWords().IsMatch(folded)) return Topics.Fit;
        if (YearsWords().IsMatch(folded)) return Topics.Years;
        if (namesSkill && KnowsWords().IsMatch(folded)) return Topics.HasSkill;
        if (SkillWords().IsMatch(folded)) return Topics.Skills;
        if (PreferenceWords().IsMatch(folded)) return Topics.Preferences;
        if (RoleWords().IsMatch(folded)) return Topics.Roles;
        if (PlaceWords().IsMatch(folded)) return Topics.Location;
        if (SummaryWords().IsMatch(folded)) return Topics.Summary;
        return null;
    }

    /// <summary>The skills that matter most on the resume: those its jobs name most, then in the order listed.</summary>
    public static IReadOnlyList<string> KeySkillsOf(CandidateFacts facts) =>
        facts.Skills.Select((skill, index) => (skill, index, used: facts.Experience.Count(e => SkillMentions.Names(e.Position + "\n" + e.Description, skill))))
            .OrderByDescending(s => s.used).ThenBy(s => s.index).Select(s => s.skill).ToList();

    private static string SkillsOf(CandidateFacts facts, Voice who, string folded)
    {
        if (facts.Skills.Count == 0) return $"{who.Possessive} resume lists no skills.";
        if (ProgrammingWords().IsMatch(folded))
        {
            var languages = facts.Skills.Where(SkillMentions.ProgrammingLanguages.Contains).ToList();
            return languages.Count == 0
                ? $"{who.Possessive} resume lists no programming language; {who.Their} skills are {Phrasing.And(facts.Skills.Take(KeySkills).ToList())}."
                : $"{who.Name} lists these programming languages: {Phrasing.And(languages)}.";
        }
        var key = KeySkillsOf(facts).Take(KeySkills).ToList();
        var rest = facts.Skills.Count - key.Count;
        var used = facts.Skills.Where(s => facts.Experience.Any(e => SkillMentions.Names(e.Position + "\n" + e.Description, s))).Take(3).ToList();
        return $"{who.Possessive} key skills are {Phrasing.And(key)}{(rest > 0 ? $", among {facts.Skills.Count} listed" : "")}."
               + (used.Count > 0 ? $" {Phrasing.And(used)} {(used.Count == 1 ? "appears" : "appear")} in {who.Their} work experience." : "")
               + who.BasisNote;
    }

    private static string HasSkills(CandidateFacts facts, Voice who, IReadOnlyList<string> skills, DateOnly today)
    {
        if (skills.Count == 0) return SkillsOf(facts, who, "");
        var lines = skills.Select(skill =>
        {
            if (!facts.Has(skill))
                return facts.Experience.FirstOrDefault(e => SkillMentions.Names(e.Description, skill)) is { } job
                    ? $"{skill} is not among the listed skills, but {who.Their} job as {job.Describe()} mentions it."
                    : $"No: {skill} is not on {who.Their} resume.";
            return facts.YearsWith(skill, today) is { } years
                ? $"Yes: {skill} is among {who.Their} skills, used for about {Phrasing.Years(years)} ({JobsNaming(facts, skill)})."
                : $"Yes: {skill} is among {who.Their} listed skills (no job on the resume names it).";
        });
        return string.Join(" ", lines);
    }

    private static string Years(CandidateFacts facts, Voice who, IReadOnlyList<string> skills, DateOnly today)
    {
        var overall = facts.YearsOfExperience(today);
        var dated = facts.Experience.Where(e => e.Start is not null).ToList();
        if (skills.Count == 0)
        {
            if (dated.Count == 0) return $"{who.Possessive} resume gives no dates for {who.Their} jobs, so the years of experience are not stated.";
            var since = dated.Min(e => e.Start!.Value);
            return string.Create(CultureInfo.InvariantCulture,
                $"{who.Name} has about {Phrasing.Years(overall)} of work experience across {dated.Count} {(dated.Count == 1 ? "job" : "jobs")}, since {since:yyyy-MM}.");
        }
        return string.Join(" ", skills.Select(skill => facts.YearsWith(skill, today) is { } years
            ? $"About {Phrasing.Years(years)} with {skill}: {JobsNaming(facts, skill)}."
            : facts.Has(skill)
                ? $"{skill} is among {who.Their} skills, but no job on the resume names it, so the years with it are not stated ({Phrasing.Years(overall)} of experience overall)."
                : $"{skill} is not on {who.Their} resume: no years with it."));
    }

    /// <summary>"Senior Developer at Acme (2019-03 to now) and Developer at Beta (2016-03 to 2019-02)".</summary>
    private static string JobsNaming(CandidateFacts facts, string skill) =>
        Phrasing.And(facts.Experience.Where(e => SkillMentions.Names(e.Position + "\n" + e.Description, skill)).Select(e => e.Describe()).ToList());

    private static string Roles(CandidateFacts facts, Voice who, DateOnly today)
    {
        if (facts.Experience.Count == 0) return $"{who.Possessive} resume lists no work experience.";
        var ordered = facts.Experience.OrderByDescending(e => e.IsCurrent).ThenByDescending(e => e.Start ?? DateOnly.MinValue).ToList();
        var first = ordered[0];
        var text = $"{who.Name} {(first.IsCurrent ? "is now" : "was last")} {first.Describe()}.";
        if (ordered.Count > 1) text += $" Before that: {Phrasing.And(ordered.Skip(1).Take(5).Select(e => e.Describe()).ToList())}.";
        var employers = ordered.Select(e => e.Company).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (employers.Count > 1) text += $" Employers: {Phrasing.And(employers)}.";
        if (facts.YearsOfExperience(today) is > 0 and var years) text += $" About {Phrasing.Years(years)} of experience in all.";
        return text;
    }

    private static string Education(CandidateFacts facts, Voice who)
    {
        if (facts.Education.Count == 0) return $"{who.Possessive} resume lists no education.";
        var entries = facts.Education.Select(e =>
        {
            var what = string.Join(" in ", new[] { e.Degree, e.Field }.Where(p => !string.IsNullOrWhiteSpace(p)));
            var when = e.StartDate is not null && e.EndDate is not null ? $" ({e.StartDate} to {e.EndDate})" : e.EndDate is not null ? $" ({e.EndDate})" : "";
            return (what.Length > 0 ? $"{what} at " : "") + (e.School ?? "a school not named") + when;
        }).ToList();
        return $"{who.Name} studied: {string.Join("; ", entries)}.";
    }

    private static string Contact(CandidateFacts facts, Voice who)
    {
        if (facts.ContactHidden)
            return $"Contact details are shown only to {who.Name} and to signed-in employers: sign in as an employer to see them.";
        var parts = new List<string>();
        if (facts.Email is { } email) parts.Add($"email {email}");
        if (facts.Phone is { } phone) parts.Add($"phone {phone}");
        if (facts.Linkedin is { } linkedin) parts.Add($"LinkedIn {linkedin}");
        if (facts.Github is { } github) parts.Add($"GitHub {github}");
        if (facts.Website is { } site) parts.Add($"website {site}");
        return parts.Count > 0 ? $"{who.Possessive} contact details: {Phrasing.And(parts)}." : $"{who.Possessive} resume gives no contact details.";
    }

    private static string Languages(CandidateFacts facts, Voice who) => facts.Languages.Count == 0
        ? $"{who.Possessive} resume names no spoken languages."
        : $"{who.Name} speaks {Phrasing.And(facts.Languages.Select(l => l.Level is { Length: > 0 } level ? $"{l.Name} ({level})" : l.Name).ToList())}.";

    private static string Location(CandidateFacts facts, Voice who) =>
        (facts.Location.Length > 0 ? $"{who.Name} is based in {facts.Location}." : $"{who.Possessive} resume does not say where {who.Name} is based.")
        + (facts.WillingToRelocate ? " Willing to relocate." : " Not looking to relocate.");

    private static string Preferences(CandidateFacts facts, Voice who)
    {
        var parts = new List<string>
        {
            facts.IsAvailable ? "available for new roles" : "not available at the moment",
            facts.WorkModes.Count > 0 ? $"work modes: {Phrasing.And(facts.WorkModes)}" : "work mode not stated",
            facts.EmploymentTypes.Count > 0 ? $"contracts: {Phrasing.And(facts.EmploymentTypes)}" : "contract type not stated",
            facts.WillingToRelocate ? "willing to relocate" : "not willing to relocate",
            facts.HasWorkVisa ? "holds a work visa" : "no work visa stated",
        };
        if (facts.ExpectedSalaryRange.Length > 0) parts.Add($"expected salary {facts.ExpectedSalaryRange}");
        return $"{who.Name}: {string.Join("; ", parts)}.";
    }

    private static string Notes(CandidateFacts facts, Voice who) => facts.Notes.Count == 0
        ? $"There are no notes on {who.Their} profile that you may read."
        : $"Notes on {who.Their} profile: {string.Join(" | ", facts.Notes.Take(10))}.";

    private static string Fit(CandidateFacts facts, Voice who, string? role, IReadOnlyList<string> skills, string folded, DateOnly today)
    {
        if (role is null && skills.Count == 0)
            return $"Name the role or the skills to weigh {who.Name} against, for example \"Is {who.Name} a fit for a senior Django role?\"";
        var level = LevelIn(folded) ?? (role is null ? "" : CareerNexus.Jobs.TalentJobService.ExperienceLevel(role));
        var title = role ?? string.Join(' ', skills);
        var scorer = MatchEngine.Prepare(new MatchJob(0, title, title, [], skills, "", null, null, level, "", ""), today);
        var score = scorer.Score(facts.ForMatching());
        var has = skills.Where(facts.Has).ToList();
        var lacks = skills.Where(s => !facts.Has(s)).ToList();
        var years = facts.YearsOfExperience(today);
        var expected = level.Length > 0 ? MatchEngine.ExpectedYears(level) : 0;
        var yearsOk = years >= expected;
        var verdict = lacks.Count == 0 && yearsOk ? "Yes, a strong fit"
            : has.Count * 2 >= skills.Count && years >= expected * 0.7 ? "A partial fit"
            : "Not a clear fit";
        var text = $"{verdict} for {Article(title)} {title}{(title.EndsWith(" role", StringComparison.OrdinalIgnoreCase) || role is not null ? "" : " role")} (score {score.Score.ToString("0.#", CultureInfo.InvariantCulture)}/100 by the platform's matching).";
        if (has.Count > 0) text += $" {who.Name} has {Phrasing.And(has.Select(s => facts.YearsWith(s, today) is { } y ? $"{s} ({Phrasing.Years(y)})" : s).ToList())}.";
        if (lacks.Count > 0) text += $" {who.Possessive} resume does not show {Phrasing.And(lacks)}.";
        text += expected > 0
            ? $" {Phrasing.Years(years)} of experience against the {expected:0} a {level} role asks."
            : $" {Phrasing.Years(years)} of experience.";
        if (facts.CurrentRole is { Position.Length: > 0 } current) text += $" {(current.IsCurrent ? "Now" : "Last")} {current.Describe()}.";
        return text;
    }

    private static string Article(string word) => word.Length > 0 && "aeiouAEIOU".Contains(word[0]) ? "an" : "a";

    private static string Summary(CandidateFacts facts, Voice who, DateOnly today)
    {
        var parts = new List<string>();
        var current = facts.CurrentRole;
        var head = who.Name + (current is { Position.Length: > 0 } ? $", {(current.IsCurrent ? "now" : "last")} {current.Describe()}" : "")
                   + (facts.Location.Length > 0 ? $", based in {facts.Location}" : "");
        parts.Add(head);
        var years = facts.YearsOfExperience(today);
        if (years > 0) parts.Add($"{Phrasing.Years(years)} of experience");
        if (facts.Skills.Count > 0) parts.Add($"key skills {Phrasing.And(KeySkillsOf(facts).Take(5).ToList())}");
        if (facts.Education.FirstOrDefault() is { } school)
        {
            var what = string.Join(" in ", new[] { school.Degree, school.Field }.Where(p => !string.IsNullOrWhiteSpace(p)));
            parts.Add("studied" + (what.Length > 0 ? " " + what : "") + (school.School is { Length: > 0 } s ? $" at {s}" : ""));
        }
        if (facts.Languages.Count > 0) parts.Add($"speaks {Phrasing.And(facts.Languages.Select(l => l.Name).ToList())}");
        var text = string.Join("; ", parts) + ".";
        if (facts.Summary.Length > 0) text += $" In {who.Their} words: \"{FirstSentence(facts.Summary)}\"";
        return text + " Ask about skills, years with a skill, roles, education, languages, location, preferences or fit for a role.";
    }

    private static string FirstSentence(string text)
    {
        var end = text.IndexOfAny(['.', '!', '?']);
        var sentence = (end > 0 ? text[..(end + 1)] : text).Trim();
        return sentence.Length > 240 ? sentence[..240].TrimEnd() + "..." : sentence;
    }

    /// <summary>The role a fit question names: "a senior Django role", "for a data engineer position", "as a backend developer".</summary>
    private static string? RoleIn(string question) =>
        RolePhrase().Match(question) is { Success: true } m ? m.Groups["role"].Value.Trim().TrimEnd('?', '.', '!').Trim() : null;

    private static string? LevelIn(string folded) => LevelWord().Match(folded) is { Success: true } m
        ? m.Value switch
        {
            "junior" or "entry" or "debutant" => "junior",
            "lead" or "principal" or "staff" => "lead",
            "intern" or "stagiaire" => "intern",
            "mid" or "confirme" => "mid",
            _ => "senior",
        }
        : null;

    /// <summary>How answers name the candidate: their first name, or "the candidate".</summary>
    private sealed class Voice(CandidateFacts facts)
    {
        public string Name { get; } = facts.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "The candidate";
        public string Possessive => Name == "The candidate" ? "The candidate's" : Name + (Name.EndsWith('s') ? "'" : "'s");

        /// <summary>The possessive inside a sentence.</summary>
        public string Their => Name == "The candidate" ? "the candidate's" : Possessive;
        public string BasisNote { get; } = facts.Basis == TalentProfiles.TalentMatchInput.VerifiedBasis ? " (from the candidate's verified profile)" : "";
    }

    [GeneratedRegex(@"\b(?:that|it|those|these|them|same|ca|cela|celui-ci|celle-ci|ceux-ci|la meme)\b|\bthis\b(?!\s+(?:candidate|person|profile|resume|cv|role|job|position))")]
    private static partial Regex RefersBack();

    [GeneratedRegex(@"^\s*(?:and|what about|how about|also|et|aussi|quid de|et pour|et en)\b")]
    private static partial Regex FollowUp();

    [GeneratedRegex(@"\b(?:contact|e-?mail|mail|phone|telephone|call|reach|linkedin|github|website|coordonnees|joindre|numero)\b")]
    private static partial Regex ContactWords();

    [GeneratedRegex(@"\bnotes?\b")]
    private static partial Regex NotesWords();

    [GeneratedRegex(@"\b(?:study|studied|studies|education|educated|degrees?|university|universities|college|school|diplomas?|graduated?|master|bachelor|phd|etudes?|etudie|diplomes?|formation|universite|ecole)\b")]
    private static partial Regex EducationWords();

    [GeneratedRegex(@"\b(?:speak|speaks|spoken|languages?|langues?|parle|parlees?)\b")]
    private static partial Regex SpokenWords();

    [GeneratedRegex(@"\b(?:fit|fits|suitable|suited|qualified|good match|right (?:person|candidate)|match for|convient|adapte\w*|correspond\w*|fait l affaire|apte)\b")]
    private static partial Regex FitWords();

    [GeneratedRegex(@"\b(?:how many years|how long|years? of|years? with|years? in|how much experience|combien d annees|combien d ans|combien de temps|annees d experience|ans d experience)\b")]
    private static partial Regex YearsWords();

    [GeneratedRegex(@"\b(?:know|knows|use|uses|used|familiar|worked with|work with|experience with|experience in|does (?:he|she|they) have|has (?:he|she|they)|connait|maitrise|utilise|sait)\b")]
    private static partial Regex KnowsWords();

    [GeneratedRegex(@"\b(?:skills?|skillset|competences?|technolog\w*|tech stack|stack|tools?|programming|strengths?|good at|expertise|outils|points forts)\b")]
    private static partial Regex SkillWords();

    [GeneratedRegex(@"\b(?:programming|coding|code|programmation)\b")]
    private static partial Regex ProgrammingWords();

    [GeneratedRegex(@"\b(?:work|worked|works|working|roles?|positions?|jobs?|employers?|compan(?:y|ies)|experience|career|title|postes?|entreprises?|employeurs?|travaille|travail|parcours|experiences?)\b")]
    private static partial Regex RoleWords();

    [GeneratedRegex(@"\b(?:where|based|live|lives|located|location|city|country|ou|habite|vit|ville|pays|localisation)\b")]
    private static partial Regex PlaceWords();

    [GeneratedRegex(@"\b(?:remote|hybrid|onsite|on-site|relocat\w*|visa|available|availability|salary|full-time|part-time|contract|freelance|preferences?|teletravail|salaire|disponible|demenag\w*)\b")]
    private static partial Regex PreferenceWords();

    [GeneratedRegex(@"\b(?:summar\w*|tell me about|who is|overview|profile|resume|cv|presente\w*|qui est|resume\w*|describe)\b")]
    private static partial Regex SummaryWords();

    [GeneratedRegex(@"\b(?:senior|junior|lead|principal|staff|intern|mid|entry|debutant|confirme|stagiaire)\b")]
    private static partial Regex LevelWord();

    [GeneratedRegex(@"(?:\bfor|\bas|\bpour|\bcomme)\s+(?:an?\s+|the\s+|un\s+|une\s+|le\s+|la\s+)?(?<role>[^,;?!.]{2,80}?)\s*(?:\?|$|,|\bat\b|\bin\b|\bwith\b)", RegexOptions.IgnoreCase)]
    private static partial Regex RolePhrase();
}
