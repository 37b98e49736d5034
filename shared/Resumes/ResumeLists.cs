using System.Text.RegularExpressions;
using CareerNexus.Matching;

namespace CareerNexus.Resumes;

/// <summary>
/// Skills and spoken languages: the items of their sections (comma lists, bullets, one per line, "Label: a, b"),
/// and "Skills: ..." or "Langues : ..." lines anywhere. Skills take the platform's names through the matching
/// engine's skills list (MatchData, the same normalisation as matching); unknown ones stay as written.
/// </summary>
public sealed partial class ResumeLists(ResumeVocabulary words, MatchData skills)
{
    private const int MaxSkills = 100;

    public IReadOnlyList<string> Skills(List<ResumeLine> section, IReadOnlyList<ResumeLine> all, IReadOnlyDictionary<int, double> margins)
    {
        var found = new List<string>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in Paragraphs(section, margins).Concat(Labelled(all, ResumeSection.Skills, margins)))
        {
            var content = text;
            var label = Label().Match(content);
            if (label.Success)
            {
                // "Languages: Python, Go" under skills is a skill group; spoken languages are read apart.
                content = content[label.Length..];
                if (words.Section(ResumeText.Key(label.Groups["label"].Value)) == ResumeSection.Languages && Items(content).All(i => SpokenLanguage(i) is not null))
                    continue;
            }
            foreach (var item in Items(content))
            {
                if (found.Count >= MaxSkills) return found;
                foreach (var skill in SkillNames(item))
                    if (keys.Add(MatchText.SkillKey(skill))) found.Add(skill);
            }
        }
        return found;
    }

    /// <summary>An item's skills: the platform's name, each known part of "a/b", or the item as written when it looks like a skill.</summary>
    private IEnumerable<string> SkillNames(string item)
    {
        var text = ResumeText.Tidy(Parenthesis().Replace(Rating().Replace(item, ""), ""));
        if (text.Length is 0 or > 40 || !text.Any(char.IsLetter)) yield break;
        var id = skills.SkillId(MatchText.SkillKey(text));
        if (id >= 0)
        {
            yield return skills.SkillNames[id];
            yield break;
        }
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length > 4 || text.EndsWith('.')) yield break;
        if (text.Contains('/'))
        {
            var parts = text.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var ids = parts.Select(p => skills.SkillId(MatchText.SkillKey(p))).ToList();
            if (ids.All(i => i >= 0))
            {
                foreach (var i in ids) yield return skills.SkillNames[i];
                yield break;
            }
        }
        yield return text;
    }

    public IReadOnlyList<ResumeLanguage> Languages(List<ResumeLine> section, IReadOnlyList<ResumeLine> all, IReadOnlyDictionary<int, double> margins)
    {
        var found = new List<ResumeLanguage>();
        foreach (var text in section.Select(l => StripBullet(l.Text)).Concat(Labelled(all, ResumeSection.Languages, margins)))
        {
            var content = text;
            var label = Label().Match(content);
            if (label.Success && words.Section(ResumeText.Key(label.Groups["label"].Value)) is ResumeSection.Languages) content = content[label.Length..];
            foreach (var item in LanguageItems().Split(content).Select(ResumeText.Tidy).Where(i => i.Length > 0))
            {
                if (SpokenLanguage(item) is { } language)
                {
                    if (found.All(f => f.Name != language.Name)) found.Add(language);
                }
                else if (found.Count > 0 && found[^1].Level is null && IsLevel(item))
                    // A level on the line under its language (sidebars): "English" then "Fluent".
                    found[^1] = found[^1] with { Level = item };
            }
        }
        return found;
    }

    /// <summary>"English - Fluent", "Anglais : courant", "French (native)": a known language first, the rest its level.</summary>
    private ResumeLanguage? SpokenLanguage(string item)
    {
        var key = ResumeText.Key(item);
        var tokens = key.Split(' ');
        for (var n = Math.Min(3, tokens.Length); n > 0; n--)
        {
            if (words.Language(string.Join(' ', tokens.Take(n))) is not { } name) continue;
            var level = LevelOf(item, n);
            return new ResumeLanguage(name, level);
        }
        return null;
    }

    /// <summary>What follows the language's first <paramref name="wordCount"/> words, as written.</summary>
    private static string? LevelOf(string item, int wordCount)
    {
        var at = 0;
        for (var seen = 0; seen < wordCount && at < item.Length; seen++)
        {
            while (at < item.Length && !char.IsLetterOrDigit(item[at])) at++;
            while (at < item.Length && (char.IsLetterOrDigit(item[at]) || item[at] is '\'' or '\u2019')) at++;
        }
        var level = ResumeText.Tidy(item[at..]);
        return level.Length == 0 ? null : level;
    }

    private bool IsLevel(string item)
    {
        var key = ResumeText.Key(item);
        return words.IsLevel(key) || words.Score("level", key) > 0 && key.Split(' ').Length <= 4;
    }

    /// <summary>"Skills: a, b" lines outside their section, by their label, with the lines a PDF wrapped them onto.</summary>
    private IEnumerable<string> Labelled(IReadOnlyList<ResumeLine> all, ResumeSection kind, IReadOnlyDictionary<int, double> margins)
    {
        for (var i = 0; i < all.Count; i++)
        {
            var line = all[i];
            var label = Label().Match(line.Text);
            if (!label.Success || words.Section(ResumeText.Key(label.Groups["label"].Value)) != kind || line.Text.Length <= label.Length) continue;
            var text = line.Text;
            while (i + 1 < all.Count && all[i + 1].Column == line.Column && !Label().IsMatch(all[i + 1].Text)
                   && all[i + 1].Bold == line.Bold && Math.Abs(all[i + 1].Size - line.Size) < 0.3 && words.Section(ResumeSections.HeadingKey(all[i + 1].Text)) is null
                   && (text.TrimEnd().EndsWith(',') || ResumeSections.Wrapped(all[i], all[i + 1], margins[line.Column])))
                text += " " + all[++i].Text;
            yield return text;
        }
    }

    /// <summary>
    /// The section's lines, a comma list that a PDF wrapped over several lines joined back: a line with separators
    /// that ends without one, where the next line's first word would not have fitted, goes on in the next line unless
    /// that one is a bullet or a label.
    /// </summary>
    private static IEnumerable<string> Paragraphs(List<ResumeLine> lines, IReadOnlyDictionary<int, double> margins)
    {
        string? pending = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var text = StripBullet(line.Text).Trim();
            var bullet = text.Length != line.Text.Trim().Length;
            if (pending is not null && !bullet && !Label().IsMatch(text)) pending += " " + text;
            else
            {
                if (pending is not null) yield return pending;
                pending = text;
            }
            var open = (text.Contains(',') || text.Contains(';')) && !text.EndsWith(',') && !text.EndsWith(';')
                       && i + 1 < lines.Count && ResumeSections.Wrapped(line, lines[i + 1], margins[line.Column]);
            if (!open && !pending.EndsWith(',') && !pending.EndsWith(';'))
            {
                yield return pending;
                pending = null;
            }
        }
        if (pending is not null) yield return pending;
    }

    private static IEnumerable<string> Items(string content) =>
        SkillItems().Split(content).Select(ResumeText.Tidy).Where(i => i.Length > 0);

    public static string StripBullet(string text) => Bullet().Replace(text, "");

    /// <summary>Whether a line opens with a label ("Skills:", "Langues :").</summary>
    public static bool IsLabelled(string text) => Label().IsMatch(text);

    [GeneratedRegex(@"^\s*(?:[\u2022\u25cf\u25aa\u25a0\u25e6\u2023\u2043\u2219\u27a2\u25ba\u25b8\u2713\u2714*\u2013\u2014>]|-(?=\s))\s*")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^\s*(?<label>[^:,;]{2,40}?)\s*:\s*(?=\S)")]
    private static partial Regex Label();

    [GeneratedRegex(@"\s*[,;|\u2022\u00b7\u25cf\u25aa\t]\s*|\s+[-\u2013\u2014]\s+")]
    private static partial Regex SkillItems();

    [GeneratedRegex(@"\s*[,;|\u2022\u00b7\u25cf\u25aa\t]\s*|\s+/\s+")]
    private static partial Regex LanguageItems();

    [GeneratedRegex(@"\s*\([^)]*\)\s*")]
    private static partial Regex Parenthesis();

    [GeneratedRegex(@"[\u25cf\u25cb\u2605\u2606\u25a0\u25a1]+|\b\d+(?:\.\d+)?\s*/\s*\d+\b|\b\d+\s*%")]
    private static partial Regex Rating();
}
