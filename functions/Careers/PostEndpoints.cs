using System.Globalization;
using System.Security.Claims;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using CareerNexus.Posts;

namespace CareerNexus.Functions.Careers;

/// <summary>The /careers/ post routes of document 000 (/careers/, /careers/create/, /careers/{id}/...), answered in its standard envelope.</summary>
public static class PostEndpoints
{
    public static void MapPosts(this RouteGroupBuilder careers)
    {
        var posts = careers.MapGroup("").RequireAuthorization();

        posts.MapGet("", async (CareersQuery query, ClaimsPrincipal user, PostService service, CancellationToken ct) =>
        {
            var search = new PostSearch(query.Search, query.Authors, query.Ordering(PostSearch.OrderFields));
            var page = await service.ListAsync(user.UserId(), search, query.Page, ct);
            return new ListEnvelope<PostResponse>("Posts retrieved successfully", page.Items.Select(PostResponse.Of).ToList(), BatchInfo.Of(page));
        });

        posts.MapPost("/create", async (PostRequest? body, ClaimsPrincipal user, PostService service, CancellationToken ct) =>
        {
            var post = await service.CreateAsync(user.UserId(), new NewPost(body?.Content, body?.Image), ct);
            return Results.Json(new Envelope<PostResponse>("Post created successfully", PostResponse.Of(post)), statusCode: StatusCodes.Status201Created);
        }).Produces<Envelope<PostResponse>>(StatusCodes.Status201Created);

        posts.MapGet("/{id}", async (string id, ClaimsPrincipal user, PostService service, CancellationToken ct) =>
            new Envelope<PostResponse>("Post retrieved successfully", PostResponse.Of(await service.GetAsync(user.UserId(), PostId(id), ct: ct))));

        posts.MapPatch("/{id}", async (string id, PostRequest? body, ClaimsPrincipal user, PostService service, CancellationToken ct) =>
        {
            var post = await service.UpdateAsync(user.UserId(), PostId(id), new PostChanges(body?.Content, body?.Image), ct);
            return new Envelope<PostResponse>("Post updated successfully", PostResponse.Of(post));
        });

        posts.MapDelete("/{id}", async (string id, ClaimsPrincipal user, PostService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(user.UserId(), PostId(id), ct);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent);

        posts.MapPost("/{id}/like", async (string id, ClaimsPrincipal user, PostActivityService activity, CancellationToken ct) =>
            Created("Post liked", LikeResponse.Of(await activity.LikeAsync(user.UserId(), PostId(id), ct: ct))))
            .Produces<Envelope<LikeResponse>>(StatusCodes.Status201Created);

        posts.MapDelete("/{id}/unlike", async (string id, ClaimsPrincipal user, PostActivityService activity, CancellationToken ct) =>
            new Envelope<UnlikeResponse>("Post unliked", new UnlikeResponse(await activity.UnlikeAsync(user.UserId(), PostId(id), ct))));

        posts.MapGet("/{id}/likes", (string id, CareersQuery query, PostActivityService activity, CancellationToken ct) =>
            List("Likes retrieved successfully", activity.ListAsync(PostId(id), ActivityKind.Like, query.Page, newestFirst: true, ct), LikeResponse.Of));

        posts.MapPost("/{id}/comment", async (string id, CommentRequest? body, ClaimsPrincipal user, PostActivityService activity,
            CancellationToken ct) => Created("Comment added", CommentResponse.Of(await activity.CommentAsync(user.UserId(), PostId(id), body?.Content, ct: ct))))
            .Produces<Envelope<CommentResponse>>(StatusCodes.Status201Created);

        posts.MapGet("/{id}/comments", (string id, CareersQuery query, PostActivityService activity, CancellationToken ct) =>
            List("Comments retrieved successfully",
                activity.ListAsync(PostId(id), ActivityKind.Comment, query.Page, newestFirst: query.Ordering(["created_at"])?.Descending ?? false, ct),
                CommentResponse.Of));

        posts.MapPost("/{id}/share", async (string id, ShareRequest? body, ClaimsPrincipal user, PostActivityService activity,
            CancellationToken ct) => Created("Post shared", ShareResponse.Of(await activity.ShareAsync(user.UserId(), PostId(id), body?.Content, ct))))
            .Produces<Envelope<ShareResponse>>(StatusCodes.Status201Created);

        posts.MapGet("/{id}/shares", (string id, CareersQuery query, PostActivityService activity, CancellationToken ct) =>
            List("Shares retrieved successfully", activity.ListAsync(PostId(id), ActivityKind.Share, query.Page, newestFirst: true, ct), ShareResponse.Of));
    }

    /// <summary>Post ids are positive integers; anything else names no post.</summary>
    private static long PostId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw PlatformException.NotFound("Post not found");

    private static IResult Created<T>(string message, T item) =>
        Results.Json(new Envelope<T>(message, item), statusCode: StatusCodes.Status201Created);

    private static async Task<ListEnvelope<T>> List<T>(string message, Task<Page<ActivityView>> listing, Func<ActivityView, T> map)
    {
        var page = await listing;
        return new ListEnvelope<T>(message, page.Items.Select(map).ToList(), BatchInfo.Of(page));
    }
}
