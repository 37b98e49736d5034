using System.Globalization;
using System.Text;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Reference;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Posts;

/// <summary>
/// A new post: its text, and its media as URLs (Image is the first picture). Field errors name the text and the first
/// picture as the caller's surface spells them.
/// </summary>
public sealed record NewPost(string? Content, string? Image, string? Pic2 = null, string? Pic3 = null, string? Video = null, string? Article = null)
{
    public string ContentField { get; init; } = "content";
    public string ImageField { get; init; } = "image";
}

/// <summary>
/// How a request names a post: as the resource it addresses (a missing one is not found) or as a reference in what it
/// sends, like the post a comment is for (a missing one makes the request invalid: "Inexistent post").
/// </summary>
public enum PostNaming
{
    Addressed,
    Referenced,
}

public sealed record PostChanges(string? Content, string? Image);

/// <summary>Filters of the post list: free text over content and author, and a set of author usernames.</summary>
public sealed record PostSearch(string? Text = null, IReadOnlyList<string>? Authors = null, Ordering? Ordering = null)
{
    public static readonly IReadOnlyList<string> OrderFields = ["created_at", "updated_at", "likes_count", "comments_count", "shares_count"];

    /// <summary>Authors one list may name: each costs a lookup, a count and a query, so a request's cost stays bounded.</summary>
    public const int MaxAuthors = 20;
}

public sealed class PostService(DocumentStore store, IdAllocator ids, AccountService accounts, HandleRegistry handles, TimelineStore timelines,
    PostWork work, IFaultPoints faults, TimeProvider clock)
{
    public async Task<PostView> CreateAsync(long authorId, NewPost request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        CheckContent(request.Content, errors, required: true, request.ContentField);
        AccountRules.CheckUrl(request.Image, errors, request.ImageField);
        AccountRules.CheckUrl(request.Pic2, errors, "pic2");
        AccountRules.CheckUrl(request.Pic3, errors, "pic3");
        AccountRules.CheckUrl(request.Video, errors, "video");
        AccountRules.CheckUrl(request.Article, errors, "article");
        errors.ThrowIfAny();

        return await PublishAsync(authorId, request, null, ct);
    }

    /// <summary>Reposts a post: a post of the caller's own, with an optional text, whose parent is the reposted post.</summary>
    public async Task<PostView> RepostAsync(long authorId, long parentId, string? content, string contentField = "content", CancellationToken ct = default)
    {
        if (content?.Length > Post.MaxContentLength)
            throw PlatformException.InvalidFields(new Dictionary<string, string>
            {
                [contentField] = $"Ensure this field has no more than {Post.MaxContentLength} characters.",
            });

        var parent = await GetPostAsync(parentId, PostNaming.Referenced, ct);
        return await PublishAsync(authorId, new NewPost(content ?? "", null), parent.PostId, ct);
    }

    private async Task<PostView> PublishAsync(long authorId, NewPost request, long? parentId, CancellationToken ct)
    {
        var author = await accounts.GetAsync(authorId, ct);
        var postId = await ids.NextAsync("posts", ct);
        var now = clock.GetUtcNow();
        var post = new Post
        {
            Id = Key(postId), PostId = postId, AuthorId = authorId, AuthorUsername = author.Username,
            AuthorIndustry = author.Industry, AuthorIsMentor = author.UserType == Choices.Mentor,
            Content = request.Content!.Trim(), Image = Media(request.Image), Pic2 = Media(request.Pic2), Pic3 = Media(request.Pic3),
            Video = Media(request.Video), Article = Media(request.Article), ParentId = parentId,
            CreatedAt = now, UpdatedAt = now, Counted = false, Author = PostAuthor.Of(author),
        };
        post.RefreshSearchText();
        // Sent first: the posts queue counts the post and writes its timelines even if this process stops after storing it.
        await work.SendAsync(PostWork.Publish(postId), ct);
        await store.TryCreateAsync(Containers.Posts, post, post.Id, ct);
        faults.Reach("post:stored");
        await work.RunNowAsync(PostWork.Publish(postId), ct);
        author.PostsCount++;
        return new PostView(post, post.Author, false);
    }

    /// <summary>The fact of a post's existence, as its author's post count counts it.</summary>
    public static string PostFact(long postId) => "post:" + Key(postId);

    private static string? Media(string? url) => string.IsNullOrEmpty(url) ? null : url;

    /// <summary>
    /// One post for the reader; without likes, the reader's like of it is not looked up (IsLiked is false). The token
    /// comes before the option so that callers passing only a token keep working.
    /// </summary>
    public async Task<PostView> GetAsync(long readerId, long postId, bool withLikes = true, CancellationToken ct = default)
    {
        var post = await GetPostAsync(postId, ct: ct);
        return (await ViewAsync(readerId, [post], withLikes, ct))[0];
    }

    public async Task<Post> GetPostAsync(long postId, PostNaming naming = PostNaming.Addressed, CancellationToken ct = default) =>
        await FindPostAsync(postId, ct)
        ?? throw (naming == PostNaming.Addressed ? PlatformException.NotFound("Post not found") : PlatformException.Invalid("Inexistent post"));

    /// <summary>The post, unless it is missing or deleted (its cleanup may still be under way).</summary>
    public async Task<Post?> FindPostAsync(long postId, CancellationToken ct = default) =>
        (await store.ReadAsync<Post>(Containers.Posts, Key(postId), Key(postId), ct))?.Document is { DeletedAt: null } post ? post : null;

    public async Task<PostView> UpdateAsync(long callerId, long postId, PostChanges changes, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        CheckContent(changes.Content, errors, required: false);
        AccountRules.CheckUrl(changes.Image, errors, "image");
        errors.ThrowIfAny();

        var updated = await store.UpdateAsync<Post>(Containers.Posts, Key(postId), Key(postId), post =>
        {
            if (post.DeletedAt is not null) throw PlatformException.NotFound("Post not found");
            if (post.AuthorId != callerId) throw PlatformException.Forbidden("You can only edit your own posts");
            if (changes.Content is not null) post.Content = changes.Content.Trim();
            if (changes.Image is not null) post.Image = changes.Image.Length == 0 ? null : changes.Image;
            post.UpdatedAt = clock.GetUtcNow();
            post.RefreshSearchText();
            // The edited fields only, so that likes counted meanwhile are kept.
            return
            [
                PatchOperation.Set("/content", post.Content), PatchOperation.Set("/image", post.Image),
                PatchOperation.Set("/updated_at", post.UpdatedAt), PatchOperation.Set("/search_text", post.SearchText),
            ];
        }, ct) ?? throw PlatformException.NotFound("Post not found");
        return (await ViewAsync(callerId, [updated], ct: ct))[0];
    }

    /// <summary>
    /// Hides the post at once (an ETag-guarded mark, so that it is deleted exactly once); the posts queue then removes its
    /// likes, comments, shares, saved copies and timeline entries and settles its author's counters.
    /// </summary>
    public async Task DeleteAsync(long callerId, long postId, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var stored = await store.ReadAsync<Post>(Containers.Posts, Key(postId), Key(postId), ct);
            if (stored?.Document is not { DeletedAt: null } post) throw PlatformException.NotFound("Post not found");
            if (post.AuthorId != callerId) throw PlatformException.Forbidden("You can only delete your own posts");
            // Sent first: a cleanup that finds the post not deleted (yet) fails and is retried.
            await work.SendAsync(PostWork.Delete(postId), ct);
            if (await store.TryPatchAsync<Post>(Containers.Posts, post.Id, post.Id, [PatchOperation.Set("/deleted_at", clock.GetUtcNow())], stored.ETag, ct)
                is not null)
                return;
            if (attempt == 4) throw PlatformException.Conflict("The post is changing, try again");
        }
    }

    /// <summary>Lists posts matching the search, newest first unless another ordering is asked for.</summary>
    public async Task<Page<PostView>> ListAsync(long readerId, PostSearch search, PageRequest page, CancellationToken ct = default)
    {
        var ordering = search.Ordering ?? new Ordering("created_at", true);
        var newestFirst = ordering is { Field: "created_at", Descending: true };
        if (search.Authors is { Count: > 0 } && string.IsNullOrWhiteSpace(search.Text) && newestFirst && page.Limit is null)
        {
            // The posts of given authors, newest first: their author timelines merged, counted by their stored counts.
            var authors = await AuthorIdsAsync(search.Authors, ct);
            var (ids, total) = await timelines.MergedAsync(authors.Select(TimelineStore.Author).ToList(), page, ct);
            return new Page<PostView>(await ViewAsync(readerId, await ReadPageAsync(ids, ct), ct: ct), total, page);
        }
        var where = new StringBuilder("NOT IS_STRING(c.deleted_at)");
        var parameters = new List<(string, object)>();
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            where.Append(" AND CONTAINS(c.search_text, @text)");
            parameters.Add(("@text", search.Text.Trim().ToLowerInvariant()));
        }
        if (search.Authors is { Count: > 0 })
        {
            var authorIds = await AuthorIdsAsync(search.Authors, ct);
            if (authorIds.Length == 0) return new Page<PostView>([], 0, page);
            where.Append(" AND ARRAY_CONTAINS(@authors, c.author_id)");
            parameters.Add(("@authors", authorIds));
        }
        var orderBy = "c." + ordering.Field + (ordering.Descending ? " DESC" : " ASC");
        var posts = await store.PageAsync<Post>(Containers.Posts, where.ToString(), orderBy, parameters, page, ct);
        return new Page<PostView>(await ViewAsync(readerId, posts.Items, ct: ct), posts.Total, page);
    }

    private async Task<long[]> AuthorIdsAsync(IReadOnlyList<string> usernames, CancellationToken ct) =>
        (await Task.WhenAll(usernames.Distinct(StringComparer.OrdinalIgnoreCase).Select(u => handles.FindAsync(HandleRegistry.UsernameKey(u), ct))))
        .OfType<long>().Distinct().ToArray();

    /// <summary>The posts of a page read from a view, in its order, without those deleted since (their cleanup is under way).</summary>
    internal async Task<IReadOnlyList<Post>> ReadPageAsync(IReadOnlyList<long> postIds, CancellationToken ct)
    {
        var found = await store.ReadManyAsync<Post>(Containers.Posts, postIds.Select(Key), ct);
        return postIds.Select(id => found.GetValueOrDefault(Key(id))).OfType<Post>().Where(p => p.DeletedAt is null).ToList();
    }

    /// <summary>The posts with their authors; with likes, also whether the reader likes each (one point read per post).</summary>
    internal async Task<IReadOnlyList<PostView>> ViewAsync(long readerId, IReadOnlyList<Post> posts, bool withLikes = true,
        CancellationToken ct = default)
    {
        // Only posts made before authors were copied onto them read their author.
        var authorsTask = accounts.GetManyAsync(posts.Where(p => p.Author is null).Select(p => p.AuthorId), ct);
        var likedTask = withLikes
            ? Task.WhenAll(posts.Select(p => store.ReadAsync<PostActivity>(Containers.PostActivity, PostActivityService.LikeId(readerId), p.Id, ct)))
            : Task.FromResult(new Stored<PostActivity>?[posts.Count]);
        var authors = await authorsTask;
        var liked = await likedTask;
        return posts.Select((p, i) => new PostView(p, p.Author ?? (authors.GetValueOrDefault(p.AuthorId) is { } a ? PostAuthor.Of(a) : null),
            liked[i] is not null)).ToList();
    }

    /// <summary>
    /// The text rules of a new post, on their own: a surface that stores a post's files as it reads the request checks
    /// the text first, so that a refused post leaves no files behind.
    /// </summary>
    public static void CheckNewContent(string? content, string field)
    {
        var errors = new FieldErrors();
        CheckContent(content, errors, required: true, field);
        errors.ThrowIfAny();
    }

    private static void CheckContent(string? content, FieldErrors errors, bool required, string field = "content")
    {
        if (content is null)
        {
            if (required) errors.Add(field, "This field is required.");
            return;
        }
        if (string.IsNullOrWhiteSpace(content)) errors.Add(field, "This field may not be blank.");
        else if (content.Length > Post.MaxContentLength) errors.Add(field, $"Ensure this field has no more than {Post.MaxContentLength} characters.");
    }

    public static string Key(long postId) => postId.ToString(CultureInfo.InvariantCulture);
}
