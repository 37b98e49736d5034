using CareerNexus.Storage;

namespace CareerNexus.Gamification;

/// <summary>
/// One account's gamification ("stats" in its partition of the gamification container), written when events happen
/// and read whole by GET gamification/me: its XP, a count per activity type, the profile's completion, the badges it
/// earned, its recent activities, and what the leaderboard counts of it. Every award is a fact counted once here
/// (CountOnce), in one patch with all it changes.
/// </summary>
public sealed class GamificationStats : ICountedFacts
{
    public const string Key = "stats";

    public string Id { get; set; } = Key;
    public string Partition { get; set; } = "";
    public long UserId { get; set; }
    public long Xp { get; set; }
    public Dictionary<string, long> Counts { get; set; } = new();

    /// <summary>The candidate profile's completion in percent, from the profile version it was computed on (the newest wins).</summary>
    public int ProfileCompletion { get; set; }
    public DateTimeOffset? ProfileVersion { get; set; }

    public List<EarnedBadge> Badges { get; set; } = [];

    /// <summary>The newest activities first, at most <see cref="GamificationRules.RecentActivities"/>.</summary>
    public List<Activity> Recent { get; set; } = [];

    /// <summary>Posts of the current UTC day, for the daily cap on post XP.</summary>
    public DailyCount? DailyPosts { get; set; }

    /// <summary>
    /// What the leaderboard's histogram counts of this account: the XP it is counted at (null before its first count),
    /// the number of its last move, and the move being made (kept until the histogram has it, so a retry repeats it).
    /// </summary>
    public long? RankedXp { get; set; }
    public long RankSeq { get; set; }
    public RankMove? RankMove { get; set; }

    public List<string>? CountedFacts { get; set; }

    public static GamificationStats Empty(long userId) =>
        new() { Partition = DocumentKeys.UserPartition(userId), UserId = userId, CountedFacts = [] };
}

public sealed record EarnedBadge(int Id, DateTimeOffset EarnedAt);

public sealed record Activity(string Type, int XpEarned, DateTimeOffset Timestamp);

public sealed record DailyCount(string Day, int Count);

/// <summary>One account's move in the histogram: out of the bucket of <see cref="From"/> (none at first), into that of <see cref="To"/>.</summary>
public sealed record RankMove(long Seq, long? From, long To);

/// <summary>
/// One shard of the leaderboard's histogram ("shard:{n}" in the "leaderboard" partition): accounts per XP bucket
/// ("b{bucket}"), an account always counted on the shard of its user id, so that writers spread over the shards and a
/// position is one single-partition query.
/// </summary>
public sealed class LeaderboardShard
{
    public const string PartitionKey = "leaderboard";
    public const int Shards = 8;

    public string Id { get; set; } = "";
    public string Partition { get; set; } = PartitionKey;
    public Dictionary<string, long> Counts { get; set; } = new();
    public List<string>? CountedFacts { get; set; }

    public static string IdOf(long userId) => "shard:" + (userId % Shards).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string BucketKey(int bucket) => "b" + bucket.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One award: the fact it was for, once per account ("award:{fact}" in its partition), counted flag as CountOnce sets it.</summary>
public sealed record Award(string Id, string Partition, long UserId, string Type, string Fact, DateTimeOffset At, bool Counted);

/// <summary>What GET gamification/me shows: the stats (empty before any event) and the leaderboard position.</summary>
public sealed record GamificationProfile(long UserId, string Username, GamificationStats Stats, long LeaderboardPosition);
