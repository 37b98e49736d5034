using System.Net;
using System.Text.Json;
using CareerNexus.Accounts;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

public sealed class NgoTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const string Ngos = "/ngo/api/v1/ngos/";
    private const string Managers = "/admin-panel/api/v1/ngo-managers/";
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static IEnumerable<string> Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).Order();

    private static object Body(string name) => new
    {
        name, logo = "https://cdn.example.com/logo.png", description = "Helping communities...", mission = "Our mission is to...",
        location = "Paris, France", website = "https://charity.example.org",
    };

    [Fact]
    public async Task An_administrator_makes_an_ngo_manager_who_makes_and_edits_one_ngo_that_everyone_reads()
    {
        var admin = await _app.Admin();
        var manager = await _app.Candidate();
        // A candidate is refused the role: an NGO manager is an account of its own.
        (await _api.Post(Managers, new { email = manager.Email }, admin.Access)).ExpectRecruitmentError(HttpStatusCode.Conflict);
        var member = await _api.Register("Ngo");
        await _app.Services.GetRequiredService<AccountService>().MarkEmailVerifiedAsync(member.Id, member.Email);
        (await _api.Post(Ngos, Body("Too early"), member.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        var granted = (await _api.Post(Managers, new { email = member.Email.ToUpperInvariant() }, admin.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["email", "id", "user_type", "username"], Names(granted.Body));
        Assert.Equal("ngo_manager", granted["user_type"].GetString());
        Assert.Equal("ngo_manager", (await _api.Get("/accounts/api/v1/users/me/", member.Access)).Expect(HttpStatusCode.OK)["user_type"].GetString());

        var name = ApiClient.Unique("Charity Foundation ");
        var created = (await _api.Post(Ngos, Body(name), member.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(["created_at", "description", "id", "location", "logo", "manager", "mission", "name", "slug", "updated_at", "website"],
            Names(created.Body));
        var id = created["id"].GetInt64();
        var slug = created["slug"].GetString();
        Assert.StartsWith("charity-foundation-", slug);
        Assert.Equal(member.Id, created["manager"].GetInt64());
        // The same NGO sent again (a retry) is the first; another is a 409: one NGO per manager.
        Assert.Equal(id, (await _api.Post(Ngos, Body(name), member.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64());
        (await _api.Post(Ngos, Body(ApiClient.Unique("Second ")), member.Access)).ExpectRecruitmentError(HttpStatusCode.Conflict);

        foreach (var path in new[] { Ngos, Ngos.TrimEnd('/') })
        {
            var list = (await _api.Get($"{path}?search={Uri.EscapeDataString(name)}")).Expect(HttpStatusCode.OK);
            Assert.Equal(["count", "next", "previous", "results"], Names(list.Body));
            Assert.Equal(1, list["count"].GetInt64());
            var item = list["results"][0];
            Assert.Equal(["description", "id", "location", "logo", "mission", "name", "slug"], Names(item));
            Assert.Equal("Paris, France", item.GetProperty("location").GetString());
            Assert.Equal("Our mission is to...", item.GetProperty("mission").GetString());
        }
        Assert.Equal(id, (await _api.Get($"{Ngos}{id}/")).Expect(HttpStatusCode.OK)["id"].GetInt64());
        Assert.Equal(id, (await _api.Get($"{Ngos}{slug}/")).Expect(HttpStatusCode.OK)["id"].GetInt64());

        var renamed = name + " Africa";
        var edited = (await _api.Patch($"{Ngos}{id}/", new { name = renamed, mission = "Schools for all" }, member.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(renamed, edited["name"].GetString());
        Assert.Equal("Schools for all", edited["mission"].GetString());
        Assert.Equal("Helping communities...", edited["description"].GetString());
        Assert.Equal(id, (await _api.Get($"{Ngos}{edited["slug"].GetString()}/")).Expect(HttpStatusCode.OK)["id"].GetInt64());
        (await _api.Get($"{Ngos}{slug}/")).ExpectRecruitmentError(HttpStatusCode.NotFound);

        // Another manager, a candidate and a recruiter are refused; an administrator may edit; no token is a 401.
        foreach (var stranger in new[] { await _app.NgoManager(), await _app.Candidate(), await _app.Recruiter() })
            (await _api.Patch($"{Ngos}{id}/", new { name = "Taken over" }, stranger.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Patch($"{Ngos}{id}/", new { name = "Anonymous" })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Post(Ngos, Body("Anonymous"))).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Post(Ngos, Body(ApiClient.Unique("Candidate NGO ")), (await _app.Candidate()).Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        Assert.Equal("Paris", (await _api.Patch($"{Ngos}{id}/", new { location = "Paris" }, admin.Access)).Expect(HttpStatusCode.OK)["location"].GetString());

        // Taking the role back ends the manager's rights over the NGO, which stays.
        Assert.Equal("candidate", (await _api.Post(Managers, new { email = member.Email, ngo_manager = false }, admin.Access))
            .Expect(HttpStatusCode.OK)["user_type"].GetString());
        (await _api.Patch($"{Ngos}{id}/", new { mission = "Mine still" }, member.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        Assert.Equal(renamed, (await _api.Get($"{Ngos}{id}/")).Expect(HttpStatusCode.OK)["name"].GetString());
    }

    [Fact]
    public async Task Only_administrators_make_ngo_managers_and_only_of_verified_accounts()
    {
        var admin = await _app.Admin();
        var unverified = await _api.Register("Unverified");
        foreach (var who in new[] { await _app.Candidate(), await _app.NgoManager(), await _app.Recruiter() })
            (await _api.Post(Managers, new { email = unverified.Email }, who.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Post(Managers, new { email = unverified.Email })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Post(Managers, new { email = unverified.Email }, admin.Access)).ExpectRecruitmentError(HttpStatusCode.Conflict);
        (await _api.Post(Managers, new { email = "nobody-" + unverified.Email }, admin.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        Assert.NotEmpty((await _api.Post(Managers, new { }, admin.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("email"));
        (await _api.Post(Managers, new { email = 5 }, admin.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.Post(Managers, new { email = unverified.Email, ngo_manager = "maybe" }, admin.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);

        // Public registration never makes one.
        Assert.NotEmpty((await _api.Post("/accounts/api/v1/users/", new
        {
            username = ApiClient.Unique("ngo"), email = ApiClient.Unique("ngo") + "@example.com", password = "Secure-Pass-123", password2 = "Secure-Pass-123",
            first_name = "N", last_name = "G", user_type = "ngo_manager",
        })).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("user_type"));
    }

    [Fact]
    public async Task Bad_ngos_and_list_filters_are_refused_in_the_dialect_and_names_are_unique()
    {
        var manager = await _app.NgoManager();
        foreach (var (body, field) in new (object, string)[]
        {
            (new { mission = "No name" }, "name"),
            (new { name = " " }, "name"),
            (new { name = 12 }, "name"),
            (new { name = new string('n', 201) }, "name"),
            (new { name = "Logo", logo = "not a link" }, "logo"),
            (new { name = "Site", website = "javascript:alert(1)" }, "website"),
            (new { name = "Long", mission = new string('m', 5001) }, "mission"),
        })
            Assert.NotEmpty((await _api.Post(Ngos, body, manager.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors(field));
        (await _api.PostRaw(Ngos, "{\"name\": ", manager.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);

        var name = ApiClient.Unique("Green Earth ");
        var first = (await _api.Post(Ngos, Body(name), manager.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        // The same name in other words (its slug) is another manager's no more.
        Assert.NotEmpty((await _api.Post(Ngos, Body(name.ToUpperInvariant() + "!"), (await _app.NgoManager()).Access))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("name"));

        var other = await _app.NgoManager();
        var lyon = (await _api.Post(Ngos, new { name = name + " Lyon", location = "Lyon, France" }, other.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        List<long> Ids(ApiResponse list) => list["results"].EnumerateArray().Select(n => n.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([first, lyon], Ids((await _api.Get($"{Ngos}?search={Uri.EscapeDataString(name.ToLowerInvariant())}")).Expect(HttpStatusCode.OK)));
        Assert.Equal([lyon], Ids((await _api.Get($"{Ngos}?search={Uri.EscapeDataString(name)}&location=LYON")).Expect(HttpStatusCode.OK)));
        var paged = (await _api.Get($"{Ngos}?search={Uri.EscapeDataString(name)}&limit=1&page=2")).Expect(HttpStatusCode.OK);
        Assert.Equal([lyon], Ids(paged));
        Assert.Equal(2, paged["count"].GetInt64());
        Assert.NotEmpty((await _api.Get($"{Ngos}?search={new string('s', 201)}")).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("search"));
        Assert.NotEmpty((await _api.Patch($"{Ngos}{lyon}/", new { logo = "ftp://x" }, other.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest)
            .FieldErrors("logo"));
        Assert.NotEmpty((await _api.Patch($"{Ngos}{lyon}/", new { name }, other.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("name"));
        foreach (var id in new[] { "999999999", "0", "no-such-ngo" })
            (await _api.Get($"{Ngos}{id}/")).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Patch($"{Ngos}999999999/", new { name = "Nothing" }, other.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
    }
}
