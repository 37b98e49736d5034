using System.Net;
using System.Text.Json;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Nexus;

public sealed class JobsTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static readonly string[] JobFields =
    [
        "country", "description", "employment_type", "experience_level", "id", "industry", "organization", "overview", "salary", "title", "work_type",
    ];

    public static Dictionary<string, object> Job(string title = "Backend Developer") => new()
    {
        ["title"] = title,
        ["organization"] = "Mitiget Assurance Limited",
        ["employment_type"] = "full_time",
        ["work_type"] = "hybrid",
        ["country"] = "Nigeria",
        ["salary"] = "350,000NGN",
        ["overview"] = "We are seeking a skilled and motivated Backend Developer to join our development team.",
        ["description"] = "As a Backend Developer, you will play a crucial role in designing the backbone of our digital services.",
        ["experience_level"] = "senior",
    };

    private static Dictionary<string, object> With(string field, object? value)
    {
        var job = Job();
        if (value is null) job.Remove(field);
        else job[field] = value;
        return job;
    }

    private async Task<TestUser> Poster(string industry)
    {
        var user = await _api.Register();
        await _app.SetProfileAsync(user.Id, industry: industry);
        return user;
    }

    [Fact]
    public async Task Creating_a_job_answers_201_with_the_documented_fields_and_the_posters_industry()
    {
        var poster = await Poster("technology");
        var r = (await _api.Post("/job/", Job(), poster.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(JobFields, r.Body.EnumerateObject().Select(p => p.Name).Order());
        foreach (var (field, value) in Job()) Assert.Equal(value, r[field].GetString());
        Assert.Equal("technology", r["industry"].GetString());
        Assert.True(r["id"].GetInt64() > 0);

        var mine = (await _api.Get("/job/", poster.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, mine["count"].GetInt32());
        var listed = Assert.Single(mine["results"].EnumerateArray());
        Assert.Equal(r["id"].GetInt64(), listed.GetProperty("id").GetInt64());
        Assert.Equal(JobFields, listed.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("Backend Developer", listed.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Jobs_come_as_json_or_as_a_form_with_choices_in_any_case_and_numbers_as_text()
    {
        var poster = await Poster("technology");
        var form = Job("Form Developer").ToDictionary(f => f.Key, f => f.Value);
        form["work_type"] = "Remote";
        var r = (await _api.SendForm(HttpMethod.Post, "/job", form, poster.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal("remote", r["work_type"].GetString());
        Assert.Equal("Form Developer", r["title"].GetString());

        var numeric = (await _api.Post("/job/", With("salary", 350000), poster.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal("350000", numeric["salary"].GetString());
    }

    [Fact]
    public async Task A_poster_without_an_industry_is_told_to_set_it()
    {
        var poster = await _api.Register();
        var r = (await _api.Post("/job/", Job(), poster.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Contains("/user/profile-update/", r["error"].GetString());
        Assert.Equal(0, (await _api.Get("/job/", poster.Access))["count"].GetInt32());
    }

    [Fact]
    public async Task Bad_jobs_are_refused_field_by_field()
    {
        var poster = await Poster("technology");
        foreach (var field in new[] { "title", "organization", "employment_type", "work_type", "country", "salary", "overview", "description", "experience_level" })
        {
            var missing = (await _api.Post("/job/", With(field, null), poster.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
            Assert.True(missing["fields"].TryGetProperty(field, out _), $"{field}: {missing.Body}");
            (await _api.Post("/job/", With(field, "   "), poster.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        }
        foreach (var (field, value) in new[] { ("employment_type", "gig"), ("work_type", "moon"), ("experience_level", "guru") })
        {
            var bad = (await _api.Post("/job/", With(field, value), poster.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
            Assert.Contains("Valid options", bad["fields"].GetProperty(field).GetString());
        }
        foreach (var (field, length) in new[] { ("title", 201), ("organization", 201), ("country", 101), ("salary", 101), ("overview", 2001), ("description", 10001) })
            (await _api.Post("/job/", With(field, new string('x', length)), poster.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/job/", With("title", new[] { "a" }), poster.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.PostRaw("/job/", "{\"title\": ", poster.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.PostRaw("/job/", "[]", poster.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/job/", null, poster.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Post("/job/", Job())).ExpectNexusError(HttpStatusCode.Unauthorized);
        Assert.Equal(0, (await _api.Get("/job/", poster.Access))["count"].GetInt32());
    }

    [Fact]
    public async Task My_jobs_are_mine_only_newest_first_ten_to_a_page()
    {
        var poster = await Poster("technology");
        var other = await Poster("technology");
        var ids = new List<long>();
        for (var i = 1; i <= 12; i++)
            ids.Add((await _api.Post("/job/", Job($"Developer {i}"), poster.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64());
        (await _api.Post("/job/", Job("Someone else's"), other.Access)).Expect(HttpStatusCode.Created);

        var first = (await _api.Get("/job/", poster.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(12, first["count"].GetInt32());
        Assert.Equal(JsonValueKind.Null, first["previous"].ValueKind);
        Assert.Contains("page=2", first["next"].GetString());
        Assert.Equal(Enumerable.Range(3, 10).Reverse().Select(i => $"Developer {i}"),
            first["results"].EnumerateArray().Select(j => j.GetProperty("title").GetString()));
        var second = (await _api.Get("/job/?page=2", poster.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["Developer 2", "Developer 1"], second["results"].EnumerateArray().Select(j => j.GetProperty("title").GetString()));
        Assert.Equal(JsonValueKind.Null, second["next"].ValueKind);
        (await _api.Get("/job/?page=3", poster.Access)).ExpectNexusError(HttpStatusCode.NotFound);
        (await _api.Get("/job/?page=zero", poster.Access)).ExpectNexusError(HttpStatusCode.BadRequest);

        var theirs = (await _api.Get("/job/", other.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, theirs["count"].GetInt32());
        Assert.DoesNotContain(theirs["results"].EnumerateArray(), j => ids.Contains(j.GetProperty("id").GetInt64()));
        (await _api.Get("/job/")).ExpectNexusError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Recommended_jobs_are_the_others_jobs_in_my_industry_newest_first()
    {
        // Construction is this test's own industry: no other test posts jobs in it.
        var builderA = await Poster("construction");
        var builderB = await Poster("construction");
        var banker = await Poster("banking");
        var reader = await Poster("construction");
        (await _api.Post("/job/", Job("Site Engineer"), builderA.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/job/", Job("Quantity Surveyor"), builderB.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/job/", Job("Teller"), banker.Access)).Expect(HttpStatusCode.Created);

        var r = (await _api.Get("/job/recommend/", reader.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["count", "last_page", "next", "previous", "results"], r.Body.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(2, r["count"].GetInt32());
        Assert.Equal(["Quantity Surveyor", "Site Engineer"], r["results"].EnumerateArray().Select(j => j.GetProperty("title").GetString()));
        Assert.All(r["results"].EnumerateArray(), j => Assert.Equal("construction", j.GetProperty("industry").GetString()));

        // A poster is not recommended their own job.
        Assert.Equal(["Quantity Surveyor"], (await _api.Get("/job/recommend", builderA.Access))["results"].EnumerateArray()
            .Select(j => j.GetProperty("title").GetString()));

        var nobody = await _api.Register();
        var empty = (await _api.Get("/job/recommend/", nobody.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, empty["count"].GetInt32());
        Assert.Empty(empty["results"].EnumerateArray());
        (await _api.Get("/job/recommend/?page=-1", reader.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Get("/job/recommend/")).ExpectNexusError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_preference_reads_NA_until_set_and_is_replaced_whole()
    {
        var user = await _api.Register();
        var other = await _api.Register();
        var unset = (await _api.Get("/job/preference/", user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["employment_type", "experience_level", "industry", "preference_set", "title", "work_type"],
            unset.Body.EnumerateObject().Select(p => p.Name).Order());
        Assert.False(unset["preference_set"].GetBoolean());
        foreach (var field in new[] { "title", "employment_type", "work_type", "industry", "experience_level" })
            Assert.Equal("N/A", unset[field].GetString());

        var put = (await _api.Put("/job/preference/", new
        {
            title = "Backend Developer", employment_type = "full_time", work_type = "HYBRID", industry = "technology", experience_level = "senior",
        }, user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["employment_type", "experience_level", "industry", "title", "work_type"], put.Body.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("Backend Developer", put["title"].GetString());
        Assert.Equal("hybrid", put["work_type"].GetString());

        var set = (await _api.Get("/job/preference", user.Access)).Expect(HttpStatusCode.OK);
        Assert.True(set["preference_set"].GetBoolean());
        Assert.Equal("Backend Developer", set["title"].GetString());
        Assert.Equal("full_time", set["employment_type"].GetString());
        Assert.Equal("hybrid", set["work_type"].GetString());
        Assert.Equal("technology", set["industry"].GetString());
        Assert.Equal("senior", set["experience_level"].GetString());

        // Another account's preference is its own.
        Assert.False((await _api.Get("/job/preference/", other.Access))["preference_set"].GetBoolean());

        // A new PUT replaces the whole preference: what it leaves out is no longer set.
        (await _api.SendForm(HttpMethod.Put, "/job/preference/", new Dictionary<string, object> { ["industry"] = "media", ["work_type"] = "remote" },
            user.Access)).Expect(HttpStatusCode.OK);
        var replaced = (await _api.Get("/job/preference/", user.Access)).Expect(HttpStatusCode.OK);
        Assert.True(replaced["preference_set"].GetBoolean());
        Assert.Equal("media", replaced["industry"].GetString());
        Assert.Equal("remote", replaced["work_type"].GetString());
        Assert.Equal("N/A", replaced["title"].GetString());
        Assert.Equal("N/A", replaced["employment_type"].GetString());
        Assert.Equal("N/A", replaced["experience_level"].GetString());
    }

    [Fact]
    public async Task Bad_preferences_are_refused_and_change_nothing()
    {
        var user = await _api.Register();
        (await _api.Put("/job/preference/", new { industry = "technology", title = "Developer" }, user.Access)).Expect(HttpStatusCode.OK);

        var noIndustry = (await _api.Put("/job/preference/", new { title = "Developer" }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.True(noIndustry["fields"].TryGetProperty("industry", out _));
        foreach (var (field, value) in new[] { ("industry", "mining"), ("employment_type", "gig"), ("work_type", "moon"), ("experience_level", "guru") })
        {
            var body = new Dictionary<string, object> { ["industry"] = "technology", [field] = value };
            var r = (await _api.Put("/job/preference/", body, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
            Assert.Contains("Valid options", r["fields"].GetProperty(field).GetString());
        }
        (await _api.Put("/job/preference/", new { industry = "technology", title = new string('x', 201) }, user.Access))
            .ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Put("/job/preference/", new { industry = new[] { "technology" } }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Send(new HttpRequestMessage(HttpMethod.Put, "/job/preference/")
        {
            Content = new StringContent("{\"industry\": tech", System.Text.Encoding.UTF8, "application/json"),
        }, user.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Put("/job/preference/", new { industry = "technology" })).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await _api.Get("/job/preference/")).ExpectNexusError(HttpStatusCode.Unauthorized);

        var kept = (await _api.Get("/job/preference/", user.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Developer", kept["title"].GetString());
        Assert.Equal("technology", kept["industry"].GetString());
    }
}
