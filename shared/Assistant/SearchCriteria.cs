using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using CareerNexus.Matching;
using CareerNexus.Resumes;

namespace CareerNexus.Assistant;

/// <summary>
/// What an agent search asks for, read from its words (English or French): skills (by the platform's skills list, synonyms
/// included), a minimum of years (overall, or with one skill), a place, relocation, a work mode, a contract type, a work
/// visa, availability, a level, the role named, and how many candidates to show.
/// </summary>
public sealed record SearchCriteria
{
    public IReadOnlyList<string> Skills { get; init; } = [];
    public double? MinimumYears { get; init; }

    /// <summary>The skill the years are about ("5 years of Python"); null for years of experience overall.</summary>
    public string? YearsSkill { get; init; }

    /// <summary>The city or country named; candidates based there, or (with <see cref="Relocation"/>) willing to move there.</summary>
    public string? Location { get; init; }

    public bool Relocation { get; init; }

    /// <summary>remote, hybrid or onsite.</summary>
    public string? WorkMode { get; init; }

    /// <summary>full-time, part-time, contract, internship or freelance.</summary>
    public string? ContractType { get; init; }

    public bool WorkVisa { get; init; }
    public bool AvailableNow { get; init; }

    /// <summary>intern, junior, mid, senior or lead, when the query names one.</summary>
    public string? Level { get; init; }

    /// <summary>The role named ("backend developer", "data engineer"), for the engine's keyword and domain scores.</summary>
    public string? Role { get; init; }

    /// <summary>How many candidates the query asks for ("find 5 candidates"), within the route's bound.</summary>
    public int? Count { get; init; }

    /// <summary>"en" or "fr": the query's language.</summary>
    public string Language { get; init; } = "en";

    [JsonIgnore]
    public bool IsEmpty => Skills.Count == 0 && MinimumYears is null && Location is null && !Relocation && WorkMode is null && ContractType is null
                           && !WorkVisa && Level is null && Role is null;

    /// <summary>The criteria as the engine scores candidates against them: a job made of what was asked.</summary>
    public MatchJob AsJob(string query) => new(0, Role ?? string.Join(' ', Skills), query, [], Skills,
        WorkMode == "remote" && !Relocation ? "Remote" : Location ?? "", null, null, LevelForYears(), ContractCode(), "");

    private string LevelForYears()
    {
        if (Level is { } level && MinimumYears is null) return level;
        return MinimumYears switch
        {
            null => "",
            >= 10 => "executive",
            >= 8 => "lead",
            >= 5 => "senior",
            >= 3 => "mid",
            >= 1 => "junior",
            _ => "intern",
        };
    }

    public string ContractCode() => ContractType?.Replace('-', '_') ?? "";

    /// <summary>The criteria in words, for the reasoning: "skills Python and Django; at least 5 years with Python; remote".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Role is not null) parts.Add($"role: {Role}");
        if (Skills.Count > 0) parts.Add($"skills: {Phrasing.And(Skills)} (synonyms included)");
        if (MinimumYears is { } years)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"at least {years:0.#} years {(YearsSkill is null ? "of experience" : "with " + YearsSkill)}"));
        else if (Level is not null) parts.Add($"level: {Level}");
        if (WorkMode is not null) parts.Add($"work mode: {WorkMode}");
        if (Relocation) parts.Add(Location is null ? "willing to relocate" : $"based in {Location} or willing to relocate there");
        else if (Location is not null) parts.Add($"based in or willing to relocate to {Location}");
        if (ContractType is not null) parts.Add($"contract: {ContractType}");
        if (WorkVisa) parts.Add("holds a work visa");
        parts.Add(AvailableNow ? "available now" : "available profiles only");
        return string.Join("; ", parts);
    }

    /// <summary>
    /// A follow-up in a thread: a new search ("find ...", "cherche ...") replaces the criteria; anything else refines them,
    /// each criterion it names replacing the earlier one and its skills joining the earlier skills.
    /// </summary>
    public SearchCriteria Refine(SearchCriteria next, bool newSearch) => newSearch ? next : this with
    {
        Skills = Skills.Concat(next.Skills).Distinct().ToList(),
        MinimumYears = next.MinimumYears ?? MinimumYears,
        YearsSkill = next.MinimumYears is null ? YearsSkill : next.YearsSkill,
        Location = next.Location ?? Location,
        Relocation = next.Relocation || Relocation,
        WorkMode = next.WorkMode ?? WorkMode,
        ContractType = next.ContractType ?? ContractType,
        WorkVisa = next.WorkVisa || WorkVisa,
        AvailableNow = next.AvailableNow || AvailableNow,
        Level = next.Level ?? Level,
        Role = next.Role ?? Role,
        Count = next.Count ?? Count,
        Language = next.Language,
    };
}

/// <summary>Reads <see cref="SearchCriteria"/> from a query in English or French; words it does not know are left out, never guessed.</summary>
public static partial class CriteriaParser
{
    public static SearchCriteria Parse(string query)
    {
        var folded = Phrasing.Fold(query);
        var numbered = Phrasing.WordNumbers(folded);
        var language = Phrasing.IsFrench(folded) ? "fr" : "en";
        var mentions = SkillMentions.Find(query);
        var skills = mentions.Select(m => m.Skill).Where(s => !IsPlaceWord(s)).Distinct().ToList();

        double? years = null;
        string? yearsSkill = null;
        if (Years().Match(numbered) is { Success: true } y && !Fewer().IsMatch(numbered[..y.Index]))
        {
            years = double.Parse(y.Groups["n"].Value.Replace(',', '.'), CultureInfo.InvariantCulture);
            // The skill the years are about follows within the same clause: "5+ years of Python", "5 ans d'expérience en Python".
            var clauseEnd = numbered.IndexOfAny([',', ';', '.', '\n'], y.Index + y.Length) is var cut and >= 0 ? cut : numbered.Length;
            yearsSkill = mentions.Where(m => m.Start >= y.Index + y.Length && m.Start < clauseEnd && m.Start - (y.Index + y.Length) <= 40)
                .Select(m => m.Skill).FirstOrDefault();
            // ... or just before it: "Python, 5+ years".
            yearsSkill ??= mentions.Where(m => m.End <= y.Index && y.Index - m.End <= 3).Select(m => m.Skill).LastOrDefault();
        }

        var level = Level(folded);
        if (years is null && level is "senior" or "lead") years = MatchEngine.ExpectedYears(level);

        var location = Place(query, skills);
        var relocation = Relocate().IsMatch(folded);
        return new SearchCriteria
        {
            Skills = skills, MinimumYears = years, YearsSkill = yearsSkill, Location = location, Relocation = relocation,
            WorkMode = WorkMode(folded), ContractType = Contract(folded, language), WorkVisa = Visa().IsMatch(folded) && !Sponsorship().IsMatch(folded),
            AvailableNow = Available().IsMatch(folded), Level = level, Role = Role(folded), Count = Count(numbered), Language = language,
        };
    }

    /// <summary>Whether a follow-up starts a new search rather than refining the last one.</summary>
    public static bool IsNewSearch(string query) => NewSearch().IsMatch(Phrasing.Fold(query));

    private static string? WorkMode(string folded) =>
        Remote().IsMatch(folded) ? "remote" : Hybrid().IsMatch(folded) ? "hybrid" : Onsite().IsMatch(folded) ? "onsite" : null;

    private static string? Contract(string folded, string language)
    {
        if (Internship().IsMatch(folded) || (language == "fr" && FrenchInternship().IsMatch(folded))) return "internship";
        if (PartTime().IsMatch(folded)) return "part-time";
        if (FullTime().IsMatch(folded)) return "full-time";
        if (Freelance().IsMatch(folded)) return "freelance";
        if (FixedTerm().IsMatch(folded)) return "contract";
        return null;
    }

    private static string? Level(string folded) => LevelWord().Match(folded) is { Success: true } m
        ? m.Value switch
        {
            "intern" or "stagiaire" or "trainee" => "intern",
            "junior" or "debutant" or "debutante" or "entry level" or "entry-level" or "graduate" => "junior",
            "lead" or "principal" or "staff" or "tech lead" => "lead",
            "mid" or "mid-level" or "intermediate" or "confirme" or "confirmee" => "mid",
            _ => "senior",
        }
        : null;

    private static string? Role(string folded) => RoleWords().Match(folded) is { Success: true } m ? m.Value.Trim() : null;

    private static int? Count(string numbered) =>
        Wanted().Match(numbered) is { Success: true } m && int.TryParse(m.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : null;

    /// <summary>
    /// The place named: a city the platform knows (shared/Matching/Data/places.tsv), else the capitalised words after
    /// "in", "to", "near", "based in", "à", "en" that name no skill ("in France", "to Lagos").
    /// </summary>
    private static string? Place(string query, IReadOnlyList<string> skills)
    {
        var words = WordPattern().Matches(query).Select(m => m.Value).ToList();
        for (var i = 0; i < words.Count; i++)
            for (var n = Math.Min(3, words.Count - i); n >= 1; n--)
            {
                var phrase = string.Join(' ', words.Skip(i).Take(n));
                if (!char.IsUpper(phrase[0]) || phrase.Length > MatchText.MaxKey) continue;
                if (MatchData.Shared.PlaceOf(phrase.ToLowerInvariant()) is { } place) return place.City;
            }
        foreach (Match m in PlaceAfterPreposition().Matches(query))
        {
            var place = m.Groups["place"].Value.Trim();
            if (place.Length < 2 || skills.Any(s => SkillMentions.Same(s, place)) || NotPlaces.Contains(place)) continue;
            return place;
        }
        return null;
    }

    private static readonly HashSet<string> NotPlaces = new(StringComparer.OrdinalIgnoreCase)
    {
        "I", "The", "A", "An", "Remote", "Hybrid", "English", "French", "Anglais", "Français", "Le", "La", "Les", "Un", "Une", "Their", "Production",
    };

    /// <summary>A language skill named as the place's adjective ("French" in "French-speaking") stays a skill; a city never is one.</summary>
    private static bool IsPlaceWord(string skill) => MatchData.Shared.PlaceOf(skill.ToLowerInvariant()) is not null;

    [GeneratedRegex(@"(?<![\d.])(?<n>\d{1,2}(?:[.,]\d)?)\s*\+?\s*(?:or more\s+|ou plus\s+|plus\s+)?(?:years?|yrs?|y/o|ans?|annees?)\b")]
    private static partial Regex Years();

    [GeneratedRegex(@"(?:less than|fewer than|under|at most|up to|moins de|au plus|maximum)\s*$")]
    private static partial Regex Fewer();

    [GeneratedRegex(@"\b(?:tech lead|entry[- ]level|mid[- ]level|intern|trainee|stagiaire|junior|debutante?|graduate|senior|experimentee?|lead|principal|staff|mid|intermediate|confirmee?)\b")]
    private static partial Regex LevelWord();

    [GeneratedRegex(@"\b(?:(?:front[- ]?end|back[- ]?end|full[- ]?stack|data|software|web|mobile|cloud|devops|machine learning|ml|qa|test|security|site reliability|platform|product|project|ux|ui|game|embedded|network|systems?|database|marketing|sales|[a-z#+.]{2,20})\s+)?(?:developers?|engineers?|devs?|designers?|architects?|analysts?|scientists?|administrators?|managers?|consultants?|developpeu(?:r|se)s?|ingenieu(?:r|e)s?|architectes?|analystes?|administrateu(?:r|rs)|chefs? de projet|consultante?s?)\b")]
    private static partial Regex RoleWords();

    [GeneratedRegex(@"\b(?:fully remote|full remote|remote|work from home|wfh|teletravail|a distance|distanciel)\b")]
    private static partial Regex Remote();

    [GeneratedRegex(@"\b(?:hybrid|hybride)\b")]
    private static partial Regex Hybrid();

    [GeneratedRegex(@"\b(?:on[- ]?site|in[- ]office|office[- ]based|sur site|presentiel|sur place)\b")]
    private static partial Regex Onsite();

    [GeneratedRegex(@"\b(?:full[- ]time|permanent|cdi|temps plein|temps complet)\b")]
    private static partial Regex FullTime();

    [GeneratedRegex(@"\b(?:part[- ]time|temps partiel|mi[- ]temps)\b")]
    private static partial Regex PartTime();

    [GeneratedRegex(@"\b(?:contract|contractor|contractors|fixed[- ]term|temporary|cdd|interim)\b")]
    private static partial Regex FixedTerm();

    [GeneratedRegex(@"\b(?:freelances?|freelancers?|independants?|independent contractors?)\b")]
    private static partial Regex Freelance();

    [GeneratedRegex(@"\b(?:internships?|interns?)\b")]
    private static partial Regex Internship();

    [GeneratedRegex(@"\b(?:stages?|stagiaires?|alternance|alternants?)\b")]
    private static partial Regex FrenchInternship();

    [GeneratedRegex(@"\b(?:work visas?|visas?|work permits?|permis de travail|authori[sz]ed to work|right to work|autorisation de travail|titre de sejour)\b")]
    private static partial Regex Visa();

    [GeneratedRegex(@"\b(?:sponsor\w*|parrain\w*|without (?:a )?(?:work )?visa|sans visa|needs? (?:a )?visa)\b")]
    private static partial Regex Sponsorship();

    [GeneratedRegex(@"\b(?:relocat\w*|willing to move|willing to go|open to moving|move to|demenag\w*|mobilite geographique|mobile geographiquement|pret a bouger)\b")]
    private static partial Regex Relocate();

    [GeneratedRegex(@"\b(?:available|availability|immediately|asap|right away|open to work|disponibles?|disponibilite|immediatement|des que possible)\b")]
    private static partial Regex Available();

    [GeneratedRegex(@"(?:\b(?:top|find|show|list|give me|get|trouve[rz]?|cherche[rz]?|montre[rz]?)\s+(?:me\s+|moi\s+)?(?<n>\d{1,3})\b|\b(?<n>\d{1,3})\s+(?:best\s+|meilleurs?\s+)?(?:candidates?|profiles?|people|persons|developers?|engineers?|candidats?|profils?|personnes|developpeurs?|ingenieurs?))")]
    private static partial Regex Wanted();

    [GeneratedRegex(@"^\s*(?:find|search|look for|show|list|get|give me|who|i need|we need|i'?m looking|we'?re looking|trouve|cherche|recherche|montre|liste|je cherche|nous cherchons|qui)\b")]
    private static partial Regex NewSearch();

    [GeneratedRegex(@"\p{L}[\p{L}\p{Mn}'-]*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\b(?:in|to|near|around|based in|located in|living in|from|à|a|en|au|aux|vers|pres de|près de)\s+(?<place>\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)")]
    private static partial Regex PlaceAfterPreposition();
}

/// <summary>Small text helpers of the assistant: folding, number words, lists in words.</summary>
public static class Phrasing
{
    /// <summary>Lower case without accents ("Expérience" is "experience"), apostrophes as spaces, so patterns stay simple.</summary>
    public static string Fold(string text) => ResumeText.Fold(text).Replace('\'', ' ');

    private static readonly (string Word, string Digits)[] Numbers =
    [
        ("one", "1"), ("two", "2"), ("three", "3"), ("four", "4"), ("five", "5"), ("six", "6"), ("seven", "7"), ("eight", "8"), ("nine", "9"),
        ("ten", "10"), ("eleven", "11"), ("twelve", "12"), ("fifteen", "15"), ("twenty", "20"),
        ("un", "1"), ("une", "1"), ("deux", "2"), ("trois", "3"), ("quatre", "4"), ("cinq", "5"), ("sept", "7"), ("huit", "8"),
        ("neuf", "9"), ("dix", "10"), ("douze", "12"), ("quinze", "15"), ("vingt", "20"),
    ];

    /// <summary>Number words as digits ("five years" is "5    years"), padded so that the text keeps its length and places.</summary>
    public static string WordNumbers(string folded) =>
        NumberWord.Replace(folded, m => NumberDigits[m.Value].PadRight(m.Value.Length));

    private static readonly Dictionary<string, string> NumberDigits = Numbers.ToDictionary(n => n.Word, n => n.Digits);

    private static readonly Regex NumberWord = new(
        $@"\b(?:{string.Join("|", Numbers.Select(n => n.Word))})\b(?=\s*\+?\s*(?:or more\s+)?(?:years?|yrs?|ans?|annees?|candidates?|candidats?|profiles?|profils?|people|personnes)\b)",
        RegexOptions.Compiled, TimeSpan.FromMilliseconds(100));

    private static readonly string[] FrenchWords = ["avec", "ans", "annees", "experience en", "des ", "pour", "candidats", "cherche", "qui ", "et ", "de ", "teletravail", "dans", "sont", "quelles", "quels", "combien", "ou ", "est-ce", "mon", "ma ", "mes "];
    private static readonly string[] EnglishWords = ["with", "years", "and ", "the ", "for ", "candidates", "find", "who ", "of ", "remote", "in ", "what", "how", "is ", "are ", "my "];

    /// <summary>Whether a folded text reads as French rather than English (more of its marker words).</summary>
    public static bool IsFrench(string folded)
    {
        var padded = " " + folded + " ";
        int Count(string[] markers) => markers.Count(m => padded.Contains(" " + m, StringComparison.Ordinal));
        return Count(FrenchWords) > Count(EnglishWords);
    }

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string And(IReadOnlyList<string> items, string and = "and") => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} {and} {items[^1]}",
    };

    /// <summary>"1 year", "2.5 years".</summary>
    public static string Years(double years) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(years, 1):0.#} {(Math.Round(years, 1) == 1 ? "year" : "years")}");
}
