using System.Net;
using System.Text.Json;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Careers;

public sealed class UserTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task A_failed_email_change_leaves_the_new_address_free()
    {
        var gone = await _api.Register();
        // The account disappears while its token is still valid: its sign-ins went with it, so the token is refused
        // before anything is claimed.
        var id = gone.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await fixture.App.Store.DeleteAsync(CareerNexus.Storage.Containers.Accounts, id, id);
        var address = ApiClient.Unique("moved") + "@example.com";
        (await _api.Patch("/careers/users/me/update/", new { email = address }, gone.Access)).ExpectCareersError(HttpStatusCode.Unauthorized);

        var username = ApiClient.Unique("u");
        (await _api.Post("/careers/users/register/", new
        {
            username, email = address, password = "Pw-long-enough-1", password_confirm = "Pw-long-enough-1", first_name = "A", last_name = "B",
        })).Expect(HttpStatusCode.Created);
    }

    private static List<string> Usernames(ApiResponse r) => r["users"].EnumerateArray().Select(u => u.GetProperty("username").GetString()!).ToList();

    [Fact]
    public async Task User_list_pages_in_batches_with_the_documented_batch_info()
    {
        var tag = ApiClient.Unique("t");
        for (var i = 0; i < 5; i++) await _api.Register(tag);
        var viewer = await _api.Register();

        var seen = new List<string>();
        foreach (var (batch, expected) in new[] { (0, 2), (1, 2), (2, 1), (3, 0) })
        {
            var r = (await _api.Get($"/careers/users/?search={tag}&batch_size=2&batch_number={batch}", viewer.Access)).Expect(HttpStatusCode.OK);
            Assert.Equal("Users retrieved successfully", r["message"].GetString());
            var info = r["batch_info"];
            Assert.Equal(batch, info.GetProperty("current_batch").GetInt32());
            Assert.Equal(2, info.GetProperty("batch_size").GetInt32());
            Assert.Equal(5, info.GetProperty("total_users").GetInt32());
            Assert.Equal(3, info.GetProperty("total_batches").GetInt32());
            Assert.Equal(expected, info.GetProperty("users_in_current_batch").GetInt32());
            Assert.Equal(expected, r["users"].GetArrayLength());
            seen.AddRange(Usernames(r));
        }
        Assert.Equal(5, seen.Distinct().Count());
        Assert.Equal(seen.OrderBy(u => u, StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task User_list_items_have_the_documented_fields()
    {
        var tag = ApiClient.Unique("t");
        var listed = await _api.Register(tag);
        var viewer = await _api.Register();
        var r = (await _api.Get($"/careers/users/?q={tag}", viewer.Access)).Expect(HttpStatusCode.OK);
        var item = Assert.Single(r["users"].EnumerateArray());
        Assert.Equal(listed.Id, item.GetProperty("id").GetInt64());
        Assert.Equal(listed.Username, item.GetProperty("username").GetString());
        Assert.Equal("First" + tag, item.GetProperty("first_name").GetString());
        Assert.Equal("Last" + tag, item.GetProperty("last_name").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("avatar").ValueKind);
        Assert.False(item.GetProperty("is_following").GetBoolean());
        Assert.False(item.TryGetProperty("email", out _));
    }

    [Fact]
    public async Task Search_matches_username_names_and_bio_and_the_name_filters_narrow_it()
    {
        var tag = ApiClient.Unique("t").ToLowerInvariant();
        var viewer = await _api.Register();
        var byFirst = await _api.Register(first: "Zed" + tag);
        var byLast = await _api.Register(last: "Quinn" + tag);
        var byBio = await _api.Register(bio: $"Loves {tag.ToUpperInvariant()} and APIs");

        var all = (await _api.Get($"/careers/users/?search={tag}", viewer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { byFirst.Username, byLast.Username, byBio.Username }.Order(), Usernames(all).Order());

        var first = (await _api.Get($"/careers/users/?first_name=zed{tag}", viewer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal([byFirst.Username], Usernames(first));
        var last = (await _api.Get($"/careers/users/?search={tag}&last_name=QUINN", viewer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal([byLast.Username], Usernames(last));
        var byName = (await _api.Get($"/careers/users/?search={byBio.Username}", viewer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal([byBio.Username], Usernames(byName));
    }

    [Fact]
    public async Task Ordering_sorts_by_the_named_field_and_minus_reverses_it()
    {
        var tag = ApiClient.Unique("t");
        var viewer = await _api.Register();
        foreach (var name in new[] { "Carol", "alice", "Bob" }) await _api.Register(tag, first: name);

        async Task<List<string>> FirstNames(string ordering) =>
            (await _api.Get($"/careers/users/?search={tag}&ordering={ordering}", viewer.Access)).Expect(HttpStatusCode.OK)["users"]
            .EnumerateArray().Select(u => u.GetProperty("first_name").GetString()!).ToList();

        Assert.Equal(["alice", "Bob", "Carol"], await FirstNames("first_name"));
        Assert.Equal(["Carol", "Bob", "alice"], await FirstNames("-first_name"));
        Assert.Equal(["Carol", "alice", "Bob"], await FirstNames("created_at"));
        Assert.Equal(["Bob", "alice", "Carol"], await FirstNames("-created_at"));
    }

    [Theory]
    [InlineData("batch_size=abc")]
    [InlineData("batch_size=0")]
    [InlineData("batch_number=-1")]
    [InlineData("ordering=password_hash")]
    [InlineData("limit=x")]
    public async Task Bad_list_parameters_are_400(string query)
    {
        var viewer = await _api.Register();
        (await _api.Get($"/careers/users/?{query}", viewer.Access)).ExpectCareersError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Batch_size_is_capped_at_100_and_limit_caps_the_list()
    {
        var tag = ApiClient.Unique("t");
        for (var i = 0; i < 3; i++) await _api.Register(tag);
        var viewer = await _api.Register();
        var capped = (await _api.Get($"/careers/users/?search={tag}&batch_size=500", viewer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(100, capped["batch_info"].GetProperty("batch_size").GetInt32());
        var limited = (await _api.Get($"/careers/users/?search={tag}&limit=2", viewer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, limited["batch_info"].GetProperty("total_users").GetInt32());
        Assert.Equal(2, limited["users"].GetArrayLength());
    }

    [Fact]
    public async Task Users_and_profiles_need_a_token()
    {
        var user = await _api.Register();
        (await _api.Get("/careers/users/")).ExpectCareersError(HttpStatusCode.Unauthorized);
        (await _api.Get($"/careers/users/{user.Username}/")).ExpectCareersError(HttpStatusCode.Unauthorized);
        (await _api.Get("/careers/users/me/")).ExpectCareersError(HttpStatusCode.Unauthorized);
        (await _api.Get("/careers/users/me/stats/")).ExpectCareersError(HttpStatusCode.Unauthorized);
        (await _api.Patch("/careers/users/me/update/", new { bio = "x" })).ExpectCareersError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Profile_by_username_shows_counts_and_no_private_fields()
    {
        var owner = await _api.Register();
        var viewer = await _api.Register();
        await _api.CreatePost(owner);
        await _api.CreatePost(owner);
        (await _api.Post("/careers/users/follow/", new { following = owner.Id }, viewer.Access)).Expect(HttpStatusCode.Created);

        var r = (await _api.Get($"/careers/users/{owner.Username.ToUpperInvariant()}/", viewer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(owner.Id, r["id"].GetInt64());
        Assert.Equal(owner.Username, r["username"].GetString());
        Assert.Equal(2, r["posts_count"].GetInt32());
        Assert.Equal(1, r["followers_count"].GetInt32());
        Assert.Equal(0, r["following_count"].GetInt32());
        Assert.True(r["is_following"].GetBoolean());
        foreach (var field in new[] { "first_name", "last_name", "bio", "avatar", "created_at" }) Assert.True(r.Body.TryGetProperty(field, out _), field);
        Assert.False(r.Body.TryGetProperty("email", out _));
        Assert.False(r.Body.TryGetProperty("password_hash", out _));

        (await _api.Get($"/careers/users/{ApiClient.Unique("nobody")}/", viewer.Access)).ExpectCareersError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Me_shows_my_private_profile()
    {
        var user = await _api.Register();
        var r = (await _api.Get("/careers/users/me/", user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(user.Id, r["id"].GetInt64());
        Assert.Equal(user.Email, r["email"].GetString());
        foreach (var field in new[] { "first_name", "last_name", "bio", "avatar", "created_at", "updated_at", "posts_count", "followers_count", "following_count" })
            Assert.True(r.Body.TryGetProperty(field, out _), field);
        Assert.False(r.Body.TryGetProperty("password_hash", out _));
    }

    [Fact]
    public async Task Update_changes_only_the_given_fields()
    {
        var user = await _api.Register("keep");
        var before = (await _api.Get("/careers/users/me/", user.Access)).Expect(HttpStatusCode.OK);
        var r = (await _api.Patch("/careers/users/me/update/", new { bio = "Updated bio", avatar = "https://example.com/a.jpg" }, user.Access))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("Updated bio", r["bio"].GetString());
        Assert.Equal("https://example.com/a.jpg", r["avatar"].GetString());
        Assert.Equal("Firstkeep", r["first_name"].GetString());
        Assert.Equal(user.Email, r["email"].GetString());
        Assert.True(DateTimeOffset.Parse(r["updated_at"].GetString()!) > DateTimeOffset.Parse(before["updated_at"].GetString()!));

        var after = (await _api.Get("/careers/users/me/", user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Updated bio", after["bio"].GetString());
        Assert.Equal("Lastkeep", after["last_name"].GetString());
    }

    [Fact]
    public async Task Concurrent_updates_of_different_fields_both_survive()
    {
        var user = await _api.Register();
        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(
                _api.Patch("/careers/users/me/update/", new { first_name = $"Name{round}" }, user.Access),
                _api.Patch("/careers/users/me/update/", new { bio = $"Bio{round}" }, user.Access),
                _api.Patch("/careers/users/me/update/", new { last_name = $"Last{round}" }, user.Access));
            var me = (await _api.Get("/careers/users/me/", user.Access)).Expect(HttpStatusCode.OK);
            Assert.Equal($"Name{round}", me["first_name"].GetString());
            Assert.Equal($"Bio{round}", me["bio"].GetString());
            Assert.Equal($"Last{round}", me["last_name"].GetString());
        }
    }

    [Fact]
    public async Task Changing_email_keeps_emails_unique_and_frees_the_old_one()
    {
        var user = await _api.Register();
        var other = await _api.Register();
        (await _api.Patch("/careers/users/me/update/", new { email = other.Email.ToUpperInvariant() }, user.Access))
            .ExpectCareersError(HttpStatusCode.Conflict);
        (await _api.Patch("/careers/users/me/update/", new { email = "bad-email" }, user.Access)).ExpectCareersError(HttpStatusCode.BadRequest);
        (await _api.Patch("/careers/users/me/update/", new { avatar = "javascript:alert(1)" }, user.Access)).ExpectCareersError(HttpStatusCode.BadRequest);

        var newEmail = ApiClient.Unique("new") + "@example.com";
        (await _api.Patch("/careers/users/me/update/", new { email = newEmail }, user.Access)).Expect(HttpStatusCode.OK);
        (await _api.Post("/careers/users/login/", new { username = newEmail, password = user.Password })).Expect(HttpStatusCode.OK);
        (await _api.Post("/careers/users/login/", new { username = user.Email, password = user.Password })).ExpectCareersError(HttpStatusCode.Unauthorized);
        // The old address is free for someone else now.
        (await _api.Post("/careers/users/register/", new
        {
            username = ApiClient.Unique("n"), email = user.Email, password = "correct-horse-1", password_confirm = "correct-horse-1",
        })).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Stats_count_posts_followers_and_what_my_posts_received()
    {
        var me = await _api.Register();
        var fan = await _api.Register();
        var post = await _api.CreatePost(me);
        await _api.CreatePost(me);
        (await _api.Post($"/careers/{post}/like/", null, fan.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post($"/careers/{post}/comment/", new { content = "Great" }, fan.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post($"/careers/{post}/comment/", new { content = "Again" }, fan.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/careers/users/follow/", new { following = me.Id }, fan.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/careers/users/follow/", new { following = fan.Id }, me.Access)).Expect(HttpStatusCode.Created);

        var stats = (await _api.Get("/careers/users/me/stats/", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, stats["posts_count"].GetInt32());
        Assert.Equal(1, stats["followers_count"].GetInt32());
        Assert.Equal(1, stats["following_count"].GetInt32());
        Assert.Equal(1, stats["likes_received"].GetInt32());
        Assert.Equal(2, stats["comments_received"].GetInt32());
    }
}
