using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Storage;

namespace CareerNexus.Gamification;

/// <summary>
/// An erased account's stats and awards (its partition) go; the leaderboard's histogram keeps a count in its bucket,
/// which names nobody, until the shards are next rebuilt.
/// </summary>
public sealed class GamificationErasure(DocumentStore store) : IPersonalData
{
    public int Order => 60;

    public Task EraseAsync(Account account, CancellationToken ct) =>
        store.DeletePartitionAsync(Containers.Gamification, DocumentKeys.UserPartition(account.UserId), ct);
}
