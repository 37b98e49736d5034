using CareerNexus.Accounts;

namespace CareerNexus.Posts;

/// <summary>
/// A post as stored. Counters are patched on write; the author's username is immutable, so it is kept here for filtering.
/// The author's industry and mentor standing are copied in when the post is made, so that a feed is one query over posts:
/// a later change of the author's profile does not move the posts made before it.
/// </summary>
public sealed class Post
{
    public const int MaxContentLength = 5000;

    public string Id { get; set; } = "";
    public long PostId { get; set; }
    public long AuthorId { get; set; }
    public string AuthorUsername { get; set; } = "";
    public string AuthorIndustry { get; set; } = "";
    public bool AuthorIsMentor { get; set; }
    public string Content { get; set; } = "";

    /// <summary>The first picture (Careers calls it the post's image).</summary>
    public string? Image { get; set; }

    public string? Pic2 { get; set; }
    public string? Pic3 { get; set; }
    public string? Video { get; set; }

    /// <summary>A document attached to the post.</summary>
    public string? Article { get; set; }

    /// <summary>The post this one reposts, if it is a repost.</summary>
    public long? ParentId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public long LikesCount { get; set; }
    public long CommentsCount { get; set; }
    public long SharesCount { get; set; }
    public string SearchText { get; set; } = "";

    /// <summary>Set when the author deletes it: hidden from then on, until the posts queue has cleaned up after it and removes it.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>False until the author's post count has it; absent on posts counted before the flag existed.</summary>
    public bool? Counted { get; set; }

    /// <summary>
    /// How the author appears on the post, copied when it is made and again whenever they change it, so that reading
    /// a post is one point read; absent on posts made before the copy existed (their author is then read).
    /// </summary>
    public PostAuthor? Author { get; set; }

    public void RefreshSearchText() => SearchText = (Content + "\n" + AuthorUsername).ToLowerInvariant();
}

public static class PostCounters
{
    public const string Likes = "/likes_count";
    public const string Comments = "/comments_count";
    public const string Shares = "/shares_count";
}

/// <summary>A post with what a reader sees around it: its author, and whether the reader likes it (false where the list does not ask).</summary>
public sealed record PostView(Post Post, PostAuthor? Author, bool IsLiked);

/// <summary>What a post shows of its author.</summary>
public sealed record PostAuthor(string Username, string FirstName, string LastName, string MiddleName, string? Avatar, string Qualification)
{
    public static PostAuthor Of(Account account) =>
        new(account.Username, account.FirstName, account.LastName, account.MiddleName, account.Avatar, account.Qualification);
}

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
/// and post (their id is "like:{user}"), comments have their own ids. A reply is a comment whose parent is another
/// comment of the same post; it counts among the post's comments.
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

    /// <summary>For a reply: the activity id of the comment it answers.</summary>
    public long? ParentId { get; set; }

    /// <summary>0 for a comment on the post, one more for each reply level.</summary>
    public int Depth { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// For a like or share: false until the post's and its author's counters have it. Absent on comments, and on
    /// likes and shares counted before the flag existed.
    /// </summary>
    public bool? Counted { get; set; }

    /// <summary>When a repeated like or share took over counting one whose own process stopped.</summary>
    public DateTimeOffset? CountingSince { get; set; }
}

/// <summary>A comment with the replies under it, oldest first at every level.</summary>
public sealed record CommentThread(PostActivity Comment, Account? User, IReadOnlyList<CommentThread> Replies);
