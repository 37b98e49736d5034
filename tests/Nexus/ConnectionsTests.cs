using System.Net;
using System.Text.Json;
using CareerNexus.Connections;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Nexus;

public sealed class ConnectionsTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private async Task<long> Request(TestUser from, TestUser to)
    {
        var r = (await _api.Post("/connection/", new { connection = to.Id }, from.Access)).Expect(HttpStatusCode.Created);
        var pending = (await _api.Get("/connection/pending/", to.Access)).Expect(HttpStatusCode.OK);
        return pending.Body.EnumerateArray().Single(e => e.GetProperty("connection").GetProperty("user_id").GetInt64() == from.Id)
            .GetProperty("id").GetInt64();
    }

    private Task<ApiResponse> Decide(TestUser who, long connectionId, string status) =>
        _api.Post("/connection/status/", new { connection_id = connectionId, status }, who.Access);

    private static JsonElement Only(ApiResponse list) => Assert.Single(list.Body.EnumerateArray());

    [Fact]
    public async Task A_request_is_pending_for_both_sides_with_the_documented_fields()
    {
        var alice = await _api.Register("Alice");
        var bob = await _api.Register("Bob");
        await _app.SetProfileAsync(bob.Id, qualification: "Bachelor of Science", middleName: "Middle");

        var created = (await _api.Post("/connection/", new { connection = bob.Id }, alice.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(alice.Id, created["user"].GetInt64());
        Assert.Equal(bob.Id, created["connection"].GetInt64());
        Assert.Equal("PENDING", created["status"].GetString());

        var mine = Only((await _api.Get("/connection/", alice.Access)).Expect(HttpStatusCode.OK));
        var id = mine.GetProperty("id").GetInt64();
        Assert.True(id > 0);
        var other = mine.GetProperty("connection");
        Assert.Equal(["first_name", "last_name", "middle_name", "profile_photo", "qualification", "status", "user_id"],
            other.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("FirstBob", other.GetProperty("first_name").GetString());
        Assert.Equal("LastBob", other.GetProperty("last_name").GetString());
        Assert.Equal("Middle", other.GetProperty("middle_name").GetString());
        Assert.Equal("N/A", other.GetProperty("profile_photo").GetString());
        Assert.Equal("Bachelor of Science", other.GetProperty("qualification").GetString());
        Assert.Equal("PENDING", other.GetProperty("status").GetString());
        Assert.Equal(bob.Id, other.GetProperty("user_id").GetInt64());

        var incoming = Only((await _api.Get("/connection/pending/", bob.Access)).Expect(HttpStatusCode.OK));
        Assert.Equal(id, incoming.GetProperty("id").GetInt64());
        Assert.Equal(alice.Id, incoming.GetProperty("connection").GetProperty("user_id").GetInt64());
        Assert.Equal("FirstAlice", incoming.GetProperty("connection").GetProperty("first_name").GetString());
        Assert.Equal("N/A", incoming.GetProperty("connection").GetProperty("middle_name").GetString());
        Assert.Equal("PENDING", incoming.GetProperty("connection").GetProperty("status").GetString());

        // A request received and not yet accepted is not one of bob's connections, nor pending for alice.
        Assert.Empty((await _api.Get("/connection/", bob.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray());
        Assert.Empty((await _api.Get("/connection/pending", alice.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray());
    }

    [Fact]
    public async Task A_request_is_refused_when_repeated_in_either_direction_to_oneself_or_to_nobody()
    {
        var alice = await _api.Register();
        var bob = await _api.Register();
        (await _api.Post("/connection/", new { connection = bob.Id }, alice.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/connection/", new { connection = bob.Id }, alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/connection/", new { connection = alice.Id }, bob.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/connection/", new { connection = alice.Id }, alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/connection/", new { connection = 987654321 }, alice.Access)).ExpectNexusError(HttpStatusCode.NotFound);
        (await _api.Post("/connection/", new { connection = -3 }, alice.Access)).ExpectNexusError(HttpStatusCode.NotFound);

        // Still exactly one request, on each side.
        Assert.Single((await _api.Get("/connection/", alice.Access)).Body.EnumerateArray());
        Assert.Single((await _api.Get("/connection/pending/", bob.Access)).Body.EnumerateArray());
        Assert.Empty((await _api.Get("/connection/pending/", alice.Access)).Body.EnumerateArray());
    }

    [Fact]
    public async Task Malformed_requests_get_a_400_and_no_token_a_401()
    {
        var alice = await _api.Register();
        (await _api.Post("/connection/", new { }, alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/connection/", new { connection = "bob" }, alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/connection/", new { connection = 1.5 }, alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.PostRaw("/connection/", "{\"connection\": 99999999999999999999999}", alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.PostRaw("/connection/", "{\"connection\": ", alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.PostRaw("/connection/", "[1]", alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/connection/status/", new { status = "Accept" }, alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/connection/status/", new { connection_id = "x", status = "Accept" }, alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/connection/status/", new { connection_id = 1, status = "Maybe" }, alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/connection/status/", new { connection_id = 1 }, alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/connection/status/", new { connection_id = 1, status = 5 }, alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);

        (await _api.Post("/connection/", new { connection = alice.Id })).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await _api.Get("/connection/")).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await _api.Get("/connection/pending/")).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await _api.Post("/connection/status/", new { connection_id = 1, status = "Accept" })).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await _api.Get("/connection/recommendation/?criteria=location")).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await _api.Get("/connection/", "not-a-token")).ExpectNexusError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Accepting_confirms_the_connection_for_both_and_counts_it_once_even_when_repeated()
    {
        var alice = await _api.Register();
        var bob = await _api.Register();
        var id = await Request(alice, bob);

        var r = (await Decide(bob, id, "Accept")).Expect(HttpStatusCode.OK);
        Assert.Equal(["status"], r.Body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Accepted", r["status"].GetString());
        Assert.Equal("Accepted", (await Decide(bob, id, "accept")).Expect(HttpStatusCode.OK)["status"].GetString());
        (await Decide(bob, id, "Reject")).ExpectNexusError(HttpStatusCode.BadRequest);

        Assert.Equal(1, (await _app.AccountAsync(alice.Id)).ConnectionsCount);
        Assert.Equal(1, (await _app.AccountAsync(bob.Id)).ConnectionsCount);

        var mine = Only(await _api.Get("/connection/", alice.Access));
        Assert.Equal(id, mine.GetProperty("id").GetInt64());
        Assert.Equal("CONFIRMED", mine.GetProperty("connection").GetProperty("status").GetString());
        var theirs = Only(await _api.Get("/connection/", bob.Access));
        Assert.Equal(id, theirs.GetProperty("id").GetInt64());
        Assert.Equal(alice.Id, theirs.GetProperty("connection").GetProperty("user_id").GetInt64());
        Assert.Equal("CONFIRMED", theirs.GetProperty("connection").GetProperty("status").GetString());
        Assert.Empty((await _api.Get("/connection/pending/", bob.Access)).Body.EnumerateArray());

        // Confirmed: no new request either way.
        (await _api.Post("/connection/", new { connection = bob.Id }, alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/connection/", new { connection = alice.Id }, bob.Access)).ExpectNexusError(HttpStatusCode.BadRequest);

        var service = _app.Services.GetRequiredService<ConnectionService>();
        Assert.Equal([bob.Id], await service.ConnectedUserIdsAsync(alice.Id));
        Assert.Equal([alice.Id], await service.ConnectedUserIdsAsync(bob.Id));
    }

    [Fact]
    public async Task Requests_and_decisions_may_come_as_forms()
    {
        var alice = await _api.Register();
        var bob = await _api.Register();
        var created = (await _api.SendForm(HttpMethod.Post, "/connection/", new Dictionary<string, object> { ["connection"] = bob.Id }, alice.Access))
            .Expect(HttpStatusCode.Created);
        Assert.Equal(bob.Id, created["connection"].GetInt64());
        var id = Only(await _api.Get("/connection/pending/", bob.Access)).GetProperty("id").GetInt64();
        var decided = (await _api.SendForm(HttpMethod.Post, "/connection/status", new Dictionary<string, object>
        {
            ["connection_id"] = id, ["status"] = "Accept",
        }, bob.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Accepted", decided["status"].GetString());
        (await _api.SendForm(HttpMethod.Post, "/connection/", new Dictionary<string, object> { ["connection"] = "x" }, alice.Access))
            .ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Concurrent_accepts_count_the_connection_once()
    {
        var alice = await _api.Register();
        var bob = await _api.Register();
        var id = await Request(alice, bob);
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Decide(bob, id, "Accept")));
        Assert.All(answers, a => Assert.Equal("Accepted", a.Expect(HttpStatusCode.OK)["status"].GetString()));
        Assert.Equal(1, (await _app.AccountAsync(alice.Id)).ConnectionsCount);
        Assert.Equal(1, (await _app.AccountAsync(bob.Id)).ConnectionsCount);
    }

    [Fact]
    public async Task Simultaneous_requests_in_both_directions_leave_at_most_one_consistent_request()
    {
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RaceOnce()));

        async Task RaceOnce()
        {
            var alice = await _api.Register();
            var bob = await _api.Register();
            var answers = await Task.WhenAll(
                _api.Post("/connection/", new { connection = bob.Id }, alice.Access), _api.Post("/connection/", new { connection = alice.Id }, bob.Access),
                _api.Post("/connection/", new { connection = bob.Id }, alice.Access), _api.Post("/connection/", new { connection = alice.Id }, bob.Access));
            Assert.Equal(1, answers.Count(a => a.Status == HttpStatusCode.Created));
            Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => a.ExpectNexusError(HttpStatusCode.BadRequest));

            async Task<List<long>> Ids(string path, TestUser user) =>
                (await _api.Get(path, user.Access)).Body.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
            var sentByAlice = await Ids("/connection/", alice);
            var sentByBob = await Ids("/connection/", bob);
            Assert.Equal(sentByAlice, await Ids("/connection/pending/", bob));
            Assert.Equal(sentByBob, await Ids("/connection/pending/", alice));
            Assert.Equal(1, sentByAlice.Count + sentByBob.Count);
        }
    }

    [Fact]
    public async Task Only_the_addressee_may_decide_and_others_are_refused()
    {
        var alice = await _api.Register();
        var bob = await _api.Register();
        var carol = await _api.Register();
        var id = await Request(alice, bob);

        (await Decide(alice, id, "Accept")).ExpectNexusError(HttpStatusCode.Forbidden);
        (await Decide(carol, id, "Accept")).ExpectNexusError(HttpStatusCode.NotFound);
        (await Decide(carol, id, "Reject")).ExpectNexusError(HttpStatusCode.NotFound);
        (await Decide(bob, 987654321, "Accept")).ExpectNexusError(HttpStatusCode.NotFound);

        // Nothing changed: still pending, nothing counted.
        Assert.Equal("PENDING", Only(await _api.Get("/connection/pending/", bob.Access)).GetProperty("connection").GetProperty("status").GetString());
        Assert.Equal(0, (await _app.AccountAsync(alice.Id)).ConnectionsCount);
        Assert.Equal(0, (await _app.AccountAsync(bob.Id)).ConnectionsCount);
    }

    [Fact]
    public async Task Rejecting_removes_the_request_and_allows_a_new_one()
    {
        var alice = await _api.Register();
        var bob = await _api.Register();
        var id = await Request(alice, bob);

        Assert.Equal("Rejected", (await Decide(bob, id, "Reject")).Expect(HttpStatusCode.OK)["status"].GetString());
        Assert.Equal("Rejected", (await Decide(bob, id, "Reject")).Expect(HttpStatusCode.OK)["status"].GetString());
        (await Decide(bob, id, "Accept")).ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Empty((await _api.Get("/connection/", alice.Access)).Body.EnumerateArray());
        Assert.Empty((await _api.Get("/connection/pending/", bob.Access)).Body.EnumerateArray());
        Assert.Empty(await _app.Services.GetRequiredService<ConnectionService>().ConnectedUserIdsAsync(alice.Id));

        // Either side may ask again; the new request has its own id.
        var again = await Request(bob, alice);
        Assert.NotEqual(id, again);
        Assert.Equal("Accepted", (await Decide(alice, again, "Accept")).Expect(HttpStatusCode.OK)["status"].GetString());
        Assert.Equal(1, (await _app.AccountAsync(alice.Id)).ConnectionsCount);
        Assert.Equal(1, (await _app.AccountAsync(bob.Id)).ConnectionsCount);
    }

    [Fact]
    public async Task Location_recommendations_share_the_callers_location_and_skip_linked_accounts()
    {
        var place = "Ibadan " + Guid.NewGuid().ToString("N")[..8];
        var me = await _api.Register("Me");
        var connected = await _api.Register();
        var asked = await _api.Register();
        var askedMe = await _api.Register();
        var stranger = await _api.Register("Stranger");
        var elsewhere = await _api.Register();
        await _app.SetProfileAsync(me.Id, location: place);
        foreach (var user in new[] { connected, asked, askedMe }) await _app.SetProfileAsync(user.Id, location: place);
        await _app.SetProfileAsync(stranger.Id, location: "  " + place.ToUpperInvariant(), qualification: "Bachelor of Science (Education)");
        await _app.SetProfileAsync(elsewhere.Id, location: "Elsewhere " + place);

        (await Decide(connected, await Request(me, connected), "Accept")).Expect(HttpStatusCode.OK);
        await Request(me, asked);
        await Request(askedMe, me);

        var r = (await _api.Get("/connection/recommendation/?criteria=location", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, r["count"].GetInt32());
        Assert.Equal(JsonValueKind.Null, r["previous"].ValueKind);
        Assert.Equal(JsonValueKind.Null, r["next"].ValueKind);
        Assert.Contains("page=1", r["last_page"].GetString());
        var only = Assert.Single(r["results"].EnumerateArray());
        Assert.Equal(["id", "name", "qualification"], only.EnumerateObject().Select(p => p.Name));
        Assert.Equal(stranger.Id, only.GetProperty("id").GetInt64());
        Assert.Equal("FirstStranger LastStranger", only.GetProperty("name").GetString());
        Assert.Equal("Bachelor of Science (Education)", only.GetProperty("qualification").GetString());

        // A rejected request no longer hides the account.
        var rejected = await Request(me, elsewhere);
        await _app.SetProfileAsync(elsewhere.Id, location: place);
        Assert.DoesNotContain(elsewhere.Id, (await _api.AllPagesAsync("/connection/recommendation/?criteria=location", me.Access))
            .Select(e => e.GetProperty("id").GetInt64()));
        (await Decide(elsewhere, rejected, "Reject")).Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { elsewhere.Id, stranger.Id }.Order(), (await _api.AllPagesAsync("/connection/recommendation/?criteria=LOCATION", me.Access))
            .Select(e => e.GetProperty("id").GetInt64()).Order());
    }

    [Fact]
    public async Task Industry_recommendations_share_the_callers_industry()
    {
        var me = await _api.Register();
        var peer = await _api.Register();
        var other = await _api.Register();
        await _app.SetProfileAsync(me.Id, industry: "agriculture");
        await _app.SetProfileAsync(peer.Id, industry: "agriculture");
        await _app.SetProfileAsync(other.Id, industry: "banking");

        var ids = (await _api.AllPagesAsync("/connection/recommendation/?criteria=industry", me.Access)).Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(peer.Id, ids);
        Assert.DoesNotContain(me.Id, ids);
        Assert.DoesNotContain(other.Id, ids);
    }

    [Fact]
    public async Task Recommendations_need_a_valid_criteria_and_are_empty_without_the_profile_field()
    {
        var me = await _api.Register();
        foreach (var criteria in new[] { "location", "industry" })
        {
            var r = (await _api.Get($"/connection/recommendation/?criteria={criteria}", me.Access)).Expect(HttpStatusCode.OK);
            Assert.Equal(0, r["count"].GetInt32());
            Assert.Empty(r["results"].EnumerateArray());
        }
        (await _api.Get("/connection/recommendation/", me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Get("/connection/recommendation/?criteria=", me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Get("/connection/recommendation/?criteria=age", me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Get("/connection/recommendation/?criteria=location&page=0", me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Get("/connection/recommendation/?criteria=location&page=x", me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Get("/connection/recommendation/?criteria=location&page=3", me.Access)).ExpectNexusError(HttpStatusCode.NotFound);
    }
}
