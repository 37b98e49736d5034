using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Posts;

/// <summary>Likes, comments, replies and shares of posts, with the counters on the post and on its author.</summary>
public sealed class PostActivityService(DocumentStore store, IdAllocator ids, PostService posts, SavedPostService saved, AccountService accounts,
    CountOnce counting, IFaultPoints faults, TimeProvider clock)
{
    /// <summary>How deep replies may nest under a top-level comment (which is depth 0).</summary>
    public const int MaxReplyDepth = 10;

    /// <summary>Replies shown with one page of comments, at most.</summary>
    public const int MaxThreadReplies = 100;

    public static string LikeId(long userId) => "like:" + userId.ToString(CultureInfo.InvariantCulture);
    private static string ShareId(long userId) => "share:" + userId.ToString(CultureInfo.InvariantCulture);
    private static string CommentId(long commentId) => "comment:" + commentId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Where a comment can be found from its public id alone (a reply names only its parent comment).</summary>
    internal static string CommentRefId(long activityId) => "comment-ref:" + activityId.ToString(CultureInfo.InvariantCulture);

    // The options of the methods below come after the token: callers that pass only a token keep their defaults.

    public async Task<ActivityView> LikeAsync(long userId, long postId, PostNaming naming = PostNaming.Addressed, CancellationToken ct = default)
    {
        var post = await posts.GetPostAsync(postId, naming, ct);
        return await AddAsync(userId, post, ActivityKind.Like, null, null, ct)
               ?? throw PlatformException.Conflict("You have already liked this post");
    }

    public async Task<ActivityView> ShareAsync(long userId, long postId, string? content, CancellationToken ct = default)
    {
        CheckText(content, required: false, "content");
        var post = await posts.GetPostAsync(postId, ct: ct);
        return await AddAsync(userId, post, ActivityKind.Share, content?.Trim(), null, ct)
               ?? throw PlatformException.Conflict("You have already shared this post");
    }

    /// <summary>
    /// Shares a post and keeps it among the caller's saved posts. Counted once per account and post: sharing again
    /// changes nothing and is not an error.
    /// </summary>
    public async Task<Post> ShareAndSaveAsync(long userId, long postId, PostNaming naming, CancellationToken ct = default)
    {
        var post = await posts.GetPostAsync(postId, naming, ct);
        await AddAsync(userId, post, ActivityKind.Share, null, null, ct);
        await saved.KeepAsync(userId, post, ct);
        return post;
    }

    /// <summary>A top-level comment; field errors name the text as <paramref name="textField"/>.</summary>
    public async Task<ActivityView> CommentAsync(long userId, long postId, string? content, PostNaming naming = PostNaming.Addressed,
        string textField = "content", CancellationToken ct = default)
    {
        CheckText(content, required: true, textField);
        var post = await posts.GetPostAsync(postId, naming, ct);
        return (await AddAsync(userId, post, ActivityKind.Comment, content!.Trim(), null, ct))!;
    }

    /// <summary>A reply to a comment (or to a reply): it belongs to the same post and counts among its comments.</summary>
    public async Task<ActivityView> ReplyAsync(long userId, long parentCommentId, string? content, CancellationToken ct = default)
    {
        CheckText(content, required: true, "body");
        var reference = await store.ReadAsync<CommentRef>(Containers.PostActivity, CommentRefId(parentCommentId), CommentRefId(parentCommentId), ct)
                        ?? throw PlatformException.Invalid("Inexistent comment");
        // The reference names both the comment and its post, so the two are read together.
        var parentTask = store.ReadAsync<PostActivity>(Containers.PostActivity, reference.Document.CommentId, PostService.Key(reference.Document.PostId), ct);
        var postTask = posts.FindPostAsync(reference.Document.PostId, ct);
        var (parent, post) = (await parentTask, await postTask);
        if (parent is null || post is null) throw PlatformException.Invalid("Inexistent comment");
        if (parent.Document.Depth >= MaxReplyDepth)
            throw PlatformException.Invalid($"Replies can be nested at most {MaxReplyDepth} deep");
        return (await AddAsync(userId, post, ActivityKind.Comment, content!.Trim(), parent.Document, ct))!;
    }

    /// <summary>
    /// One page of a post's comments as threads, oldest first: the page's top-level comments with their replies under
    /// them, read one reply level at a time (depth is bounded when replies are made) and at most
    /// <see cref="MaxThreadReplies"/> replies in all, so a page costs the same however long the discussion grows.
    /// </summary>
    public async Task<IReadOnlyList<CommentThread>> ThreadsAsync(long postId, PostNaming naming, PageRequest page, CancellationToken ct = default)
    {
        var post = await posts.GetPostAsync(postId, naming, ct);
        var top = new QueryDefinition(
                "SELECT * FROM c WHERE c.partition = @partition AND c.kind = @kind AND c.depth = 0 ORDER BY c.created_at ASC")
            .WithParameter("@partition", post.Id).WithParameter("@kind", "comment");
        var comments = (await store.PartitionPageAsync<PostActivity>(Containers.PostActivity, top, post.Id, 0, page, ct)).Items.ToList();
        var parents = comments.Select(c => c.ActivityId).ToList();
        var replyCount = 0;
        for (var level = 1; level <= MaxReplyDepth && parents.Count > 0 && replyCount < MaxThreadReplies; level++)
        {
            var query = new QueryDefinition(
                    $"SELECT TOP {MaxThreadReplies - replyCount} * FROM c WHERE c.partition = @partition AND c.kind = @kind " +
                    "AND ARRAY_CONTAINS(@parents, c.parent_id) ORDER BY c.created_at ASC")
                .WithParameter("@partition", post.Id).WithParameter("@kind", "comment").WithParameter("@parents", parents);
            var replies = await store.QueryListAsync<PostActivity>(Containers.PostActivity, query, post.Id, take: MaxThreadReplies - replyCount, ct: ct);
            comments.AddRange(replies);
            replyCount += replies.Count;
            parents = replies.Select(r => r.ActivityId).ToList();
        }
        var users = await accounts.GetManyAsync(comments.Select(c => c.UserId), ct);
        var repliesTo = comments.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!.Value);

        CommentThread Thread(PostActivity comment) =>
            new(comment, users.GetValueOrDefault(comment.UserId), repliesTo[comment.ActivityId].Select(Thread).ToList());
        return comments.Where(c => c.ParentId is null).Select(Thread).ToList();
    }

    /// <summary>Removes the caller's like; returns the post's like count after it.</summary>
    public async Task<long> UnlikeAsync(long userId, long postId, CancellationToken ct = default)
    {
        var post = await posts.GetPostAsync(postId, ct: ct);
        var like = await store.ReadAsync<PostActivity>(Containers.PostActivity, LikeId(userId), post.Id, ct)
                   ?? throw PlatformException.NotFound("You have not liked this post");
        // Taken back before the like goes, so that a repeat after a stop still finds what to take back; a like never
        // counted takes nothing back.
        await counting.UncountAsync(Fact(like.Document), like.Document.Counted != false, Targets(post, like.Document), ct);
        if (!await store.DeleteAsync(Containers.PostActivity, like.Document.Id, post.Id, ct: ct))
            throw PlatformException.NotFound("You have not liked this post");
        return (await posts.FindPostAsync(post.PostId, ct) ?? throw PlatformException.NotFound("Post not found")).LikesCount;
    }

    public async Task<Page<ActivityView>> ListAsync(long postId, ActivityKind kind, PageRequest page, bool newestFirst, CancellationToken ct = default)
    {
        var post = await posts.GetPostAsync(postId, ct: ct);
        var total = kind switch
        {
            ActivityKind.Like => post.LikesCount,
            ActivityKind.Comment => post.CommentsCount,
            _ => post.SharesCount,
        };
        var query = new QueryDefinition(
                $"SELECT * FROM c WHERE c.partition = @partition AND c.kind = @kind ORDER BY c.created_at {(newestFirst ? "DESC" : "ASC")}")
            .WithParameter("@partition", post.Id).WithParameter("@kind", kind.ToString().ToLowerInvariant());
        var items = await store.PartitionPageAsync<PostActivity>(Containers.PostActivity, query, post.Id, total, page, ct);
        var users = await accounts.GetManyAsync(items.Items.Select(a => a.UserId), ct);
        return items.Map(a => new ActivityView(a, users.GetValueOrDefault(a.UserId)));
    }

    /// <summary>
    /// Records the activity and counts it; null when the account already has this like or share. A comment's
    /// document is named by its activity id, one sequence for both.
    /// </summary>
    private async Task<ActivityView?> AddAsync(long userId, Post post, ActivityKind kind, string? content, PostActivity? parent,
        CancellationToken ct)
    {
        var userTask = accounts.GetAsync(userId, ct);
        var activityIdTask = ids.NextAsync("post_activity", ct);
        var (user, activityId) = (await userTask, await activityIdTask);
        var id = kind switch
        {
            ActivityKind.Like => LikeId(userId),
            ActivityKind.Share => ShareId(userId),
            _ => CommentId(activityId),
        };
        var activity = new PostActivity
        {
            Id = id, Partition = post.Id, Kind = kind, ActivityId = activityId, PostId = post.PostId, UserId = userId,
            Content = content, ParentId = parent?.ActivityId, Depth = parent is null ? 0 : parent.Depth + 1, CreatedAt = clock.GetUtcNow(),
            Counted = kind == ActivityKind.Comment ? null : false,
        };
        // Written first, so that every comment can be found by its id; one left by a failed write below points at nothing.
        if (kind == ActivityKind.Comment)
            await store.UpsertAsync(Containers.PostActivity,
                new CommentRef(CommentRefId(activity.ActivityId), CommentRefId(activity.ActivityId), post.PostId, id), CommentRefId(activity.ActivityId), ct);
        // One like or share per account and post: the deterministic id turns a repeat into a conflict.
        if (!await store.TryCreateAsync(Containers.PostActivity, activity, post.Id, ct))
            return await FinishCountingAsync(post, id, ct) is { } stopped ? new ActivityView(stopped, user) : null;
        faults.Reach("activity:stored");
        await CountAsync(post, activity, ct);
        return new ActivityView(activity, user);
    }

    /// <summary>
    /// A like or share whose request stopped before counting it: its repeat counts it (once: see
    /// <see cref="CountOnce"/>). Null when the existing one is counted.
    /// </summary>
    private async Task<PostActivity?> FinishCountingAsync(Post post, string id, CancellationToken ct)
    {
        var existing = await store.ReadAsync<PostActivity>(Containers.PostActivity, id, post.Id, ct);
        if (existing?.Document is not { Counted: false } activity) return null;
        await CountAsync(post, activity, ct);
        return activity;
    }

    /// <summary>Counts the activity on its post and the post's author, once; a like or share is then marked counted.</summary>
    private async Task CountAsync(Post post, PostActivity activity, CancellationToken ct)
    {
        if (!await counting.CountAsync(Fact(activity), Targets(post, activity), ct))
        {
            // The post was deleted in between: take the activity back rather than count it.
            await store.DeleteAsync(Containers.PostActivity, activity.Id, post.Id, ct: ct);
            throw PlatformException.NotFound("Post not found");
        }
        if (activity.Counted is not null)
        {
            await store.PatchAsync<PostActivity>(Containers.PostActivity, activity.Id, post.Id, [PatchOperation.Set("/counted", true)], ct);
            activity.Counted = true;
        }
    }

    /// <summary>One fact per like, share or comment made: a like made again after an unlike is a new fact.</summary>
    private static string Fact(PostActivity activity) => activity.Id + ":" + activity.ActivityId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The counters an activity moves: its post's, and for likes and comments its author's "received".</summary>
    private static IReadOnlyList<CounterTarget> Targets(Post post, PostActivity activity)
    {
        var (postCounter, authorCounter) = activity.Kind switch
        {
            ActivityKind.Like => (PostCounters.Likes, AccountCounters.LikesReceived),
            ActivityKind.Comment => (PostCounters.Comments, AccountCounters.CommentsReceived),
            _ => (PostCounters.Shares, null),
        };
        var targets = new List<CounterTarget> { new(Containers.Posts, post.Id, post.Id, [(postCounter, 1)]) };
        if (authorCounter is not null) targets.Add(AccountService.Counter(post.AuthorId, (authorCounter, 1)));
        return targets;
    }

    private static void CheckText(string? content, bool required, string field)
    {
        var errors = new FieldErrors();
        if (content is null) { if (required) errors.Add(field, "This field is required."); }
        else if (required && string.IsNullOrWhiteSpace(content)) errors.Add(field, "This field may not be blank.");
        else if (content.Length > PostActivity.MaxTextLength)
            errors.Add(field, $"Ensure this field has no more than {PostActivity.MaxTextLength} characters.");
        errors.ThrowIfAny();
    }

    /// <summary>A comment's public id, pointing at the post partition the comment is stored in.</summary>
    private sealed record CommentRef(string Id, string Partition, long PostId, string CommentId);
}
