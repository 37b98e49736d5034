using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Connections;
using CareerNexus.Queues;
using CareerNexus.Social;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareerNexus.Posts;

/// <summary>
/// The work of the posts queue, one kind per message body: "post:{id}" writes a new post into its timelines and its
/// author's audience's following timelines; "delete:{id}" removes a deleted post's likes, comments, shares, saved copies
/// and timeline entries and settles its author's counters; "follow:{reader}:{author}" and "unfollow:{reader}:{author}"
/// bring the reader's following timeline up to the follow graph and connections; "rebuild:{reader}" recomputes the
/// reader's own and following timelines. Every step is idempotent and counted once, so a redelivery changes nothing.
/// </summary>
public sealed class PostWorkHandler(DocumentStore store, TimelineStore timelines, FollowService follows, ConnectionService connections,
    CountOnce counting, IEnumerable<IPostObserver> observers) : IQueueHandler
{
    /// <summary>How many of a newly followed author's latest posts the reader's following timeline receives.</summary>
    public const int Backfill = 100;

    /// <summary>How many audience members a request writes to itself; the worker writes to the rest.</summary>
    public const int InlineAudience = 100;

    public string Queue => QueueNames.Posts;

    public Task HandleAsync(QueueMessage message, CancellationToken ct) => RunAsync(message.Body, inline: false, ct);

    public async Task RunAsync(string body, bool inline, CancellationToken ct)
    {
        var parts = body.Split(':');
        long Id(int index) => long.TryParse(parts.ElementAtOrDefault(index), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id : throw new FormatException("The message body names no valid ids.");
        switch (parts[0])
        {
            case "post": await PublishAsync(Id(1), inline, ct); break;
            case "delete": await CleanUpAsync(Id(1), ct); break;
            case "follow": await FollowAsync(Id(1), Id(2), ct); break;
            case "unfollow": await UnfollowAsync(Id(1), Id(2), ct); break;
            case "rebuild": await RebuildAsync(Id(1), ct); break;
            case "author": await CopyAuthorAsync(Id(1), inline, ct); break;
            default: throw new FormatException("Unknown kind of posts work.");
        }
    }

    /// <summary>
    /// The message is sent before its post is stored: a missing post is one not stored yet, awaited briefly, then the
    /// delivery fails, to be retried or, if storing failed, dead-lettered. A deleted post is left to its cleanup.
    /// </summary>
    private async Task PublishAsync(long postId, bool inline, CancellationToken ct)
    {
        var post = await ReadAsync(postId, ct);
        for (var wait = 100; post is null && !inline && wait <= 1600; wait *= 2)
        {
            await Task.Delay(wait, ct);
            post = await ReadAsync(postId, ct);
        }
        if (post is null) throw new InvalidOperationException($"Post {postId} is not stored (yet, or its creation failed)");
        if (post.DeletedAt is not null) return;
        if (post.Counted == false)
        {
            await counting.CountAsync(PostService.PostFact(postId), [AccountService.Counter(post.AuthorId, (AccountCounters.Posts, 1))], ct);
            await store.PatchAsync<Post>(Containers.Posts, post.Id, post.Id, [PatchOperation.Set("/counted", true)], ct);
        }
        foreach (var timeline in TimelineStore.OwnTimelines(post)) await timelines.AddAsync(timeline, TimelineEntry.Of(post), ct);
        var audience = await AudienceAsync(post.AuthorId, ct);
        await Parallel.ForEachAsync(inline ? audience.Take(InlineAudience) : audience, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (reader, token) => await timelines.AddAsync(TimelineStore.Following(reader), TimelineEntry.Of(post), token));
        // The queue's delivery alone tells observers, so the request that made the post does no more work for them.
        if (!inline)
            foreach (var observer in observers) await observer.PostPublishedAsync(post, ct);
    }

    /// <summary>
    /// The author as they are now, onto each of their posts (found through their timeline): the request that made the
    /// change does the newest at once, the queue's delivery all of them.
    /// </summary>
    private async Task CopyAuthorAsync(long authorId, bool inline, CancellationToken ct)
    {
        var key = authorId.ToString(CultureInfo.InvariantCulture);
        if ((await store.ReadAsync<Account>(Containers.Accounts, key, key, ct))?.Document is not { } account) return;
        var author = PostAuthor.Of(account);
        var entries = await timelines.LatestAsync(TimelineStore.Author(authorId), inline ? InlineAudience : int.MaxValue, ct);
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (entry, token) =>
            await store.PatchAsync<Post>(Containers.Posts, PostService.Key(entry.PostId), PostService.Key(entry.PostId),
                [PatchOperation.Set("/author", author)], token));
    }

    /// <summary>Who reads the author's posts in their following timeline: followers and confirmed connections.</summary>
    private async Task<IReadOnlyList<long>> AudienceAsync(long authorId, CancellationToken ct)
    {
        var followers = follows.FollowerIdsAsync(authorId, ct);
        var connected = connections.ConnectedUserIdsAsync(authorId, ct);
        return (await followers).Concat(await connected).Where(id => id != authorId).Distinct().ToList();
    }

    private async Task<bool> ReadsAsync(long readerId, long authorId, CancellationToken ct) =>
        readerId != authorId && (await follows.IsFollowingAsync(readerId, authorId, ct) || await connections.AreConnectedAsync(readerId, authorId, ct));

    private async Task FollowAsync(long readerId, long authorId, CancellationToken ct)
    {
        if (!await ReadsAsync(readerId, authorId, ct)) return;
        foreach (var entry in await timelines.LatestAsync(TimelineStore.Author(authorId), Backfill, ct))
            await timelines.AddAsync(TimelineStore.Following(readerId), entry, ct);
    }

    private async Task UnfollowAsync(long readerId, long authorId, CancellationToken ct)
    {
        if (await ReadsAsync(readerId, authorId, ct)) return;
        var timeline = TimelineStore.Following(readerId);
        foreach (var postId in await timelines.PostsByAsync(timeline, authorId, ct)) await timelines.RemoveAsync(timeline, postId, ct);
    }

    /// <summary>
    /// Recomputes a reader's timelines from the posts and the graph: their own posts (one query across posts, an
    /// operator's tool), the latest posts of everyone they read, nothing of anyone else, then counts set to what is held.
    /// </summary>
    private async Task RebuildAsync(long readerId, CancellationToken ct)
    {
        var own = TimelineStore.Author(readerId);
        var posts = await store.QueryListAsync<Post>(Containers.Posts, new QueryDefinition(
            "SELECT * FROM c WHERE c.author_id = @author AND NOT IS_STRING(c.deleted_at)").WithParameter("@author", readerId), ct: ct);
        foreach (var post in posts) await timelines.AddAsync(own, TimelineEntry.Of(post), ct);
        var kept = posts.Select(p => p.PostId).ToHashSet();
        foreach (var entry in await timelines.LatestAsync(own, int.MaxValue, ct))
            if (!kept.Contains(entry.PostId)) await timelines.RemoveAsync(own, entry.PostId, ct);
        await timelines.RecountAsync(own, ct);

        var following = TimelineStore.Following(readerId);
        var authors = (await follows.FollowingIdsAsync(readerId, int.MaxValue, ct)).Concat(await connections.ConnectedUserIdsAsync(readerId, ct))
            .Where(id => id != readerId).ToHashSet();
        foreach (var author in authors) await FollowAsync(readerId, author, ct);
        foreach (var entry in await timelines.LatestAsync(following, int.MaxValue, ct))
            if (!authors.Contains(entry.AuthorId)) await timelines.RemoveAsync(following, entry.PostId, ct);
        await timelines.RecountAsync(following, ct);
    }

    /// <summary>
    /// A deleted post's cleanup: its activity, the saved copies (found with one query across accounts' partitions:
    /// background work, never a page read), its timeline entries, its author's counters (settled once), then the post.
    /// </summary>
    private async Task CleanUpAsync(long postId, CancellationToken ct)
    {
        var post = await ReadAsync(postId, ct);
        if (post is null) return;
        if (post.DeletedAt is null) throw new InvalidOperationException($"Post {postId} is not deleted");
        await DeleteActivityAsync(post.Id, ct);
        var saved = await store.QueryListAsync<SavedCopy>(Containers.UserActivity, new QueryDefinition(
                "SELECT c.id, c.partition FROM c WHERE c.kind = @kind AND c.post_id = @post")
            .WithParameter("@kind", SavedPost.KindName).WithParameter("@post", postId), ct: ct);
        foreach (var copy in saved) await store.DeleteAsync(Containers.UserActivity, copy.Id, copy.Partition, ct: ct);
        foreach (var timeline in TimelineStore.OwnTimelines(post)) await timelines.RemoveAsync(timeline, postId, ct);
        foreach (var reader in await AudienceAsync(post.AuthorId, ct)) await timelines.RemoveAsync(TimelineStore.Following(reader), postId, ct);

        // Read again: what the counters say once no like or comment can arrive any more.
        post = await ReadAsync(postId, ct) ?? post;
        await counting.UncountAsync(PostService.PostFact(post.PostId), post.Counted != false, [AccountService.Counter(post.AuthorId, (AccountCounters.Posts, 1))], ct);
        await counting.CountAsync("deleted:" + PostService.PostFact(post.PostId),
            [AccountService.Counter(post.AuthorId, (AccountCounters.LikesReceived, -post.LikesCount), (AccountCounters.CommentsReceived, -post.CommentsCount))], ct);
        await store.DeleteAsync(Containers.Posts, post.Id, post.Id, ct: ct);
    }

    /// <summary>
    /// Removes the post's likes, comments and shares, and each comment's reference (its own partition) before the
    /// comment, so that a cleanup that stops half-way leaves no reference it cannot find again.
    /// </summary>
    private async Task DeleteActivityAsync(string partition, CancellationToken ct)
    {
        var query = new QueryDefinition("SELECT c.id, c.kind, c.activity_id FROM c WHERE c.partition = @partition")
            .WithParameter("@partition", partition);
        foreach (var activity in await store.QueryListAsync<ActivityKey>(Containers.PostActivity, query, partition, ct: ct))
        {
            if (activity.Kind == "comment")
            {
                var reference = PostActivityService.CommentRefId(activity.ActivityId);
                await store.DeleteAsync(Containers.PostActivity, reference, reference, ct: ct);
            }
            await store.DeleteAsync(Containers.PostActivity, activity.Id, partition, ct: ct);
        }
    }

    private async Task<Post?> ReadAsync(long postId, CancellationToken ct) =>
        (await store.ReadAsync<Post>(Containers.Posts, PostService.Key(postId), PostService.Key(postId), ct))?.Document;

    private sealed record ActivityKey(string Id, string Kind, long ActivityId);

    private sealed record SavedCopy(string Id, string Partition);
}

/// <summary>
/// Told by the posts queue of each post published on any surface (reposts included), once the post is counted and in
/// its timelines; a redelivery tells it again, so observers change nothing twice.
/// </summary>
public interface IPostObserver
{
    Task PostPublishedAsync(Post post, CancellationToken ct);
}

/// <summary>
/// Hands posts work to the queue, and for work a reader expects to see at once (a new post, a follow) also does it
/// right away, within bounds: the queued message makes sure it is done even if this process stops half-way.
/// </summary>
public sealed class PostWork(IMessageQueue queue, IServiceProvider services, ILogger<PostWork> logger)
{
    public static string Publish(long postId) => "post:" + PostService.Key(postId);
    public static string Delete(long postId) => "delete:" + PostService.Key(postId);
    public static string Follow(long readerId, long authorId) => string.Create(CultureInfo.InvariantCulture, $"follow:{readerId}:{authorId}");
    public static string Unfollow(long readerId, long authorId) => string.Create(CultureInfo.InvariantCulture, $"unfollow:{readerId}:{authorId}");
    public static string Rebuild(long readerId) => "rebuild:" + readerId.ToString(CultureInfo.InvariantCulture);
    public static string AuthorChanged(long authorId) => "author:" + authorId.ToString(CultureInfo.InvariantCulture);

    public async Task SendAsync(string body, CancellationToken ct)
    {
        // Follows come and go: each gets its own message id, so that a follow again within the duplicate window still counts.
        var messageId = body.StartsWith("post:", StringComparison.Ordinal) || body.StartsWith("delete:", StringComparison.Ordinal)
            ? body : body + ":" + Guid.NewGuid().ToString("N");
        await queue.SendAsync(QueueNames.Posts, messageId, body, ct);
    }

    public async Task SubmitAsync(string body, CancellationToken ct)
    {
        await SendAsync(body, ct);
        await RunNowAsync(body, ct);
    }

    /// <summary>Does the work at once, within bounds; a failure is logged and left to the queued message.</summary>
    public async Task RunNowAsync(string body, CancellationToken ct)
    {
        try
        {
            // Resolved here: the handler reads the follow graph, whose service submits work too.
            await services.GetRequiredService<PostWorkHandler>().RunAsync(body, inline: true, ct);
        }
        catch (Exception error) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Posts work {Kind} left to the queue: {Error}", body.Split(':')[0], QueueDispatcher.Describe(error));
        }
    }
}
