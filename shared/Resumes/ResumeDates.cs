using System.Globalization;
using System.Text.RegularExpressions;

namespace CareerNexus.Resumes;

/// <summary>A month of a year, or a year alone.</summary>
public readonly record struct ResumeDate(int Year, int? Month)
{
    public override string ToString() =>
        Month is { } m ? string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{m:00}") : Year.ToString("0000", CultureInfo.InvariantCulture);
}

/// <summary>A period found in a line: start and end, or start and "until now"; a single date has only a start.</summary>
public sealed record ResumePeriod(ResumeDate Start, ResumeDate? End, bool Current, bool Single)
{
    /// <summary>Whole months, both ends counted ("Jan 2020 - Dec 2020" is 12); a year alone counts from January or to December.</summary>
    public int Months(DateOnly today)
    {
        if (Single) return 0;
        var startMonth = Start.Month ?? 1;
        var (endYear, endMonth) = Current || End is null ? (today.Year, today.Month) : (End.Value.Year, End.Value.Month ?? (Start.Month is null ? 1 : 12));
        var months = (endYear - Start.Year) * 12 + endMonth - startMonth + (Start.Month is null && End?.Month is null && !Current ? 0 : 1);
        return Math.Max(months, 0);
    }

    public static string Words(int months)
    {
        var years = months / 12;
        var rest = months % 12;
        var parts = new List<string>(2);
        if (years > 0) parts.Add(years == 1 ? "1 year" : $"{years} years");
        if (rest > 0) parts.Add(rest == 1 ? "1 month" : $"{rest} months");
        return parts.Count == 0 ? "less than a month" : string.Join(' ', parts);
    }
}

/// <summary>
/// Dates as resumes write them, in English and French: "Jan 2020", "January 2020", "janv. 2020", "01/2020",
/// "2020-01", "2020"; ranges joined by a dash, "to", "à", "au"; ends such as "Present", "Current", "Présent",
/// "Aujourd'hui", "En cours"; and "Since 2020" or "Depuis 2020".
/// </summary>
public static class ResumeDates
{
    private static readonly (string Name, int Month)[] MonthNames =
    [
        ("january", 1), ("janvier", 1), ("janv", 1), ("jan", 1),
        ("february", 2), ("fevrier", 2), ("fevr", 2), ("fev", 2), ("feb", 2),
        ("march", 3), ("mars", 3), ("mar", 3),
        ("april", 4), ("avril", 4), ("avr", 4), ("apr", 4),
        ("may", 5), ("mai", 5),
        ("june", 6), ("juin", 6), ("jun", 6),
        ("july", 7), ("juillet", 7), ("juil", 7), ("jul", 7),
        ("august", 8), ("aout", 8), ("aug", 8),
        ("september", 9), ("septembre", 9), ("sept", 9), ("sep", 9),
        ("october", 10), ("octobre", 10), ("oct", 10),
        ("november", 11), ("novembre", 11), ("nov", 11),
        ("december", 12), ("decembre", 12), ("dec", 12),
    ];

    private static readonly Dictionary<string, int> Months = MonthNames.ToDictionary(m => m.Name, m => m.Month);

    /// <summary>French month names that English does not share: their presence says a resume is French.</summary>
    private static readonly HashSet<string> FrenchMonths = ["janvier", "janv", "fevrier", "fevr", "fev", "mars", "avril", "avr", "mai", "juin", "juillet", "juil", "aout", "septembre", "octobre", "novembre", "decembre"];

    private static string Date(string p) =>
        $@"(?:\b(?<{p}mon>{string.Join('|', MonthNames.Select(m => m.Name).OrderByDescending(n => n.Length))})\.?\s*,?\s*(?<{p}y>(?:19[5-9]|20[0-3])\d)(?!\d)"
        + $@"|(?<!\d)(?<{p}m>0?[1-9]|1[0-2])\s*[/.]\s*(?<{p}y>(?:19[5-9]|20[0-3])\d)(?!\d)"
        + $@"|(?<!\d)(?<{p}y>(?:19[5-9]|20[0-3])\d)\s*[-/.]\s*(?<{p}m>0[1-9]|1[0-2])(?!\d)"
        + $@"|(?<!\d)(?<{p}y>(?:19[5-9]|20[0-3])\d)(?!\d))";

    private const string Now =
        @"(?<now>present(?:\s+day)?|presente|current(?:ly)?|now|today|ongoing|to\s+date|aujourd'?hui|a\s+ce\s+jour|ce\s+jour|en\s+cours|actuel(?:lement)?|maintenant|a\s+present)\b";

    private const string Dash = @"\s*(?:[-\u2010-\u2015~]+>?|\u2192|\bto\b|\buntil\b|\btill\b|\ba\b|\bau\b|\bjusqu'(?:a|en|au)\b)\s*";

    private static readonly Regex Range = new(
        $@"(?:\b(?:from|de|du|des)\s+)?(?<![\d/.-])(?:{Date("s")}){Dash}(?:{Date("e")}|{Now})",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromMilliseconds(200));

    private static readonly Regex Since = new(
        $@"\b(?:since|depuis)\s+(?:{Date("s")})",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromMilliseconds(200));

    private static readonly Regex Single = new(
        $@"(?<![\d/.-])(?:{Date("s")})(?![\d/-])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromMilliseconds(200));

    /// <summary>The first period in a line and the line without it (separators around it removed), or null.</summary>
    public static ResumePeriod? Find(string text, out string rest)
    {
        rest = text;
        var folded = ResumeText.Fold(text);
        var match = Range.Match(folded);
        var single = false;
        var current = false;
        if (match.Success) current = match.Groups["now"].Success;
        else
        {
            match = Since.Match(folded);
            if (match.Success) current = true;
            else
            {
                match = Single.Match(folded);
                single = match.Success;
            }
        }
        if (!match.Success) return null;
        var start = Read(match, "s");
        ResumeDate? end = current || single ? null : Read(match, "e");
        if (end is { } e && (e.Year < start.Year || e.Year == start.Year && e.Month < start.Month)) return null;
        rest = ResumeText.Tidy(ResumeText.SingleSeparators(text[..match.Index] + " " + text[(match.Index + match.Length)..]));
        return new ResumePeriod(start, end, current, single);
    }

    /// <summary>Whether a text is a date or a period and nothing else.</summary>
    public static bool IsDateOnly(string text) =>
        text.Length <= 48 && Find(text, out var rest) is not null && !rest.Any(char.IsLetterOrDigit);

    /// <summary>Whether a text names a month in French ("janvier", "févr.").</summary>
    public static bool HasFrenchMonth(string text)
    {
        foreach (Match m in Range.Matches(ResumeText.Fold(text)))
            if (FrenchMonths.Contains(m.Groups["smon"].Value) || FrenchMonths.Contains(m.Groups["emon"].Value)) return true;
        return false;
    }

    private static ResumeDate Read(Match match, string p)
    {
        var year = int.Parse(match.Groups[p + "y"].Value, CultureInfo.InvariantCulture);
        if (match.Groups[p + "mon"].Success) return new ResumeDate(year, Months[match.Groups[p + "mon"].Value]);
        if (match.Groups[p + "m"].Success) return new ResumeDate(year, int.Parse(match.Groups[p + "m"].Value, CultureInfo.InvariantCulture));
        return new ResumeDate(year, null);
    }
}
