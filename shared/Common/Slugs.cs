using System.Globalization;
using System.Text;

namespace CareerNexus.Common;

/// <summary>URL-friendly names ("Tech Corp" becomes "tech-corp"), for every feature that shows a slug.</summary>
public static class Slugs
{
    public static string Of(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(c);
            else if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        return builder.ToString().Trim('-');
    }
}
