using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Candidates;
using CareerNexus.Common;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Gamification;

/// <summary>
/// XP, levels, badges, achievements and the leaderboard (document 003's gamification module), kept as documents written
/// when events happen, never computed by scanning on a read. An award is a fact with a document of its own per account
/// ("award:{fact}"), so a retried request or a redelivered message earns nothing twice; it is counted once on the
/// account's stats (CountOnce) and then moves the account in the leaderboard's histogram.
/// </summary>
public sealed class GamificationService(DocumentStore store, CountOnce counting, AccountService accounts)
{
    /// <summary>Awards the rule's XP to the account for one fact (an application, a post...), once whatever the retries.</summary>
    public async Task AwardAsync(long userId, string type, string fact, DateTimeOffset at, CancellationToken ct = default)
    {
        var rule = GamificationRules.ByType[type];
        var partition = DocumentKeys.UserPartition(userId);
        var award = new Award("award:" + fact, partition, userId, type, fact, at, Counted: false);
        if (!await store.TryCreateAsync(Containers.Gamification, award, partition, ct))
        {
            var stored = (await store.ReadAsync<Award>(Containers.Gamification, award.Id, partition, ct))?.Document;
            if (stored is null || stored.Counted) return;
        }
        await ApplyAsync(userId, award.Id, stats => Earn(stats, rule, at), ct);
        await SyncRankAsync(userId, ct);
        await store.PatchAsync<Award>(Containers.Gamification, award.Id, partition, [PatchOperation.Set("/counted", true)], ct);
    }

    /// <summary>
    /// A candidate profile changed: its completion is kept (from the newest profile version only), and the first time it
    /// is complete earns the profile_completed award.
    /// </summary>
    public async Task ProfileChangedAsync(CandidateProfile profile, CancellationToken ct = default)
    {
        var completion = GamificationRules.Completion(profile);
        var partition = DocumentKeys.UserPartition(profile.UserId);
        GamificationStats stats;
        for (var attempt = 1; ; attempt++)
        {
            var stored = await StatsAsync(profile.UserId, ct);
            stats = stored.Document;
            if (stats.ProfileVersion >= profile.UpdatedAt) break;
            if (await store.TryPatchAsync<GamificationStats>(Containers.Gamification, GamificationStats.Key, partition,
                    [PatchOperation.Set("/profile_completion", completion), PatchOperation.Set("/profile_version", profile.UpdatedAt)], stored.ETag, ct)
                is not null) break;
            await DocumentStore.ContendedAsync(attempt, ct);
        }
        // Once counted, the award is earned for good: later edits of a complete profile write nothing more.
        if (completion == 100 && stats.Counts.GetValueOrDefault(ActivityTypes.ProfileCompleted) == 0)
            await AwardAsync(profile.UserId, ActivityTypes.ProfileCompleted, "profile-completed", profile.UpdatedAt, ct);
    }

    /// <summary>
    /// The caller's stats (empty before any event) and leaderboard position, read in parallel with the account: the
    /// stats are one point read and the position one single-partition query over the histogram's shards.
    /// </summary>
    public async Task<GamificationProfile> MeAsync(Caller caller, CancellationToken ct = default)
    {
        var account = accounts.GetAsync(caller, ct);
        var stats = store.ReadAsync<GamificationStats>(Containers.Gamification, GamificationStats.Key, DocumentKeys.UserPartition(caller.UserId), ct);
        var shards = store.QueryListAsync<LeaderboardShard>(Containers.Gamification,
            new QueryDefinition("SELECT * FROM c WHERE c.partition = @partition").WithParameter("@partition", LeaderboardShard.PartitionKey),
            LeaderboardShard.PartitionKey, ct: ct);
        var mine = (await stats)?.Document ?? GamificationStats.Empty(caller.UserId);
        var bucket = GamificationRules.Bucket(mine.Xp);
        var above = (await shards).SelectMany(s => s.Counts).Where(c => BucketOf(c.Key) > bucket).Sum(c => Math.Max(0, c.Value));
        var known = await account;
        return new GamificationProfile(known.UserId, known.Username, mine, 1 + above);
    }

    /// <summary>What one award changes on the stats, all in one patch: XP, the type's count, recent activities, new badges.</summary>
    private static IEnumerable<PatchOperation> Earn(GamificationStats stats, XpRule rule, DateTimeOffset at)
    {
        var xp = rule.Xp;
        var operations = new List<PatchOperation>();
        if (rule.Type == ActivityTypes.PostCreated)
        {
            var day = at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var today = stats.DailyPosts?.Day == day ? stats.DailyPosts.Count : 0;
            if (today >= GamificationRules.DailyPostAwards) xp = 0;
            operations.Add(PatchOperation.Set("/daily_posts", new DailyCount(day, today + 1)));
        }
        var counts = new Dictionary<string, long>(stats.Counts);
        counts[rule.Type] = counts.GetValueOrDefault(rule.Type) + 1;
        operations.Add(PatchOperation.Increment($"/counts/{rule.Type}", 1));
        if (xp != 0) operations.Add(PatchOperation.Increment("/xp", xp));
        operations.Add(PatchOperation.Set("/recent", stats.Recent.Append(new Activity(rule.Type, xp, at)).OrderByDescending(a => a.Timestamp)
            .Take(GamificationRules.RecentActivities).ToList()));
        var earned = GamificationRules.Earned(counts, stats.Xp + xp, stats.Badges.Select(b => b.Id).ToHashSet()).ToList();
        if (earned.Count > 0) operations.Add(PatchOperation.Set("/badges", stats.Badges.Concat(earned.Select(b => new EarnedBadge(b.Id, at))).ToList()));
        return operations;
    }

    /// <summary>Applies a fact to the account's stats once, making the stats on the account's first event.</summary>
    private async Task ApplyAsync(long userId, string fact, Func<GamificationStats, IEnumerable<PatchOperation>?> change, CancellationToken ct)
    {
        var partition = DocumentKeys.UserPartition(userId);
        if (await counting.ApplyAsync(fact, Containers.Gamification, GamificationStats.Key, partition, change, ct)) return;
        await store.TryCreateAsync(Containers.Gamification, GamificationStats.Empty(userId), partition, ct);
        await counting.ApplyAsync(fact, Containers.Gamification, GamificationStats.Key, partition, change, ct);
    }

    private async Task<Stored<GamificationStats>> StatsAsync(long userId, CancellationToken ct)
    {
        var partition = DocumentKeys.UserPartition(userId);
        var stored = await store.ReadAsync<GamificationStats>(Containers.Gamification, GamificationStats.Key, partition, ct);
        if (stored is not null) return stored;
        await store.TryCreateAsync(Containers.Gamification, GamificationStats.Empty(userId), partition, ct);
        return await store.ReadAsync<GamificationStats>(Containers.Gamification, GamificationStats.Key, partition, ct)
               ?? throw PlatformException.Conflict("The statistics are changing, try again.");
    }

    /// <summary>
    /// Brings the histogram to the account's XP, one move at a time: the move is first written on the stats (so a
    /// retry repeats the same move, a fact of its own: "rank:{user}:{seq}"), then counted on the account's shard, then
    /// cleared while setting the XP the histogram counts. Awards arriving meanwhile only raise the XP, which the next
    /// round of the loop moves to.
    /// </summary>
    private async Task SyncRankAsync(long userId, CancellationToken ct)
    {
        var partition = DocumentKeys.UserPartition(userId);
        long? moved = null;
        for (var contended = 1; ;)
        {
            var stored = await store.ReadAsync<GamificationStats>(Containers.Gamification, GamificationStats.Key, partition, ct);
            if (stored is null) return;
            var stats = stored.Document;
            IReadOnlyList<PatchOperation>? step = null;
            if (stats.RankMove is { } done && done.Seq == moved)
                step = [PatchOperation.Set("/ranked_xp", done.To), PatchOperation.Set("/rank_seq", done.Seq), PatchOperation.Remove("/rank_move")];
            else if (stats.RankMove is null)
            {
                if (stats.RankedXp == stats.Xp) return;
                step = [PatchOperation.Set("/rank_move", new RankMove(stats.RankSeq + 1, stats.RankedXp, stats.Xp))];
            }
            if (step is not null)
            {
                if (await store.TryPatchAsync<GamificationStats>(Containers.Gamification, GamificationStats.Key, partition, step, stored.ETag, ct) is null)
                    await DocumentStore.ContendedAsync(contended++, ct);
                continue;
            }
            await MoveAsync(userId, stats.RankMove!, ct);
            moved = stats.RankMove!.Seq;
        }
    }

    /// <summary>
    /// Takes an account off the leaderboard (its erasure): a move in progress is finished first, then the bucket the
    /// histogram counts it in loses it, once ("rank:{user}:erased"). Its stats are left to the caller to delete.
    /// </summary>
    public async Task UnrankAsync(long userId, CancellationToken ct = default)
    {
        var stats = (await store.ReadAsync<GamificationStats>(Containers.Gamification, GamificationStats.Key, DocumentKeys.UserPartition(userId), ct))
            ?.Document;
        if (stats?.RankMove is { } pending) await MoveAsync(userId, pending, ct);
        if ((stats?.RankMove?.To ?? stats?.RankedXp) is not { } counted) return;
        var bucket = LeaderboardShard.BucketKey(GamificationRules.Bucket(counted));
        await counting.CountAsync(string.Create(CultureInfo.InvariantCulture, $"rank:{userId}:erased"),
            [new CounterTarget(Containers.Gamification, LeaderboardShard.IdOf(userId), LeaderboardShard.PartitionKey, [($"/counts/{bucket}", -1)])], ct);
    }

    /// <summary>Moves the account from its old bucket to its new one on its shard, once per move.</summary>
    private async Task MoveAsync(long userId, RankMove move, CancellationToken ct)
    {
        var to = GamificationRules.Bucket(move.To);
        int? from = move.From is { } xp ? GamificationRules.Bucket(xp) : null;
        if (from == to) return;
        var deltas = new List<(string, long)> { ($"/counts/{LeaderboardShard.BucketKey(to)}", 1) };
        if (from is { } old) deltas.Add(($"/counts/{LeaderboardShard.BucketKey(old)}", -1));
        var shard = LeaderboardShard.IdOf(userId);
        CounterTarget[] target = [new(Containers.Gamification, shard, LeaderboardShard.PartitionKey, deltas)];
        var fact = string.Create(CultureInfo.InvariantCulture, $"rank:{userId}:{move.Seq}");
        if (await counting.CountAsync(fact, target, ct)) return;
        await store.TryCreateAsync(Containers.Gamification, new LeaderboardShard { Id = shard, CountedFacts = [] }, LeaderboardShard.PartitionKey, ct);
        await counting.CountAsync(fact, target, ct);
    }

    private static int BucketOf(string key) =>
        key.Length > 1 && int.TryParse(key.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var bucket) ? bucket : -1;
}
