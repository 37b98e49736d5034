namespace CareerNexus.Storage;

/// <summary>A slug taken by one object of a catalog partition (a blog post, an NGO), by "slug:{slug}" in that partition.</summary>
public sealed record SlugClaim(string Id, string Partition, long OwnerId, DateTimeOffset ClaimedAt)
{
    public const string Type = "slug";
    public string Kind { get; init; } = Type;
}

/// <summary>
/// Slugs unique within a catalog partition: each is claimed by creating its claim document there, so of two objects
/// made at once with one slug, one gets it. A claim names its object, so a slug is also a point read away from it.
/// </summary>
public sealed class SlugClaims(DocumentStore store, TimeProvider clock)
{
    // A claim whose object was never written (the request stopped in between) is freed after this; before, its object may be on its way.
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    /// <summary>Slugs are cut to this length (document ids hold 255 characters).</summary>
    public const int MaxLength = 100;

    public static string Key(string slug) => "slug:" + slug;

    /// <summary>The object holding the slug, or null; a slug that could not be a document id was never claimed.</summary>
    public async Task<long?> FindAsync(ContainerSpec spec, string partition, string slug, CancellationToken ct = default) =>
        IsValid(slug) ? (await store.ReadAsync<SlugClaim>(spec, Key(slug), partition, ct))?.Document.OwnerId : null;

    /// <summary>
    /// Claims the slug for the object: true when it holds it now. A claim whose object never came (<paramref name="exists"/>
    /// says no, minutes later: a create that stopped half-way) is taken over.
    /// </summary>
    public async Task<bool> ClaimAsync(ContainerSpec spec, string partition, string slug, long ownerId, Func<long, Task<bool>> exists,
        CancellationToken ct = default)
    {
        var claim = new SlugClaim(Key(slug), partition, ownerId, clock.GetUtcNow());
        if (await store.TryCreateAsync(spec, claim, partition, ct)) return true;
        var held = await store.ReadAsync<SlugClaim>(spec, claim.Id, partition, ct);
        if (held is null) return await store.TryCreateAsync(spec, claim, partition, ct);
        if (held.Document.OwnerId == ownerId) return true;
        if (claim.ClaimedAt - held.Document.ClaimedAt < AbandonedAfter || await exists(held.Document.OwnerId)) return false;
        return await store.TryReplaceAsync(spec, claim.Id, claim, partition, held.ETag, ct);
    }

    /// <summary>Gives the slug up, if the object still holds it.</summary>
    public async Task ReleaseAsync(ContainerSpec spec, string partition, string slug, long ownerId, CancellationToken ct = default)
    {
        var held = await store.ReadAsync<SlugClaim>(spec, Key(slug), partition, ct);
        if (held?.Document.OwnerId == ownerId) await store.DeleteAsync(spec, held.Document.Id, partition, held.ETag, ct);
    }

    /// <summary>The slug of a name, cut to <see cref="MaxLength"/>; empty when the name has no letter or digit.</summary>
    public static string Of(string name)
    {
        var slug = Common.Slugs.Of(name);
        return slug.Length <= MaxLength ? slug : slug[..MaxLength].TrimEnd('-');
    }

    private static bool IsValid(string slug) => slug.Length is > 0 and <= MaxLength && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
