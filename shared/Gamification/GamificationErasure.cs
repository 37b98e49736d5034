using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Storage;

namespace CareerNexus.Gamification;

/// <summary>
/// An erased account leaves the leaderboard's histogram (so nobody's position counts it any longer), then its stats and
/// awards (its partition) go.
/// </summary>
public sealed class GamificationErasure(DocumentStore store, GamificationService gamification) : IPersonalData
{
    public int Order => 60;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        await gamification.UnrankAsync(account.UserId, ct);
        await store.DeletePartitionAsync(Containers.Gamification, DocumentKeys.UserPartition(account.UserId), ct);
    }
}
