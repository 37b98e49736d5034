using CareerNexus.Accounts;

namespace CareerNexus.Posts;

/// <summary>A post as stored. Counters are patched on write; the author's username is immutable, so it is kept here for filtering.</summary>
public sealed class Post
{
    public const int MaxContentLength = 5000;

    public string Id { get; set; } = "";
    public long PostId { get; set; }
    public long AuthorId { get; set; }
    public string AuthorUsername { get; set; } = "";
    public string Content { get; set; } = "";
    public string? Image { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long LikesCount { get; set; }
    public long CommentsCount { get; set; }
    public long SharesCount { get; set; }
    public string SearchText { get; set; } = "";

    public void RefreshSearchText() => SearchText = (Content + "\n" + AuthorUsername).ToLowerInvariant();
}

public static class PostCounters
{
    public const string Likes = "/likes_count";
    public const string Comments = "/comments_count";
    public const string Shares = "/shares_count";
}

/// <summary>A post with what a reader sees around it: its author now, and whether the reader likes it.</summary>
public sealed record PostView(Post Post, Account? Author, bool IsLiked);

/// <summary>A like, comment or share, with the account that made it.</summary>
public sealed record ActivityView(PostActivity Activity, Account? User);

public enum ActivityKind
{
    Like,
    Comment,
    Share,
}

/// <summary>
/// A like, comment or share, stored in the partition of its post. Likes and shares are one per account
/// and post (their id is "like:{user}"), comments have their own ids.
/// </summary>
public sealed class PostActivity
{
    public const int MaxTextLength = 2000;

    public string Id { get; set; } = "";
    public string Partition { get; set; } = "";
    public ActivityKind Kind { get; set; }
    public long ActivityId { get; set; }
    public long PostId { get; set; }
    public long UserId { get; set; }
    public string? Content { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
