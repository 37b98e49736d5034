using System.Net;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Nexus;

/// <summary>An app over a database of its own: the feed reaches every mentor's post, so other tests' posts would show in it.</summary>
public sealed class FeedApp : IDisposable
{
    public TestApp App { get; } = new();

    public void Dispose() => App.Dispose();
}

/// <summary>Document 002's feed (/post/) and the posts of followed and connected accounts (/post/following/).</summary>
public sealed class PostsFeedTests(FeedApp fixture) : IClassFixture<FeedApp>
{
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task The_feed_holds_the_readers_industry_mentors_and_their_own_posts_newest_first()
    {
        var reader = await _api.Register();
        var colleague = await _api.Register();
        var outsider = await _api.Register();
        var mentor = await _api.Register();
        var newcomer = await _api.Register();
        await _app.SetProfile(reader, industry: "education");
        await _app.SetProfile(colleague, industry: "education");
        await _app.SetProfile(outsider, industry: "banking");
        await _app.SetProfile(mentor, industry: "banking", userType: "mentor");

        var colleaguePost = await _api.NexusPost(colleague, "Colleague");
        var outsiderPost = await _api.NexusPost(outsider, "Outsider");
        var mentorPost = await _api.NexusPost(mentor, "Mentor");
        var ownPost = await _api.NexusPost(reader, "Own");
        var newcomerPost = await _api.NexusPost(newcomer, "Newcomer");
        var repost = (await _api.Post("/post/repost/", new { parent = outsiderPost, body = "Look" }, colleague.Access)).Expect(HttpStatusCode.Created)
            ["post_id"].GetInt64();

        var feed = (await _api.Get("/post/", reader.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal([repost, ownPost, mentorPost, colleaguePost], PostsSupport.Ids(feed["results"]));
        Assert.Equal(4, feed["count"].GetInt32());
        Assert.All(feed["results"].EnumerateArray(), PostsSupport.AssertPost);
        Assert.Equal(outsiderPost, feed["results"][0].GetProperty("parent").GetInt64());

        // Without an industry: mentors' posts and one's own.
        var newcomerFeed = (await _api.Get("/post/", newcomer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal([newcomerPost, mentorPost], PostsSupport.Ids(newcomerFeed["results"]));

        // The industry is the author's when posting: a later change does not move earlier posts.
        await _app.SetProfile(colleague, industry: "banking");
        Assert.Contains(colleaguePost, PostsSupport.Ids((await _api.Get("/post/", reader.Access)).Body.GetProperty("results")));
        var later = await _api.NexusPost(colleague, "After the move");
        Assert.DoesNotContain(later, PostsSupport.Ids((await _api.Get("/post/", reader.Access)).Body.GetProperty("results")));
    }

    [Fact]
    public async Task The_feed_is_paged_with_absolute_links()
    {
        var reader = await _api.Register();
        await _app.SetProfile(reader, industry: "sports");
        var writer = await _api.Register();
        await _app.SetProfile(writer, industry: "sports");
        // Mentors' posts from the other tests reach this feed too; they are older than the ones made here.
        var before = (await _api.Get("/post/", reader.Access)).Expect(HttpStatusCode.OK)["count"].GetInt32();
        var ids = new List<long>();
        for (var i = 0; i < 12; i++) ids.Add(await _api.NexusPost(writer, $"Post {i}"));
        ids.Reverse();
        var count = before + 12;
        var lastPage = (count + 9) / 10;

        var first = (await _api.Get("/post/", reader.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(count, first["count"].GetInt32());
        Assert.Equal(ids.Take(10), PostsSupport.Ids(first["results"]));
        Assert.Equal("http://localhost/post/?page=2", first["next"].GetString());
        Assert.Null(first["previous"].GetString());
        Assert.Equal($"http://localhost/post/?page={lastPage}", first["last_page"].GetString());

        var second = (await _api.Get("/post/?page=2", reader.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(ids.Skip(10), PostsSupport.Ids(second["results"]).Take(2));
        Assert.Equal("http://localhost/post/?page=1", second["previous"].GetString());

        var last = (await _api.Get($"/post/?page={lastPage}", reader.Access)).Expect(HttpStatusCode.OK);
        Assert.Null(last["next"].GetString());
        (await _api.Get($"/post/?page={lastPage + 1}", reader.Access)).ExpectNexusError(HttpStatusCode.NotFound);
        (await _api.Get("/post/?page=0", reader.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Get("/post/?page=x", reader.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Get("/post/")).ExpectNexusError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Following_also_lists_the_posts_of_confirmed_connections_in_both_directions()
    {
        var reader = await _api.Register();
        var connected = await _api.Register();
        var requested = await _api.Register();
        var connectedPost = await _api.NexusPost(connected, "Connected");
        var requestedPost = await _api.NexusPost(requested, "Only requested");
        var readerPost = await _api.NexusPost(reader, "Reader");
        var followedAndConnected = await _api.NexusPost(connected, "Connected again");

        (await _api.Post("/connection/", new { connection = connected.Id }, reader.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/connection/", new { connection = requested.Id }, reader.Access)).Expect(HttpStatusCode.Created);
        // Pending: not yet a connection.
        Assert.Equal(0, (await _api.Get("/post/following/", reader.Access)).Expect(HttpStatusCode.OK)["count"].GetInt32());

        var pending = (await _api.Get("/connection/pending/", connected.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray()
            .Single(e => e.GetProperty("connection").GetProperty("user_id").GetInt64() == reader.Id);
        (await _api.Post("/connection/status/", new { connection_id = pending.GetProperty("id").GetInt64(), status = "Accept" }, connected.Access))
            .Expect(HttpStatusCode.OK);
        // Following a connection as well lists its posts once.
        (await _api.Post("/careers/users/follow/", new { following = connected.Id }, reader.Access)).Expect(HttpStatusCode.Created);

        var page = (await _api.Get("/post/following/", reader.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal([followedAndConnected, connectedPost], PostsSupport.Ids(page["results"]));
        Assert.Equal(2, page["count"].GetInt32());
        Assert.DoesNotContain(requestedPost, PostsSupport.Ids(page["results"]));
        // A connection goes both ways, unlike a follow.
        Assert.Equal([readerPost], PostsSupport.Ids((await _api.Get("/post/following/", connected.Access)).Body.GetProperty("results")));
    }

    [Fact]
    public async Task Following_lists_the_posts_of_followed_accounts_only()
    {
        var reader = await _api.Register();
        var followed = await _api.Register();
        var stranger = await _api.Register();
        var empty = (await _api.Get("/post/following/", reader.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, empty["count"].GetInt32());
        Assert.Empty(empty["results"].EnumerateArray());
        Assert.Null(empty["next"].GetString());

        var ids = new List<long>();
        for (var i = 0; i < 11; i++) ids.Add(await _api.NexusPost(followed, $"Followed {i}"));
        await _api.NexusPost(stranger, "Stranger");
        await _api.NexusPost(reader, "Own");
        (await _api.Post("/careers/users/follow/", new { following = followed.Id }, reader.Access)).Expect(HttpStatusCode.Created);
        ids.Reverse();

        var page = (await _api.Get("/post/following/", reader.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(11, page["count"].GetInt32());
        Assert.Equal(ids.Take(10), PostsSupport.Ids(page["results"]));
        Assert.All(page["results"].EnumerateArray(), post =>
        {
            PostsSupport.AssertPost(post);
            Assert.Equal("N/A", post.GetProperty("media").GetString());
        });
        Assert.Equal("http://localhost/post/following/?page=2", page["next"].GetString());
        Assert.Equal(ids.Skip(10), PostsSupport.Ids((await _api.Get("/post/following/?page=2", reader.Access)).Body.GetProperty("results")));

        // Following is one way: the followed account does not see the reader's posts.
        Assert.Equal(0, (await _api.Get("/post/following/", followed.Access)).Body.GetProperty("count").GetInt32());
        (await _api.Get("/post/following/")).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await _api.Get("/post/following/?page=-1", reader.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Page_numbers_past_the_deepest_page_are_refused_without_reading_the_list()
    {
        var reader = await _api.Register();
        foreach (var number in new[] { "2147483647", "1001" })
        {
            var refused = (await _api.Get($"/post/?page={number}", reader.Access)).ExpectNexusError(HttpStatusCode.NotFound);
            Assert.Equal("Invalid page.", refused.Body.GetProperty("error").GetString());
            (await _api.Get($"/post/following/?page={number}", reader.Access)).ExpectNexusError(HttpStatusCode.NotFound);
        }
        (await _api.Get("/post/?page=2147483648", reader.Access)).ExpectNexusError(HttpStatusCode.BadRequest);

        // Counts stop at the deepest page, so the count query of a list never reads past it.
        var request = new CareerNexus.Functions.Nexus.NexusPage(3).Request;
        Assert.Equal(2, request.Number);
        Assert.Equal(CareerNexus.Functions.Nexus.NexusPage.MaxNumber * CareerNexus.Functions.Nexus.NexusPage.Size, request.Limit);
    }
}
