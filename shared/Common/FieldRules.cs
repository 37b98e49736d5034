namespace CareerNexus.Common;

/// <summary>
/// Text fields of a create or an edit, checked in Django REST Framework's words: a create's value as sent, an edit's
/// merged over the stored one (null leaves it as it is).
/// </summary>
public static class FieldRules
{
    /// <summary>A field that must hold text: missing on a create, blank, or too long is an error.</summary>
    public static string Required(string? sent, string? current, string field, int maxLength, FieldErrors errors)
    {
        var text = (sent ?? current)?.Trim() ?? "";
        if (sent is null && current is null) errors.Add(field, "This field is required.");
        else if (text.Length == 0) errors.Add(field, "This field may not be blank.");
        else if (text.Length > maxLength) errors.Add(field, $"Ensure this field has no more than {maxLength} characters.");
        return text;
    }

    /// <summary>A field that may stay empty; too long is an error.</summary>
    public static string Optional(string? sent, string? current, string field, int maxLength, FieldErrors errors)
    {
        var text = (sent ?? current ?? "").Trim();
        if (text.Length > maxLength) errors.Add(field, $"Ensure this field has no more than {maxLength} characters.");
        return text;
    }
}
