using CareerNexus.Matching;

namespace CareerNexus.Assistant;

/// <summary>
/// The skills a text names, by the platform's skills list and its synonyms (shared/Matching/Data/skills.tsv: "py" is
/// Python, "k8s" Kubernetes, "ruby on rails" one skill), read in runs of up to four words, longest first. Words that are
/// skills only sometimes ("go", "rest", "swift", "spring", "chef") count only when written with a capital ("Go",
/// "REST"), and a few that are almost never skills in a question ("cv", "ar") never count alone.
/// </summary>
public static class SkillMentions
{
    private const int LongestRun = 4;

    /// <summary>Keys that are common words in English or French prose: a skill only when capitalised.</summary>
    private static readonly HashSet<string> Capitalised = new(StringComparer.Ordinal)
    {
        "go", "r", "c", "rust", "ruby", "swift", "dart", "julia", "spring", "rest", "express", "echo", "gin", "bun", "beam", "flask",
        "pyramid", "phoenix", "sinatra", "chef", "puppet", "helm", "lean", "nest", "slack", "excel", "sketch", "torch", "transformers",
        "unity", "qt", "net", "lambda", "oracle", "node", "mobile", "web", "cloud", "training", "research", "law", "legal", "tax",
        "audit", "strategy", "coaching", "mentoring", "operations", "architecture", "embedded", "solar", "farming", "purchasing",
        "recruitment", "communication", "leadership", "security", "statistics", "networking", "caching", "animation", "translation",
        "english", "french", "francais", "spanish", "german", "arabic", "portuguese", "chinese", "mandarin", "deno", "redux",
        "ai", "ml", "ui", "ux", "qa", "qc", "hr",
    };

    /// <summary>Short synonyms that mean something else in a question about a resume ("her CV").</summary>
    private static readonly HashSet<string> NeverAlone = new(StringComparer.Ordinal)
    {
        "cv", "sh", "fp", "dl", "rn", "xd", "ar", "vr", "ts", "tf2", "elk", "pr", "kube",
    };

    /// <summary>The programming languages among the skills, for "which programming languages".</summary>
    public static readonly IReadOnlySet<string> ProgrammingLanguages = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Python", "Java", "JavaScript", "TypeScript", "C", "C++", "C#", "Go", "Rust", "Ruby", "PHP", "Kotlin", "Swift", "Objective-C",
        "Scala", "R", "MATLAB", "Perl", "Haskell", "Elixir", "Erlang", "Clojure", "F#", "Dart", "Lua", "Julia", "Groovy",
        "Visual Basic", "COBOL", "Fortran", "Assembly", "Bash", "PowerShell", "SQL", "PL/SQL", "T-SQL", "Solidity",
    };

    /// <summary>One skill found in a text: its canonical name and where it was written.</summary>
    public readonly record struct Mention(string Skill, int Start, int End);

    /// <summary>The known skills a text names, each once, in the order written.</summary>
    public static IReadOnlyList<string> In(string text) => Find(text).Select(m => m.Skill).Distinct().ToList();

    /// <summary>Every mention with its place (the criteria parser reads the words around them).</summary>
    public static IReadOnlyList<Mention> Find(string text)
    {
        var data = MatchData.Shared;
        var words = Words(text);
        var found = new List<Mention>();
        for (var i = 0; i < words.Count; i++)
        {
            for (var n = Math.Min(LongestRun, words.Count - i); n >= 1; n--)
            {
                var key = string.Concat(words.Skip(i).Take(n).Select(w => w.Key));
                if (key.Length > MatchText.MaxKey) continue;
                var id = data.SkillId(key);
                if (id < 0 || (n == 1 && !Counts(words[i]))) continue;
                found.Add(new Mention(data.SkillNames[id], words[i].Start, words[i + n - 1].End));
                i += n - 1;
                break;
            }
        }
        return found;
    }

    private static bool Counts(Word word)
    {
        if (NeverAlone.Contains(word.Key)) return false;
        if (!Capitalised.Contains(word.Key)) return true;
        // "C" and "R" only as capitals on their own; the others with a capital first letter.
        return word.Key.Length == 1 ? word.Text.Length == 1 && char.IsUpper(word.Text[0]) : char.IsUpper(word.Text[0]);
    }

    /// <summary>The platform's name of a skill ("postgres" is PostgreSQL), or the name as written when the list does not know it.</summary>
    public static string Canonical(string name)
    {
        var id = MatchData.Shared.SkillId(MatchText.SkillKey(name));
        return id >= 0 ? MatchData.Shared.SkillNames[id] : name.Trim();
    }

    /// <summary>Whether two names are the same skill (synonyms included), or the same words when the list knows neither.</summary>
    public static bool Same(string a, string b)
    {
        var (ka, kb) = (MatchText.SkillKey(a), MatchText.SkillKey(b));
        if (ka.Length == 0 || kb.Length == 0) return false;
        var (ia, ib) = (MatchData.Shared.SkillId(ka), MatchData.Shared.SkillId(kb));
        return ia >= 0 || ib >= 0 ? ia == ib : ka == kb;
    }

    /// <summary>Whether a text names the skill, by any of its names; a capitalised word such as "Go" counts here in any case.</summary>
    public static bool Names(string text, string skill)
    {
        var id = MatchData.Shared.SkillId(MatchText.SkillKey(skill));
        var words = Words(text);
        for (var i = 0; i < words.Count; i++)
            for (var n = Math.Min(LongestRun, words.Count - i); n >= 1; n--)
            {
                var key = string.Concat(words.Skip(i).Take(n).Select(w => w.Key));
                if (id >= 0 ? MatchData.Shared.SkillId(key) == id : key == MatchText.SkillKey(skill)) return true;
            }
        return false;
    }

    private readonly record struct Word(string Text, string Key, int Start, int End);

    /// <summary>Words of letters and digits, with a trailing '+' or '#' kept ("C++", "C#").</summary>
    private static List<Word> Words(string text)
    {
        var words = new List<Word>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i])) i++;
            while (i < text.Length && text[i] is '+' or '#') i++;
            var word = text[start..i];
            words.Add(new Word(word, MatchText.SkillKey(word), start, i));
        }
        return words;
    }
}
