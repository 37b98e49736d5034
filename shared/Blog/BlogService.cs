using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using CareerNexus.Verification;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Blog;

/// <summary>What an administrator sends to write or edit a post; null leaves a field as it is ("" clears the optional ones).</summary>
/// <param name="Category">A category's id, name or slug.</param>
public sealed record BlogPostChange(string? Title, string? Content, string? Category, string? Excerpt, string? FeaturedImage, string? Status);

/// <summary>The list's filters as sent (query text); <see cref="BlogService.ListAsync"/> checks each.</summary>
public sealed record BlogFilters(string? Search, string? Category, string? Author, string? PublishedOnly);

/// <summary>Who is reading a post: a signed-in account, or else a client address (kept only as a keyed digest).</summary>
public sealed record BlogViewer(long? UserId, string Address);

/// <summary>A post with its views, the sum of its tallies.</summary>
public sealed record BlogPostViews(BlogPost Post, long Views);

/// <summary>
/// Document 003's blog: a public list of published posts (administrators also see drafts), a public detail that counts
/// one view per viewer and day, and what the document leaves to us: administrators write, edit, publish and delete
/// posts. Every post is in one catalog partition, so a list with any filter is a single-partition query; views are
/// counted once per viewer and day with <see cref="CountOnce"/> on sharded tallies beside the posts.
/// </summary>
public sealed class BlogService(DocumentStore store, IdAllocator ids, SlugClaims slugs, CountOnce counts, AccountService accounts, AdminPolicy admins,
    OneTimeSecrets secrets, TimeProvider clock)
{
    public const int MaxTitleLength = 200;
    public const int MaxContentLength = 100_000;
    public const int MaxExcerptLength = 500;
    public const int MaxFilterLength = 200;

    /// <summary>How much of the content a post without an excerpt shows in lists.</summary>
    public const int DerivedExcerptLength = 200;

    private const string AdminsOnly = "Only administrators write blog posts.";

    /// <summary>
    /// A page of posts, newest first. Published posts only, unless an administrator asks without published_only. Three
    /// single-partition queries (the ids up to <see cref="PageRequest.MaxReach"/> for the count, the page without its
    /// content, the page's view tallies), whatever the filters.
    /// </summary>
    public async Task<Page<BlogPostViews>> ListAsync(Caller? caller, BlogFilters filters, PageRequest page, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var search = FilterValues.Text(filters.Search, "search", MaxFilterLength, errors);
        var author = FilterValues.Text(filters.Author, "author", MaxFilterLength, errors);
        var category = filters.Category is { } categoryText && !string.IsNullOrWhiteSpace(categoryText) ? BlogCategories.Find(categoryText) : null;
        if (category is null && !string.IsNullOrWhiteSpace(filters.Category))
            errors.Add("category", "Select a valid choice. That choice is not one of the available choices.");
        var publishedOnly = FilterValues.Boolean(filters.PublishedOnly, "published_only", errors);
        errors.ThrowIfAny();
        var drafts = publishedOnly != true && caller is not null && await admins.IsAdminAsync(caller, ct);
        // An author is named by user id or by username.
        long? authorId = long.TryParse(author, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

        var where = "c.partition = @catalog AND c.kind = @kind"
                    + (drafts ? "" : " AND c.status = @published")
                    + (category is null ? "" : " AND c.category_id = @category")
                    + (author is null ? "" : authorId is null ? " AND c.author_key = @author" : " AND c.author.id = @authorId")
                    + (search is null ? "" : " AND (CONTAINS(LOWER(c.title), @search) OR CONTAINS(LOWER(c.content), @search))");
        QueryDefinition Query(string select) => new QueryDefinition($"{select} FROM c WHERE {where} ORDER BY c.sort_key DESC")
            .WithParameter("@catalog", BlogDocuments.Catalog).WithParameter("@kind", BlogDocuments.PostKind)
            .WithParameter("@published", BlogStatuses.Published).WithParameter("@category", category?.Id ?? 0)
            .WithParameter("@author", author ?? "").WithParameter("@authorId", authorId ?? 0).WithParameter("@search", search ?? "");
        var counting = store.QueryListAsync<string>(Containers.Blog, Query($"SELECT TOP {PageRequest.MaxReach} VALUE c.id"), BlogDocuments.Catalog,
            take: PageRequest.MaxReach, ct: ct);
        // Lists show the excerpt: only what a list item shows is read, the content stays out of the page.
        var reading = store.PartitionPageAsync<BlogPost>(Containers.Blog,
            Query("SELECT c.post_id, c.title, c.slug, c.author, c.category_id, c.excerpt, c.featured_image, c.published_at"),
            BlogDocuments.Catalog, 0, page, ct);
        var (all, posts) = (await counting, await reading);
        var views = await ViewsAsync(posts.Items.Select(p => p.PostId).ToList(), ct);
        return new Page<BlogPostViews>(posts.Items.Select(p => new BlogPostViews(p, views.GetValueOrDefault(p.PostId))).ToList(), all.Count, page);
    }

    /// <summary>
    /// A post by id or slug. A draft is found by administrators only (404 for anyone else); a published post counts the
    /// reader's view, once per viewer and day (never its author's own).
    /// </summary>
    public async Task<BlogPostViews> ReadAsync(Caller? caller, string idOrSlug, BlogViewer viewer, CancellationToken ct = default)
    {
        var post = await FindAsync(idOrSlug, ct) ?? throw PlatformException.NotFound("Not found.");
        if (!post.IsPublished && (caller is null || !await admins.IsAdminAsync(caller, ct))) throw PlatformException.NotFound("Not found.");
        if (post.IsPublished && viewer.UserId != post.Author.Id) await CountViewAsync(post, viewer, ct);
        return new BlogPostViews(post, (await ViewsAsync([post.PostId], ct)).GetValueOrDefault(post.PostId));
    }

    /// <summary>
    /// Writes a post (a draft unless the status says published). Titles are unique by their slug: the same post sent
    /// again by its author (a retry) answers the post made the first time, another post with that title is a 400.
    /// </summary>
    public async Task<BlogPostViews> CreateAsync(Caller caller, BlogPostChange change, CancellationToken ct = default)
    {
        await admins.RequireAdminAsync(caller, AdminsOnly, ct);
        var draft = Draft.Check(change, null);
        var author = caller.Account ?? await accounts.GetAsync(caller.UserId, ct);
        var postId = await ids.NextAsync("blog_posts", ct);
        var slug = SlugClaims.Of(draft.Title) is { Length: > 0 } named ? named : string.Create(CultureInfo.InvariantCulture, $"post-{postId}");
        if (!await slugs.ClaimAsync(Containers.Blog, BlogDocuments.Catalog, slug, postId, PostExistsAsync, ct))
        {
            var holder = await slugs.FindAsync(Containers.Blog, BlogDocuments.Catalog, slug, ct) is { } holderId ? await FindAsync(holderId, ct) : null;
            if (holder is not null && holder.Author.Id == author.UserId && holder.Title == draft.Title && holder.Content == draft.Content)
                return new BlogPostViews(holder, (await ViewsAsync([holder.PostId], ct)).GetValueOrDefault(holder.PostId));
            throw PlatformException.InvalidFields(new Dictionary<string, string> { ["title"] = "A blog post with this title already exists." });
        }

        var now = clock.GetUtcNow();
        var post = new BlogPost
        {
            Id = BlogDocuments.PostKey(postId), PostId = postId, Slug = slug, Author = new BlogAuthor(author.UserId, author.Username, author.FullName()),
            AuthorKey = author.Username.ToLowerInvariant(), CreatedAt = now,
        };
        draft.ApplyTo(post, now);
        // The tallies first: a reader only ever meets a post whose tallies exist.
        foreach (var shard in Enumerable.Range(0, BlogDocuments.ViewShards))
            await store.UpsertAsync(Containers.Blog, new BlogViewTally { Id = BlogDocuments.TallyKey(postId, shard), PostId = postId }, BlogDocuments.Catalog, ct);
        await store.UpsertAsync(Containers.Blog, post, BlogDocuments.Catalog, ct);
        return new BlogPostViews(post, 0);
    }

    /// <summary>Changes the fields sent; the slug stays, so links to the post keep working.</summary>
    public async Task<BlogPostViews> UpdateAsync(Caller caller, long postId, BlogPostChange change, CancellationToken ct = default)
    {
        await admins.RequireAdminAsync(caller, AdminsOnly, ct);
        if (postId <= 0) throw PlatformException.NotFound("Not found.");
        // One read: the replace reads the post (a missing one is the 404) and checks the change against it.
        var updated = await store.ReplaceAsync<BlogPost>(Containers.Blog, BlogDocuments.PostKey(postId), BlogDocuments.Catalog, post =>
        {
            Draft.Check(change, post).ApplyTo(post, clock.GetUtcNow());
            return post;
        }, ct) ?? throw PlatformException.NotFound("Not found.");
        return new BlogPostViews(updated, (await ViewsAsync([postId], ct)).GetValueOrDefault(postId));
    }

    /// <summary>Publishes a post; publishing a published post changes nothing.</summary>
    public Task<BlogPostViews> PublishAsync(Caller caller, long postId, CancellationToken ct = default) =>
        UpdateAsync(caller, postId, new BlogPostChange(null, null, null, null, null, BlogStatuses.Published), ct);

    /// <summary>Deletes a post, its slug and its tallies (its day-old viewer records expire by themselves).</summary>
    public async Task DeleteAsync(Caller caller, long postId, CancellationToken ct = default)
    {
        await admins.RequireAdminAsync(caller, AdminsOnly, ct);
        var post = await FindAsync(postId, ct) ?? throw PlatformException.NotFound("Not found.");
        await store.DeleteAsync(Containers.Blog, post.Id, BlogDocuments.Catalog, ct: ct);
        await slugs.ReleaseAsync(Containers.Blog, BlogDocuments.Catalog, post.Slug, postId, ct);
        foreach (var shard in Enumerable.Range(0, BlogDocuments.ViewShards))
            await store.DeleteAsync(Containers.Blog, BlogDocuments.TallyKey(postId, shard), BlogDocuments.Catalog, ct: ct);
    }

    private async Task<BlogPost?> FindAsync(string idOrSlug, CancellationToken ct)
    {
        if (long.TryParse(idOrSlug, NumberStyles.None, CultureInfo.InvariantCulture, out var postId)) return await FindAsync(postId, ct);
        return await slugs.FindAsync(Containers.Blog, BlogDocuments.Catalog, idOrSlug.ToLowerInvariant(), ct) is { } owner ? await FindAsync(owner, ct) : null;
    }

    private async Task<BlogPost?> FindAsync(long postId, CancellationToken ct) =>
        postId <= 0 ? null : (await store.ReadAsync<BlogPost>(Containers.Blog, BlogDocuments.PostKey(postId), BlogDocuments.Catalog, ct))?.Document;

    private async Task<bool> PostExistsAsync(long postId) => await FindAsync(postId, CancellationToken.None) is not null;

    /// <summary>Each post's views: the sum of its tallies, read for all the posts at once.</summary>
    private async Task<Dictionary<long, long>> ViewsAsync(IReadOnlyList<long> postIds, CancellationToken ct)
    {
        if (postIds.Count == 0) return [];
        var tallies = await store.QueryListAsync<BlogViewTally>(Containers.Blog,
            new QueryDefinition("SELECT * FROM c WHERE c.partition = @catalog AND c.kind = @kind AND ARRAY_CONTAINS(@ids, c.post_id)")
                .WithParameter("@catalog", BlogDocuments.Catalog).WithParameter("@kind", BlogDocuments.ViewsKind).WithParameter("@ids", postIds),
            BlogDocuments.Catalog, ct: ct);
        return tallies.GroupBy(t => t.PostId).ToDictionary(g => g.Key, g => g.Sum(t => t.Views));
    }

    /// <summary>
    /// One view per viewer and day: the first read of the day creates the viewer's record and counts it on the viewer's
    /// tally; a read whose request stopped before counting is counted by the viewer's next one (once: see CountOnce).
    /// </summary>
    private async Task CountViewAsync(BlogPost post, BlogViewer viewer, CancellationToken ct)
    {
        var who = viewer.UserId is { } userId
            ? "user:" + userId.ToString(CultureInfo.InvariantCulture)
            : "ip:" + secrets.Digest("blog-viewer", viewer.Address);
        var day = clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var partition = BlogDocuments.ViewPartition(post.PostId);
        var view = new BlogView($"view:{who}:{day}", partition, day, (int)TimeSpan.FromDays(2).TotalSeconds);
        if (!await store.TryCreateAsync(Containers.Blog, view, partition, ct)
            && (await store.ReadAsync<BlogView>(Containers.Blog, view.Id, partition, ct))?.Document.Counted != false)
            return;
        var tally = BlogDocuments.TallyKey(post.PostId, DocumentKeys.Shard(who, BlogDocuments.ViewShards));
        await counts.CountAsync(partition + "/" + view.Id, [new CounterTarget(Containers.Blog, tally, BlogDocuments.Catalog, [("/views", 1)])], ct);
        await store.PatchAsync<BlogView>(Containers.Blog, view.Id, partition, [PatchOperation.Set("/counted", true)], ct);
    }

    /// <summary>A post's fields, checked: a create's as sent, an edit's merged over the stored post.</summary>
    private sealed record Draft(string Title, string Content, BlogCategory Category, string Excerpt, string? FeaturedImage, string Status)
    {
        public static Draft Check(BlogPostChange change, BlogPost? current)
        {
            var errors = new FieldErrors();
            var title = FieldRules.Required(change.Title, current?.Title, "title", MaxTitleLength, errors);
            var content = FieldRules.Required(change.Content, current?.Content, "content", MaxContentLength, errors);
            var category = change.Category is { } sent ? BlogCategories.Find(sent) : current is null ? null : BlogCategories.Find(current.CategoryId);
            if (change.Category is { } unknown && category is null)
                errors.Add("category", $"Invalid pk \"{unknown}\" - object does not exist. Send a category's id or name ({string.Join(", ", BlogCategories.All.Select(c => $"{c.Id} {c.Name}"))}).");
            else if (category is null) errors.Add("category", "This field is required.");
            var excerpt = change.Excerpt?.Trim() ?? current?.Excerpt ?? "";
            if (excerpt.Length > MaxExcerptLength) errors.Add("excerpt", $"Ensure this field has no more than {MaxExcerptLength} characters.");
            var image = change.FeaturedImage is null ? current?.FeaturedImage : change.FeaturedImage.Trim() is { Length: > 0 } url ? url : null;
            AccountRules.CheckUrl(image, errors, "featured_image");
            var status = change.Status?.Trim() ?? current?.Status ?? BlogStatuses.Draft;
            if (!BlogStatuses.All.Contains(status))
                errors.Add("status", $"\"{status}\" is not a valid choice. Valid options: {string.Join(", ", BlogStatuses.All)}.");
            errors.ThrowIfAny();
            // An excerpt left empty follows the content; one written by hand stays.
            if (change.Excerpt is null && current is not null && current.Excerpt == Derived(current.Content)) excerpt = "";
            return new Draft(title, content, category!, excerpt.Length > 0 ? excerpt : Derived(content), image, status);
        }

        public void ApplyTo(BlogPost post, DateTimeOffset now)
        {
            post.Title = Title;
            post.Content = Content;
            post.CategoryId = Category.Id;
            post.Excerpt = Excerpt;
            post.FeaturedImage = FeaturedImage;
            post.Status = Status;
            if (Status == BlogStatuses.Published) post.PublishedAt ??= now;
            post.SortKey = DocumentKeys.TimeOrder(post.PublishedAt ?? post.CreatedAt, post.PostId);
            post.UpdatedAt = now;
        }

        /// <summary>The content's first words, up to <see cref="DerivedExcerptLength"/> characters and an ellipsis.</summary>
        private static string Derived(string content)
        {
            var text = string.Join(' ', content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (text.Length <= DerivedExcerptLength) return text;
            var cut = text.LastIndexOf(' ', DerivedExcerptLength);
            return text[..(cut > 0 ? cut : DerivedExcerptLength)] + "...";
        }
    }
}
