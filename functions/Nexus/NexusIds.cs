using System.Globalization;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;

namespace CareerNexus.Functions.Nexus;

/// <summary>
/// The integer ids document 002's routes take in query strings (?post_id=, ?chat_id=, ?user_id=) and bodies
/// (a number, or a string holding one). Blank is "absent"; anything else that is not an id is a 400 naming the field.
/// </summary>
public static class NexusIds
{
    /// <summary>A query parameter's id, as the endpoint bound it by name.</summary>
    public static long RequiredQuery(string? text, string name) =>
        OptionalQuery(text, name) ?? throw Missing(name, "This query parameter is required.");

    public static long? OptionalQuery(string? text, string name) => Parse(text, name, signed: false);

    public static long RequiredField(string? text, string name) =>
        OptionalField(text, name) ?? throw Missing(name, "This field is required.");

    /// <summary>
    /// A body id; <paramref name="signed"/> lets zero and negative numbers through for routes that answer an id
    /// no account can have with a 404 rather than a 400.
    /// </summary>
    public static long? OptionalField(string? text, string name, bool signed = false) => Parse(text, name, signed);

    private static long? Parse(string? text, string name, bool signed)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        var style = signed ? NumberStyles.AllowLeadingSign : NumberStyles.None;
        if (long.TryParse(text, style, CultureInfo.InvariantCulture, out var id) && (signed || id > 0)) return id;
        var rule = signed ? "a whole number" : "a positive integer";
        throw new PlatformException(ErrorKind.Invalid, $"{name} must be {rule}",
            fields: new Dictionary<string, string> { [name] = $"Must be {rule}." });
    }

    private static PlatformException Missing(string name, string rule) =>
        new(ErrorKind.Invalid, $"{name} is required", fields: new Dictionary<string, string> { [name] = rule });
}
