using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Connections;
using CareerNexus.Social;
using CareerNexus.Storage;

namespace CareerNexus.Posts;

/// <summary>
/// The lists of posts a member reads, newest first, from the timelines the posts queue keeps: the feed (their industry,
/// mentors, their own) and the posts of the people they follow or are connected to.
/// </summary>
public sealed class PostFeedService(PostService posts, AccountService accounts, TimelineStore timelines)
{
    /// <summary>
    /// Posts whose author was in the reader's industry when posting, posts by mentors, and the reader's own. A reader
    /// without an industry yet sees mentors' posts and their own.
    /// </summary>
    public async Task<Page<PostView>> FeedAsync(long readerId, PageRequest page, CancellationToken ct = default)
    {
        var reader = await accounts.GetAsync(readerId, ct);
        var (ids, total) = await timelines.FeedAsync(readerId, reader.Industry, page, ct);
        return await PageAsync(readerId, ids, total, page, ct);
    }

    /// <summary>Posts by the accounts the reader follows or is connected to: the reader's following timeline.</summary>
    public async Task<Page<PostView>> FollowingAsync(long readerId, PageRequest page, CancellationToken ct = default)
    {
        var (ids, total) = await timelines.MergedAsync([TimelineStore.Following(readerId)], page, ct);
        return await PageAsync(readerId, ids, total, page, ct);
    }

    private async Task<Page<PostView>> PageAsync(long readerId, IReadOnlyList<long> ids, long total, PageRequest page, CancellationToken ct) =>
        new(await posts.ViewAsync(readerId, await posts.ReadPageAsync(ids, ct), withLikes: false, ct), total, page);
}
