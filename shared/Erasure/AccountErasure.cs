using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Files;
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
public sealed class AccountErasure(DocumentStore store, TokenService tokens, IMessageQueue queue, HandleRegistry handles, FileStore files,
    IEnumerable<IPersonalData> features, TimeProvider clock)
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

    /// <summary>
    /// The worker's part: every feature erases what it keeps of the account, then the account's files, handles and
    /// document go. A redelivery finds less to do, and nothing once the account is gone.
    /// </summary>
    public async Task EraseAsync(long userId, CancellationToken ct = default)
    {
        var id = Key(userId);
        var account = (await store.ReadAsync<Account>(Containers.Accounts, id, id, ct))?.Document;
        if (account?.DeletionRequestedAt is null) return;
        foreach (var feature in features.OrderBy(f => f.Order)) await feature.EraseAsync(account, ct);
        foreach (var file in new[] { account.Avatar, account.CoverPhoto, account.IntroVideo }) await files.DeleteAsync(file, ct);
        await handles.ReleaseAsync(HandleRegistry.UsernameKey(account.Username), ct);
        await handles.ReleaseAsync(HandleRegistry.EmailKey(account.Email), ct);
        await store.DeleteAsync(Containers.Accounts, id, id, ct: ct);
    }

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The account-erasure queue: the body is the account's id.</summary>
public sealed class AccountErasureHandler(AccountErasure erasure) : IQueueHandler
{
    public string Queue => QueueNames.AccountErasure;

    public Task HandleAsync(QueueMessage message, CancellationToken ct) =>
        long.TryParse(message.Body, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            ? erasure.EraseAsync(userId, ct)
            : throw new FormatException("The message body is not an account id.");
}
