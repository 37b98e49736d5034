using System.Globalization;

namespace CareerNexus.Common;

/// <summary>
/// Query-string filter values as django-filter reads them, for every list that takes them: absent or blank is null,
/// anything else unreadable is a field error in its words.
/// </summary>
public static class FilterValues
{
    /// <summary>true/false or 1/0, any case (what django-filter's boolean widget reads).</summary>
    public static bool? Boolean(string? text, string field, FieldErrors errors)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "":
                return null;
            case "true" or "1":
                return true;
            case "false" or "0":
                return false;
            default:
                errors.Add(field, "Must be a valid boolean.");
                return null;
        }
    }

    /// <summary>A text filter, trimmed and in lower case (the stored copies it is compared with are); too long is an error.</summary>
    public static string? Text(string? text, string field, int maxLength, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text.Length > maxLength) errors.Add(field, $"Ensure this value has at most {maxLength} characters.");
        return text.Trim().ToLowerInvariant();
    }

    /// <summary>A finite number.</summary>
    public static double? Number(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)) return value;
        errors.Add(field, "Enter a number.");
        return null;
    }
}
