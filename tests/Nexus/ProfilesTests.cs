using System.Net;
using System.Text.Json;
using CareerNexus.Accounts;
using CareerNexus.Profiles;
using CareerNexus.Storage;
using CareerNexus.Tests.Support;
using Microsoft.Azure.Cosmos;
using Xunit;

namespace CareerNexus.Tests.Nexus;

public sealed class ProfilesTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static readonly string[] ProfileFields =
    [
        "first_name", "last_name", "middle_name", "cover_photo", "profile_photo", "location", "position", "bio", "qualification", "intro_video",
        "summary", "experience", "education", "certification", "followers", "followings",
    ];

    private static readonly string[] UpdatedFields =
    [
        "first_name", "last_name", "middle_name", "country_code", "phone_number", "profile_photo", "cover_photo", "qualification", "intro_video",
        "location", "bio", "position", "summary",
    ];

    private static IEnumerable<string> Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).Order();

    private async Task<Account> StoredAccount(long id) =>
        (await _app.Store.ReadAsync<Account>(Containers.Accounts, id.ToString(), id.ToString()))!.Document;

    [Fact]
    public async Task My_profile_has_the_documented_fields_with_blanks_as_empty_text()
    {
        var me = await _api.Register("p", first: "Ada", last: "Lovelace", bio: "Mathematician");
        var r = (await _api.Get("/user/retrieve-profile/", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(ProfileFields.Order(), Keys(r.Body));
        Assert.Equal("Ada", r["first_name"].GetString());
        Assert.Equal("Lovelace", r["last_name"].GetString());
        Assert.Equal("Mathematician", r["bio"].GetString());
        foreach (var blank in new[] { "middle_name", "cover_photo", "profile_photo", "location", "position", "qualification", "intro_video", "summary" })
            Assert.Equal("", r[blank].GetString());
        foreach (var list in new[] { "experience", "education", "certification" }) Assert.Equal(0, r[list].GetArrayLength());
        Assert.Equal(0, r["followers"].GetInt64());
        Assert.Equal(0, r["followings"].GetInt64());
        (await _api.Get("/user/retrieve-profile/")).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await _api.Get("/user/retrieve-profile/", me.Access + "x")).ExpectNexusError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_profile_shows_its_entries_and_follow_counts()
    {
        var owner = await _api.Register("o", first: "Grace");
        var viewer = await _api.Register();
        (await _api.Post("/careers/users/follow/", new { following = owner.Id }, viewer.Access)).Expect(HttpStatusCode.Created);
        await PostExperience(owner, "Analyst", "2019-01-01");
        await PostExperience(owner, "Engineer", "2021-06-01");
        (await _api.Post("/user/education/", new { course = "Maths", school = "Uni", start_date = "2010-09-01", end_date = "2014-06-30" }, owner.Access))
            .Expect(HttpStatusCode.Created);
        (await _api.Post("/user/certification/", new { title = "Cloud", school = "Coursera", issue_date = "2023-07-04" }, owner.Access))
            .Expect(HttpStatusCode.Created);

        var r = (await _api.Get($"/user/retrieve-profile/?user_id={owner.Id}", viewer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Grace", r["first_name"].GetString());
        Assert.Equal(new[] { "Engineer", "Analyst" }, r["experience"].EnumerateArray().Select(e => e.GetProperty("title").GetString()));
        Assert.Equal("Maths", Assert.Single(r["education"].EnumerateArray()).GetProperty("course").GetString());
        Assert.Equal("Cloud", Assert.Single(r["certification"].EnumerateArray()).GetProperty("title").GetString());
        Assert.Equal(1, r["followers"].GetInt64());

        var mine = (await _api.Get("/user/retrieve-profile/", viewer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, mine["followings"].GetInt64());
        Assert.Equal(0, mine["experience"].GetArrayLength());
    }

    [Theory]
    [InlineData("abc", HttpStatusCode.BadRequest)]
    [InlineData("-3", HttpStatusCode.BadRequest)]
    [InlineData("0", HttpStatusCode.BadRequest)]
    [InlineData("99999999999999999999999", HttpStatusCode.BadRequest)]
    [InlineData("987654321", HttpStatusCode.NotFound)]
    public async Task A_bad_or_unknown_user_id_is_refused(string userId, HttpStatusCode expected)
    {
        var viewer = await _api.Register();
        (await _api.Get($"/user/retrieve-profile/?user_id={userId}", viewer.Access)).ExpectNexusError(expected);
    }

    [Fact]
    public async Task Views_by_others_count_once_per_viewer_and_day_and_my_own_not_at_all()
    {
        var owner = await _api.Register();
        var first = await _api.Register();
        var second = await _api.Register();
        (await _api.Get($"/user/retrieve-profile/?user_id={owner.Id}", first.Access)).Expect(HttpStatusCode.OK);
        (await _api.Get($"/user/retrieve-profile/?user_id={owner.Id}", first.Access)).Expect(HttpStatusCode.OK);
        (await _api.Get($"/user/retrieve-profile/?user_id={owner.Id}", second.Access)).Expect(HttpStatusCode.OK);
        (await _api.Get($"/user/retrieve-profile/?user_id={owner.Id}", owner.Access)).Expect(HttpStatusCode.OK);
        (await _api.Get("/user/retrieve-profile/", owner.Access)).Expect(HttpStatusCode.OK);

        var analytics = (await _api.Get("/user/analytics/", owner.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(2, analytics["total_views"].GetInt64());
        Assert.Equal(0, (await _api.Get("/user/analytics/", first.Access)).Expect(HttpStatusCode.OK)["total_views"].GetInt64());
    }

    [Fact]
    public async Task Analytics_reads_the_stored_posts_views_and_connections_counters()
    {
        var me = await _api.Register();
        await _api.CreatePost(me, "one");
        await _api.CreatePost(me, "two");
        // The connections feature maintains this counter; here it is set as that feature would.
        await _app.Store.PatchAsync<Account>(Containers.Accounts, me.Id.ToString(), me.Id.ToString(),
            [PatchOperation.Increment(AccountCounters.Connections, 3)]);
        var r = (await _api.Get("/user/analytics/", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { "total_connections", "total_posts", "total_views" }, Keys(r.Body));
        Assert.Equal(2, r["total_posts"].GetInt64());
        Assert.Equal(0, r["total_views"].GetInt64());
        Assert.Equal(3, r["total_connections"].GetInt64());
        (await _api.Get("/user/analytics/")).ExpectNexusError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Update_changes_the_given_fields_and_answers_201_with_the_documented_fields()
    {
        var me = await _api.Register(first: "Old", bio: "Old bio");
        var r = (await _api.Put("/user/profile-update/", new
        {
            first_name = "Opeyemi", last_name = "Saliu", middle_name = "Abdul Azeez", country_code = "+234", phone_number = "9069102522",
            profile_photo = "https://cdn.example.com/me.jpg", cover_photo = "https://cdn.example.com/cover.jpg", qualification = "B.Eng",
            intro_video = "https://cdn.example.com/intro.mp4", location = "Ogun", bio = "Developer", position = "Backend Developer",
            summary = "Four years of backend work.",
        }, me.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(UpdatedFields.Order(), Keys(r.Body));
        Assert.Equal("Opeyemi", r["first_name"].GetString());
        Assert.Equal("Abdul Azeez", r["middle_name"].GetString());
        Assert.Equal("+234", r["country_code"].GetString());
        Assert.Equal("9069102522", r["phone_number"].GetString());
        Assert.Equal("https://cdn.example.com/me.jpg", r["profile_photo"].GetString());
        Assert.Equal("https://cdn.example.com/intro.mp4", r["intro_video"].GetString());
        Assert.Equal("Backend Developer", r["position"].GetString());

        // A partial update leaves the rest; the photo is the account's avatar on the Careers surface too.
        r = (await _api.Put("/user/profile-update/", new { location = "Lagos" }, me.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal("Lagos", r["location"].GetString());
        Assert.Equal("Opeyemi", r["first_name"].GetString());
        var profile = (await _api.Get("/user/retrieve-profile/", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Four years of backend work.", profile["summary"].GetString());
        Assert.Equal("https://cdn.example.com/cover.jpg", profile["cover_photo"].GetString());
        var careers = (await _api.Get("/careers/users/me/", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("https://cdn.example.com/me.jpg", careers["avatar"].GetString());
        Assert.Equal("Opeyemi", careers["first_name"].GetString());

        (await _api.Put("/user/profile-update/", new { location = "Abuja" })).ExpectNexusError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Photo_cover_and_intro_video_uploaded_as_files_are_stored_and_served_back()
    {
        var me = await _api.Register();
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0xFF, 0xD9];
        byte[] mp4 = [0x00, 0x00, 0x00, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', 0, 0, 2, 0, 1, 2, 3, 4];
        var r = (await _api.SendForm(HttpMethod.Put, "/user/profile-update/", new Dictionary<string, object>
        {
            ["profile_photo"] = new FormFile("me.png", "image/png", png),
            ["cover_photo"] = new FormFile("cover.jpg", "image/jpeg", jpeg),
            ["intro_video"] = new FormFile("intro.mp4", "video/mp4", mp4),
            ["first_name"] = "Uploaded",
            ["country_code"] = "+234",
        }, me.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal("Uploaded", r["first_name"].GetString());
        Assert.Equal("+234", r["country_code"].GetString());

        using var http = new HttpClient();
        foreach (var (field, bytes, type) in new[] { ("profile_photo", png, "image/png"), ("cover_photo", jpeg, "image/jpeg"), ("intro_video", mp4, "video/mp4") })
        {
            var url = r[field].GetString()!;
            Assert.StartsWith("http", url);
            using var download = await http.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal(type, download.Content.Headers.ContentType?.MediaType);
        }
        var profile = (await _api.Get("/user/retrieve-profile/", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(r["profile_photo"].GetString(), profile["profile_photo"].GetString());
        Assert.Equal(r["intro_video"].GetString(), profile["intro_video"].GetString());

        // A file that is not what its field takes is refused, and the profile keeps its photo.
        (await _api.SendForm(HttpMethod.Put, "/user/profile-update/", new Dictionary<string, object>
        {
            ["profile_photo"] = new FormFile("notes.txt", "text/plain", "hello"u8.ToArray()),
        }, me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.SendForm(HttpMethod.Put, "/user/profile-update/", new Dictionary<string, object>
        {
            ["intro_video"] = new FormFile("fake.mp4", "video/mp4", png),
        }, me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Equal(r["profile_photo"].GetString(),
            (await _api.Get("/user/retrieve-profile/", me.Access)).Expect(HttpStatusCode.OK)["profile_photo"].GetString());
    }

    [Fact]
    public async Task Profile_update_checks_the_text_fields_before_storing_any_file()
    {
        var me = await _api.Register();
        // Were the file stored first, its refusal would be the answer; the text error comes first instead.
        var error = (await _api.SendForm(HttpMethod.Put, "/user/profile-update/", new Dictionary<string, object>
        {
            ["profile_photo"] = new FormFile("notes.txt", "text/plain", "hello"u8.ToArray()),
            ["first_name"] = new string('x', 500),
        }, me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Contains("first_name", error.Body.ToString());
        Assert.DoesNotContain("profile_photo", error.Body.ToString());
    }

    [Theory]
    [InlineData("{\"country_code\": \"+999\"}")]
    [InlineData("{\"country_code\": \"234\"}")]
    [InlineData("{\"phone_number\": \"12ab\"}")]
    [InlineData("{\"phone_number\": \"1234567890123456\"}")]
    [InlineData("{\"cover_photo\": \"ftp://example.com/x.png\"}")]
    [InlineData("{\"first_name\": {\"a\": 1}}")]
    [InlineData("{\"first_name\": ")]
    public async Task Bad_profile_updates_are_refused(string body)
    {
        var me = await _api.Register();
        var request = new HttpRequestMessage(HttpMethod.Put, "/user/profile-update/")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        (await _api.Send(request, me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_country_code_must_belong_to_a_permitted_country()
    {
        var me = await _api.Register();
        var admin = await InfoAdmin.TokenAsync(_api);
        (await _api.Put("/user/profile-update/", new { country_code = "+674" }, me.Access)).Expect(HttpStatusCode.Created);
        (await _api.Put("/info/country-permit/", new { country = "Nauru", status = "disable" }, admin)).Expect(HttpStatusCode.OK);
        try
        {
            var error = (await _api.Put("/user/profile-update/", new { country_code = "+674", phone_number = "5551234" }, me.Access))
                .ExpectNexusError(HttpStatusCode.BadRequest);
            Assert.Contains("country_code", error["error"].GetString());
        }
        finally
        {
            (await _api.Put("/info/country-permit/", new { country = "Nauru", status = "enable" }, admin)).Expect(HttpStatusCode.OK);
        }
        (await _api.Put("/user/profile-update/", new { country_code = "+674", phone_number = "5551234" }, me.Access)).Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Industry_patch_answers_206_and_sets_the_industry_and_user_type()
    {
        var me = await _api.Register();
        var r = (await _api.Patch("/user/profile-update/", new { industry = "Technology" }, me.Access)).Expect(HttpStatusCode.PartialContent);
        Assert.Equal(new[] { "email", "industry" }, Keys(r.Body));
        Assert.Equal("technology", r["industry"].GetString());
        Assert.Equal(me.Email, r["email"].GetString());

        (await _api.Patch("/user/profile-update/", new { industry = "health", user = "mentor" }, me.Access)).Expect(HttpStatusCode.PartialContent);
        var stored = await StoredAccount(me.Id);
        Assert.Equal("health", stored.Industry);
        Assert.Equal("mentor", stored.UserType);

        (await _api.Patch("/user/profile-update/", new { industry = "alchemy" }, me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Patch("/user/profile-update/", new { industry = "health", user = "wizard" }, me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Patch("/user/profile-update/", new { user = "mentor" }, me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Patch("/user/profile-update/", new { industry = 5 }, me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Patch("/user/profile-update/", new { industry = "health" })).ExpectNexusError(HttpStatusCode.Unauthorized);
        Assert.Equal("health", (await StoredAccount(me.Id)).Industry);
    }

    private async Task<JsonElement> PostExperience(TestUser user, string title, string start, string? end = null) =>
        (await _api.Post("/user/experience/", new
        {
            title, organization = "Aller Aqua", start_date = start, end_date = end ?? "", location = "Lagos", employment_type = "Onsite",
            detail = "Managed the sales department.",
        }, user.Access)).Expect(HttpStatusCode.Created).Body;

    [Fact]
    public async Task Experience_is_added_listed_updated_and_deleted()
    {
        var me = await _api.Register();
        var added = await PostExperience(me, "Extension Officer", "2022-12-21", "2024-12-20");
        Assert.Equal(new[] { "detail", "employment_type", "end_date", "id", "location", "organization", "start_date", "title" }, Keys(added));
        Assert.Equal("Extension Officer", added.GetProperty("title").GetString());
        Assert.Equal("2024-12-20", added.GetProperty("end_date").GetString());
        Assert.Equal("Onsite", added.GetProperty("employment_type").GetString());
        var id = added.GetProperty("id").GetInt64();
        var older = (await PostExperience(me, "Aquaculturist", "2020-01-19", "2022-11-29")).GetProperty("id").GetInt64();

        var list = (await _api.Get("/user/experience/", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { id, older }, list.Body.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));

        var updated = (await _api.Put("/user/update-experience/", new { id, title = "Senior Officer", employment_type = "remote" }, me.Access))
            .Expect(HttpStatusCode.Created);
        Assert.Equal(id, updated["id"].GetInt64());
        Assert.Equal("Senior Officer", updated["title"].GetString());
        Assert.Equal("Remote", updated["employment_type"].GetString());
        Assert.Equal("Aller Aqua", updated["organization"].GetString());
        Assert.Equal("2022-12-21", updated["start_date"].GetString());
        // The id may come as a string, as form-minded clients send it.
        (await _api.Put("/user/update-experience/", new { id = id.ToString(), end_date = "Present" }, me.Access)).Expect(HttpStatusCode.Created);

        var deleted = await _api.Delete($"/user/experience/?experience_id={id}", me.Access);
        deleted.Expect(HttpStatusCode.NoContent);
        Assert.Equal(older, Assert.Single((await _api.Get("/user/experience/", me.Access)).Body.EnumerateArray()).GetProperty("id").GetInt64());
        (await _api.Delete($"/user/experience/?experience_id={id}", me.Access)).ExpectNexusError(HttpStatusCode.NotFound);
        (await _api.Put("/user/update-experience/", new { id, title = "Ghost" }, me.Access)).ExpectNexusError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Entries_and_the_industry_may_come_as_forms_too()
    {
        var me = await _api.Register();
        var multipart = (await _api.SendForm(HttpMethod.Post, "/user/experience/", new Dictionary<string, object>
        {
            ["title"] = "Analyst", ["organization"] = "Delta Logistics", ["start_date"] = "2022-10-29", ["employment_type"] = "Remote",
        }, me.Access)).Expect(HttpStatusCode.Created);
        var id = multipart["id"].GetInt64();

        var encoded = new HttpRequestMessage(HttpMethod.Put, "/user/update-experience/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = id.ToString(), ["title"] = "Lead Analyst" }),
        };
        Assert.Equal("Lead Analyst", (await _api.Send(encoded, me.Access)).Expect(HttpStatusCode.Created)["title"].GetString());

        var industry = new HttpRequestMessage(HttpMethod.Patch, "/user/profile-update/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["industry"] = "media" }),
        };
        Assert.Equal("media", (await _api.Send(industry, me.Access)).Expect(HttpStatusCode.PartialContent)["industry"].GetString());

        var badId = new HttpRequestMessage(HttpMethod.Put, "/user/update-experience/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = "twelve" }),
        };
        (await _api.Send(badId, me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Another_users_entries_cannot_be_changed_or_deleted()
    {
        var owner = await _api.Register();
        var intruder = await _api.Register();
        var experience = (await PostExperience(owner, "Mine", "2020-01-01")).GetProperty("id").GetInt64();
        var education = (await _api.Post("/user/education/", new { course = "C", school = "S", start_date = "2010-01-01" }, owner.Access))
            .Expect(HttpStatusCode.Created)["id"].GetInt64();
        var certification = (await _api.Post("/user/certification/", new { title = "T", school = "S", issue_date = "2020-01-01" }, owner.Access))
            .Expect(HttpStatusCode.Created)["id"].GetInt64();

        (await _api.Put("/user/update-experience/", new { id = experience, title = "Stolen" }, intruder.Access)).ExpectNexusError(HttpStatusCode.NotFound);
        (await _api.Delete($"/user/experience/?experience_id={experience}", intruder.Access)).ExpectNexusError(HttpStatusCode.NotFound);
        (await _api.Delete($"/user/education/?education_id={education}", intruder.Access)).ExpectNexusError(HttpStatusCode.NotFound);
        (await _api.Delete($"/user/certification/?certification_id={certification}", intruder.Access)).ExpectNexusError(HttpStatusCode.NotFound);
        Assert.Equal(0, (await _api.Get("/user/experience/", intruder.Access)).Expect(HttpStatusCode.OK).Body.GetArrayLength());

        var profile = (await _api.Get("/user/retrieve-profile/", owner.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Mine", Assert.Single(profile["experience"].EnumerateArray()).GetProperty("title").GetString());
        Assert.Single(profile["education"].EnumerateArray());
        Assert.Single(profile["certification"].EnumerateArray());
    }

    [Theory]
    [InlineData("/user/experience/", "{\"organization\": \"O\", \"start_date\": \"2020-01-01\"}")]
    [InlineData("/user/experience/", "{\"title\": \"T\", \"organization\": \"O\", \"start_date\": \"2020-13-01\"}")]
    [InlineData("/user/experience/", "{\"title\": \"T\", \"organization\": \"O\", \"start_date\": \"01/02/2020\"}")]
    [InlineData("/user/experience/", "{\"title\": \"T\", \"organization\": \"O\", \"start_date\": \"2020-01-01\", \"end_date\": \"2019-01-01\"}")]
    [InlineData("/user/experience/", "{\"title\": \"T\", \"organization\": \"O\", \"start_date\": \"2020-01-01\", \"employment_type\": \"Sometimes\"}")]
    [InlineData("/user/experience/", "{\"title\": [], \"organization\": \"O\", \"start_date\": \"2020-01-01\"}")]
    [InlineData("/user/experience/", "{\"title\": \"T\"")]
    [InlineData("/user/experience/", "")]
    [InlineData("/user/education/", "{\"school\": \"S\", \"start_date\": \"2020-01-01\"}")]
    [InlineData("/user/education/", "{\"course\": \"C\", \"school\": \"S\", \"start_date\": \"2020-01-01\", \"end_date\": \"Someday\"}")]
    [InlineData("/user/certification/", "{\"title\": \"T\", \"school\": \"S\"}")]
    [InlineData("/user/certification/", "{\"title\": \"T\", \"school\": \"S\", \"issue_date\": \"2023-02-30\"}")]
    public async Task Bad_entries_are_refused(string path, string body)
    {
        var me = await _api.Register();
        (await _api.PostRaw(path, body, me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("/user/experience/")]
    [InlineData("/user/experience/?experience_id=abc")]
    [InlineData("/user/experience/?experience_id=-1")]
    [InlineData("/user/education/")]
    [InlineData("/user/certification/?certification_id=1.5")]
    public async Task Deleting_needs_a_valid_id_in_the_query(string path)
    {
        var me = await _api.Register();
        (await _api.Delete(path, me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("{\"title\": \"No id\"}")]
    [InlineData("{\"id\": \"abc\", \"title\": \"T\"}")]
    [InlineData("{\"id\": 99999999999999999999999, \"title\": \"T\"}")]
    public async Task Updating_an_experience_needs_a_valid_id(string body)
    {
        var me = await _api.Register();
        var request = new HttpRequestMessage(HttpMethod.Put, "/user/update-experience/")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        (await _api.Send(request, me.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("GET", "/user/experience/")]
    [InlineData("POST", "/user/experience/")]
    [InlineData("DELETE", "/user/experience/?experience_id=1")]
    [InlineData("PUT", "/user/update-experience/")]
    [InlineData("GET", "/user/education/")]
    [InlineData("POST", "/user/education/")]
    [InlineData("DELETE", "/user/education/?education_id=1")]
    [InlineData("GET", "/user/certification/")]
    [InlineData("POST", "/user/certification/")]
    [InlineData("DELETE", "/user/certification/?certification_id=1")]
    [InlineData("GET", "/user/completion/")]
    [InlineData("PATCH", "/user/profile-update/")]
    public async Task Profile_routes_need_a_token(string method, string path)
    {
        var body = method is "POST" or "PUT" or "PATCH" ? new { title = "x" } : null;
        (await _api.Send(new HttpMethod(method), path, body, null)).ExpectNexusError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Education_accepts_present_as_an_end_date_and_lists_newest_first()
    {
        var me = await _api.Register();
        var r = (await _api.Post("/user/education/", new
        {
            course = "Aquaculture (MsC)", school = "Auburn University", start_date = "2025-01-03", end_date = "present", location = "USA",
            detail = "Began a masters degree.",
        }, me.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(new[] { "course", "detail", "end_date", "id", "location", "school", "start_date" }, Keys(r.Body));
        Assert.Equal("Present", r["end_date"].GetString());
        var newest = r["id"].GetInt64();
        var oldest = (await _api.Post("/user/education/", new { course = "Fisheries", school = "FUNAAB", start_date = "2011-02-12", end_date = "2016-07-23" },
            me.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        var list = (await _api.Get("/user/education/", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { newest, oldest }, list.Body.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));

        (await _api.Delete($"/user/education/?education_id={newest}", me.Access)).Expect(HttpStatusCode.NoContent);
        Assert.Equal(oldest, Assert.Single((await _api.Get("/user/education/", me.Access)).Body.EnumerateArray()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Entries_kept_on_the_account_survive_concurrent_entries_profile_changes_and_follows()
    {
        var me = await _api.Register();
        var fan = await _api.Register();
        var adds = Enumerable.Range(0, 8).Select(i => _api.Post("/user/experience/", new
        {
            title = $"Role {i}", organization = "Org", start_date = "2020-01-01", end_date = "Present", location = "Lagos", employment_type = "Onsite",
            detail = "Did things.",
        }, me.Access));
        var update = _api.Put("/user/profile-update/", new { bio = "Concurrent bio" }, me.Access);
        var follow = _api.Post("/careers/users/follow/", new { following = me.Id }, fan.Access);
        foreach (var added in await Task.WhenAll(adds)) added.Expect(HttpStatusCode.Created);
        (await update).Expect(HttpStatusCode.Created);
        (await follow).Expect(HttpStatusCode.Created);

        var profile = (await _api.Get("/user/retrieve-profile/", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(8, profile["experience"].GetArrayLength());
        Assert.Equal("Concurrent bio", profile["bio"].GetString());
        Assert.Equal(1, profile["followers"].GetInt64());
        // Another account's view shows the same entries; the owner's own list is the same read.
        var seen = (await _api.Get($"/user/retrieve-profile/?user_id={me.Id}", fan.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(8, seen["experience"].GetArrayLength());
        Assert.Equal(8, (await _api.Get("/user/experience/", me.Access)).Expect(HttpStatusCode.OK).Body.GetArrayLength());
    }

    [Fact]
    public async Task Certifications_are_added_listed_and_deleted_up_to_the_limit()
    {
        var me = await _api.Register();
        var r = (await _api.Post("/user/certification/", new
        {
            title = "Introduction to frontend development", school = "Coursera", issue_date = "2023-07-04", cert_id = "ABC-123", skills = "Html,CSS",
        }, me.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(new[] { "cert_id", "id", "issue_date", "school", "skills", "title" }, Keys(r.Body));
        Assert.Equal("ABC-123", r["cert_id"].GetString());
        Assert.Equal("Html,CSS", r["skills"].GetString());
        var first = r["id"].GetInt64();

        for (var i = 1; i < ProfileEntryService.MaxEntriesPerKind; i++)
            (await _api.Post("/user/certification/", new { title = $"Cert {i}", school = "S", issue_date = "2020-01-01" }, me.Access))
                .Expect(HttpStatusCode.Created);
        (await _api.Post("/user/certification/", new { title = "One too many", school = "S", issue_date = "2020-01-01" }, me.Access))
            .ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Equal(ProfileEntryService.MaxEntriesPerKind, (await _api.Get("/user/certification/", me.Access)).Expect(HttpStatusCode.OK).Body.GetArrayLength());

        (await _api.Delete($"/user/certification/?certification_id={first}", me.Access)).Expect(HttpStatusCode.NoContent);
        (await _api.Post("/user/certification/", new { title = "Room again", school = "S", issue_date = "2020-01-01" }, me.Access))
            .Expect(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Completion_counts_the_six_items()
    {
        var me = await _api.Register(bio: "");
        var r = (await _api.Get("/user/completion/", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { "complete_items", "completion", "incomplete_items" }, Keys(r.Body));
        Assert.Equal(0, r["completion"].GetInt32());
        Assert.Equal(new[] { "profile_photo", "intro_video", "experience", "certification", "bio", "education" },
            r["incomplete_items"].EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(0, r["complete_items"].GetArrayLength());

        await PostExperience(me, "Job", "2020-01-01");
        (await _api.Patch("/careers/users/me/update/", new { bio = "Now with a bio" }, me.Access)).Expect(HttpStatusCode.OK);
        r = (await _api.Get("/user/completion/", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(33, r["completion"].GetInt32());
        Assert.Equal(new[] { "experience", "bio" }, r["complete_items"].EnumerateArray().Select(i => i.GetString()));

        (await _api.Post("/user/education/", new { course = "C", school = "S", start_date = "2010-01-01" }, me.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/user/certification/", new { title = "T", school = "S", issue_date = "2020-01-01" }, me.Access)).Expect(HttpStatusCode.Created);
        (await _api.Put("/user/profile-update/", new { profile_photo = "https://cdn.example.com/p.png", intro_video = "https://cdn.example.com/v.mp4" },
            me.Access)).Expect(HttpStatusCode.Created);
        r = (await _api.Get("/user/completion/", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(100, r["completion"].GetInt32());
        Assert.Equal(0, r["incomplete_items"].GetArrayLength());
        Assert.Equal(new[] { "profile_photo", "intro_video", "experience", "certification", "bio", "education" },
            r["complete_items"].EnumerateArray().Select(i => i.GetString()));
    }
}
