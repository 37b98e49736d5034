using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Posts;
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
public sealed class FollowService(DocumentStore store, IdAllocator ids, AccountService accounts, CountOnce counting, PostWork work, TimeProvider clock)
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
        {
            // A follow whose request stopped before it was counted is finished by its repeat, which is still a conflict.
            var existing = await store.ReadAsync<Edge>(Containers.Follows, EdgeId(Following, followingId), Key(followerId), ct);
            if (existing?.Document is { Counted: false } stopped) await CountAsync(stopped.ToFollow(), ct);
            throw PlatformException.Conflict($"You are already following {target.Username}");
        }
        await CountAsync(follow, ct);
        await work.SubmitAsync(PostWork.Follow(followerId, followingId), ct);
        return follow;
    }

    /// <summary>The follower's edge, then both counters (once per follow), then the edge marked counted.</summary>
    private async Task CountAsync(Follow follow, CancellationToken ct)
    {
        await store.UpsertAsync(Containers.Follows, Edge.Of(follow, Follower), Key(follow.FollowingId), ct);
        await counting.CountAsync(FollowFact(follow),
            [AccountService.Counter(follow.FollowerId, (AccountCounters.Following, 1)), AccountService.Counter(follow.FollowingId, (AccountCounters.Followers, 1))], ct);
        await store.PatchAsync<Edge>(Containers.Follows, EdgeId(Following, follow.FollowingId), Key(follow.FollowerId), [PatchOperation.Set("/counted", true)], ct);
    }

    private static string FollowFact(Follow follow) => "follow:" + follow.Id.ToString(CultureInfo.InvariantCulture);

    public async Task<Account> UnfollowAsync(long followerId, string username, CancellationToken ct = default)
    {
        var target = await accounts.GetByUsernameAsync(username, ct);
        var edge = await store.ReadAsync<Edge>(Containers.Follows, EdgeId(Following, target.UserId), Key(followerId), ct)
                   ?? throw PlatformException.Invalid($"You are not following {target.Username}");
        var follow = edge.Document.ToFollow();
        // Taken back from the counters before the edges go, so that a repeat after a stop still finds what to take back.
        await counting.UncountAsync(FollowFact(follow), edge.Document.Counted != false,
            [AccountService.Counter(followerId, (AccountCounters.Following, 1)), AccountService.Counter(target.UserId, (AccountCounters.Followers, 1))], ct);
        await store.DeleteAsync(Containers.Follows, EdgeId(Follower, followerId), Key(target.UserId), ct: ct);
        await store.DeleteAsync(Containers.Follows, edge.Document.Id, Key(followerId), ct: ct);
        await work.SubmitAsync(PostWork.Unfollow(followerId, target.UserId), ct);
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

    /// <summary>Whether the follower follows the account (a point read of the follower's edge).</summary>
    public async Task<bool> IsFollowingAsync(long followerId, long followingId, CancellationToken ct = default) =>
        await store.ReadAsync<Edge>(Containers.Follows, EdgeId(Following, followingId), Key(followerId), ct) is not null;

    /// <summary>Every follower of the account (for the posts queue's fan-out: background work).</summary>
    public async Task<IReadOnlyList<long>> FollowerIdsAsync(long followingId, CancellationToken ct = default)
    {
        var query = new QueryDefinition("SELECT VALUE c.other_id FROM c WHERE c.partition = @partition AND c.direction = @direction")
            .WithParameter("@partition", Key(followingId)).WithParameter("@direction", Follower);
        return await store.QueryListAsync<long>(Containers.Follows, query, Key(followingId), ct: ct);
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
        string FollowerUsername, string FollowingUsername, DateTimeOffset CreatedAt, bool? Counted = null)
    {
        public static Edge Of(Follow f, string direction) => direction == Following
            ? new Edge(EdgeId(Following, f.FollowingId), Key(f.FollowerId), Following, f.FollowingId, f.Id, f.FollowerId, f.FollowingId,
                f.FollowerUsername, f.FollowingUsername, f.CreatedAt, Counted: false)
            : new Edge(EdgeId(Follower, f.FollowerId), Key(f.FollowingId), Follower, f.FollowerId, f.Id, f.FollowerId, f.FollowingId,
                f.FollowerUsername, f.FollowingUsername, f.CreatedAt, Counted: false);

        public Follow ToFollow() => new(FollowId, FollowerId, FollowingId, FollowerUsername, FollowingUsername, CreatedAt);
    }
}
