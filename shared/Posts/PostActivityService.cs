using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Posts;

/// <summary>Likes, comments and shares of posts, with the counters on the post and on its author.</summary>
public sealed class PostActivityService(DocumentStore store, IdAllocator ids, PostService posts, AccountService accounts, TimeProvider clock)
{
    public static string LikeId(long userId) => "like:" + userId.ToString(CultureInfo.InvariantCulture);
    private static string ShareId(long userId) => "share:" + userId.ToString(CultureInfo.InvariantCulture);
    private static string CommentId(long commentId) => "comment:" + commentId.ToString(CultureInfo.InvariantCulture);

    public Task<ActivityView> LikeAsync(long userId, long postId, CancellationToken ct = default) =>
        AddAsync(userId, postId, ActivityKind.Like, LikeId(userId), null, "You have already liked this post", ct);

    public Task<ActivityView> ShareAsync(long userId, long postId, string? content, CancellationToken ct = default)
    {
        CheckText(content, required: false);
        return AddAsync(userId, postId, ActivityKind.Share, ShareId(userId), content?.Trim(), "You have already shared this post", ct);
    }

    public async Task<ActivityView> CommentAsync(long userId, long postId, string? content, CancellationToken ct = default)
    {
        CheckText(content, required: true);
        return await AddAsync(userId, postId, ActivityKind.Comment, CommentId(await ids.NextAsync("comments", ct)), content!.Trim(), null, ct);
    }

    /// <summary>Removes the caller's like; returns the post's like count after it.</summary>
    public async Task<long> UnlikeAsync(long userId, long postId, CancellationToken ct = default)
    {
        var post = await posts.GetPostAsync(postId, ct);
        if (!await store.DeleteAsync(Containers.PostActivity, LikeId(userId), post.Id, ct: ct))
            throw PlatformException.NotFound("You have not liked this post");
        var updated = await store.PatchAsync<Post>(Containers.Posts, post.Id, post.Id, [PatchOperation.Increment(PostCounters.Likes, -1)], ct)
                      ?? throw PlatformException.NotFound("Post not found"); // deleted meanwhile: its deletion settled the author's counters
        await accounts.AdjustCountersAsync(post.AuthorId, [(AccountCounters.LikesReceived, -1)], ct);
        return updated.LikesCount;
    }

    public async Task<Page<ActivityView>> ListAsync(long postId, ActivityKind kind, PageRequest page, bool newestFirst, CancellationToken ct = default)
    {
        var post = await posts.GetPostAsync(postId, ct);
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

    private async Task<ActivityView> AddAsync(long userId, long postId, ActivityKind kind, string id, string? content, string? duplicateMessage,
        CancellationToken ct)
    {
        var post = await posts.GetPostAsync(postId, ct);
        var user = await accounts.GetAsync(userId, ct);
        var activity = new PostActivity
        {
            Id = id, Partition = post.Id, Kind = kind, ActivityId = await ids.NextAsync("post_activity", ct), PostId = postId, UserId = userId,
            Content = content, CreatedAt = clock.GetUtcNow(),
        };
        // One like or share per account and post: the deterministic id turns a repeat into a conflict.
        if (!await store.TryCreateAsync(Containers.PostActivity, activity, post.Id, ct))
            throw PlatformException.Conflict(duplicateMessage!);

        var counter = kind switch
        {
            ActivityKind.Like => PostCounters.Likes,
            ActivityKind.Comment => PostCounters.Comments,
            _ => PostCounters.Shares,
        };
        if (await store.PatchAsync<Post>(Containers.Posts, post.Id, post.Id, [PatchOperation.Increment(counter, 1)], ct) is null)
        {
            // The post was deleted in between: take the activity back rather than count it.
            await store.DeleteAsync(Containers.PostActivity, id, post.Id, ct: ct);
            throw PlatformException.NotFound("Post not found");
        }
        if (kind == ActivityKind.Like) await accounts.AdjustCountersAsync(post.AuthorId, [(AccountCounters.LikesReceived, 1)], ct);
        if (kind == ActivityKind.Comment) await accounts.AdjustCountersAsync(post.AuthorId, [(AccountCounters.CommentsReceived, 1)], ct);
        return new ActivityView(activity, user);
    }

    private static void CheckText(string? content, bool required)
    {
        var errors = new FieldErrors();
        if (content is null) { if (required) errors.Add("content", "This field is required."); }
        else if (required && string.IsNullOrWhiteSpace(content)) errors.Add("content", "This field may not be blank.");
        else if (content.Length > PostActivity.MaxTextLength)
            errors.Add("content", $"Ensure this field has no more than {PostActivity.MaxTextLength} characters.");
        errors.ThrowIfAny();
    }
}
