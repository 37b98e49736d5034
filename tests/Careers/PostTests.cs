using System.Net;
using System.Text.Json;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Careers;

public sealed class PostTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly ApiClient _api = fixture.App.Api();

    private static void AssertPostShape(JsonElement post)
    {
        foreach (var field in new[] { "id", "author", "content", "image", "created_at", "updated_at", "likes_count", "comments_count", "shares_count", "is_liked" })
            Assert.True(post.TryGetProperty(field, out _), $"post has no {field}: {post}");
        foreach (var field in new[] { "id", "username", "first_name", "last_name", "avatar" })
            Assert.True(post.GetProperty("author").TryGetProperty(field, out _), $"author has no {field}");
    }

    [Fact]
    public async Task A_post_shows_its_author_as_they_are_now_on_both_surfaces()
    {
        var author = await _api.Register();
        var reader = await _api.Register();
        var old = await _api.CreatePost(author, "before the new name");
        (await _api.Patch("/careers/users/me/update/", new { first_name = "Renamed", avatar = "https://example.com/new.png" }, author.Access))
            .Expect(HttpStatusCode.OK);
        var careers = (await _api.Get($"/careers/{old}/", reader.Access)).Expect(HttpStatusCode.OK)["data"].GetProperty("author");
        Assert.Equal(("Renamed", "https://example.com/new.png"), (careers.GetProperty("first_name").GetString(), careers.GetProperty("avatar").GetString()));

        (await _api.Put("/user/profile-update/", new { first_name = "Again", qualification = "MSc" }, author.Access)).Expect(HttpStatusCode.Created);
        var nexus = (await _api.Get($"/post/?post_id={old}", reader.Access)).Expect(HttpStatusCode.OK)["profile"];
        Assert.Equal(("Again", "MSc"), (nexus.GetProperty("first_name").GetString(), nexus.GetProperty("qualification").GetString()));
        var made = await _api.CreatePost(author, "after");
        var fresh = (await _api.Get($"/careers/{made}/", reader.Access)).Expect(HttpStatusCode.OK)["data"].GetProperty("author");
        Assert.Equal("Again", fresh.GetProperty("first_name").GetString());
    }

    [Fact]
    public async Task Create_answers_201_with_the_post_in_the_standard_envelope()
    {
        var author = await _api.Register();
        var r = (await _api.Post("/careers/create/", new { content = "First post", image = "https://example.com/p.png" }, author.Access))
            .Expect(HttpStatusCode.Created);
        Assert.False(string.IsNullOrEmpty(r["message"].GetString()));
        var post = r["data"];
        AssertPostShape(post);
        Assert.Equal("First post", post.GetProperty("content").GetString());
        Assert.Equal("https://example.com/p.png", post.GetProperty("image").GetString());
        Assert.Equal(author.Id, post.GetProperty("author").GetProperty("id").GetInt64());
        Assert.Equal(author.Username, post.GetProperty("author").GetProperty("username").GetString());
        Assert.Equal(0, post.GetProperty("likes_count").GetInt32());
        Assert.False(post.GetProperty("is_liked").GetBoolean());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"content\": \"   \"}")]
    [InlineData("{\"content\": \"ok\", \"image\": \"ftp://example.com/x\"}")]
    [InlineData("{\"content\": 12}")]
    [InlineData("{\"content\": ")]
    public async Task Create_rejects_bad_posts(string body)
    {
        var author = await _api.Register();
        (await _api.PostRaw("/careers/create/", body, author.Access)).ExpectCareersError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Content_is_bounded_and_create_needs_a_token()
    {
        var author = await _api.Register();
        (await _api.Post("/careers/create/", new { content = new string('x', 5001) }, author.Access)).ExpectCareersError(HttpStatusCode.BadRequest);
        (await _api.Post("/careers/create/", new { content = new string('x', 5000) }, author.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/careers/create/", new { content = "anonymous" })).ExpectCareersError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Get_returns_the_post_or_404()
    {
        var author = await _api.Register();
        var reader = await _api.Register();
        var id = await _api.CreatePost(author, "Readable");
        var r = (await _api.Get($"/careers/{id}/", reader.Access)).Expect(HttpStatusCode.OK);
        AssertPostShape(r["data"]);
        Assert.Equal(id, r["data"].GetProperty("id").GetInt64());
        (await _api.Get("/careers/99999999/", reader.Access)).ExpectCareersError(HttpStatusCode.NotFound);
        (await _api.Get("/careers/not-a-number/", reader.Access)).ExpectCareersError(HttpStatusCode.NotFound);
        (await _api.Get($"/careers/{id}/")).ExpectCareersError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Only_the_author_may_update_or_delete_and_a_deleted_post_is_gone()
    {
        var author = await _api.Register();
        var other = await _api.Register();
        var id = await _api.CreatePost(author, "Original");
        (await _api.Post($"/careers/{id}/like/", null, other.Access)).Expect(HttpStatusCode.Created);

        (await _api.Patch($"/careers/{id}/", new { content = "Hijacked" }, other.Access)).ExpectCareersError(HttpStatusCode.Forbidden);
        (await _api.Delete($"/careers/{id}/", other.Access)).ExpectCareersError(HttpStatusCode.Forbidden);
        (await _api.Patch($"/careers/{id}/", new { content = "" }, author.Access)).ExpectCareersError(HttpStatusCode.BadRequest);

        var updated = (await _api.Patch($"/careers/{id}/", new { content = "Edited" }, author.Access)).Expect(HttpStatusCode.OK)["data"];
        Assert.Equal("Edited", updated.GetProperty("content").GetString());
        Assert.Equal(1, updated.GetProperty("likes_count").GetInt32());
        Assert.True(DateTimeOffset.Parse(updated.GetProperty("updated_at").GetString()!) > DateTimeOffset.Parse(updated.GetProperty("created_at").GetString()!));
        Assert.Equal("Edited", (await _api.Get($"/careers/{id}/", other.Access))["data"].GetProperty("content").GetString());

        (await _api.Delete($"/careers/{id}/", author.Access)).Expect(HttpStatusCode.NoContent);
        (await _api.Get($"/careers/{id}/", author.Access)).ExpectCareersError(HttpStatusCode.NotFound);
        (await _api.Delete($"/careers/{id}/", author.Access)).ExpectCareersError(HttpStatusCode.NotFound);
        (await _api.Patch($"/careers/{id}/", new { content = "Back" }, author.Access)).ExpectCareersError(HttpStatusCode.NotFound);
        (await _api.Post($"/careers/{id}/like/", null, author.Access)).ExpectCareersError(HttpStatusCode.NotFound);

        // The posts queue settles the author's counters once it has cleaned up after the post.
        await Eventually.True(async () =>
        {
            var stats = (await _api.Get("/careers/users/me/stats/", author.Access)).Expect(HttpStatusCode.OK);
            return stats["posts_count"].GetInt32() == 0 && stats["likes_received"].GetInt32() == 0;
        }, "the deleted post's counters were not settled");
    }

    [Fact]
    public async Task Likes_are_one_per_user_and_show_in_counts_lists_and_is_liked()
    {
        var author = await _api.Register();
        var fan = await _api.Register();
        var id = await _api.CreatePost(author);

        var like = (await _api.Post($"/careers/{id}/like/", null, fan.Access)).Expect(HttpStatusCode.Created)["data"];
        Assert.Equal(id, like.GetProperty("post").GetInt64());
        Assert.Equal(fan.Id, like.GetProperty("user").GetProperty("id").GetInt64());
        (await _api.Post($"/careers/{id}/like/", null, fan.Access)).ExpectCareersError(HttpStatusCode.Conflict);

        var seenByFan = (await _api.Get($"/careers/{id}/", fan.Access))["data"];
        Assert.Equal(1, seenByFan.GetProperty("likes_count").GetInt32());
        Assert.True(seenByFan.GetProperty("is_liked").GetBoolean());
        Assert.False((await _api.Get($"/careers/{id}/", author.Access))["data"].GetProperty("is_liked").GetBoolean());

        var likes = (await _api.Get($"/careers/{id}/likes/", author.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, likes["batch_info"].GetProperty("total_items").GetInt32());
        Assert.Equal(fan.Username, Assert.Single(likes["data"].EnumerateArray()).GetProperty("user").GetProperty("username").GetString());

        var unliked = (await _api.Delete($"/careers/{id}/unlike/", fan.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, unliked["data"].GetProperty("likes_count").GetInt32());
        (await _api.Delete($"/careers/{id}/unlike/", fan.Access)).ExpectCareersError(HttpStatusCode.NotFound);
        Assert.Equal(0, (await _api.Get($"/careers/{id}/likes/", author.Access))["data"].GetArrayLength());
        (await _api.Post($"/careers/{id}/like/", null)).ExpectCareersError(HttpStatusCode.Unauthorized);
        (await _api.Delete($"/careers/{id}/unlike/")).ExpectCareersError(HttpStatusCode.Unauthorized);
        (await _api.Post("/careers/99999999/like/", null, fan.Access)).ExpectCareersError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Comments_are_listed_oldest_first_and_counted()
    {
        var author = await _api.Register();
        var a = await _api.Register();
        var id = await _api.CreatePost(author);
        var first = (await _api.Post($"/careers/{id}/comment/", new { content = "First!" }, a.Access)).Expect(HttpStatusCode.Created)["data"];
        Assert.Equal("First!", first.GetProperty("content").GetString());
        Assert.Equal(a.Id, first.GetProperty("author").GetProperty("id").GetInt64());
        Assert.Equal(id, first.GetProperty("post").GetInt64());
        (await _api.Post($"/careers/{id}/comment/", new { content = "Second" }, author.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post($"/careers/{id}/comment/", new { content = "" }, a.Access)).ExpectCareersError(HttpStatusCode.BadRequest);
        (await _api.Post($"/careers/{id}/comment/", new { }, a.Access)).ExpectCareersError(HttpStatusCode.BadRequest);
        (await _api.Post($"/careers/{id}/comment/", new { content = "x" })).ExpectCareersError(HttpStatusCode.Unauthorized);

        var comments = (await _api.Get($"/careers/{id}/comments/", a.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["First!", "Second"], comments["data"].EnumerateArray().Select(c => c.GetProperty("content").GetString()));
        Assert.Equal(2, comments["batch_info"].GetProperty("total_items").GetInt32());
        var newest = (await _api.Get($"/careers/{id}/comments/?ordering=-created_at&batch_size=1", a.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Second", Assert.Single(newest["data"].EnumerateArray()).GetProperty("content").GetString());
        Assert.Equal(2, (await _api.Get($"/careers/{id}/", a.Access))["data"].GetProperty("comments_count").GetInt32());
        (await _api.Get("/careers/99999999/comments/", a.Access)).ExpectCareersError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Shares_are_one_per_user_and_listed()
    {
        var author = await _api.Register();
        var sharer = await _api.Register();
        var id = await _api.CreatePost(author);
        var share = (await _api.Post($"/careers/{id}/share/", new { content = "Worth reading" }, sharer.Access)).Expect(HttpStatusCode.Created)["data"];
        Assert.Equal("Worth reading", share.GetProperty("content").GetString());
        Assert.Equal(sharer.Id, share.GetProperty("user").GetProperty("id").GetInt64());
        (await _api.Post($"/careers/{id}/share/", null, sharer.Access)).ExpectCareersError(HttpStatusCode.Conflict);
        (await _api.Post($"/careers/{id}/share/", null, author.Access)).Expect(HttpStatusCode.Created);

        var shares = (await _api.Get($"/careers/{id}/shares/", sharer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, shares["batch_info"].GetProperty("total_items").GetInt32());
        Assert.Equal(2, shares["data"].GetArrayLength());
        Assert.Equal(2, (await _api.Get($"/careers/{id}/", sharer.Access))["data"].GetProperty("shares_count").GetInt32());
        (await _api.Get($"/careers/{id}/shares/")).ExpectCareersError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_list_filters_by_authors_for_a_following_feed()
    {
        var a = await _api.Register();
        var b = await _api.Register();
        var c = await _api.Register();
        var reader = await _api.Register();
        var a1 = await _api.CreatePost(a, "from a 1");
        var b1 = await _api.CreatePost(b, "from b 1");
        await _api.CreatePost(c, "from c 1");
        var a2 = await _api.CreatePost(a, "from a 2");

        var feed = (await _api.Get($"/careers/?author={a.Username},{b.Username}", reader.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Posts retrieved successfully", feed["message"].GetString());
        Assert.Equal([a2, b1, a1], feed["data"].EnumerateArray().Select(p => p.GetProperty("id").GetInt64()));
        Assert.All(feed["data"].EnumerateArray(), AssertPostShape);
        var repeated = (await _api.Get($"/careers/?author={a.Username}&author={b.Username}", reader.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(3, repeated["batch_info"].GetProperty("total_items").GetInt32());
        var nobody = (await _api.Get($"/careers/?author={ApiClient.Unique("ghost")}", reader.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, nobody["data"].GetArrayLength());

        // Each named author costs lookups: a list names at most 20 of them.
        var many = string.Join(',', Enumerable.Range(0, 21).Select(i => $"someone{i}"));
        (await _api.Get($"/careers/?author={many}", reader.Access)).ExpectCareersError(HttpStatusCode.BadRequest);
        (await _api.Get($"/careers/?author={string.Join(',', Enumerable.Range(0, 20).Select(i => $"someone{i}"))}", reader.Access))
            .Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_list_pages_searches_orders_and_limits()
    {
        var author = await _api.Register();
        var fan = await _api.Register();
        var tag = ApiClient.Unique("topic");
        var ids = new List<long>();
        for (var i = 0; i < 5; i++) ids.Add(await _api.CreatePost(author, $"Post {i} about {tag.ToUpperInvariant()}"));
        await _api.CreatePost(author, "unrelated");
        (await _api.Post($"/careers/{ids[1]}/like/", null, fan.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post($"/careers/{ids[1]}/like/", null, author.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post($"/careers/{ids[3]}/like/", null, fan.Access)).Expect(HttpStatusCode.Created);

        var page = (await _api.Get($"/careers/?search={tag}&batch_size=2&batch_number=2", fan.Access)).Expect(HttpStatusCode.OK);
        var info = page["batch_info"];
        Assert.Equal(2, info.GetProperty("current_batch").GetInt32());
        Assert.Equal(2, info.GetProperty("batch_size").GetInt32());
        Assert.Equal(5, info.GetProperty("total_items").GetInt32());
        Assert.Equal(3, info.GetProperty("total_batches").GetInt32());
        Assert.Equal(1, info.GetProperty("items_in_current_batch").GetInt32());
        Assert.Equal(ids[0], Assert.Single(page["data"].EnumerateArray()).GetProperty("id").GetInt64());

        var popular = (await _api.Get($"/careers/?q={tag}&ordering=-likes_count&batch_size=2", fan.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal([ids[1], ids[3]], popular["data"].EnumerateArray().Select(p => p.GetProperty("id").GetInt64()));
        Assert.True(popular["data"][0].GetProperty("is_liked").GetBoolean());

        var oldest = (await _api.Get($"/careers/?search={tag}&ordering=created_at&limit=3", fan.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(ids.Take(3), oldest["data"].EnumerateArray().Select(p => p.GetProperty("id").GetInt64()));
        Assert.Equal(3, oldest["batch_info"].GetProperty("total_items").GetInt32());

        (await _api.Get("/careers/?ordering=author", fan.Access)).ExpectCareersError(HttpStatusCode.BadRequest);
        (await _api.Get("/careers/?batch_number=x", fan.Access)).ExpectCareersError(HttpStatusCode.BadRequest);
        (await _api.Get("/careers/")).ExpectCareersError(HttpStatusCode.Unauthorized);
    }
}
