using System.Globalization;
using System.Security.Claims;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using CareerNexus.Posts;

namespace CareerNexus.Functions.Careers;

/// <summary>The /careers/ post routes of document 000, answered in its standard envelope.</summary>
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
        });

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
        });

        posts.MapPost("/{id}/like", async (string id, ClaimsPrincipal user, PostActivityService activity, CancellationToken ct) =>
            Created("Post liked", await activity.LikeAsync(user.UserId(), PostId(id), ct: ct)));

        posts.MapDelete("/{id}/unlike", async (string id, ClaimsPrincipal user, PostActivityService activity, CancellationToken ct) =>
            new Envelope<UnlikeResponse>("Post unliked", new UnlikeResponse(await activity.UnlikeAsync(user.UserId(), PostId(id), ct))));

        posts.MapGet("/{id}/likes", (string id, CareersQuery query, PostActivityService activity, CancellationToken ct) =>
            List("Likes retrieved successfully", activity.ListAsync(PostId(id), ActivityKind.Like, query.Page, newestFirst: true, ct)));

        posts.MapPost("/{id}/comment", async (string id, CommentRequest? body, ClaimsPrincipal user, PostActivityService activity,
            CancellationToken ct) => Created("Comment added", await activity.CommentAsync(user.UserId(), PostId(id), body?.Content, ct: ct)));

        posts.MapGet("/{id}/comments", (string id, CareersQuery query, PostActivityService activity, CancellationToken ct) =>
            List("Comments retrieved successfully",
                activity.ListAsync(PostId(id), ActivityKind.Comment, query.Page, newestFirst: query.Ordering(["created_at"])?.Descending ?? false, ct)));

        posts.MapPost("/{id}/share", async (string id, ShareRequest? body, ClaimsPrincipal user, PostActivityService activity,
            CancellationToken ct) => Created("Post shared", await activity.ShareAsync(user.UserId(), PostId(id), body?.Content, ct)));

        posts.MapGet("/{id}/shares", (string id, CareersQuery query, PostActivityService activity, CancellationToken ct) =>
            List("Shares retrieved successfully", activity.ListAsync(PostId(id), ActivityKind.Share, query.Page, newestFirst: true, ct)));
    }

    /// <summary>Post ids are positive integers; anything else names no post.</summary>
    private static long PostId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw PlatformException.NotFound("Post not found");

    private static IResult Created(string message, ActivityView view) =>
        Results.Json(new Envelope<object>(message, ActivityResponses.Of(view)), statusCode: StatusCodes.Status201Created);

    private static async Task<ListEnvelope<object>> List(string message, Task<Page<ActivityView>> listing)
    {
        var page = await listing;
        return new ListEnvelope<object>(message, page.Items.Select(ActivityResponses.Of).ToList(), BatchInfo.Of(page));
    }
}
