using CareerNexus.Accounts;
using CareerNexus.Posts;

namespace CareerNexus.Functions.Nexus;

// How document 002 shows posts and comments. Absent media read "N/A", like blank profile fields.

/// <summary>
/// A post in a list or alone: the feed's fields, plus "media" (the first picture, else the video), which is how the
/// document's following and saved lists show a post's media.
/// </summary>
public sealed record PostItem(PersonSnippet Profile, string Body, string Pic1, string Pic2, string Pic3, string Video, string Media,
    string Article, DateTimeOffset TimeStamp, long CommentCount, long LikeCount, long ShareCount, long? Parent, long PostId)
{
    public static PostItem Of(PostView view)
    {
        var p = view.Post;
        return new(PersonSnippet.Of(view.Author, p.AuthorId), p.Content, NexusPeople.OrMissing(p.Image), NexusPeople.OrMissing(p.Pic2),
            NexusPeople.OrMissing(p.Pic3), NexusPeople.OrMissing(p.Video), PostShapes.Media(p), NexusPeople.OrMissing(p.Article), p.CreatedAt,
            p.CommentsCount, p.LikesCount, p.SharesCount, p.ParentId, p.PostId);
    }
}

/// <summary>The answer to a new post: the document's fields, and its id so that the client can address it.</summary>
public sealed record CreatedPost(string Body, string Pic1, string Pic2, string Pic3, string Video, string Article, DateTimeOffset TimeStamp, long PostId)
{
    public static CreatedPost Of(PostView view)
    {
        var p = view.Post;
        return new(p.Content, NexusPeople.OrMissing(p.Image), NexusPeople.OrMissing(p.Pic2), NexusPeople.OrMissing(p.Pic3),
            NexusPeople.OrMissing(p.Video), NexusPeople.OrMissing(p.Article), p.CreatedAt, p.PostId);
    }
}

/// <summary>The answer to a repost: the document's fields, with the new post's id and the reposted one's.</summary>
public sealed record RepostItem(PersonSnippet Profile, string Body, string Media, string Article, DateTimeOffset TimeStamp, long? Parent, long PostId)
{
    public static RepostItem Of(PostView view)
    {
        var p = view.Post;
        return new(PersonSnippet.Of(view.Author, p.AuthorId), p.Content, PostShapes.Media(p), NexusPeople.OrMissing(p.Article), p.CreatedAt,
            p.ParentId, p.PostId);
    }
}

/// <summary>A new comment: its author, text and time, and its id, which replies name as their parent.</summary>
public sealed record CommentItem(PersonSnippet User, string Body, DateTimeOffset TimeStamp, long CommentId)
{
    public static CommentItem Of(ActivityView view) =>
        new(PersonSnippet.Of(view.User, view.Activity.UserId), view.Activity.Content ?? "", view.Activity.CreatedAt, view.Activity.ActivityId);
}

/// <summary>A new reply: its author and text, and its id and parent.</summary>
public sealed record ReplyItem(PersonSnippet User, string Body, long? Parent, long CommentId)
{
    public static ReplyItem Of(ActivityView view) =>
        new(PersonSnippet.Of(view.User, view.Activity.UserId), view.Activity.Content ?? "", view.Activity.ParentId, view.Activity.ActivityId);
}

/// <summary>A comment in a post's thread, with its replies nested the same way.</summary>
public sealed record ThreadItem(long Post, Commenter Commenter, string Body, long? Parent, IReadOnlyList<ThreadItem> Replies,
    DateTimeOffset TimeStamp, long CommentId)
{
    public static ThreadItem Of(CommentThread thread)
    {
        var c = thread.Comment;
        return new(c.PostId, Commenter.Of(thread.User), c.Content ?? "", c.ParentId, thread.Replies.Select(Of).ToList(), c.CreatedAt, c.ActivityId);
    }
}

public sealed record Commenter(string FirstName, string LastName, string MiddleName, string ProfilePicture)
{
    public static Commenter Of(Account? account) => new(NexusPeople.OrMissing(account?.FirstName), NexusPeople.OrMissing(account?.LastName),
        NexusPeople.OrMissing(account?.MiddleName), NexusPeople.OrMissing(account?.Avatar));
}

public sealed record LikedPost(long Post);

public sealed record PostReference(long PostId);

public sealed record SavedPost(PostItem Post);

public static class PostShapes
{
    public static string Media(CareerNexus.Posts.Post p) =>
        NexusPeople.OrMissing(new[] { p.Image, p.Pic2, p.Pic3, p.Video }.FirstOrDefault(m => !string.IsNullOrEmpty(m)));
}

// Request bodies. Ids stay text here so that a bad one is reported by name (NexusIds); media fields take a file or a URL.

public sealed record NewPostBody(string? Body, string? Pic1, string? Pic2, string? Pic3, string? Video, string? Article);

public sealed record CommentBody(string? Post, string? Body);

public sealed record ReplyBody(string? Parent, string? Body);

public sealed record PostBody(string? Post);
