using System.Globalization;
using System.Text;
using CareerNexus.Resumes;

namespace CareerNexus.Tests.Resumes.Corpus;

/// <summary>
/// Field-level scoring of parsed resumes against the corpus truth. Every value the truth has or the parser gave is a
/// slot: right (same value), wrong (both have one, they differ), missing (only the truth has one) or extra (only the
/// parser has one). Precision is right / (right + wrong + extra), recall right / (right + wrong + missing), and the
/// overall figure is right / all slots. List fields (skills, languages) count each item; experience and education
/// entries are paired with the truth's by their best match first, and each of their fields is a slot.
/// Values are compared folded (case, accents, punctuation); phones by their digits; links without scheme or "www.".
/// </summary>
public sealed class CorpusAccuracy
{
    public sealed class Tally
    {
        public int Right, Wrong, Missing, Extra;
        public List<string> Examples { get; } = [];
        public double Precision => Right + Wrong + Extra == 0 ? 1 : (double)Right / (Right + Wrong + Extra);
        public double Recall => Right + Wrong + Missing == 0 ? 1 : (double)Right / (Right + Wrong + Missing);
        public int Slots => Right + Wrong + Missing + Extra;
        public double Accuracy => Slots == 0 ? 1 : (double)Right / Slots;
    }

    private static readonly string[] Order =
    [
        "name", "email", "phone", "linkedin", "github", "website", "location", "summary", "skills", "experience.company", "experience.position",
        "experience.start_date", "experience.end_date", "education.school", "education.degree", "education.field", "education.start_date",
        "education.end_date", "languages.name", "languages.level",
    ];

    public Dictionary<string, Tally> Fields { get; } = Order.ToDictionary(f => f, _ => new Tally());
    public int Resumes { get; private set; }
    public int Failed { get; private set; }

    public int Right => Fields.Values.Sum(t => t.Right);
    public int Slots => Fields.Values.Sum(t => t.Slots);
    public double Overall => Slots == 0 ? 0 : (double)Right / Slots;

    public void Add(CorpusResume resume, ResumeParseResult result)
    {
        Resumes++;
        var got = (result as ResumeParsed)?.Data ?? new ResumeData();
        if (result is ResumeFailed) Failed++;
        var truth = resume.Truth;
        var tag = resume.Name;
        Scalar("name", truth.Name, got.Name, Key, tag);
        Scalar("email", truth.Email, got.Email, Key, tag);
        Scalar("phone", truth.Phone, got.Phone, Digits, tag);
        Scalar("linkedin", truth.Linkedin, got.Linkedin, Link, tag);
        Scalar("github", truth.Github, got.Github, Link, tag);
        Scalar("website", truth.Website, got.Website, Link, tag);
        Scalar("location", truth.Location, got.Location, Key, tag);
        Scalar("summary", truth.Summary, got.Summary, Key, tag);
        Set("skills", truth.Skills, got.Skills, tag);
        Set("languages.name", truth.Languages.Select(l => l.Name).ToList(), got.Languages.Select(l => l.Name).ToList(), tag);
        Set("languages.level", truth.Languages.Select(l => $"{l.Name}: {l.Level}").ToList(), got.Languages.Select(l => $"{l.Name}: {l.Level}").ToList(), tag);

        foreach (var (t, g) in Pair(truth.Experience, got.Experience, e => [e.Company, e.Position]))
        {
            Scalar("experience.company", t?.Company, g?.Company, Key, tag);
            Scalar("experience.position", t?.Position, g?.Position, Key, tag);
            Scalar("experience.start_date", t?.StartDate, g?.StartDate, Key, tag);
            Scalar("experience.end_date", t is null ? null : t.IsCurrent ? "present" : t.EndDate, g is null ? null : g.IsCurrent ? "present" : g.EndDate, Key, tag);
        }
        foreach (var (t, g) in Pair(truth.Education, got.Education, e => [e.School, e.Degree]))
        {
            Scalar("education.school", t?.School, g?.School, Key, tag);
            Scalar("education.degree", t?.Degree, g?.Degree, Key, tag);
            Scalar("education.field", t?.Field, g?.Field, Key, tag);
            Scalar("education.start_date", t?.StartDate, g?.StartDate, Key, tag);
            Scalar("education.end_date", t?.EndDate, g?.EndDate, Key, tag);
        }
    }

    /// <summary>Truth entries paired with parsed ones, most similar first; the unpaired on either side stand alone.</summary>
    private static IEnumerable<(T? Truth, T? Got)> Pair<T>(IReadOnlyList<T> truth, IReadOnlyList<T> got, Func<T, string?[]> keys) where T : class
    {
        var pairs = new List<(int T, int G, int Score)>();
        for (var i = 0; i < truth.Count; i++)
            for (var j = 0; j < got.Count; j++)
                pairs.Add((i, j, keys(truth[i]).Zip(keys(got[j])).Count(p => p.First is not null && Key(p.First) == Key(p.Second ?? "")) * 10 - Math.Abs(i - j)));
        var usedT = new HashSet<int>();
        var usedG = new HashSet<int>();
        foreach (var (i, j, _) in pairs.OrderByDescending(p => p.Score))
        {
            if (usedT.Contains(i) || usedG.Contains(j)) continue;
            usedT.Add(i);
            usedG.Add(j);
            yield return (truth[i], got[j]);
        }
        for (var i = 0; i < truth.Count; i++) if (!usedT.Contains(i)) yield return (truth[i], null);
        for (var j = 0; j < got.Count; j++) if (!usedG.Contains(j)) yield return (null, got[j]);
    }

    private void Scalar(string field, string? truth, string? got, Func<string, string> norm, string tag)
    {
        var tally = Fields[field];
        var t = string.IsNullOrWhiteSpace(truth) ? null : norm(truth);
        var g = string.IsNullOrWhiteSpace(got) ? null : norm(got);
        if (t is null && g is null) return;
        if (t == g) tally.Right++;
        else
        {
            if (t is null) tally.Extra++;
            else if (g is null) tally.Missing++;
            else tally.Wrong++;
            if (tally.Examples.Count < 12) tally.Examples.Add($"{tag}: expected [{truth}] got [{got}]");
        }
    }

    private void Set(string field, IReadOnlyList<string> truth, IReadOnlyList<string> got, string tag)
    {
        var tally = Fields[field];
        var t = truth.Select(Key).ToHashSet();
        var g = got.Select(Key).ToHashSet();
        tally.Right += t.Intersect(g).Count();
        tally.Missing += t.Except(g).Count();
        tally.Extra += g.Except(t).Count();
        if (!t.SetEquals(g) && tally.Examples.Count < 12)
            tally.Examples.Add($"{tag}: missing [{string.Join("; ", truth.Where(x => !g.Contains(Key(x))))}] extra [{string.Join("; ", got.Where(x => !t.Contains(Key(x))))}]");
    }

    private static string Key(string text) => ResumeText.Key(text);

    private static string Digits(string text) => new(text.Where(char.IsDigit).ToArray());

    private static string Link(string text)
    {
        var link = text.Trim().ToLowerInvariant();
        foreach (var prefix in new[] { "https://", "http://", "www." })
            if (link.StartsWith(prefix, StringComparison.Ordinal)) link = link[prefix.Length..];
        return link.TrimEnd('/');
    }

    /// <summary>The per-field table, the overall figure and the worst fields.</summary>
    public string Report(bool examples = false)
    {
        var text = new StringBuilder();
        string P(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture).PadLeft(6);
        text.AppendLine($"{"field",-24}{"precision",10}{"recall",8}{"right",8}{"wrong",7}{"missing",9}{"extra",7}");
        foreach (var field in Order)
        {
            var t = Fields[field];
            text.AppendLine($"{field,-24}{P(t.Precision),10}{P(t.Recall),8}{t.Right,8}{t.Wrong,7}{t.Missing,9}{t.Extra,7}");
        }
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"overall: {Right} of {Slots} fields right ({Overall * 100:0.0}%) over {Resumes} resumes, {Failed} failed"));
        var worst = Fields.Where(f => f.Value.Slots > 0 && f.Value.Accuracy < 1).OrderBy(f => f.Value.Accuracy).Take(4)
            .Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Key} {f.Value.Accuracy * 100:0.0}%")).ToList();
        text.AppendLine($"worst fields: {(worst.Count == 0 ? "none below 100%" : string.Join(", ", worst))}");
        if (examples)
            foreach (var (field, tally) in Fields.Where(f => f.Value.Examples.Count > 0))
            {
                text.AppendLine($"-- {field}");
                foreach (var e in tally.Examples) text.AppendLine("   " + e);
            }
        return text.ToString();
    }
}
