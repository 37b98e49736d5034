using System.Net;
using CareerNexus.Storage;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Nexus;

/// <summary>An app whose handlers can be stopped between their writes, shared by the count-once tests.</summary>
public sealed class FaultyApp : IDisposable
{
    public FaultSwitch Faults { get; } = new();
    public TestApp App { get; }

    public FaultyApp()
    {
        var faults = Faults;
        App = new TestApp(settings: new Dictionary<string, string?>
        {
            // A failed delivery comes back quickly, so that the queue's retry is seen within the test.
            ["CareerNexus:Queues:RetryDelayMilliseconds"] = "200",
            ["CareerNexus:Queues:PollMilliseconds"] = "200",
        }, services: s => s.AddSingleton<IFaultPoints>(faults));
    }

    public void Dispose() => App.Dispose();
}

/// <summary>
/// Counters change exactly once per fact: a request or queue delivery stopped between its writes (an injected fault) and
/// then repeated leaves every counter as if it had run once, and taking back a fact that was never counted changes nothing.
/// </summary>
public sealed class CountOnceTests(FaultyApp fixture) : IClassFixture<FaultyApp>
{
    private readonly TestApp _app = fixture.App;
    private readonly FaultSwitch _faults = fixture.Faults;
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task A_like_stopped_after_its_first_counter_is_counted_once_by_its_repeat_and_taken_back_once()
    {
        var author = await _api.Register();
        var fan = await _api.Register();
        var postId = await _api.NexusPost(author);

        // Stops after the post's counter and before the author's.
        _faults.Arm("count:posts");
        (await _api.Post("/post/like/", new { post = postId }, fan.Access)).ExpectNexusError(HttpStatusCode.InternalServerError);
        Assert.Equal(1, (await _api.GetPost(postId, fan)).GetProperty("like_count").GetInt32());
        Assert.Equal(0, (await _app.AccountAsync(author.Id)).LikesReceived);

        (await _api.Post("/post/like/", new { post = postId }, fan.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(1, (await _api.GetPost(postId, fan)).GetProperty("like_count").GetInt32());
        Assert.Equal(1, (await _app.AccountAsync(author.Id)).LikesReceived);
        (await _api.Post("/post/like/", new { post = postId }, fan.Access)).ExpectNexusError(HttpStatusCode.BadRequest);

        // An unlike stopped after its first counter, then repeated: each counter is taken back once.
        _faults.Arm("uncount:posts");
        (await _api.Delete($"/careers/{postId}/unlike/", fan.Access)).ExpectCareersError(HttpStatusCode.InternalServerError);
        (await _api.Delete($"/careers/{postId}/unlike/", fan.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, (await _api.GetPost(postId, fan)).GetProperty("like_count").GetInt32());
        Assert.Equal(0, (await _app.AccountAsync(author.Id)).LikesReceived);
    }

    [Fact]
    public async Task Taking_back_a_like_that_was_never_counted_changes_nothing()
    {
        var author = await _api.Register();
        var fan = await _api.Register();
        var postId = await _api.NexusPost(author);

        // The like is stored, and its request stops before counting it.
        _faults.Arm("activity:stored");
        (await _api.Post("/post/like/", new { post = postId }, fan.Access)).ExpectNexusError(HttpStatusCode.InternalServerError);
        (await _api.Delete($"/careers/{postId}/unlike/", fan.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, (await _api.GetPost(postId, fan)).GetProperty("like_count").GetInt32());
        Assert.Equal(0, (await _app.AccountAsync(author.Id)).LikesReceived);
    }

    [Fact]
    public async Task A_follow_stopped_between_its_counters_is_finished_once_by_its_repeat()
    {
        var reader = await _api.Register();
        var writer = await _api.Register();

        _faults.Arm("count:accounts");
        (await _api.Post("/careers/users/follow/", new { following = writer.Id }, reader.Access)).ExpectCareersError(HttpStatusCode.InternalServerError);
        (await _api.Post("/careers/users/follow/", new { following = writer.Id }, reader.Access)).ExpectCareersError(HttpStatusCode.Conflict);
        (await _api.Post("/careers/users/follow/", new { following = writer.Id }, reader.Access)).ExpectCareersError(HttpStatusCode.Conflict);
        Assert.Equal(1, (await _app.AccountAsync(reader.Id)).FollowingCount);
        Assert.Equal(1, (await _app.AccountAsync(writer.Id)).FollowersCount);

        (await _api.Delete($"/careers/users/{writer.Username}/unfollow/", reader.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, (await _app.AccountAsync(reader.Id)).FollowingCount);
        Assert.Equal(0, (await _app.AccountAsync(writer.Id)).FollowersCount);
    }

    [Fact]
    public async Task A_post_whose_request_stopped_after_storing_it_is_counted_and_placed_once_by_the_queue()
    {
        var author = await _api.Register();
        _faults.Arm("post:stored");
        (await _api.Post("/post/", new { body = "Stopped half-way" }, author.Access)).ExpectNexusError(HttpStatusCode.InternalServerError);

        // The message sent before the post was stored does the rest.
        await Eventually.True(async () => (await _api.Get("/post/", author.Access)).Body.GetProperty("count").GetInt32() == 1,
            "the queue did not place the post in its author's feed");
        Assert.Equal(1, (await _app.AccountAsync(author.Id)).PostsCount);
    }

    [Fact]
    public async Task A_timeline_write_stopped_before_its_count_is_counted_once_by_the_queue()
    {
        var author = await _api.Register();
        var follower = await _api.Register();
        (await _api.Post("/careers/users/follow/", new { following = author.Id }, follower.Access)).Expect(HttpStatusCode.Created);

        // The request's own timeline write stops after the first entry; the queue's delivery finishes every timeline.
        _faults.Arm("timeline:entry-written");
        var postId = await _api.NexusPost(author);
        await Eventually.True(async () => (await _api.Get("/post/following/", follower.Access)).Body.GetProperty("count").GetInt32() == 1,
            "the queue did not place the post in the follower's timeline");
        var own = (await _api.Get("/post/", author.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, own["count"].GetInt32());
        Assert.Equal([postId], PostsSupport.Ids(own["results"]));
    }

    [Fact]
    public async Task A_deleted_post_is_hidden_at_once_and_its_cleanup_settles_the_counters_once_even_when_stopped()
    {
        var author = await _api.Register();
        var fan = await _api.Register();
        (await _api.Post("/careers/users/follow/", new { following = author.Id }, fan.Access)).Expect(HttpStatusCode.Created);
        var kept = await _api.NexusPost(author, "Kept");
        var postId = await _api.NexusPost(author, "Going");
        (await _api.Post("/post/like/", new { post = postId }, fan.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/post/comment/", new { post = postId, body = "Nice" }, fan.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/post/save/", new { post = postId }, fan.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(1, (await _app.AccountAsync(author.Id)).LikesReceived);

        // The first cleanup stops after taking the post off its author's count; the retry must not take it off again.
        _faults.Arm("uncount:accounts");
        (await _api.Delete($"/careers/{postId}/", author.Access)).Expect(HttpStatusCode.NoContent);
        (await _api.Get($"/careers/{postId}/", author.Access)).ExpectCareersError(HttpStatusCode.NotFound);
        Assert.Equal([kept], PostsSupport.Ids((await _api.Get("/post/following/", fan.Access)).Body.GetProperty("results")));

        var id = postId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.True(async () => await _app.Store.ReadAsync<System.Text.Json.Nodes.JsonObject>(Containers.Posts, id, id) is null,
            "the cleanup did not finish");
        var account = await _app.AccountAsync(author.Id);
        Assert.Equal(1, account.PostsCount);
        Assert.Equal(0, account.LikesReceived);
        Assert.Equal(0, account.CommentsReceived);
        Assert.Equal(1, (await _api.Get("/post/following/", fan.Access)).Body.GetProperty("count").GetInt32());
        Assert.Equal(1, (await _api.Get("/post/", author.Access)).Body.GetProperty("count").GetInt32());
        Assert.Equal(1, (await _api.Get($"/careers/?author={author.Username}", author.Access)).Body.GetProperty("batch_info").GetProperty("total_items").GetInt32());
        Assert.Empty((await _api.Get("/post/save/", fan.Access)).Body.EnumerateArray());
        Assert.Empty(await _app.Store.QueryListAsync<string>(Containers.PostActivity,
            new Microsoft.Azure.Cosmos.QueryDefinition("SELECT VALUE c.id FROM c WHERE c.partition = @p").WithParameter("@p", id), id));
    }

    [Fact]
    public async Task A_rebuild_recomputes_a_readers_following_timeline_and_its_count()
    {
        var author = await _api.Register();
        var reader = await _api.Register();
        var first = await _api.NexusPost(author, "First");
        var second = await _api.NexusPost(author, "Second");
        (await _api.Post("/careers/users/follow/", new { following = author.Id }, reader.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(2, (await _api.Get("/post/following/", reader.Access)).Body.GetProperty("count").GetInt32());

        // A view gone wrong: an entry lost, the count off.
        var timeline = CareerNexus.Posts.TimelineStore.Following(reader.Id);
        Assert.True(await _app.Store.DeleteAsync(Containers.Timelines, $"post:{first}", timeline));
        await _app.Store.PatchAsync<CareerNexus.Posts.TimelineCount>(Containers.Timelines, "count", timeline,
            [Microsoft.Azure.Cosmos.PatchOperation.Set("/posts", 99)]);

        await _app.Services.GetRequiredService<CareerNexus.Posts.PostWorkHandler>()
            .RunAsync(CareerNexus.Posts.PostWork.Rebuild(reader.Id), inline: false, CancellationToken.None);
        var page = (await _api.Get("/post/following/", reader.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, page["count"].GetInt32());
        Assert.Equal([second, first], PostsSupport.Ids(page["results"]));
    }
}
