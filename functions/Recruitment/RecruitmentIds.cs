using System.Globalization;

namespace CareerNexus.Functions.Recruitment;

/// <summary>Ids in Recruitment paths: positive integers; anything else is 0, which names no object (the feature answers 404).</summary>
public static class RecruitmentIds
{
    public static long FromPath(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
}
