using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Connections;
using CareerNexus.Social;
using CareerNexus.Storage;

namespace CareerNexus.Posts;

/// <summary>
/// The lists of posts a member reads, newest first, each one ordered query over all posts with its total:
/// the feed (their industry, mentors, their own) and the posts of the people they follow or are connected to.
/// </summary>
public sealed class PostFeedService(DocumentStore store, PostService posts, AccountService accounts, FollowService follows,
    ConnectionService connections)
{
    /// <summary>How many followed and connected accounts the following list looks at (the query takes them as one array).</summary>
    public const int MaxFollowedAuthors = 1000;

    /// <summary>
    /// Posts whose author was in the reader's industry when posting, posts by mentors, and the reader's own. A reader
    /// without an industry yet sees mentors' posts and their own.
    /// </summary>
    public async Task<Page<PostView>> FeedAsync(long readerId, PageRequest page, CancellationToken ct = default)
    {
        var reader = await accounts.GetAsync(readerId, ct);
        var parameters = new List<(string, object)> { ("@reader", readerId) };
        var where = "c.author_is_mentor = true OR c.author_id = @reader";
        if (reader.Industry.Length > 0)
        {
            where += " OR c.author_industry = @industry";
            parameters.Add(("@industry", reader.Industry));
        }
        return await PageAsync(readerId, $"({where})", parameters, page, ct);
    }

    /// <summary>Posts by the accounts the reader follows or is connected to (the first <see cref="MaxFollowedAuthors"/> of them).</summary>
    public async Task<Page<PostView>> FollowingAsync(long readerId, PageRequest page, CancellationToken ct = default)
    {
        var followedTask = follows.FollowingIdsAsync(readerId, MaxFollowedAuthors, ct);
        var connectedTask = connections.ConnectedUserIdsAsync(readerId, ct);
        var authors = (await followedTask).Concat(await connectedTask)
            .Where(id => id != readerId).Distinct().Take(MaxFollowedAuthors).ToArray();
        if (authors.Length == 0) return new Page<PostView>([], 0, page);
        return await PageAsync(readerId, "ARRAY_CONTAINS(@authors, c.author_id)", [("@authors", authors)], page, ct);
    }

    private async Task<Page<PostView>> PageAsync(long readerId, string where, IReadOnlyList<(string, object)> parameters, PageRequest page,
        CancellationToken ct)
    {
        var found = await store.PageAsync<Post>(Containers.Posts, where, "c.created_at DESC", parameters, page, ct);
        return new Page<PostView>(await posts.ViewAsync(readerId, found.Items, withLikes: false, ct), found.Total, page);
    }
}
