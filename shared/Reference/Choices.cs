namespace CareerNexus.Reference;

/// <summary>
/// The closed value lists of the platform's choice fields. They are the single source: the routes that
/// take these fields validate against them, and document 002's info/choice-data/ lists them.
/// Where document 002 names a field but not its values (user, employment_category) the values are ours.
/// </summary>
public static class Choices
{
    public static readonly IReadOnlyList<string> Industries =
    [
        "agriculture", "banking", "business", "commerce", "construction", "education", "entertainment", "government", "health",
        "manufacturing", "media", "others", "sports", "technology", "transportation",
    ];

    public static readonly IReadOnlyList<string> EmploymentTypes = ["full_time", "part_time", "internship", "freelance", "contract"];

    /// <summary>What kind of member an account is; mentors' posts reach every feed.</summary>
    public static readonly IReadOnlyList<string> UserTypes = ["student", "professional", "mentor", "recruiter"];

    /// <summary>Where a past job was done, as profile experience entries spell it.</summary>
    public static readonly IReadOnlyList<string> EmploymentCategories = ["Onsite", "Remote", "Hybrid"];

    public static readonly IReadOnlyList<string> ExperienceLevels = ["entry", "mid", "senior", "executive"];

    public static readonly IReadOnlyList<string> WorkTypes = ["remote", "onsite", "hybrid"];

    public const string Mentor = "mentor";

    /// <summary>Every choice field by name, in the order document 002 lists them.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> ByField = new Dictionary<string, IReadOnlyList<string>>
    {
        ["industry"] = Industries,
        ["employment_type"] = EmploymentTypes,
        ["user"] = UserTypes,
        ["employment_category"] = EmploymentCategories,
        ["experience_level"] = ExperienceLevels,
        ["work_type"] = WorkTypes,
    };

    public static readonly IReadOnlyList<string> FieldNames = ByField.Keys.ToList();

    /// <summary>The valid options of a choice field; an unknown field name is a 400 naming the fields there are.</summary>
    public static IReadOnlyList<string> OptionsOf(string fieldName) =>
        ByField.TryGetValue(fieldName.Trim(), out var values)
            ? values
            : throw Common.PlatformException.Invalid("Unknown field_name",
                $"'{fieldName.Trim()}' is not a choice field. Valid field names: {string.Join(", ", FieldNames)}.");

    /// <summary>The canonical spelling of a value of a choice field, ignoring case; null when it is not one.</summary>
    public static string? Canonical(string field, string? value)
    {
        if (value is null || !ByField.TryGetValue(field, out var values)) return null;
        var trimmed = value.Trim();
        return values.FirstOrDefault(v => string.Equals(v, trimmed, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Checks a required choice value: a missing one is a field error that lists the valid options.</summary>
    public static string? Require(string field, string? value, Common.FieldErrors errors)
    {
        if (!string.IsNullOrWhiteSpace(value)) return Check(field, value, errors);
        errors.Add(field, $"This field is required. Valid options: {string.Join(", ", ByField[field])}.");
        return null;
    }

    /// <summary>Checks an optional choice value and records a field error in the platform's words when it is not valid.</summary>
    public static string? Check(string field, string? value, Common.FieldErrors errors, string? reportAs = null)
    {
        if (value is null) return null;
        var canonical = Canonical(field, value);
        if (canonical is null)
            errors.Add(reportAs ?? field, $"\"{value}\" is not a valid choice. Valid options: {string.Join(", ", ByField[field])}.");
        return canonical;
    }
}
