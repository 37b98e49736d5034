using System.Security.Claims;
using CareerNexus.Files;
using CareerNexus.Functions.Hosting;
using CareerNexus.Posts;

namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002, under /post/: feed, posts, comments, replies, likes, reposts, saves, shares, following.</summary>
public static class NexusPostEndpoints
{
    public static void MapNexusPosts(this RouteGroupBuilder nexus)
    {
        var posts = nexus.MapGroup("/post").RequireAuthorization();

        // One route, two documented reads: the feed, or one post when post_id is given.
        posts.MapGet("", async (string? post_id, HttpRequest request, NexusPage page, ClaimsPrincipal user, PostService service, PostFeedService feed,
            CancellationToken ct) =>
        {
            if (request.Query.ContainsKey("post_id"))
                return Results.Json(PostItem.Of(await service.GetAsync(user.UserId(), NexusIds.RequiredQuery(post_id, "post_id"), withLikes: false, ct)));
            return Results.Json(page.Envelope(request, await feed.FeedAsync(user.UserId(), page.Request, ct), PostItem.Of));
        }).Produces<NexusList<PostItem>>();

        posts.MapPost("", async (FormBody<NewPostBody> body, ClaimsPrincipal user, PostService service, CancellationToken ct) =>
        {
            var form = body.Form;
            PostService.CheckNewContent(body.Value.Body, "body");
            var draft = new NewPost(body.Value.Body,
                await form.MediaAsync("pic1", FileKind.Image, "posts/pic", ct),
                await form.MediaAsync("pic2", FileKind.Image, "posts/pic", ct),
                await form.MediaAsync("pic3", FileKind.Image, "posts/pic", ct),
                await form.MediaAsync("video", FileKind.Video, "posts/video", ct),
                await form.MediaAsync("article", FileKind.Document, "posts/article", ct)) { ContentField = "body", ImageField = "pic1" };
            return Results.Json(CreatedPost.Of(await service.CreateAsync(user.UserId(), draft, ct)), statusCode: StatusCodes.Status201Created);
        }).WithMetadata(AcceptsUploads.Of(FileKind.Image, FileKind.Image, FileKind.Image, FileKind.Video, FileKind.Document))
            .Produces<CreatedPost>(StatusCodes.Status201Created);

        posts.MapPost("/comment", async (FormBody<CommentBody> body, ClaimsPrincipal user, PostActivityService activity, CancellationToken ct) =>
        {
            var comment = await activity.CommentAsync(user.UserId(), NexusIds.RequiredField(body.Value.Post, "post"), body.Value.Body,
                PostNaming.Referenced, "body", ct);
            return Results.Json(CommentItem.Of(comment), statusCode: StatusCodes.Status201Created);
        }).Produces<CommentItem>(StatusCodes.Status201Created);

        posts.MapGet("/comment", async (string? post_id, NexusWindow window, PostActivityService activity, CancellationToken ct) =>
            (await activity.ThreadsAsync(NexusIds.RequiredQuery(post_id, "post_id"), PostNaming.Referenced, window.Request, ct))
            .Select(ThreadItem.Of).ToList());

        posts.MapPost("/reply", async (FormBody<ReplyBody> body, ClaimsPrincipal user, PostActivityService activity, CancellationToken ct) =>
        {
            var reply = await activity.ReplyAsync(user.UserId(), NexusIds.RequiredField(body.Value.Parent, "parent"), body.Value.Body, ct);
            return Results.Json(ReplyItem.Of(reply), statusCode: StatusCodes.Status201Created);
        }).Produces<ReplyItem>(StatusCodes.Status201Created);

        posts.MapPost("/like", async (FormBody<PostBody> body, ClaimsPrincipal user, PostActivityService activity, CancellationToken ct) =>
        {
            var like = await activity.LikeAsync(user.UserId(), NexusIds.RequiredField(body.Value.Post, "post"), PostNaming.Referenced, ct);
            return Results.Json(new LikedPost(like.Activity.PostId), statusCode: StatusCodes.Status201Created);
        }).Produces<LikedPost>(StatusCodes.Status201Created);

        posts.MapPost("/repost", async (FormBody<ReplyBody> body, ClaimsPrincipal user, PostService service, CancellationToken ct) =>
        {
            var repost = await service.RepostAsync(user.UserId(), NexusIds.RequiredField(body.Value.Parent, "parent"), body.Value.Body, "body", ct);
            return Results.Json(RepostItem.Of(repost), statusCode: StatusCodes.Status201Created);
        }).Produces<RepostItem>(StatusCodes.Status201Created);

        posts.MapPost("/save", async (FormBody<PostBody> body, ClaimsPrincipal user, SavedPostService saved, CancellationToken ct) =>
        {
            var post = await saved.SaveAsync(user.UserId(), NexusIds.RequiredField(body.Value.Post, "post"), PostNaming.Referenced, ct);
            return Results.Json(new PostReference(post.PostId), statusCode: StatusCodes.Status201Created);
        }).Produces<PostReference>(StatusCodes.Status201Created);

        posts.MapGet("/save", async (ClaimsPrincipal user, SavedPostService saved, CancellationToken ct) =>
            (await saved.ListAsync(user.UserId(), ct)).Select(view => new SavedPost(PostItem.Of(view))).ToList());

        posts.MapPost("/share", async (FormBody<PostBody> body, ClaimsPrincipal user, PostActivityService activity, CancellationToken ct) =>
        {
            var post = await activity.ShareAndSaveAsync(user.UserId(), NexusIds.RequiredField(body.Value.Post, "post"), PostNaming.Referenced, ct);
            return Results.Json(new PostReference(post.PostId), statusCode: StatusCodes.Status201Created);
        }).Produces<PostReference>(StatusCodes.Status201Created);

        posts.MapGet("/following", async (HttpRequest request, NexusPage page, ClaimsPrincipal user, PostFeedService feed, CancellationToken ct) =>
            page.Envelope(request, await feed.FollowingAsync(user.UserId(), page.Request, ct), PostItem.Of));
    }
}
