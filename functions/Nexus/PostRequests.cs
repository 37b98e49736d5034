using System.Globalization;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;

namespace CareerNexus.Functions.Nexus;

/// <summary>Reads the ids that document 002's post routes take in their bodies and query strings.</summary>
public static class PostRequests
{
    /// <summary>A required id field of the body (a number, or a string holding one).</summary>
    public static long Id(RequestForm form, string field) => Parse(form.Text(field), field);

    /// <summary>A required id in the query string.</summary>
    public static long Id(HttpRequest request, string parameter) =>
        Parse(request.Query.TryGetValue(parameter, out var value) ? value.ToString() : null, parameter);

    private static long Parse(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) throw PlatformException.Invalid($"{field} is required");
        return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : throw PlatformException.Invalid($"{field} must be a positive integer");
    }
}
