using System.Security.Claims;
using CareerNexus.Files;
using CareerNexus.Functions.Hosting;
using CareerNexus.Posts;

namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002: feed, posts, comments, replies, likes, reposts, saves, shares, following.</summary>
public static class NexusPostEndpoints
{
    public static void MapNexusPosts(this RouteGroupBuilder nexus)
    {
        var posts = nexus.MapGroup("/post").RequireAuthorization();

        // One route, two documented reads: the feed, or one post when post_id is given.
        posts.MapGet("", async (HttpRequest request, NexusPage page, ClaimsPrincipal user, PostService service, PostFeedService feed,
            CancellationToken ct) =>
        {
            if (request.Query.ContainsKey("post_id"))
                return Results.Json(PostShapes.Post(await service.GetAsync(user.UserId(), NexusIds.Required(request, "post_id"), withLikes: false, ct)));
            return Results.Json(page.Envelope(request, await feed.FeedAsync(user.UserId(), page.Request, ct), PostShapes.Post));
        });

        posts.MapPost("", async (HttpRequest request, ClaimsPrincipal user, PostService service, CancellationToken ct) =>
        {
            var form = await RequestForm.ReadAsync(request, ct);
            PostService.CheckNewContent(form.Text("body"), "body");
            var draft = new NewPost(form.Text("body"),
                await form.MediaAsync("pic1", FileKind.Image, "posts/pic", ct),
                await form.MediaAsync("pic2", FileKind.Image, "posts/pic", ct),
                await form.MediaAsync("pic3", FileKind.Image, "posts/pic", ct),
                await form.MediaAsync("video", FileKind.Video, "posts/video", ct),
                await form.MediaAsync("article", FileKind.Document, "posts/article", ct)) { ContentField = "body", ImageField = "pic1" };
            return Results.Json(PostShapes.Created(await service.CreateAsync(user.UserId(), draft, ct)), statusCode: StatusCodes.Status201Created);
        }).WithMetadata(AcceptsUploads.Of(FileKind.Image, FileKind.Image, FileKind.Image, FileKind.Video, FileKind.Document));

        posts.MapPost("/comment", async (HttpRequest request, ClaimsPrincipal user, PostActivityService activity, CancellationToken ct) =>
        {
            var form = await RequestForm.ReadAsync(request, ct);
            var comment = await activity.CommentAsync(user.UserId(), NexusIds.Required(form, "post"), form.Text("body"), PostNaming.Referenced, "body", ct);
            return Results.Json(PostShapes.Comment(comment), statusCode: StatusCodes.Status201Created);
        });

        posts.MapGet("/comment", async (HttpRequest request, NexusWindow window, PostActivityService activity, CancellationToken ct) =>
            (await activity.ThreadsAsync(NexusIds.Required(request, "post_id"), PostNaming.Referenced, window.Request, ct))
            .Select(PostShapes.Thread).ToList());

        posts.MapPost("/reply", async (HttpRequest request, ClaimsPrincipal user, PostActivityService activity, CancellationToken ct) =>
        {
            var form = await RequestForm.ReadAsync(request, ct);
            var reply = await activity.ReplyAsync(user.UserId(), NexusIds.Required(form, "parent"), form.Text("body"), ct);
            return Results.Json(PostShapes.Reply(reply), statusCode: StatusCodes.Status201Created);
        });

        posts.MapPost("/like", async (HttpRequest request, ClaimsPrincipal user, PostActivityService activity, CancellationToken ct) =>
        {
            var form = await RequestForm.ReadAsync(request, ct);
            var like = await activity.LikeAsync(user.UserId(), NexusIds.Required(form, "post"), PostNaming.Referenced, ct);
            return Results.Json(new { post = like.Activity.PostId }, statusCode: StatusCodes.Status201Created);
        });

        posts.MapPost("/repost", async (HttpRequest request, ClaimsPrincipal user, PostService service, CancellationToken ct) =>
        {
            var form = await RequestForm.ReadAsync(request, ct);
            var repost = await service.RepostAsync(user.UserId(), NexusIds.Required(form, "parent"), form.Text("body"), "body", ct);
            return Results.Json(PostShapes.Repost(repost), statusCode: StatusCodes.Status201Created);
        });

        posts.MapPost("/save", async (HttpRequest request, ClaimsPrincipal user, SavedPostService saved, CancellationToken ct) =>
        {
            var form = await RequestForm.ReadAsync(request, ct);
            var post = await saved.SaveAsync(user.UserId(), NexusIds.Required(form, "post"), PostNaming.Referenced, ct);
            return Results.Json(new { post_id = post.PostId }, statusCode: StatusCodes.Status201Created);
        });

        posts.MapGet("/save", async (ClaimsPrincipal user, SavedPostService saved, CancellationToken ct) =>
            (await saved.ListAsync(user.UserId(), ct)).Select(view => new { post = PostShapes.Post(view) }).ToList());

        posts.MapPost("/share", async (HttpRequest request, ClaimsPrincipal user, PostActivityService activity, CancellationToken ct) =>
        {
            var form = await RequestForm.ReadAsync(request, ct);
            var post = await activity.ShareAndSaveAsync(user.UserId(), NexusIds.Required(form, "post"), PostNaming.Referenced, ct);
            return Results.Json(new { post_id = post.PostId }, statusCode: StatusCodes.Status201Created);
        });

        posts.MapGet("/following", async (HttpRequest request, NexusPage page, ClaimsPrincipal user, PostFeedService feed, CancellationToken ct) =>
            page.Envelope(request, await feed.FollowingAsync(user.UserId(), page.Request, ct), PostShapes.Post));
    }
}
