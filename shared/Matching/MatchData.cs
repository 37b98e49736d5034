using System.Globalization;

namespace CareerNexus.Matching;

/// <summary>
/// The project data the matching engine reads (Matching/Data/*.tsv beside the assembly): the skills it knows with
/// their synonyms, the weights of common words, and the cities it can place. Loaded once per process.
/// </summary>
public sealed class MatchData
{
    private static readonly Lazy<MatchData> Loaded = new(() => Load(Path.Combine(AppContext.BaseDirectory, "Matching", "Data")));

    /// <summary>Canonical skill names, by skill id.</summary>
    public IReadOnlyList<string> SkillNames { get; }

    private readonly Dictionary<string, int> _skillKeys;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _skillLookup;
    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> _termLookup;
    private readonly Dictionary<string, Place>.AlternateLookup<ReadOnlySpan<char>> _placeLookup;

    public static MatchData Shared => Loaded.Value;

    private MatchData(List<string> skillNames, Dictionary<string, int> skillKeys, Dictionary<string, double> terms, Dictionary<string, Place> places)
    {
        SkillNames = skillNames;
        _skillKeys = skillKeys;
        _skillLookup = skillKeys.GetAlternateLookup<ReadOnlySpan<char>>();
        _termLookup = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        _placeLookup = places.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int SkillCount => SkillNames.Count;

    /// <summary>
    /// The key a skill is retrieved by: a known skill's canonical name as a key (every synonym gives the same), any other
    /// name its own key (<see cref="MatchText.SkillKey"/>), as the engine compares them; null for a name without letters.
    /// </summary>
    public string? RetrievalKey(string name)
    {
        var key = MatchText.SkillKey(name.Trim());
        if (key.Length == 0) return null;
        var id = SkillId(key);
        return id >= 0 ? MatchText.SkillKey(SkillNames[id]) : key;
    }

    /// <summary>The id of a skill named by its normalised key (<see cref="MatchText.SkillKey"/>), or -1.</summary>
    public int SkillId(ReadOnlySpan<char> key) => _skillLookup.TryGetValue(key, out var id) ? id : -1;

    /// <summary>The weight of a lower-case word in the keyword score: 0 for stop words, less than 1 for common ones.</summary>
    public double TermWeight(ReadOnlySpan<char> word) =>
        _termLookup.TryGetValue(word, out var weight) ? weight : SkillId(word) >= 0 ? 1.5 : 1.0;

    /// <summary>A known city by its lower-case name, or null.</summary>
    public Place? PlaceOf(ReadOnlySpan<char> city) => _placeLookup.TryGetValue(city, out var place) ? place : null;

    public static MatchData Load(string folder)
    {
        var names = new List<string>();
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var columns in Rows(Path.Combine(folder, "skills.tsv"), "skill"))
        {
            var id = names.Count;
            names.Add(columns[0]);
            var aliases = columns.Length > 1 ? columns[1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            foreach (var alias in aliases.Prepend(columns[0]))
            {
                var key = MatchText.SkillKey(alias);
                // The first skill to claim a key keeps it; the data test keeps keys unique.
                if (key.Length > 0) keys.TryAdd(key, id);
            }
        }
        var terms = Rows(Path.Combine(folder, "terms.tsv"), "term")
            .ToDictionary(c => c[0].ToLowerInvariant(), c => double.Parse(c[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var places = new Dictionary<string, Place>(StringComparer.Ordinal);
        foreach (var c in Rows(Path.Combine(folder, "places.tsv"), "city"))
            places.TryAdd(c[0].ToLowerInvariant(), new Place(c[0], c[1],
                double.Parse(c[2], CultureInfo.InvariantCulture), double.Parse(c[3], CultureInfo.InvariantCulture)));
        return new MatchData(names, keys, terms, places);
    }

    /// <summary>Every (alias key, skill id) pair, for the data test.</summary>
    public IReadOnlyDictionary<string, int> SkillKeys => _skillKeys;

    private static IEnumerable<string[]> Rows(string path, string header) =>
        File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith(header + "\t", StringComparison.Ordinal))
            .Select(line => line.Split('\t'));
}

/// <summary>A city with its country and coordinates.</summary>
public sealed record Place(string City, string Country, double Latitude, double Longitude);

/// <summary>The engine's text primitives: skill keys, words, and comparisons that allocate nothing.</summary>
public static class MatchText
{
    /// <summary>Longest word or skill key the engine looks at; longer ones are cut (no skill or place is longer).</summary>
    public const int MaxKey = 48;

    /// <summary>A skill's key: lower case, letters, digits, '+' and '#' only ("Node.js" and "node js" are "nodejs").</summary>
    public static string SkillKey(string text)
    {
        Span<char> buffer = stackalloc char[MaxKey];
        return new string(SkillKey(text, buffer));
    }

    public static ReadOnlySpan<char> SkillKey(ReadOnlySpan<char> text, Span<char> buffer)
    {
        var length = 0;
        foreach (var c in text)
        {
            if (length == buffer.Length) break;
            if (char.IsLetterOrDigit(c)) buffer[length++] = char.ToLowerInvariant(c);
            else if (c is '+' or '#') buffer[length++] = c;
        }
        return buffer[..length];
    }

    /// <summary>Contract type codes compared as codes: case, '-', '_' and spaces do not count ("Full-time" is full_time).</summary>
    public static bool SameCode(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int i = 0, j = 0;
        while (true)
        {
            while (i < a.Length && !char.IsLetterOrDigit(a[i])) i++;
            while (j < b.Length && !char.IsLetterOrDigit(b[j])) j++;
            if (i == a.Length || j == b.Length) return i == a.Length && j == b.Length;
            if (char.ToLowerInvariant(a[i]) != char.ToLowerInvariant(b[j])) return false;
            i++;
            j++;
        }
    }

    /// <summary>The city (first part) and country (last part) of "City, Country", trimmed.</summary>
    public static (ReadOnlyRange City, ReadOnlyRange Country) LocationParts(ReadOnlySpan<char> location)
    {
        var first = location.IndexOf(',');
        var last = location.LastIndexOf(',');
        var city = first < 0 ? new Range(0, location.Length) : new Range(0, first);
        var country = last < 0 ? new Range(0, location.Length) : new Range(last + 1, location.Length);
        return (new ReadOnlyRange(city), new ReadOnlyRange(country));
    }
}

/// <summary>
/// The lower-case words of a text (letters and digits, with a trailing '+' or '#' kept so that c++ and c# stay words),
/// one at a time in the caller's buffer: reading a profile allocates nothing.
/// </summary>
public ref struct WordReader(ReadOnlySpan<char> text, Span<char> buffer)
{
    private readonly ReadOnlySpan<char> _text = text;
    private readonly Span<char> _buffer = buffer;
    private int _at;

    public bool Next(out ReadOnlySpan<char> word)
    {
        var length = 0;
        while (_at < _text.Length)
        {
            var c = _text[_at++];
            if (char.IsLetterOrDigit(c))
            {
                if (length < _buffer.Length) _buffer[length++] = char.ToLowerInvariant(c);
            }
            else if (length > 0 && c is '+' or '#')
            {
                if (length < _buffer.Length) _buffer[length++] = c;
            }
            else if (length > 0) break;
        }
        word = _buffer[..length];
        return length > 0;
    }
}

/// <summary>A range of a location text (kept apart from the span so that it can be returned).</summary>
public readonly record struct ReadOnlyRange(Range Range)
{
    public ReadOnlySpan<char> Of(ReadOnlySpan<char> text) => text[Range].Trim();
}
