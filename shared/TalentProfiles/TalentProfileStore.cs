using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.TalentProfiles;

/// <summary>
/// Where candidate profiles live (talent_profiles): a profile by slug is one point read, an account's profile its claim and the
/// profile, and a page of the employers' list a single-partition query of the catalog and a point read per profile shown.
/// Other features (the agent search, the resume chat) read profiles through here.
/// </summary>
public sealed class TalentProfileStore(DocumentStore store)
{
    /// <summary>Slugs are the name's slug (cut to 50 characters), a hyphen and 6 random characters.</summary>
    public const int MaxSlugLength = 57;

    /// <summary>Whether the text could be a slug at all: anything else names no profile, without a read.</summary>
    public static bool IsSlug(string? slug) =>
        slug is { Length: > 0 and <= MaxSlugLength } && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    public async Task<Stored<TalentProfile>?> ReadAsync(string slug, CancellationToken ct = default) =>
        IsSlug(slug) ? await store.ReadAsync<TalentProfile>(Containers.TalentProfiles, TalentProfile.DocumentId, TalentProfile.PartitionOf(slug), ct) : null;

    /// <summary>The profile with this slug, or null: one point read.</summary>
    public async Task<TalentProfile?> FindAsync(string slug, CancellationToken ct = default) => (await ReadAsync(slug, ct))?.Document;

    public Task<Stored<TalentProfileClaim>?> ClaimOfAsync(long userId, CancellationToken ct = default) =>
        store.ReadAsync<TalentProfileClaim>(Containers.TalentProfiles, TalentProfileClaim.DocumentId, TalentProfileClaim.PartitionOf(userId), ct);

    /// <summary>The account's profile, or null: its claim, then the profile.</summary>
    public async Task<TalentProfile?> OfUserAsync(long userId, CancellationToken ct = default) =>
        (await ClaimOfAsync(userId, ct))?.Document is { } claim && await FindAsync(claim.Slug, ct) is { } profile && profile.UserId == userId ? profile : null;

    /// <summary>A page of the available profiles, newest first: one query of the catalog, then the page's profiles.</summary>
    public async Task<IReadOnlyList<TalentProfile>> CatalogPageAsync(PageRequest page, CancellationToken ct = default)
    {
        var query = new QueryDefinition("SELECT VALUE c.slug FROM c WHERE c.partition = @partition ORDER BY c.sort DESC")
            .WithParameter("@partition", TalentCatalogEntry.CatalogPartition);
        var slugs = await store.PartitionPageAsync<string>(Containers.TalentProfiles, query, TalentCatalogEntry.CatalogPartition, 0, page, ct);
        var profiles = await Task.WhenAll(slugs.Items.Select(slug => FindAsync(slug, ct)));
        // An entry may outlive its profile's availability for a moment (the two are written one after the other).
        return profiles.OfType<TalentProfile>().Where(p => p.IsAvailable).ToList();
    }

    /// <summary>Puts the profile in the employers' list, or takes it out, as its availability says; repeating it changes nothing.</summary>
    public async Task SyncCatalogAsync(TalentProfile profile, CancellationToken ct = default)
    {
        if (profile.IsAvailable) await store.UpsertAsync(Containers.TalentProfiles, TalentCatalogEntry.Of(profile), TalentCatalogEntry.CatalogPartition, ct);
        else await store.DeleteAsync(Containers.TalentProfiles, TalentCatalogEntry.IdOf(profile.Slug), TalentCatalogEntry.CatalogPartition, ct: ct);
    }

    /// <summary>
    /// Read-modify-replace under the profile's ETag, retried when another write came first: <paramref name="change"/> gets the
    /// profile as stored (on each attempt; what it saw on the last is what was replaced) and returns the profile to write, or
    /// null to write nothing. Answers what was written, or null when the profile is gone or nothing was written.
    /// </summary>
    public async Task<TalentProfile?> ChangeAsync(string slug, Func<TalentProfile, TalentProfile?> change, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await ReadAsync(slug, ct);
            if (stored is null || change(stored.Document) is not { } changed) return null;
            if (await store.TryReplaceAsync(Containers.TalentProfiles, TalentProfile.DocumentId, changed, TalentProfile.PartitionOf(slug), stored.ETag, ct))
                return changed;
            await DocumentStore.ContendedAsync(attempt, ct);
        }
    }

    public Task<bool> TryCreateAsync(TalentProfile profile, CancellationToken ct = default) =>
        store.TryCreateAsync(Containers.TalentProfiles, profile, profile.Partition, ct);

    /// <summary>Claims the account's one profile for the slug: false when the account holds a claim already.</summary>
    public Task<bool> TryClaimAsync(TalentProfileClaim claim, CancellationToken ct = default) =>
        store.TryCreateAsync(Containers.TalentProfiles, claim, claim.Partition, ct);

    /// <summary>Takes over a claim whose profile never came (a create that stopped half-way), if nobody changed it since it was read.</summary>
    public Task<bool> TryReplaceClaimAsync(TalentProfileClaim claim, string etag, CancellationToken ct = default) =>
        store.TryReplaceAsync(Containers.TalentProfiles, TalentProfileClaim.DocumentId, claim, claim.Partition, etag, ct);

    /// <summary>Removes the profile, its catalog entry and (if it still names this profile) its account's claim.</summary>
    public async Task RemoveAsync(TalentProfile profile, CancellationToken ct = default)
    {
        await store.DeleteAsync(Containers.TalentProfiles, TalentCatalogEntry.IdOf(profile.Slug), TalentCatalogEntry.CatalogPartition, ct: ct);
        await store.DeleteAsync(Containers.TalentProfiles, TalentProfile.DocumentId, profile.Partition, ct: ct);
        if (await ClaimOfAsync(profile.UserId, ct) is { Document.Slug: var slug } claim && slug == profile.Slug)
            await store.DeleteAsync(Containers.TalentProfiles, TalentProfileClaim.DocumentId, claim.Document.Partition, claim.ETag, ct);
    }
}
