using System.Globalization;
using CareerNexus.Common;

namespace CareerNexus.Functions.Recruitment;

/// <summary>Ids in Recruitment paths: positive integers; anything else is 0, which names no object (the feature answers 404).</summary>
public static class RecruitmentIds
{
    public static long FromPath(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;

    /// <summary>An id filter of a list's query (`?job=`, `?with_user=`): absent or blank is null, anything but a positive integer a 400 on it.</summary>
    public static long? FromQuery(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) return id;
        throw PlatformException.InvalidFields(new Dictionary<string, string> { [name] = "A valid integer is required." });
    }
}
