namespace CareerNexus.Resumes;

/// <summary>The kinds of section a heading opens.</summary>
public enum ResumeSection
{
    Summary,
    Experience,
    Education,
    Skills,
    Languages,
    Projects,
    Certifications,
    Contact,
    Interests,
    Other,
}

/// <summary>
/// The words the parser reads by (Resumes/Data/vocabulary.tsv beside the assembly): section headings in English and
/// French, the words that make a phrase a job title, a company, a school or a degree, spoken languages and countries.
/// Everything is compared by <see cref="ResumeText.Key"/>. Loaded once per process.
/// </summary>
public sealed class ResumeVocabulary
{
    private static readonly Lazy<ResumeVocabulary> Loaded = new(() => Load(Path.Combine(AppContext.BaseDirectory, "Resumes", "Data", "vocabulary.tsv")));

    public static ResumeVocabulary Shared => Loaded.Value;

    private readonly Dictionary<string, ResumeSection> _sections = new(StringComparer.Ordinal);

    /// <summary>The same headings without spaces, for letter-spaced ones whose word breaks are lost ("W O R K E X P E R I E N C E").</summary>
    private readonly Dictionary<string, ResumeSection> _squashed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _languages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _words = new(StringComparer.Ordinal);

    /// <summary>French headings: finding them says a resume is French.</summary>
    private readonly HashSet<string> _frenchHeadings = new(StringComparer.Ordinal);

    public static ResumeVocabulary Load(string path)
    {
        var vocabulary = new ResumeVocabulary();
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("kind\t", StringComparison.Ordinal)) continue;
            var columns = line.Split('\t');
            var kind = columns[0];
            var names = (columns.Length > 2 ? columns[2].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [])
                .Prepend(columns[1]).Where(n => n != "-").Select(ResumeText.Key).Where(k => k.Length > 0).ToList();
            switch (kind)
            {
                case "section":
                    var section = Enum.Parse<ResumeSection>(columns[1], ignoreCase: true);
                    foreach (var name in names.Skip(1))
                    {
                        vocabulary._sections.TryAdd(name, section);
                        vocabulary._squashed.TryAdd(name.Replace(" ", ""), section);
                    }
                    break;
                case "language":
                    foreach (var name in names) vocabulary._languages.TryAdd(name, columns[1]);
                    break;
                default:
                    if (!vocabulary._words.TryGetValue(kind, out var set)) vocabulary._words[kind] = set = new HashSet<string>(StringComparer.Ordinal);
                    set.UnionWith(names);
                    break;
            }
        }
        foreach (var heading in new[] { "experience professionnelle", "experiences professionnelles", "parcours professionnel", "formation", "formations",
                     "competences", "competences techniques", "langues", "projets", "profil", "centres d'interet", "loisirs", "etudes", "diplomes",
                     "coordonnees", "informations personnelles", "a propos de moi", "projets personnels", "certificats" })
            vocabulary._frenchHeadings.Add(heading);
        return vocabulary;
    }

    /// <summary>The section a heading's key opens, or null.</summary>
    public ResumeSection? Section(string key) =>
        _sections.TryGetValue(key, out var section) || !key.Contains(' ') && _squashed.TryGetValue(key, out section) ? section : null;

    public bool IsFrenchHeading(string key) => _frenchHeadings.Contains(key);

    /// <summary>A spoken language's English name from its key ("anglais" is English), or null.</summary>
    public string? Language(string key) => _languages.GetValueOrDefault(key);

    public bool IsCountry(string key) => Has("country", key);

    public bool IsLevel(string key) => Has("level", key);

    /// <summary>How many of a text's words and two- or three-word phrases are words of a kind (title, company, school, degree, level).</summary>
    public int Score(string kind, string key)
    {
        if (!_words.TryGetValue(kind, out var set) || key.Length == 0) return 0;
        var words = key.Split(' ');
        var score = 0;
        for (var i = 0; i < words.Length; i++)
        {
            if (set.Contains(words[i])) score++;
            if (i + 1 < words.Length && set.Contains(words[i] + " " + words[i + 1])) score++;
            if (i + 2 < words.Length && set.Contains(words[i] + " " + words[i + 1] + " " + words[i + 2])) score++;
        }
        return score;
    }

    /// <summary>The longest phrase of a kind a key starts with, in words (0 when none).</summary>
    public int LeadingPhrase(string kind, string key)
    {
        if (!_words.TryGetValue(kind, out var set)) return 0;
        var words = key.Split(' ');
        for (var n = Math.Min(4, words.Length); n > 0; n--)
            if (set.Contains(string.Join(' ', words.Take(n)))) return n;
        return 0;
    }

    private bool Has(string kind, string key) => _words.TryGetValue(kind, out var set) && set.Contains(key);
}
