using System.Net;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Careers;

public sealed class FollowTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task Follow_returns_the_documented_record_and_updates_both_counts()
    {
        var alice = await _api.Register();
        var bob = await _api.Register();
        var r = (await _api.Post("/careers/users/follow/", new { following = bob.Id }, alice.Access)).Expect(HttpStatusCode.Created);
        Assert.True(r["id"].GetInt64() > 0);
        Assert.Equal(alice.Id, r["follower"].GetInt64());
        Assert.Equal(bob.Id, r["following"].GetInt64());
        Assert.Equal(alice.Username, r["follower_username"].GetString());
        Assert.Equal(bob.Username, r["following_username"].GetString());
        Assert.True(r.Body.TryGetProperty("created_at", out _));

        Assert.Equal(1, (await _api.Get("/careers/users/me/", alice.Access))["following_count"].GetInt32());
        Assert.Equal(1, (await _api.Get("/careers/users/me/", bob.Access))["followers_count"].GetInt32());
    }

    [Fact]
    public async Task Follow_refuses_self_repeats_unknown_users_and_bad_bodies()
    {
        var alice = await _api.Register();
        var bob = await _api.Register();
        (await _api.Post("/careers/users/follow/", new { following = alice.Id }, alice.Access)).ExpectCareersError(HttpStatusCode.BadRequest);
        (await _api.Post("/careers/users/follow/", new { following = bob.Id }, alice.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/careers/users/follow/", new { following = bob.Id }, alice.Access)).ExpectCareersError(HttpStatusCode.Conflict);
        (await _api.Post("/careers/users/follow/", new { following = 987654321 }, alice.Access)).ExpectCareersError(HttpStatusCode.NotFound);
        (await _api.Post("/careers/users/follow/", new { }, alice.Access)).ExpectCareersError(HttpStatusCode.BadRequest);
        (await _api.Post("/careers/users/follow/", new { following = "bob" }, alice.Access)).ExpectCareersError(HttpStatusCode.BadRequest);
        (await _api.Post("/careers/users/follow/", new { following = bob.Id })).ExpectCareersError(HttpStatusCode.Unauthorized);
        // The repeat counted nothing twice.
        Assert.Equal(1, (await _api.Get("/careers/users/me/", bob.Access))["followers_count"].GetInt32());
    }

    [Fact]
    public async Task Unfollow_removes_the_follow_once()
    {
        var alice = await _api.Register();
        var bob = await _api.Register();
        (await _api.Post("/careers/users/follow/", new { following = bob.Id }, alice.Access)).Expect(HttpStatusCode.Created);
        var r = (await _api.Delete($"/careers/users/{bob.Username}/unfollow/", alice.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal($"Stopped following {bob.Username}", r["message"].GetString());
        (await _api.Delete($"/careers/users/{bob.Username}/unfollow/", alice.Access)).ExpectCareersError(HttpStatusCode.BadRequest);
        (await _api.Delete($"/careers/users/{ApiClient.Unique("ghost")}/unfollow/", alice.Access)).ExpectCareersError(HttpStatusCode.NotFound);
        (await _api.Delete($"/careers/users/{bob.Username}/unfollow/")).ExpectCareersError(HttpStatusCode.Unauthorized);
        Assert.Equal(0, (await _api.Get("/careers/users/me/", alice.Access))["following_count"].GetInt32());
        Assert.Equal(0, (await _api.Get("/careers/users/me/", bob.Access))["followers_count"].GetInt32());
        // Following again works after an unfollow.
        (await _api.Post("/careers/users/follow/", new { following = bob.Id }, alice.Access)).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task My_following_and_followers_list_follow_records_newest_first()
    {
        var me = await _api.Register();
        var a = await _api.Register();
        var b = await _api.Register();
        (await _api.Post("/careers/users/follow/", new { following = a.Id }, me.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/careers/users/follow/", new { following = b.Id }, me.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/careers/users/follow/", new { following = me.Id }, a.Access)).Expect(HttpStatusCode.Created);

        var following = (await _api.Get("/careers/users/following/", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, following["count"].GetInt32());
        var results = following["results"].EnumerateArray().ToList();
        Assert.Equal([b.Username, a.Username], results.Select(x => x.GetProperty("following_username").GetString()));
        Assert.All(results, x => Assert.Equal(me.Id, x.GetProperty("follower").GetInt64()));
        Assert.All(results, x => Assert.Equal(me.Username, x.GetProperty("follower_username").GetString()));

        var followers = (await _api.Get("/careers/users/followers/", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, followers["count"].GetInt32());
        var only = Assert.Single(followers["results"].EnumerateArray());
        Assert.Equal(a.Id, only.GetProperty("follower").GetInt64());
        Assert.Equal(me.Id, only.GetProperty("following").GetInt64());

        var page = (await _api.Get("/careers/users/following/?batch_size=1&batch_number=1", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, page["count"].GetInt32());
        Assert.Equal(a.Username, Assert.Single(page["results"].EnumerateArray()).GetProperty("following_username").GetString());
        (await _api.Get("/careers/users/following/")).ExpectCareersError(HttpStatusCode.Unauthorized);
        (await _api.Get("/careers/users/followers/")).ExpectCareersError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_users_followers_and_following_show_whether_the_caller_follows_each()
    {
        var star = await _api.Register();
        var fan1 = await _api.Register();
        var fan2 = await _api.Register();
        var viewer = await _api.Register();
        (await _api.Post("/careers/users/follow/", new { following = star.Id }, fan1.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/careers/users/follow/", new { following = star.Id }, fan2.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/careers/users/follow/", new { following = fan1.Id }, viewer.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/careers/users/follow/", new { following = fan1.Id }, star.Access)).Expect(HttpStatusCode.Created);

        var followers = (await _api.Get($"/careers/users/{star.Username}/followers/", viewer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, followers["count"].GetInt32());
        var byName = followers["results"].EnumerateArray().ToDictionary(x => x.GetProperty("username").GetString()!);
        Assert.True(byName[fan1.Username].GetProperty("is_following").GetBoolean());
        Assert.False(byName[fan2.Username].GetProperty("is_following").GetBoolean());
        Assert.Equal(fan1.Id, byName[fan1.Username].GetProperty("id").GetInt64());
        Assert.True(byName[fan1.Username].TryGetProperty("first_name", out _));
        Assert.True(byName[fan1.Username].TryGetProperty("avatar", out _));

        var following = (await _api.Get($"/careers/users/{star.Username}/following/", viewer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, following["count"].GetInt32());
        Assert.True(Assert.Single(following["results"].EnumerateArray()).GetProperty("is_following").GetBoolean());

        (await _api.Get($"/careers/users/{ApiClient.Unique("ghost")}/followers/", viewer.Access)).ExpectCareersError(HttpStatusCode.NotFound);
        (await _api.Get($"/careers/users/{star.Username}/following/")).ExpectCareersError(HttpStatusCode.Unauthorized);
    }
}
