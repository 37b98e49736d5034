using CareerNexus.Storage;

namespace CareerNexus.Accounts;

/// <summary>
/// Usernames and emails are unique across the platform, case-insensitively. Cosmos unique keys hold
/// only within a partition, so each one is claimed by creating a document named after it.
/// </summary>
public sealed class HandleRegistry(DocumentStore store, TimeProvider clock)
{
    // A claim whose account was never written (the process stopped in between) is freed after this.
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(2);

    public static string UsernameKey(string username) => "username:" + username.ToLowerInvariant();
    public static string EmailKey(string email) => "email:" + email.ToLowerInvariant();

    /// <summary>The account holding the handle; null when none does, or when the key could not be a document id and so was never claimed.</summary>
    public async Task<long?> FindAsync(string key, CancellationToken ct = default) =>
        CanBeId(key) ? (await store.ReadAsync<Handle>(Containers.Handles, key, key, ct))?.Document.UserId : null;

    // Cosmos ids hold at most 255 characters and none of these; a lookup with them would fail instead of finding nothing.
    private static bool CanBeId(string key) => key.Length <= 255 && key.IndexOfAny(['/', '\\', '?', '#']) < 0;

    /// <summary>Claims the handle for the account; false when another account holds it.</summary>
    public async Task<bool> ClaimAsync(string key, long userId, CancellationToken ct = default)
    {
        var handle = new Handle(key, userId, clock.GetUtcNow());
        if (await store.TryCreateAsync(Containers.Handles, handle, key, ct)) return true;

        var existing = await store.ReadAsync<Handle>(Containers.Handles, key, key, ct);
        if (existing is null) return await store.TryCreateAsync(Containers.Handles, handle, key, ct);
        if (existing.Document.UserId == userId) return true;
        if (clock.GetUtcNow() - existing.Document.ClaimedAt < AbandonedAfter) return false;
        var owner = await store.ReadAsync<Account>(Containers.Accounts, existing.Document.UserId.ToString(), existing.Document.UserId.ToString(), ct);
        if (owner is not null) return false;
        return await store.TryReplaceAsync(Containers.Handles, key, handle, key, existing.ETag, ct);
    }

    public Task ReleaseAsync(string key, CancellationToken ct = default) =>
        store.DeleteAsync(Containers.Handles, key, key, ct: ct);

    private sealed record Handle(string Id, long UserId, DateTimeOffset ClaimedAt);
}
