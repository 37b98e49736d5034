using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Erasure;
using CareerNexus.Storage;

namespace CareerNexus.Social;

/// <summary>
/// An erased account stops following and being followed (each edge carries both usernames): every follow is undone as an
/// unfollow would, so the other accounts' counters and following feeds settle; what is left in its partition goes.
/// </summary>
public sealed class FollowErasure(DocumentStore store, FollowService follows, AccountService accounts) : IPersonalData
{
    public int Order => 50;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        foreach (var followed in await follows.FollowingIdsAsync(account.UserId, int.MaxValue, ct))
            if (await accounts.FindAsync(followed, ct) is { } other) await UndoAsync(account.UserId, other.Username, ct);
        foreach (var follower in await follows.FollowerIdsAsync(account.UserId, ct)) await UndoAsync(follower, account.Username, ct);
        await store.DeletePartitionAsync(Containers.Follows, account.UserId.ToString(CultureInfo.InvariantCulture), ct);
    }

    private async Task UndoAsync(long followerId, string username, CancellationToken ct)
    {
        try
        {
            await follows.UnfollowAsync(followerId, username, ct);
        }
        catch (PlatformException gone) when (gone.Kind is ErrorKind.NotFound or ErrorKind.Invalid)
        {
            // Undone already (a redelivery), or the other account is gone.
        }
    }
}
