using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Queues;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Erasure;

/// <summary>
/// Deleting an account (document 004's DELETE users/{id}/): the request ends every sign-in at once and makes the account
/// inactive, and queues its erasure; the account-erasure worker then erases its personal data from every feature
/// (<see cref="IPersonalData"/>), frees its email and username, and removes the account last.
/// </summary>
public sealed class AccountErasure(DocumentStore store, TokenService tokens, IMessageQueue queue, TimeProvider clock)
{
    /// <summary>Asks for the caller's own account to be erased; a second request changes nothing and queues it again.</summary>
    public async Task RequestAsync(long callerId, long userId, CancellationToken ct = default)
    {
        if (callerId != userId) throw PlatformException.Forbidden("You may delete only your own account.");
        var id = Key(userId);
        _ = await store.PatchAsync<Account>(Containers.Accounts, id, id,
            [PatchOperation.Set("/is_active", false), PatchOperation.Set("/deletion_requested_at", clock.GetUtcNow())], ct)
            ?? throw PlatformException.NotFound("User not found.");
        await tokens.EndAllSessionsAsync(userId, ct);
        await queue.SendAsync(QueueNames.AccountErasure, "erase:" + id, id, ct);
    }

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
