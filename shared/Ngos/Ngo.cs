using System.Globalization;

namespace CareerNexus.Ngos;

/// <summary>
/// An NGO (document 003), by "ngo:{id}" in one catalog partition with every other NGO and their slug and manager claims:
/// an admin-granted set of organisations, so its public list is a single-partition query. Managed by one ngo_manager.
/// </summary>
public sealed class Ngo
{
    public string Id { get; set; } = "";
    public string Partition { get; set; } = NgoDocuments.Catalog;
    public string Kind { get; set; } = NgoDocuments.NgoKind;
    public long NgoId { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string? Logo { get; set; }
    public string Description { get; set; } = "";
    public string Mission { get; set; } = "";
    public string Location { get; set; } = "";
    public string Website { get; set; } = "";
    public long ManagerId { get; set; }

    /// <summary>Lower-cased copies for ordering and filters (the query language has no collation).</summary>
    public string NameKey { get; set; } = "";
    public string SearchText { get; set; } = "";
    public string LocationKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public void RefreshKeys()
    {
        NameKey = Name.ToLowerInvariant();
        SearchText = string.Join('\n', Name, Description, Mission).ToLowerInvariant();
        LocationKey = Location.ToLowerInvariant();
    }
}

/// <summary>The one NGO a manager has, by "manager:{userId}": claimed before the NGO is written, so a manager makes one.</summary>
public sealed record NgoManagerClaim(string Id, string Partition, long UserId, long NgoId)
{
    public string Kind { get; init; } = "manager";
}

public static class NgoDocuments
{
    public const string Catalog = "ngos";
    public const string NgoKind = "ngo";

    public static string NgoKey(long ngoId) => string.Create(CultureInfo.InvariantCulture, $"ngo:{ngoId}");
    public static string ManagerKey(long userId) => string.Create(CultureInfo.InvariantCulture, $"manager:{userId}");
}
