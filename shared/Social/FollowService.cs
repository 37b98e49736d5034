using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Social;

/// <summary>One follow: who follows whom, since when.</summary>
public sealed record Follow(long Id, long FollowerId, long FollowingId, string FollowerUsername, string FollowingUsername,
    DateTimeOffset CreatedAt);

/// <summary>
/// The follow graph. Each follow is stored twice, as an edge in the follower's partition ("following")
/// and one in the followed account's partition ("follower"), so both lists are single-partition reads.
/// Deterministic edge ids make a retried follow or unfollow change nothing twice.
/// </summary>
public sealed class FollowService(DocumentStore store, IdAllocator ids, AccountService accounts, TimeProvider clock)
{
    private const string Following = "following";
    private const string Follower = "follower";

    public async Task<Follow> FollowAsync(long followerId, long followingId, CancellationToken ct = default)
    {
        if (followerId == followingId) throw PlatformException.Invalid("You cannot follow yourself");
        var target = await accounts.FindAsync(followingId, ct);
        if (target is null || !target.IsActive) throw PlatformException.NotFound("User not found");
        var follower = await accounts.GetAsync(followerId, ct);

        var follow = new Follow(await ids.NextAsync("follows", ct), followerId, followingId, follower.Username, target.Username, clock.GetUtcNow());
        if (!await store.TryCreateAsync(Containers.Follows, Edge.Of(follow, Following), Key(followerId), ct))
            throw PlatformException.Conflict($"You are already following {target.Username}");
        await store.UpsertAsync(Containers.Follows, Edge.Of(follow, Follower), Key(followingId), ct);
        await accounts.AdjustCountersAsync(followerId, [(AccountCounters.Following, 1)], ct);
        await accounts.AdjustCountersAsync(followingId, [(AccountCounters.Followers, 1)], ct);
        return follow;
    }

    public async Task<Account> UnfollowAsync(long followerId, string username, CancellationToken ct = default)
    {
        var target = await accounts.GetByUsernameAsync(username, ct);
        if (!await store.DeleteAsync(Containers.Follows, EdgeId(Following, target.UserId), Key(followerId), ct: ct))
            throw PlatformException.Invalid($"You are not following {target.Username}");
        await store.DeleteAsync(Containers.Follows, EdgeId(Follower, followerId), Key(target.UserId), ct: ct);
        await accounts.AdjustCountersAsync(followerId, [(AccountCounters.Following, -1)], ct);
        await accounts.AdjustCountersAsync(target.UserId, [(AccountCounters.Followers, -1)], ct);
        return target;
    }

    /// <summary>Whom the account follows, newest first; the total is the account's stored counter.</summary>
    public Task<Page<Follow>> FollowingAsync(Account account, PageRequest page, CancellationToken ct = default) =>
        ListAsync(account.UserId, Following, account.FollowingCount, page, ct);

    /// <summary>Who follows the account, newest first.</summary>
    public Task<Page<Follow>> FollowersAsync(Account account, PageRequest page, CancellationToken ct = default) =>
        ListAsync(account.UserId, Follower, account.FollowersCount, page, ct);

    /// <summary>The ids of the accounts the follower follows, newest first, at most <paramref name="max"/> of them.</summary>
    public async Task<IReadOnlyList<long>> FollowingIdsAsync(long followerId, int max, CancellationToken ct = default)
    {
        var query = new QueryDefinition(
                $"SELECT TOP {max} VALUE c.other_id FROM c WHERE c.partition = @partition AND c.direction = @direction ORDER BY c.created_at DESC")
            .WithParameter("@partition", Key(followerId)).WithParameter("@direction", Following);
        return await store.QueryListAsync<long>(Containers.Follows, query, Key(followerId), take: max, ct: ct);
    }

    /// <summary>Which of the given accounts the follower follows, in one single-partition query.</summary>
    public async Task<IReadOnlySet<long>> FollowedAmongAsync(long followerId, IEnumerable<long> candidates, CancellationToken ct = default)
    {
        var ids = candidates.Where(id => id != followerId).Distinct().ToArray();
        if (ids.Length == 0) return new HashSet<long>();
        var query = new QueryDefinition(
                "SELECT VALUE c.other_id FROM c WHERE c.partition = @partition AND c.direction = @direction AND ARRAY_CONTAINS(@ids, c.other_id)")
            .WithParameter("@partition", Key(followerId)).WithParameter("@direction", Following).WithParameter("@ids", ids);
        return (await store.QueryListAsync<long>(Containers.Follows, query, Key(followerId), ct: ct)).ToHashSet();
    }

    private async Task<Page<Follow>> ListAsync(long userId, string direction, long total, PageRequest page, CancellationToken ct)
    {
        var query = new QueryDefinition(
                "SELECT * FROM c WHERE c.partition = @partition AND c.direction = @direction ORDER BY c.created_at DESC")
            .WithParameter("@partition", Key(userId)).WithParameter("@direction", direction);
        return (await store.PartitionPageAsync<Edge>(Containers.Follows, query, Key(userId), total, page, ct)).Map(e => e.ToFollow());
    }

    private static string Key(long userId) => userId.ToString(CultureInfo.InvariantCulture);
    private static string EdgeId(string direction, long otherId) => direction + ":" + otherId.ToString(CultureInfo.InvariantCulture);

    private sealed record Edge(string Id, string Partition, string Direction, long OtherId, long FollowId, long FollowerId, long FollowingId,
        string FollowerUsername, string FollowingUsername, DateTimeOffset CreatedAt)
    {
        public static Edge Of(Follow f, string direction) => direction == Following
            ? new Edge(EdgeId(Following, f.FollowingId), Key(f.FollowerId), Following, f.FollowingId, f.Id, f.FollowerId, f.FollowingId,
                f.FollowerUsername, f.FollowingUsername, f.CreatedAt)
            : new Edge(EdgeId(Follower, f.FollowerId), Key(f.FollowingId), Follower, f.FollowerId, f.Id, f.FollowerId, f.FollowingId,
                f.FollowerUsername, f.FollowingUsername, f.CreatedAt);

        public Follow ToFollow() => new(FollowId, FollowerId, FollowingId, FollowerUsername, FollowingUsername, CreatedAt);
    }
}
