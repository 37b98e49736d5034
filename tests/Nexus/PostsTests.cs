using System.Net;
using System.Text.Json;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Nexus;

/// <summary>Document 002's post routes: one post, create, comments and replies, like, repost, save, share.</summary>
public sealed class PostsTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task Create_answers_201_with_the_documented_fields_and_absent_media_as_NA()
    {
        var author = await _api.Register();
        var r = (await _api.Post("/post/", new { body = "  First Nexus post ", pic1 = "https://example.com/a.png", article = "https://example.com/a.pdf" },
            author.Access)).Expect(HttpStatusCode.Created);
        foreach (var field in new[] { "body", "pic1", "pic2", "pic3", "video", "article", "time_stamp" })
            Assert.True(r.Body.TryGetProperty(field, out _), $"no {field}: {r.Body}");
        Assert.Equal("First Nexus post", r["body"].GetString());
        Assert.Equal("https://example.com/a.png", r["pic1"].GetString());
        Assert.Equal("N/A", r["pic2"].GetString());
        Assert.Equal("N/A", r["pic3"].GetString());
        Assert.Equal("N/A", r["video"].GetString());
        Assert.Equal("https://example.com/a.pdf", r["article"].GetString());
        Assert.EndsWith("Z", r["time_stamp"].GetString());

        var post = await _api.GetPost(r["post_id"].GetInt64(), author);
        PostsSupport.AssertPost(post);
        Assert.Equal(author.Id, post.GetProperty("profile").GetProperty("id").GetInt64());
        Assert.Equal("N/A", post.GetProperty("profile").GetProperty("middle_name").GetString());
        Assert.Equal("First Nexus post", post.GetProperty("body").GetString());
        Assert.Equal(r["time_stamp"].GetString(), post.GetProperty("time_stamp").GetString());
        Assert.Equal(JsonValueKind.Null, post.GetProperty("parent").ValueKind);
        Assert.Equal(0, post.GetProperty("comment_count").GetInt32());
        Assert.Equal(0, post.GetProperty("like_count").GetInt32());
        Assert.Equal(0, post.GetProperty("share_count").GetInt32());
    }

    [Fact]
    public async Task Uploaded_pictures_video_and_article_round_trip_through_blob_storage()
    {
        var author = await _api.Register();
        var picture = Adapters.FilesTests.Png();
        var second = Adapters.FilesTests.Jpeg();
        var video = Adapters.FilesTests.Mp4();
        var article = Adapters.FilesTests.Pdf();
        var r = (await _api.SendForm(HttpMethod.Post, "/post/", new Dictionary<string, object>
        {
            ["body"] = "With media",
            ["pic1"] = new FormFile("first.png", "image/png", picture),
            ["pic2"] = new FormFile("second.jpg", "image/jpeg", second),
            ["pic3"] = "https://example.com/third.png",
            ["video"] = new FormFile("clip.mp4", "video/mp4", video),
            ["article"] = new FormFile("paper.pdf", "application/pdf", article),
        }, author.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal("https://example.com/third.png", r["pic3"].GetString());

        using var reader = new HttpClient();
        foreach (var (field, bytes, type) in new[] { ("pic1", picture, "image/png"), ("pic2", second, "image/jpeg"), ("video", video, "video/mp4"),
                     ("article", article, "application/pdf") })
        {
            using var response = await reader.GetAsync(r[field].GetString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        }
        var post = await _api.GetPost(r["post_id"].GetInt64(), author);
        Assert.Equal(r["pic1"].GetString(), post.GetProperty("pic1").GetString());
        Assert.Equal(r["video"].GetString(), post.GetProperty("video").GetString());

        // The wrong kind of file for a field is refused, and nothing is posted.
        (await _api.SendForm(HttpMethod.Post, "/post/", new Dictionary<string, object>
        {
            ["body"] = "Wrong file", ["pic1"] = new FormFile("paper.pdf", "application/pdf", article),
        }, author.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Equal(1, (await _api.Get("/careers/users/me/", author.Access))["posts_count"].GetInt32());
    }

    [Fact]
    public async Task The_text_of_a_post_is_checked_before_any_file_is_stored()
    {
        var author = await _api.Register();
        foreach (var body in new object?[] { null, "   ", new string('x', 5001) })
        {
            var fields = new Dictionary<string, object> { ["pic1"] = new FormFile("paper.pdf", "application/pdf", Adapters.FilesTests.Pdf()) };
            if (body is not null) fields["body"] = body;
            var refused = (await _api.SendForm(HttpMethod.Post, "/post/", fields, author.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
            // The file is never looked at: only the text is named.
            Assert.Equal(["body"], refused["fields"].EnumerateObject().Select(f => f.Name));
        }
        Assert.Equal(0, (await _api.Get("/careers/users/me/", author.Access))["posts_count"].GetInt32());
    }

    [Fact]
    public async Task A_post_is_the_same_post_on_Careers_and_Nexus()
    {
        var author = await _api.Register();
        var reader = await _api.Register();
        var careersId = (await _api.Post("/careers/create/", new { content = "From Careers", image = "https://example.com/c.png" }, author.Access))
            .Expect(HttpStatusCode.Created)["data"].GetProperty("id").GetInt64();
        var seen = await _api.GetPost(careersId, reader);
        Assert.Equal("From Careers", seen.GetProperty("body").GetString());
        Assert.Equal("https://example.com/c.png", seen.GetProperty("pic1").GetString());

        var nexusId = (await _api.Post("/post/", new { body = "From Nexus", pic1 = "https://example.com/n.png", pic2 = "https://example.com/n2.png" },
            author.Access)).Expect(HttpStatusCode.Created)["post_id"].GetInt64();
        var careers = (await _api.Get($"/careers/{nexusId}/", reader.Access)).Expect(HttpStatusCode.OK)["data"];
        Assert.Equal("From Nexus", careers.GetProperty("content").GetString());
        Assert.Equal("https://example.com/n.png", careers.GetProperty("image").GetString());
        Assert.Equal(2, (await _api.Get("/careers/users/me/", author.Access))["posts_count"].GetInt32());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"body\": \"   \"}")]
    [InlineData("{\"body\": \"ok\", \"pic1\": \"ftp://example.com/x.png\"}")]
    [InlineData("{\"body\": \"ok\", \"video\": \"not a url\"}")]
    [InlineData("{\"body\": ")]
    [InlineData("[1, 2]")]
    public async Task Create_rejects_bad_posts(string body)
    {
        var author = await _api.Register();
        (await _api.PostRaw("/post/", body, author.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Create_bounds_the_body_and_needs_a_token()
    {
        var author = await _api.Register();
        (await _api.Post("/post/", new { body = new string('x', 5001) }, author.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/", new { body = new string('x', 5000) }, author.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/post/", new { body = "anonymous" })).ExpectNexusError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Retrieve_answers_404_for_an_unknown_post_and_400_for_a_malformed_id()
    {
        var reader = await _api.Register();
        var id = await _api.NexusPost(reader);
        (await _api.Get($"/post/?post_id={id}")).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await _api.Get("/post/?post_id=987654321", reader.Access)).ExpectNexusError(HttpStatusCode.NotFound);
        (await _api.Get("/post/?post_id=abc", reader.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Get("/post/?post_id=-4", reader.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Get("/post/?post_id=99999999999999999999999", reader.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Get("/post/?post_id=", reader.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Comment_answers_201_with_the_commenter_and_counts_on_the_post()
    {
        var author = await _api.Register();
        var commenter = await _api.Register("Commenter");
        var postId = await _api.NexusPost(author);
        var r = (await _api.Post("/post/comment/", new { post = postId, body = " Nice one " }, commenter.Access)).Expect(HttpStatusCode.Created);
        PostsSupport.AssertSnippet(r["user"]);
        Assert.Equal(commenter.Id, r["user"].GetProperty("id").GetInt64());
        Assert.Equal("FirstCommenter", r["user"].GetProperty("first_name").GetString());
        Assert.Equal("Nice one", r["body"].GetString());
        Assert.EndsWith("Z", r["time_stamp"].GetString());

        // The post may also be named as a string, as a form would send it.
        (await _api.Post("/post/comment/", new { post = postId.ToString(), body = "Again" }, commenter.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(2, (await _api.GetPost(postId, author)).GetProperty("comment_count").GetInt32());
    }

    [Fact]
    public async Task Comment_refuses_unknown_posts_bad_bodies_and_anonymous_callers()
    {
        var user = await _api.Register();
        var postId = await _api.NexusPost(user);
        var inexistent = (await _api.Post("/post/comment/", new { post = 987654321, body = "Hi" }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Equal("Inexistent post", inexistent["error"].GetString());
        (await _api.Post("/post/comment/", new { post = postId }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/comment/", new { post = postId, body = "  " }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/comment/", new { post = postId, body = new string('x', 2001) }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/comment/", new { body = "Hi" }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/comment/", new { post = "seven", body = "Hi" }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/comment/", new { post = 1.5, body = "Hi" }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.PostRaw("/post/comment/", "{\"post\": ", user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/comment/", new { post = postId, body = "Hi" })).ExpectNexusError(HttpStatusCode.Unauthorized);
        Assert.Equal(0, (await _api.GetPost(postId, user)).GetProperty("comment_count").GetInt32());
    }

    [Fact]
    public async Task Replies_nest_under_their_comments_and_count_on_the_post()
    {
        var author = await _api.Register();
        var other = await _api.Register("Replier");
        var postId = await _api.NexusPost(author);
        var first = (await _api.Post("/post/comment/", new { post = postId, body = "First" }, author.Access)).Expect(HttpStatusCode.Created)["comment_id"]
            .GetInt64();
        var second = (await _api.Post("/post/comment/", new { post = postId, body = "Second" }, other.Access)).Expect(HttpStatusCode.Created)["comment_id"]
            .GetInt64();
        var reply = (await _api.Post("/post/reply/", new { parent = second, body = "Reply to second" }, author.Access)).Expect(HttpStatusCode.Created);
        PostsSupport.AssertSnippet(reply["user"]);
        Assert.Equal(author.Id, reply["user"].GetProperty("id").GetInt64());
        Assert.Equal("Reply to second", reply["body"].GetString());
        var deeper = (await _api.Post("/post/reply/", new { parent = reply["comment_id"].GetInt64(), body = "Reply to the reply" }, other.Access))
            .Expect(HttpStatusCode.Created);

        var thread = (await _api.Get($"/post/comment/?post_id={postId}", other.Access)).Expect(HttpStatusCode.OK).Body;
        Assert.Equal(JsonValueKind.Array, thread.ValueKind);
        Assert.Equal([first, second], thread.EnumerateArray().Select(c => c.GetProperty("comment_id").GetInt64()));
        foreach (var field in new[] { "post", "commenter", "body", "parent", "replies", "time_stamp", "comment_id" })
            Assert.True(thread[0].TryGetProperty(field, out _), $"comment has no {field}");
        foreach (var field in new[] { "first_name", "last_name", "middle_name", "profile_picture" })
            Assert.True(thread[0].GetProperty("commenter").TryGetProperty(field, out _), $"commenter has no {field}");
        Assert.Equal(postId, thread[0].GetProperty("post").GetInt64());
        Assert.Equal(JsonValueKind.Null, thread[0].GetProperty("parent").ValueKind);
        Assert.Empty(thread[0].GetProperty("replies").EnumerateArray());
        Assert.Equal("FirstReplier", thread[1].GetProperty("commenter").GetProperty("first_name").GetString());

        var replies = thread[1].GetProperty("replies");
        Assert.Single(replies.EnumerateArray());
        Assert.Equal("Reply to second", replies[0].GetProperty("body").GetString());
        Assert.Equal(second, replies[0].GetProperty("parent").GetInt64());
        Assert.Equal(postId, replies[0].GetProperty("post").GetInt64());
        var nested = replies[0].GetProperty("replies");
        Assert.Equal("Reply to the reply", nested[0].GetProperty("body").GetString());
        Assert.Equal(deeper["comment_id"].GetInt64(), nested[0].GetProperty("comment_id").GetInt64());
        Assert.Equal(reply["comment_id"].GetInt64(), nested[0].GetProperty("parent").GetInt64());

        Assert.Equal(4, (await _api.GetPost(postId, author)).GetProperty("comment_count").GetInt32());

        // Pages hold top-level comments, each with its whole thread.
        var secondPage = (await _api.Get($"/post/comment/?post_id={postId}&limit=1&page=2", other.Access)).Expect(HttpStatusCode.OK).Body;
        Assert.Equal([second], secondPage.EnumerateArray().Select(c => c.GetProperty("comment_id").GetInt64()));
        Assert.Equal("Reply to the reply", secondPage[0].GetProperty("replies")[0].GetProperty("replies")[0].GetProperty("body").GetString());
        Assert.Empty((await _api.Get($"/post/comment/?post_id={postId}&limit=1&page=3", other.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray());
        (await _api.Get($"/post/comment/?post_id={postId}&limit=500", other.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_comment_made_on_Careers_takes_Nexus_replies()
    {
        var author = await _api.Register();
        var postId = await _api.CreatePost(author);
        var commentId = (await _api.Post($"/careers/{postId}/comment/", new { content = "Careers comment" }, author.Access))
            .Expect(HttpStatusCode.Created)["data"].GetProperty("id").GetInt64();
        (await _api.Post("/post/reply/", new { parent = commentId, body = "Nexus reply" }, author.Access)).Expect(HttpStatusCode.Created);
        var thread = (await _api.Get($"/post/comment/?post_id={postId}", author.Access)).Expect(HttpStatusCode.OK).Body;
        Assert.Equal("Careers comment", thread[0].GetProperty("body").GetString());
        Assert.Equal("Nexus reply", thread[0].GetProperty("replies")[0].GetProperty("body").GetString());
    }

    [Fact]
    public async Task Reply_refuses_unknown_parents_bad_bodies_anonymous_callers_and_endless_nesting()
    {
        var user = await _api.Register();
        var postId = await _api.NexusPost(user);
        var parent = (await _api.Post("/post/comment/", new { post = postId, body = "Top" }, user.Access)).Expect(HttpStatusCode.Created)["comment_id"]
            .GetInt64();
        var unknown = (await _api.Post("/post/reply/", new { parent = 987654321, body = "Hi" }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Equal("Inexistent comment", unknown["error"].GetString());
        (await _api.Post("/post/reply/", new { parent }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/reply/", new { parent, body = new string('x', 2001) }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/reply/", new { body = "Hi" }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/reply/", new { parent = true, body = "Hi" }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/reply/", new { parent, body = "Hi" })).ExpectNexusError(HttpStatusCode.Unauthorized);

        for (var depth = 1; depth <= 10; depth++)
            parent = (await _api.Post("/post/reply/", new { parent, body = $"Depth {depth}" }, user.Access)).Expect(HttpStatusCode.Created)["comment_id"]
                .GetInt64();
        (await _api.Post("/post/reply/", new { parent, body = "Too deep" }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Equal(11, (await _api.GetPost(postId, user)).GetProperty("comment_count").GetInt32());
    }

    [Fact]
    public async Task Get_comments_answers_the_documented_400_for_an_unknown_post()
    {
        var user = await _api.Register();
        var postId = await _api.NexusPost(user);
        Assert.Empty((await _api.Get($"/post/comment/?post_id={postId}", user.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray());
        var r = (await _api.Get("/post/comment/?post_id=987654321", user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Equal("Inexistent post", r["error"].GetString());
        (await _api.Get("/post/comment/", user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Get("/post/comment/?post_id=x", user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Get($"/post/comment/?post_id={postId}")).ExpectNexusError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Like_answers_201_once_per_account_and_counts()
    {
        var author = await _api.Register();
        var fan = await _api.Register();
        var postId = await _api.NexusPost(author);
        var r = (await _api.Post("/post/like/", new { post = postId }, fan.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(postId, r["post"].GetInt64());
        var again = (await _api.Post("/post/like/", new { post = postId }, fan.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Equal("You have already liked this post", again["error"].GetString());
        (await _api.Post("/post/like/", new { post = postId }, author.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(2, (await _api.GetPost(postId, fan)).GetProperty("like_count").GetInt32());

        // One platform: the Careers surface sees the same like.
        var careers = (await _api.Get($"/careers/{postId}/", fan.Access)).Expect(HttpStatusCode.OK)["data"];
        Assert.True(careers.GetProperty("is_liked").GetBoolean());
        Assert.Equal(2, careers.GetProperty("likes_count").GetInt32());
        (await _api.Post($"/careers/{postId}/like/", null, fan.Access)).ExpectCareersError(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Like_refuses_unknown_posts_bad_bodies_and_anonymous_callers()
    {
        var user = await _api.Register();
        var postId = await _api.NexusPost(user);
        Assert.Equal("Inexistent post",
            (await _api.Post("/post/like/", new { post = 987654321 }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest)["error"].GetString());
        (await _api.Post("/post/like/", new { }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/like/", new { post = new[] { postId } }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.PostRaw("/post/like/", "not json", user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/like/", new { post = postId })).ExpectNexusError(HttpStatusCode.Unauthorized);
        Assert.Equal(0, (await _api.GetPost(postId, user)).GetProperty("like_count").GetInt32());
    }

    [Fact]
    public async Task Repost_is_a_post_of_its_own_with_the_original_as_parent()
    {
        var author = await _api.Register();
        var reposter = await _api.Register("Reposter");
        var original = await _api.NexusPost(author, "Original thought");
        var r = (await _api.Post("/post/repost/", new { parent = original, body = "Worth reading" }, reposter.Access)).Expect(HttpStatusCode.Created);
        foreach (var field in new[] { "profile", "body", "media", "article", "time_stamp" })
            Assert.True(r.Body.TryGetProperty(field, out _), $"no {field}: {r.Body}");
        PostsSupport.AssertSnippet(r["profile"]);
        Assert.Equal(reposter.Id, r["profile"].GetProperty("id").GetInt64());
        Assert.Equal("Worth reading", r["body"].GetString());
        Assert.Equal("N/A", r["media"].GetString());
        Assert.Equal("N/A", r["article"].GetString());

        var repost = await _api.GetPost(r["post_id"].GetInt64(), author);
        Assert.Equal(original, repost.GetProperty("parent").GetInt64());
        Assert.Equal(reposter.Id, repost.GetProperty("profile").GetProperty("id").GetInt64());
        Assert.Equal(1, (await _api.Get("/careers/users/me/", reposter.Access))["posts_count"].GetInt32());

        // The text is optional.
        var bare = (await _api.Post("/post/repost/", new { parent = original }, reposter.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal("", bare["body"].GetString());
        Assert.Equal(original, bare["parent"].GetInt64());
    }

    [Fact]
    public async Task Repost_refuses_unknown_parents_bad_bodies_and_anonymous_callers()
    {
        var user = await _api.Register();
        var postId = await _api.NexusPost(user);
        Assert.Equal("Inexistent post",
            (await _api.Post("/post/repost/", new { parent = 987654321, body = "x" }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest)["error"]
            .GetString());
        (await _api.Post("/post/repost/", new { body = "x" }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/repost/", new { parent = postId, body = new string('x', 5001) }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/repost/", new { parent = postId })).ExpectNexusError(HttpStatusCode.Unauthorized);
        Assert.Equal(1, (await _api.Get("/careers/users/me/", user.Access))["posts_count"].GetInt32());
    }

    [Fact]
    public async Task Saved_posts_are_listed_newest_saved_first_and_only_to_their_owner()
    {
        var author = await _api.Register();
        var saver = await _api.Register();
        var other = await _api.Register();
        var first = await _api.NexusPost(author, "First saved");
        var second = await _api.NexusPost(author, "Second saved");
        Assert.Empty((await _api.Get("/post/save/", saver.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray());

        Assert.Equal(first, (await _api.Post("/post/save/", new { post = first }, saver.Access)).Expect(HttpStatusCode.Created)["post_id"].GetInt64());
        (await _api.Post("/post/save/", new { post = second }, saver.Access)).Expect(HttpStatusCode.Created);
        // Saving again is not an error and does not move the post.
        Assert.Equal(first, (await _api.Post("/post/save/", new { post = first }, saver.Access)).Expect(HttpStatusCode.Created)["post_id"].GetInt64());

        var saved = (await _api.Get("/post/save/", saver.Access)).Expect(HttpStatusCode.OK).Body;
        Assert.Equal([second, first], saved.EnumerateArray().Select(s => s.GetProperty("post").GetProperty("post_id").GetInt64()));
        var post = saved[0].GetProperty("post");
        foreach (var field in new[] { "profile", "body", "media", "article", "time_stamp" })
            Assert.True(post.TryGetProperty(field, out _), $"no {field}: {post}");
        Assert.Equal("Second saved", post.GetProperty("body").GetString());
        Assert.Equal(author.Id, post.GetProperty("profile").GetProperty("id").GetInt64());

        Assert.Empty((await _api.Get("/post/save/", other.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray());

        // A deleted post leaves the list.
        (await _api.Delete($"/careers/{second}/", author.Access)).Expect(HttpStatusCode.NoContent);
        Assert.Equal([first], (await _api.Get("/post/save/", saver.Access)).Body.EnumerateArray()
            .Select(s => s.GetProperty("post").GetProperty("post_id").GetInt64()));
    }

    [Fact]
    public async Task Save_refuses_unknown_posts_bad_bodies_and_anonymous_callers()
    {
        var user = await _api.Register();
        Assert.Equal("Inexistent post",
            (await _api.Post("/post/save/", new { post = 987654321 }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest)["error"].GetString());
        (await _api.Post("/post/save/", new { }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/save/", new { post = 0 }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/save/", new { post = 1 })).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await _api.Get("/post/save/")).ExpectNexusError(HttpStatusCode.Unauthorized);
        Assert.Empty((await _api.Get("/post/save/", user.Access)).Body.EnumerateArray());
    }

    [Fact]
    public async Task Share_counts_once_per_account_and_saves_the_post()
    {
        var author = await _api.Register();
        var sharer = await _api.Register();
        var postId = await _api.NexusPost(author);
        Assert.Equal(postId, (await _api.Post("/post/share/", new { post = postId }, sharer.Access)).Expect(HttpStatusCode.Created)["post_id"].GetInt64());
        Assert.Equal(postId, (await _api.Post("/post/share/", new { post = postId }, sharer.Access)).Expect(HttpStatusCode.Created)["post_id"].GetInt64());
        Assert.Equal(1, (await _api.GetPost(postId, author)).GetProperty("share_count").GetInt32());
        (await _api.Post("/post/share/", new { post = postId }, author.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(2, (await _api.GetPost(postId, author)).GetProperty("share_count").GetInt32());

        var saved = (await _api.Get("/post/save/", sharer.Access)).Expect(HttpStatusCode.OK).Body;
        Assert.Equal([postId], saved.EnumerateArray().Select(s => s.GetProperty("post").GetProperty("post_id").GetInt64()));
        Assert.Equal(2, (await _api.Get($"/careers/{postId}/", author.Access))["data"].GetProperty("shares_count").GetInt32());
    }

    [Fact]
    public async Task Share_refuses_unknown_posts_bad_bodies_and_anonymous_callers()
    {
        var user = await _api.Register();
        var postId = await _api.NexusPost(user);
        Assert.Equal("Inexistent post",
            (await _api.Post("/post/share/", new { post = 987654321 }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest)["error"].GetString());
        (await _api.Post("/post/share/", new { post = "" }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/post/share/", new { post = postId })).ExpectNexusError(HttpStatusCode.Unauthorized);
        Assert.Equal(0, (await _api.GetPost(postId, user)).GetProperty("share_count").GetInt32());
    }

    [Fact]
    public async Task Counters_follow_likes_comments_replies_and_shares_together()
    {
        var author = await _api.Register();
        var a = await _api.Register();
        var b = await _api.Register();
        var postId = await _api.NexusPost(author);
        await Task.WhenAll(
            _api.Post("/post/like/", new { post = postId }, a.Access),
            _api.Post("/post/like/", new { post = postId }, b.Access),
            _api.Post("/post/share/", new { post = postId }, a.Access),
            _api.Post("/post/comment/", new { post = postId, body = "one" }, a.Access),
            _api.Post("/post/comment/", new { post = postId, body = "two" }, b.Access));
        var thread = (await _api.Get($"/post/comment/?post_id={postId}", a.Access)).Body;
        (await _api.Post("/post/reply/", new { parent = thread[0].GetProperty("comment_id").GetInt64(), body = "three" }, b.Access))
            .Expect(HttpStatusCode.Created);
        var post = await _api.GetPost(postId, author);
        Assert.Equal(2, post.GetProperty("like_count").GetInt32());
        Assert.Equal(3, post.GetProperty("comment_count").GetInt32());
        Assert.Equal(1, post.GetProperty("share_count").GetInt32());
    }

    [Fact]
    public async Task Deleting_a_post_deletes_its_comments_and_their_references()
    {
        var author = await _api.Register();
        var postId = await _api.NexusPost(author);
        var comment = (await _api.Post("/post/comment/", new { post = postId, body = "First" }, author.Access)).Expect(HttpStatusCode.Created)["comment_id"]
            .GetInt64();
        var reply = (await _api.Post("/post/reply/", new { parent = comment, body = "Second" }, author.Access)).Expect(HttpStatusCode.Created)["comment_id"]
            .GetInt64();
        var references = new[] { comment, reply }.Select(id => $"comment-ref:{id}").ToList();
        foreach (var id in references)
            Assert.NotNull(await _app.Store.ReadAsync<System.Text.Json.Nodes.JsonObject>(CareerNexus.Storage.Containers.PostActivity, id, id));

        (await _api.Delete($"/careers/{postId}/", author.Access)).Expect(HttpStatusCode.NoContent);
        // Hidden at once; the posts queue removes what hangs on it.
        (await _api.Post("/post/reply/", new { parent = comment, body = "Late" }, author.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        foreach (var id in references)
            await Eventually.True(async () => await _app.Store.ReadAsync<System.Text.Json.Nodes.JsonObject>(CareerNexus.Storage.Containers.PostActivity, id, id) is null,
                $"{id} was not removed");
    }
}
