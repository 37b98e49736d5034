using CareerNexus.Accounts;
using CareerNexus.Posts;

namespace CareerNexus.Functions.Nexus;

/// <summary>How document 002 shows posts and comments. Absent media read "N/A", like blank profile fields.</summary>
public static class PostShapes
{
    /// <summary>
    /// A post in a list or alone: the feed's fields, plus "media" (the first picture, else the video), which is how the
    /// document's following and saved lists show a post's media.
    /// </summary>
    public static object Post(PostView view)
    {
        var p = view.Post;
        return new
        {
            profile = NexusPeople.Snippet(view.Author, p.AuthorId),
            body = p.Content,
            pic1 = NexusPeople.OrMissing(p.Image),
            pic2 = NexusPeople.OrMissing(p.Pic2),
            pic3 = NexusPeople.OrMissing(p.Pic3),
            video = NexusPeople.OrMissing(p.Video),
            media = Media(p),
            article = NexusPeople.OrMissing(p.Article),
            time_stamp = p.CreatedAt,
            comment_count = p.CommentsCount,
            like_count = p.LikesCount,
            share_count = p.SharesCount,
            parent = p.ParentId,
            post_id = p.PostId,
        };
    }

    /// <summary>The answer to a new post: the document's fields, and its id so that the client can address it.</summary>
    public static object Created(PostView view)
    {
        var p = view.Post;
        return new
        {
            body = p.Content,
            pic1 = NexusPeople.OrMissing(p.Image),
            pic2 = NexusPeople.OrMissing(p.Pic2),
            pic3 = NexusPeople.OrMissing(p.Pic3),
            video = NexusPeople.OrMissing(p.Video),
            article = NexusPeople.OrMissing(p.Article),
            time_stamp = p.CreatedAt,
            post_id = p.PostId,
        };
    }

    /// <summary>The answer to a repost: the document's fields, with the new post's id and the reposted one's.</summary>
    public static object Repost(PostView view)
    {
        var p = view.Post;
        return new
        {
            profile = NexusPeople.Snippet(view.Author, p.AuthorId),
            body = p.Content,
            media = Media(p),
            article = NexusPeople.OrMissing(p.Article),
            time_stamp = p.CreatedAt,
            parent = p.ParentId,
            post_id = p.PostId,
        };
    }

    /// <summary>A new comment: its author, text and time, and its id, which replies name as their parent.</summary>
    public static object Comment(ActivityView view) => new
    {
        user = NexusPeople.Snippet(view.User, view.Activity.UserId),
        body = view.Activity.Content ?? "",
        time_stamp = view.Activity.CreatedAt,
        comment_id = view.Activity.ActivityId,
    };

    /// <summary>A new reply: its author and text, and its id and parent.</summary>
    public static object Reply(ActivityView view) => new
    {
        user = NexusPeople.Snippet(view.User, view.Activity.UserId),
        body = view.Activity.Content ?? "",
        parent = view.Activity.ParentId,
        comment_id = view.Activity.ActivityId,
    };

    /// <summary>A comment in a post's thread, with its replies nested the same way.</summary>
    public static object Thread(CommentThread thread)
    {
        var c = thread.Comment;
        return new
        {
            post = c.PostId,
            commenter = Commenter(thread.User),
            body = c.Content ?? "",
            parent = c.ParentId,
            replies = thread.Replies.Select(Thread).ToList(),
            time_stamp = c.CreatedAt,
            comment_id = c.ActivityId,
        };
    }

    private static object Commenter(Account? account) => new
    {
        first_name = NexusPeople.OrMissing(account?.FirstName),
        last_name = NexusPeople.OrMissing(account?.LastName),
        middle_name = NexusPeople.OrMissing(account?.MiddleName),
        profile_picture = NexusPeople.OrMissing(account?.Avatar),
    };

    private static string Media(CareerNexus.Posts.Post p) =>
        NexusPeople.OrMissing(new[] { p.Image, p.Pic2, p.Pic3, p.Video }.FirstOrDefault(m => !string.IsNullOrEmpty(m)));
}
