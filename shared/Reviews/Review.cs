using System.Globalization;
using System.Text.Json.Serialization;

namespace CareerNexus.Reviews;

public static class ReviewTargets
{
    public const string Company = "company";
    public const string Candidate = "candidate";

    public static readonly IReadOnlyList<string> All = [Company, Candidate];
}

/// <summary>
/// A target's ratings as stored counters, moved once per review: how many, their sum and how many of each star
/// ("1" to "5"). Kept on the company itself (so its list and detail read nothing more) or on a candidate's summary.
/// </summary>
public sealed class RatingTally
{
    public const int MinRating = 1;
    public const int MaxRating = 5;

    public long Count { get; set; }
    public long Total { get; set; }
    public Dictionary<string, long> Stars { get; set; } = Enumerable.Range(MinRating, MaxRating).ToDictionary(Star, _ => 0L);

    /// <summary>The mean rating to one decimal, null before the first review.</summary>
    [JsonIgnore]
    public double? Average => Count > 0 ? Math.Round((double)Total / Count, 1, MidpointRounding.AwayFromZero) : null;

    public static string Star(int rating) => rating.ToString(CultureInfo.InvariantCulture);

    /// <summary>The counter fields one review of this rating moves, under the tally's path in its document.</summary>
    public static IReadOnlyList<(string Field, long Delta)> Deltas(string path, int rating) =>
        [($"{path}/count", 1), ($"{path}/total", rating), ($"{path}/stars/{Star(rating)}", 1)];
}

/// <summary>How the author appears on their review, copied when it is written.</summary>
public sealed record ReviewAuthor(long Id, string Username, string FullName);

/// <summary>
/// A review (document 003) in its target's partition ("company:{id}", "candidate:{id}") by "review:{authorId}": one per
/// author and target, whichever request comes first.
/// </summary>
public sealed record Review
{
    public const string Type = "review";

    public string Id { get; init; } = "";
    public string Partition { get; init; } = "";
    public string Kind { get; init; } = Type;
    public long ReviewId { get; init; }
    public string TargetType { get; init; } = "";
    public long TargetId { get; init; }
    public ReviewAuthor Author { get; init; } = new(0, "", "");
    public int Rating { get; init; }
    public string Comment { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>CountOnce's flag: true once the target's tally and the platform's figures counted the review.</summary>
    public bool Counted { get; init; }

    public static string TargetPartition(string targetType, long targetId) => string.Create(CultureInfo.InvariantCulture, $"{targetType}:{targetId}");
    public static string KeyOf(long authorId) => string.Create(CultureInfo.InvariantCulture, $"review:{authorId}");
}

/// <summary>Where review n is (its target and author), by "review:{n}" in a partition of its own.</summary>
public sealed record ReviewIndex(string Id, string Partition, long ReviewId, string TargetPartition, long AuthorId)
{
    public static string KeyOf(long reviewId) => string.Create(CultureInfo.InvariantCulture, $"index:{reviewId}");
}

/// <summary>A candidate's ratings, by "summary" in the candidate's review partition (a company keeps its own on itself).</summary>
public sealed class CandidateRatings
{
    public const string Key = "summary";

    public string Id { get; set; } = Key;
    public string Partition { get; set; } = "";
    public string Kind { get; set; } = "summary";
    public RatingTally Ratings { get; set; } = new();

    [JsonPropertyName("counted_facts")]
    public List<string>? CountedFacts { get; set; }
}
