using System.Text;
using System.Text.RegularExpressions;

namespace CareerNexus.Resumes;

/// <summary>Text helpers of the parser: folding for comparisons, tidying of what is left of a line.</summary>
public static partial class ResumeText
{
    /// <summary>Lower case without accents, one character per character (so positions stay those of the original).</summary>
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            if (lower is '\u2019' or '\u2018' or '`') { builder.Append('\''); continue; }
            if (lower < 128) { builder.Append(lower); continue; }
            var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
            builder.Append(decomposed.Length > 0 && decomposed[0] < 128 ? decomposed[0] : lower);
        }
        return builder.ToString();
    }

    /// <summary>A text as a key: folded, punctuation as spaces, spaces collapsed.</summary>
    public static string Key(string text)
    {
        var folded = Fold(text);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c) || c is '+' or '#' or '\'') builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
        }
        return builder.ToString().Trim();
    }

    /// <summary>Spaces collapsed, and separators left dangling at either end removed.</summary>
    public static string Tidy(string text)
    {
        var tidy = Spaces().Replace(text, " ");
        while (true)
        {
            var trimmed = tidy.Trim(' ', '|', ',', ';', ':', '-', '\u2013', '\u2014', '\u00b7', '\u2022', '[', ']', '/', '\t');
            // A bracket goes only when it has no partner: "Python (expert)" keeps its level.
            if (trimmed.EndsWith(')') && trimmed.Count(c => c == '(') < trimmed.Count(c => c == ')')) trimmed = trimmed[..^1];
            if (trimmed.EndsWith('(')) trimmed = trimmed[..^1];
            if (trimmed.StartsWith('(') && trimmed.Count(c => c == '(') > trimmed.Count(c => c == ')')) trimmed = trimmed[1..];
            if (trimmed.StartsWith(')')) trimmed = trimmed[1..];
            if (trimmed == tidy) return tidy;
            tidy = trimmed;
        }
    }

    /// <summary>"Acme |  | Paris" (a period taken out between two separators) as "Acme | Paris".</summary>
    public static string SingleSeparators(string text) => Doubled().Replace(text, " $1 ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s*([|\u00b7\u2022,])(?:\s*[|\u00b7\u2022,])+\s*")]
    private static partial Regex Doubled();
}
