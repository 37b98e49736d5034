namespace CareerNexus.Jobs;

/// <summary>A reference entry with a stable id: what document 003 shows as {"id", "name"}.</summary>
public sealed record CatalogEntry(long Id, string Code, string Name);

/// <summary>
/// Document 003's reference data for jobs, shipped with the code: categories and job types with stable ids (never
/// renumber them: jobs store the ids), and the experience levels. Job type codes are the platform's employment
/// types, so a Recruitment job is a Nexus job of the same employment type.
/// </summary>
public static class JobCatalog
{
    public static readonly IReadOnlyList<CatalogEntry> Categories =
    [
        new(1, "engineering", "Engineering"),
        new(2, "design", "Design"),
        new(3, "product", "Product"),
        new(4, "data", "Data Science"),
        new(5, "marketing", "Marketing"),
        new(6, "sales", "Sales"),
        new(7, "customer_support", "Customer Support"),
        new(8, "finance", "Finance"),
        new(9, "human_resources", "Human Resources"),
        new(10, "operations", "Operations"),
        new(11, "legal", "Legal"),
        new(12, "healthcare", "Healthcare"),
        new(13, "education", "Education"),
        new(14, "other", "Other"),
    ];

    public static readonly IReadOnlyList<CatalogEntry> JobTypes =
    [
        new(1, "full_time", "Full-time"),
        new(2, "part_time", "Part-time"),
        new(3, "contract", "Contract"),
        new(4, "internship", "Internship"),
        new(5, "freelance", "Freelance"),
    ];

    public static readonly IReadOnlyList<string> ExperienceLevels = ["intern", "junior", "mid", "senior", "lead"];

    /// <summary>The platform's (document 002's) experience level of each of document 003's, for job preferences and lists.</summary>
    public static string PlatformExperienceLevel(string level) => level switch
    {
        "intern" or "junior" => "entry",
        "lead" => "executive",
        _ => level,
    };

    public static CatalogEntry? Category(long id) => Categories.FirstOrDefault(c => c.Id == id);

    public static CatalogEntry? JobType(long id) => JobTypes.FirstOrDefault(t => t.Id == id);

    /// <summary>A job type by its id ("1") or its code ("full_time", any case).</summary>
    public static CatalogEntry? JobType(string idOrCode)
    {
        var text = idOrCode.Trim();
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? JobType(id)
            : JobTypes.FirstOrDefault(t => string.Equals(t.Code, text, StringComparison.OrdinalIgnoreCase));
    }

    public static string? ExperienceLevel(string text) =>
        ExperienceLevels.FirstOrDefault(l => string.Equals(l, text.Trim(), StringComparison.OrdinalIgnoreCase));
}
