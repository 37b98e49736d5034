using System.Globalization;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Posts;

/// <summary>
/// A post an account keeps for later, stored in that account's partition of user_activity ("user:{id}"). Its id is
/// the post's, so saving again changes nothing.
/// </summary>
public sealed class SavedPost
{
    public const string KindName = "saved_post";

    public string Id { get; set; } = "";
    public string Partition { get; set; } = "";
    public string Kind { get; set; } = KindName;
    public long PostId { get; set; }
    public DateTimeOffset SavedAt { get; set; }
}

/// <summary>The posts each account has saved (or shared, which saves too).</summary>
public sealed class SavedPostService(DocumentStore store, PostService posts, TimeProvider clock)
{
    /// <summary>How many saved posts the list shows, newest saved first.</summary>
    public const int MaxListed = 100;

    public static string Partition(long userId) => DocumentKeys.UserPartition(userId);
    private static string SavedId(long postId) => SavedPost.KindName + ":" + postId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Saves the post for the account; saving it again is not an error and keeps the first time.</summary>
    public async Task<Post> SaveAsync(long userId, long postId, PostNaming naming, CancellationToken ct = default)
    {
        var post = await posts.GetPostAsync(postId, naming, ct);
        await KeepAsync(userId, post, ct);
        return post;
    }

    internal Task KeepAsync(long userId, Post post, CancellationToken ct) =>
        store.TryCreateAsync(Containers.UserActivity,
            new SavedPost { Id = SavedId(post.PostId), Partition = Partition(userId), PostId = post.PostId, SavedAt = clock.GetUtcNow() },
            Partition(userId), ct);

    /// <summary>The account's saved posts that still exist, newest saved first.</summary>
    public async Task<IReadOnlyList<PostView>> ListAsync(long userId, CancellationToken ct = default)
    {
        var partition = Partition(userId);
        var query = new QueryDefinition(
                $"SELECT TOP {MaxListed} * FROM c WHERE c.partition = @partition AND c.kind = @kind ORDER BY c.saved_at DESC")
            .WithParameter("@partition", partition).WithParameter("@kind", SavedPost.KindName);
        var entries = await store.QueryListAsync<SavedPost>(Containers.UserActivity, query, partition, take: MaxListed, ct: ct);
        return await posts.ViewAsync(userId, await posts.ReadPageAsync(entries.Select(e => e.PostId).ToList(), ct), withLikes: false, ct);
    }
}
