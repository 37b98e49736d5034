using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Reference;

/// <summary>A country, its phone code, and whether the platform permits phone numbers from it.</summary>
public sealed record Country(int Id, string Name, string Code, bool Permitted);

/// <summary>
/// Countries, their phone codes, and whether the platform permits them. The list is seeded from
/// <see cref="CountryList"/> into the reference container on first use, every country permitted; seeding
/// only creates what is missing, so permissions set by administrators survive restarts and re-seeding.
/// </summary>
public sealed class CountryService(DocumentStore store, AdminPolicy admins)
{
    private const string CountriesPartition = "countries";
    private const string CountryKind = "country";
    public const string Enable = "enable";
    public const string Disable = "disable";

    // Named after the list's length: a longer list seeds again and adds the new countries.
    private static readonly string SeededMarker = "countries-seeded-" + CountryList.All.Count.ToString(CultureInfo.InvariantCulture);

    private readonly SemaphoreSlim _seeding = new(1, 1);
    private volatile bool _seeded;

    /// <summary>Every country, or only the enabled or disabled ones ("enable" / "disable"), by id.</summary>
    public async Task<IReadOnlyList<Country>> ListAsync(string? status, CancellationToken ct = default)
    {
        var permitted = string.IsNullOrEmpty(status) ? (bool?)null : ParseStatus(status, "status");
        await EnsureSeededAsync(ct);
        var sql = "SELECT * FROM c WHERE c.partition = @partition AND c.kind = @kind" + (permitted is null ? "" : " AND c.permitted = @permitted");
        var query = new QueryDefinition(sql).WithParameter("@partition", CountriesPartition).WithParameter("@kind", CountryKind);
        if (permitted is not null) query = query.WithParameter("@permitted", permitted.Value);
        var found = await store.QueryListAsync<CountryDocument>(Containers.Reference, query, CountriesPartition, ct: ct);
        return found.OrderBy(c => c.CountryId).Select(c => c.ToCountry()).ToList();
    }

    /// <summary>Permits or forbids a country (by name, any case, or by id); administrators only.</summary>
    public async Task<Country> SetPermissionAsync(Caller caller, string? country, string? status, CancellationToken ct = default)
    {
        await admins.RequireAdminAsync(caller, "Only administrators may change country permissions.", ct);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(country)) errors.Add("country", "This field is required.");
        if (string.IsNullOrWhiteSpace(status)) errors.Add("status", "This field is required.");
        errors.ThrowIfAny();
        var permitted = ParseStatus(status!, "status");

        await EnsureSeededAsync(ct);
        var target = await FindAsync(country!.Trim(), ct) ?? throw PlatformException.NotFound($"Country '{country.Trim()}' not found.");
        var updated = await store.PatchAsync<CountryDocument>(Containers.Reference, target.Id, CountriesPartition,
            [PatchOperation.Set("/permitted", permitted)], ct) ?? throw PlatformException.NotFound($"Country '{country.Trim()}' not found.");
        return updated.ToCountry();
    }

    /// <summary>Whether a phone country code ("+234") belongs to a permitted country.</summary>
    public async Task<bool> IsPermittedCodeAsync(string code, CancellationToken ct = default)
    {
        await EnsureSeededAsync(ct);
        var query = new QueryDefinition(
                "SELECT TOP 1 VALUE c.country_id FROM c WHERE c.partition = @partition AND c.kind = @kind AND c.code = @code AND c.permitted = true")
            .WithParameter("@partition", CountriesPartition).WithParameter("@kind", CountryKind).WithParameter("@code", code.Trim());
        return (await store.QueryListAsync<int>(Containers.Reference, query, CountriesPartition, take: 1, ct: ct)).Count > 0;
    }

    private static bool ParseStatus(string status, string field) => status.Trim().ToLowerInvariant() switch
    {
        Enable => true,
        Disable => false,
        _ => throw PlatformException.InvalidFields(new Dictionary<string, string> { [field] = $"Use \"{Enable}\" or \"{Disable}\"." }),
    };

    private async Task<CountryDocument?> FindAsync(string country, CancellationToken ct)
    {
        if (int.TryParse(country, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return (await store.ReadAsync<CountryDocument>(Containers.Reference, DocumentId(id), CountriesPartition, ct))?.Document;
        var query = new QueryDefinition("SELECT * FROM c WHERE c.partition = @partition AND c.kind = @kind AND c.name_key = @name")
            .WithParameter("@partition", CountriesPartition).WithParameter("@kind", CountryKind).WithParameter("@name", country.ToLowerInvariant());
        return (await store.QueryListAsync<CountryDocument>(Containers.Reference, query, CountriesPartition, take: 1, ct: ct)).FirstOrDefault();
    }

    private async Task EnsureSeededAsync(CancellationToken ct)
    {
        if (_seeded) return;
        await _seeding.WaitAsync(ct);
        try
        {
            if (_seeded) return;
            if (await store.ReadAsync<Marker>(Containers.Reference, SeededMarker, CountriesPartition, ct) is null)
            {
                // Create-if-missing, so two processes seeding at once, or a seeding cut short, end the same way.
                foreach (var batch in CountryList.All.Select((c, i) => CountryDocument.Of(i + 1, c.Name, c.Code)).Chunk(16))
                    await Task.WhenAll(batch.Select(c => store.TryCreateAsync(Containers.Reference, c, CountriesPartition, ct)));
                await store.TryCreateAsync(Containers.Reference, new Marker(SeededMarker, CountriesPartition), CountriesPartition, ct);
            }
            _seeded = true;
        }
        finally
        {
            _seeding.Release();
        }
    }

    private static string DocumentId(int countryId) => "country:" + countryId.ToString(CultureInfo.InvariantCulture);

    private sealed record Marker(string Id, string Partition);

    private sealed record CountryDocument(string Id, string Partition, string Kind, int CountryId, string Name, string NameKey, string Code, bool Permitted)
    {
        public static CountryDocument Of(int id, string name, string code) =>
            new(DocumentId(id), CountriesPartition, CountryKind, id, name, name.ToLowerInvariant(), code, true);

        public Country ToCountry() => new(CountryId, Name, Code, Permitted);
    }
}
