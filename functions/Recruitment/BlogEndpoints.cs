using System.Security.Claims;
using CareerNexus.Blog;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using CareerNexus.Tokens;
using Microsoft.OpenApi;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// Document 003's blog module, under /blog/api/v1/: posts/ (the public list), and what the document leaves to us: a post's
/// public detail (by id or slug, counting a view), the categories, and administrators' writing, editing, publishing
/// and deleting.
/// </summary>
public static class RecruitmentBlogEndpoints
{
    public static void MapRecruitmentBlog(this RouteGroupBuilder group)
    {
        group.MapGet("/posts", async (RecruitmentPage page, HttpRequest request, ClaimsPrincipal user, BlogService service, CancellationToken ct) =>
        {
            var q = request.Query;
            var filters = new BlogFilters(q["search"], q["category"], q["author"], q["published_only"]);
            return page.Envelope(request, await service.ListAsync(OptionalCaller(user), filters, page.Request, ct), BlogPostItem.Of);
        }).WithMetadata(new Docs.QueryParameters([
            ("search", JsonSchemaType.String), ("category", JsonSchemaType.String), ("author", JsonSchemaType.String),
            ("published_only", JsonSchemaType.Boolean),
        ])).Produces<RecruitmentList<BlogPostItem>>();

        group.MapGet("/posts/{id}", async (string id, HttpContext http, BlogService service, CancellationToken ct) =>
        {
            var caller = OptionalCaller(http.User);
            var viewer = new BlogViewer(caller?.UserId, ClientConnection.Address(http));
            return BlogPostDetail.Of(await service.ReadAsync(caller, id, viewer, ct));
        }).Produces<BlogPostDetail>();

        group.MapGet("/categories", () =>
            new RecruitmentList<BlogCategoryItem>(BlogCategories.All.Count, null, null, BlogCategories.All.Select(BlogCategoryItem.Of).ToList()))
            .Produces<RecruitmentList<BlogCategoryItem>>();

        var admins = group.MapGroup("/posts").RequireAuthorization();

        admins.MapPost("", async (RecruitmentBody body, ClaimsPrincipal user, BlogService service, CancellationToken ct) =>
                Results.Json(BlogPostDetail.Of(await service.CreateAsync(user.Caller(), Change(body), ct)), PlatformJson.Options,
                    statusCode: StatusCodes.Status201Created))
            .Accepts<BlogPostBody>("application/json").Produces<BlogPostDetail>(StatusCodes.Status201Created);

        admins.MapPatch("/{id}", async (string id, RecruitmentBody body, ClaimsPrincipal user, BlogService service, CancellationToken ct) =>
                BlogPostDetail.Of(await service.UpdateAsync(user.Caller(), RecruitmentIds.FromPath(id), Change(body), ct)))
            .Accepts<BlogPostBody>("application/json").Produces<BlogPostDetail>();

        admins.MapPost("/{id}/publish", async (string id, ClaimsPrincipal user, BlogService service, CancellationToken ct) =>
            BlogPostDetail.Of(await service.PublishAsync(user.Caller(), RecruitmentIds.FromPath(id), ct))).Produces<BlogPostDetail>();

        admins.MapDelete("/{id}", async (string id, ClaimsPrincipal user, BlogService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(user.Caller(), RecruitmentIds.FromPath(id), ct);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent);
    }

    /// <summary>The caller of a public route when a valid token came with it (an administrator sees drafts), else null.</summary>
    private static Caller? OptionalCaller(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true ? user.Caller() : null;

    private static BlogPostChange Change(RecruitmentBody body)
    {
        var change = new BlogPostChange(body.Text("title"), body.Text("content"), body.IdOrCode("category"), body.Text("excerpt"),
            body.Text("featured_image"), body.Text("status"));
        body.ThrowIfInvalid();
        return change;
    }
}

/// <summary>A post as an administrator writes it: category by id or name; status draft (the default) or published.</summary>
public sealed record BlogPostBody(string Title, string Content, string Category, string? Excerpt, string? FeaturedImage, string? Status);

public sealed record BlogAuthorCard(long Id, string Username, string FullName);

public sealed record BlogCategoryCard(long Id, string Name);

public sealed record BlogCategoryItem(long Id, string Name, string Slug)
{
    public static BlogCategoryItem Of(BlogCategory c) => new(c.Id, c.Name, c.Slug);
}

/// <summary>A post in the list, as document 003 shows it; published_at is null for a draft (only administrators see those).</summary>
public sealed record BlogPostItem(long Id, string Title, string Slug, BlogAuthorCard Author, BlogCategoryCard Category, string Excerpt,
    string? FeaturedImage, DateTimeOffset? PublishedAt, long ViewsCount)
{
    public static BlogPostItem Of(BlogPostViews v)
    {
        var p = v.Post;
        return new(p.PostId, p.Title, p.Slug, new BlogAuthorCard(p.Author.Id, p.Author.Username, p.Author.FullName), CategoryOf(p), p.Excerpt,
            p.FeaturedImage, p.PublishedAt, v.Views);
    }

    public static BlogCategoryCard CategoryOf(BlogPost p) =>
        BlogCategories.Find(p.CategoryId) is { } c ? new BlogCategoryCard(c.Id, c.Name) : new BlogCategoryCard(p.CategoryId, "");
}

/// <summary>A post with its content and status.</summary>
public sealed record BlogPostDetail(long Id, string Title, string Slug, BlogAuthorCard Author, BlogCategoryCard Category, string Excerpt,
    string Content, string? FeaturedImage, string Status, DateTimeOffset? PublishedAt, long ViewsCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static BlogPostDetail Of(BlogPostViews v)
    {
        var p = v.Post;
        return new(p.PostId, p.Title, p.Slug, new BlogAuthorCard(p.Author.Id, p.Author.Username, p.Author.FullName), BlogPostItem.CategoryOf(p), p.Excerpt,
            p.Content, p.FeaturedImage, p.Status, p.PublishedAt, v.Views, p.CreatedAt, p.UpdatedAt);
    }
}
