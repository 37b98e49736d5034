using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareerNexus.Tests.Adapters;
using CareerNexus.Tests.Support;
using Xunit;
using static CareerNexus.Tests.Talent.TalentCandidates;

namespace CareerNexus.Tests.Talent;

/// <summary>
/// Document 004's candidate profiles: one per candidate, every documented field, uploads checked by their leading bytes and
/// replacing the earlier files, who sees what (the candidate their own, employers every available one, anyone else 404), the
/// owner alone changing, verifying and deleting.
/// </summary>
public sealed class TalentCandidateTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private static readonly HttpClient Reader = new();
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    public static Dictionary<string, object?> ProfileBody() => new()
    {
        ["willing_to_relocate"] = true, ["employment_type_preferences"] = new[] { "full-time", "Part_Time" }, ["work_mode_preferences"] = new[] { "remote", "Hybrid" },
        ["has_workvisa"] = true, ["expected_salary_range"] = "$100,000 - $120,000", ["is_available"] = true,
        ["disability_categories"] = new[] { "mobility" }, ["accommodation_needs"] = "A desk at standing height", ["workplace_accommodations"] = null,
    };

    [Fact]
    public async Task A_candidate_makes_one_profile_with_every_documented_field_and_changes_it()
    {
        var candidate = await _app.TalentUser(tag: "Jöhn");
        var created = (await _api.Post($"{ProfilesRoute}/", ProfileBody(), candidate.Access)).Expect(HttpStatusCode.Created);
        var slug = created["slug"].GetString()!;
        Assert.Matches("^firstjohn-lastjohn-[a-z0-9]{6}$", slug);
        Assert.True(created["id"].GetInt64() > 0);
        var user = created["user"];
        Assert.Equal(candidate.Id, user.GetProperty("id").GetInt64());
        Assert.Equal(candidate.Email, user.GetProperty("email").GetString());
        Assert.Equal("FirstJöhn", user.GetProperty("first_name").GetString());
        Assert.Equal("LastJöhn", user.GetProperty("last_name").GetString());
        foreach (var empty in new[] { "organization", "resume_file", "resume_data", "verified_data", "video_pitch", "workplace_accommodations", "parsing_error", "verified_at" })
            Assert.Equal(JsonValueKind.Null, created[empty].ValueKind);
        Assert.True(created["willing_to_relocate"].GetBoolean());
        Assert.Equal(["full-time", "part-time"], created["employment_type_preferences"].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["remote", "hybrid"], created["work_mode_preferences"].EnumerateArray().Select(e => e.GetString()));
        Assert.True(created["has_workvisa"].GetBoolean());
        Assert.Equal("$100,000 - $120,000", created["expected_salary_range"].GetString());
        Assert.True(created["is_available"].GetBoolean());
        Assert.Equal(["mobility"], created["disability_categories"].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("A desk at standing height", created["accommodation_needs"].GetString());
        Assert.Empty(created["get_all_notes"].EnumerateArray());
        Assert.False(created["is_public"].GetBoolean());
        Assert.Equal("pending", created["parsing_status"].GetString());
        Assert.True(created["updated_at"].GetDateTimeOffset() >= created["created_at"].GetDateTimeOffset());

        // The same on a read, and the candidate's list is their own profile only.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(created.Body.GetRawText()),
            JsonNode.Parse((await _api.Get($"{ProfilesRoute}/{slug}/", candidate.Access)).Expect(HttpStatusCode.OK).Body.GetRawText())));
        var listed = Assert.Single((await _api.Get($"{ProfilesRoute}/", candidate.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray());
        Assert.Equal(slug, listed.GetProperty("slug").GetString());
        Assert.Empty((await _api.Get($"{ProfilesRoute}/?page=2", candidate.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray());

        // One profile per account: a second create is a 400 naming the first.
        var again = (await _api.Post($"{ProfilesRoute}/", ProfileBody(), candidate.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        Assert.Contains(slug, again["detail"].GetString());

        // PUT and PATCH change the fields sent; null clears a text; is_public is the candidate's to set.
        var patched = (await _api.Patch($"{ProfilesRoute}/{slug}/", new Dictionary<string, object?>
        {
            ["expected_salary_range"] = "$110,000 - $130,000", ["is_available"] = false, ["accommodation_needs"] = null, ["is_public"] = true,
        }, candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("$110,000 - $130,000", patched["expected_salary_range"].GetString());
        Assert.False(patched["is_available"].GetBoolean());
        Assert.True(patched["is_public"].GetBoolean());
        Assert.Equal(JsonValueKind.Null, patched["accommodation_needs"].ValueKind);
        Assert.Equal(["full-time", "part-time"], patched["employment_type_preferences"].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(slug, patched["slug"].GetString());
        var put = (await _api.Put($"{ProfilesRoute}/{slug}/", new { work_mode_preferences = new[] { "onsite" }, disability_categories = Array.Empty<string>() },
            candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["onsite"], put["work_mode_preferences"].EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(put["disability_categories"].EnumerateArray());
        Assert.Equal("$110,000 - $130,000", put["expected_salary_range"].GetString());

        // Deleting answers 200; the profile is gone and the candidate may make another, with a new slug.
        Assert.Equal("Candidate profile deleted", (await _api.Delete($"{ProfilesRoute}/{slug}/", candidate.Access)).Expect(HttpStatusCode.OK)["detail"].GetString());
        (await _api.Get($"{ProfilesRoute}/{slug}/", candidate.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        Assert.Empty((await _api.Get($"{ProfilesRoute}/", candidate.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray());
        var remade = await _api.CreateProfile(candidate);
        Assert.NotEqual(slug, remade);

        // Employers have no candidate profile.
        var (employer, _) = await _app.Employer();
        (await _api.Post($"{ProfilesRoute}/", ProfileBody(), employer.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Uploads_are_checked_by_their_leading_bytes_and_replace_the_earlier_files()
    {
        var candidate = await _app.TalentUser();
        var pdf = FilesTests.Pdf();
        var created = (await _api.SendForm(HttpMethod.Post, $"{ProfilesRoute}/", Form(ProfileBody(),
            ("resume_file", new FormFile("cv.pdf", PdfType, pdf)), ("video_pitch", new FormFile("pitch.mp4", "video/mp4", FilesTests.Mp4()))),
            candidate.Access)).Expect(HttpStatusCode.Created);
        var slug = created["slug"].GetString()!;
        var (resume, video) = (created["resume_file"].GetString()!, created["video_pitch"].GetString()!);
        Assert.Contains("candidate-resumes/", resume);
        Assert.Contains("candidate-video-pitches/", video);
        Assert.Equal(["full-time", "part-time"], created["employment_type_preferences"].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, created["workplace_accommodations"].ValueKind);
        Assert.Equal(pdf, await Reader.GetByteArrayAsync(resume));

        // A new resume (a Word document) replaces the old file, which is deleted.
        var docx = new FormFile("cv.docx", DocxType, [0x50, 0x4B, 0x03, 0x04, .. new byte[2000]]);
        var changed = (await _api.SendForm(HttpMethod.Patch, $"{ProfilesRoute}/{slug}/", Form(new { is_public = true }, ("resume_file", docx)), candidate.Access))
            .Expect(HttpStatusCode.OK);
        var newResume = changed["resume_file"].GetString()!;
        Assert.NotEqual(resume, newResume);
        Assert.True(changed["is_public"].GetBoolean());
        Assert.Equal(video, changed["video_pitch"].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync(resume)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Reader.GetAsync(newResume)).StatusCode);

        // Refused: a file whose bytes are not its declared type, a type the field does not take, a resume given as a link, a file
        // over its limit. Each is a 400 on its field, and nothing changes.
        var doc = new FormFile("cv.doc", "application/msword", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[500]]);
        foreach (var (field, file) in new[]
                 {
                     ("resume_file", new FormFile("cv.pdf", PdfType, FilesTests.Png())),
                     ("resume_file", new FormFile("cv.txt", "text/plain", "My resume"u8.ToArray())),
                     ("video_pitch", new FormFile("pitch.mp4", "video/mp4", FilesTests.Png())),
                     ("video_pitch", new FormFile("pitch.png", "image/png", FilesTests.Png())),
                     ("resume_file", new FormFile("big.pdf", PdfType, FilesTests.Pdf(10 * 1024 * 1024 + 1))),
                 })
        {
            var refused = (await _api.SendForm(HttpMethod.Patch, $"{ProfilesRoute}/{slug}/", Form(null, (field, file)), candidate.Access))
                .ExpectTalentError(HttpStatusCode.BadRequest);
            Assert.Contains("refused", refused["fields"].GetProperty(field).GetString());
        }
        (await _api.Patch($"{ProfilesRoute}/{slug}/", new { resume_file = "https://example.com/cv.pdf" }, candidate.Access))
            .ExpectTalentError(HttpStatusCode.BadRequest)["fields"].GetProperty("resume_file");
        var kept = (await _api.Get($"{ProfilesRoute}/{slug}/", candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(newResume, kept["resume_file"].GetString());
        Assert.Equal(video, kept["video_pitch"].GetString());

        // A Word 97-2003 resume is taken (its parsing says what to do); JSON null removes a file, and its blob.
        var withDoc = (await _api.SendForm(HttpMethod.Put, $"{ProfilesRoute}/{slug}/", Form(null, ("resume_file", doc)), candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync(newResume)).StatusCode);
        var removed = (await _api.Patch($"{ProfilesRoute}/{slug}/", new Dictionary<string, object?> { ["resume_file"] = null, ["video_pitch"] = null },
            candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, removed["resume_file"].ValueKind);
        Assert.Equal(JsonValueKind.Null, removed["video_pitch"].ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync(withDoc["resume_file"].GetString())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync(video)).StatusCode);

        // Deleting the profile deletes its files.
        var uploaded = (await _api.SendForm(HttpMethod.Patch, $"{ProfilesRoute}/{slug}/", Form(null, ("resume_file", MinimalPdf())), candidate.Access))
            .Expect(HttpStatusCode.OK)["resume_file"].GetString()!;
        (await _api.Delete($"{ProfilesRoute}/{slug}/", candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync(uploaded)).StatusCode);
    }

    [Fact]
    public async Task A_candidate_sees_their_own_profile_and_employers_every_available_one()
    {
        var (owner, slug) = await _app.CandidateWithProfile();
        var otherCandidate = await _app.TalentUser();
        var (employer, _) = await _app.Employer();
        var loner = await _app.TalentUser(candidate: false);

        // Another candidate: 404, and not in their list. An employer (in an organization or not) sees it and lists it.
        (await _api.Get($"{ProfilesRoute}/{slug}/", otherCandidate.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        (await _api.Get($"{ProfilesRoute}/{slug}/parsing-status/", otherCandidate.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        Assert.DoesNotContain(slug, (await _api.Get($"{ProfilesRoute}/?limit=100", otherCandidate.Access)).Expect(HttpStatusCode.OK).Body.GetRawText());
        foreach (var viewer in new[] { employer, loner })
        {
            Assert.Equal(slug, (await _api.Get($"{ProfilesRoute}/{slug}/", viewer.Access)).Expect(HttpStatusCode.OK)["slug"].GetString());
            Assert.Contains(slug, await ListedAsync(viewer));
        }

        // Only the candidate changes, verifies or deletes it: 403 to an employer who sees it, 404 to anyone who does not.
        (await _api.Patch($"{ProfilesRoute}/{slug}/", new { is_public = true }, employer.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await _api.Put($"{ProfilesRoute}/{slug}/", new { is_public = true }, employer.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await _api.Delete($"{ProfilesRoute}/{slug}/", employer.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await _api.Post($"{ProfilesRoute}/{slug}/verify-profile/", new { name = "X" }, employer.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await _api.Patch($"{ProfilesRoute}/{slug}/", new { is_public = true }, otherCandidate.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        (await _api.Delete($"{ProfilesRoute}/{slug}/", otherCandidate.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        Assert.False((await _api.Get($"{ProfilesRoute}/{slug}/", owner.Access)).Expect(HttpStatusCode.OK)["is_public"].GetBoolean());

        // An unavailable profile leaves the employers' view; its candidate still has it.
        (await _api.Patch($"{ProfilesRoute}/{slug}/", new { is_available = false }, owner.Access)).Expect(HttpStatusCode.OK);
        (await _api.Get($"{ProfilesRoute}/{slug}/", employer.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        Assert.DoesNotContain(slug, await ListedAsync(employer));
        (await _api.Get($"{ProfilesRoute}/{slug}/", owner.Access)).Expect(HttpStatusCode.OK);
        (await _api.Patch($"{ProfilesRoute}/{slug}/", new { is_available = true }, owner.Access)).Expect(HttpStatusCode.OK);
        Assert.Contains(slug, await ListedAsync(employer));

        // Without a token: 401 in document 004's words, on every route; a slug that cannot be one is a 404.
        foreach (var (method, path) in new[] { ("GET", $"{ProfilesRoute}/"), ("GET", $"{ProfilesRoute}/{slug}/"), ("POST", $"{ProfilesRoute}/"), ("PATCH", $"{ProfilesRoute}/{slug}/"),
                     ("POST", $"{ProfilesRoute}/{slug}/parse-resume/"), ("GET", $"{NotesRoute}/") })
            (await _api.Send(new HttpMethod(method), path, method == "GET" ? null : new { }, null)).ExpectTalentError(HttpStatusCode.Unauthorized);
        (await _api.Get($"{ProfilesRoute}/NOT A SLUG/", employer.Access)).ExpectTalentError(HttpStatusCode.NotFound);
    }

    /// <summary>The slugs of the employers' list, newest first, up to the list's first 100.</summary>
    private async Task<string> ListedAsync(TestUser viewer) =>
        (await _api.Get($"{ProfilesRoute}/?limit=100", viewer.Access)).Expect(HttpStatusCode.OK).Body.GetRawText();

    [Fact]
    public async Task The_employers_list_is_bounded_newest_first()
    {
        var (employer, _) = await _app.Employer();
        var slugs = new List<string>();
        for (var i = 0; i < 3; i++) slugs.Add((await _app.CandidateWithProfile()).Slug);
        // Other tests add profiles meanwhile: the three keep their order among them.
        var listed = (await _api.Get($"{ProfilesRoute}/?limit=100", employer.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray()
            .Select(p => p.GetProperty("slug").GetString()!).ToList();
        Assert.Equal([slugs[2], slugs[1], slugs[0]], listed.Where(slugs.Contains));
        Assert.Equal(2, (await _api.Get($"{ProfilesRoute}/?limit=2", employer.Access)).Expect(HttpStatusCode.OK).Body.GetArrayLength());
        Assert.Empty((await _api.Get($"{ProfilesRoute}/?limit=100&page=11", employer.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray());
        (await _api.Get($"{ProfilesRoute}/?limit=101", employer.Access)).ExpectTalentError(HttpStatusCode.BadRequest)["fields"].GetProperty("limit");
        (await _api.Get($"{ProfilesRoute}/?page=0", employer.Access)).ExpectTalentError(HttpStatusCode.BadRequest)["fields"].GetProperty("page");
    }

    [Fact]
    public async Task Verifying_stores_what_the_candidate_confirmed_with_the_platforms_skill_names()
    {
        var (owner, slug) = await _app.CandidateWithProfile();
        var verified = (await _api.Post($"{ProfilesRoute}/{slug}/verify-profile/", new
        {
            name = "John Doe", email = "candidate@example.com", linkedin = "https://linkedin.com/in/johndoe",
            skills = new[] { "python", "postgres", "Django", "Underwater Basket Weaving", "PYTHON" },
            work_experience = new[] { new { company = "Tech Corp", position = "Software Engineer", duration = "2 years" } },
        }, owner.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Profile verified successfully", verified["message"].GetString());
        var data = verified["verified_data"];
        Assert.Equal("John Doe", data.GetProperty("name").GetString());
        Assert.Equal("candidate@example.com", data.GetProperty("email").GetString());
        Assert.Equal("https://linkedin.com/in/johndoe", data.GetProperty("linkedin").GetString());
        Assert.Equal(["Python", "PostgreSQL", "Django", "Underwater Basket Weaving"], data.GetProperty("skills").EnumerateArray().Select(s => s.GetString()));
        var job = Assert.Single(data.GetProperty("work_experience").EnumerateArray());
        Assert.Equal("Tech Corp", job.GetProperty("company").GetString());
        Assert.Equal("Software Engineer", job.GetProperty("position").GetString());
        Assert.Equal("2 years", job.GetProperty("duration").GetString());

        var profile = (await _api.Get($"{ProfilesRoute}/{slug}/", owner.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(data.GetRawText(), profile["verified_data"].GetRawText());
        Assert.NotEqual(JsonValueKind.Null, profile["verified_at"].ValueKind);
        var status = (await _api.Get($"{ProfilesRoute}/{slug}/parsing-status/", owner.Access)).Expect(HttpStatusCode.OK);
        Assert.True(status["has_verified_data"].GetBoolean());
        Assert.False(status["has_resume_data"].GetBoolean());
        Assert.False(status["resume_file_exists"].GetBoolean());
        Assert.Equal("pending", status["parsing_status"].GetString());

        // Bad input names its field; nothing at all is a 400 too.
        (await _api.Post($"{ProfilesRoute}/{slug}/verify-profile/", new { email = "not an address" }, owner.Access))
            .ExpectTalentError(HttpStatusCode.BadRequest)["fields"].GetProperty("email");
        (await _api.Post($"{ProfilesRoute}/{slug}/verify-profile/", new { linkedin = "javascript:alert(1)" }, owner.Access))
            .ExpectTalentError(HttpStatusCode.BadRequest)["fields"].GetProperty("linkedin");
        (await _api.Post($"{ProfilesRoute}/{slug}/verify-profile/", new { skills = "Python" }, owner.Access))
            .ExpectTalentError(HttpStatusCode.BadRequest)["fields"].GetProperty("skills");
        (await _api.Post($"{ProfilesRoute}/{slug}/verify-profile/", new { work_experience = new[] { "Tech Corp" } }, owner.Access))
            .ExpectTalentError(HttpStatusCode.BadRequest)["fields"].GetProperty("work_experience");
        (await _api.Post($"{ProfilesRoute}/{slug}/verify-profile/", new { }, owner.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        Assert.Equal(data.GetRawText(), (await _api.Get($"{ProfilesRoute}/{slug}/", owner.Access)).Expect(HttpStatusCode.OK)["verified_data"].GetRawText());
    }

    [Fact]
    public async Task A_cookie_client_makes_its_profile_with_its_CSRF_token()
    {
        var browser = new TalentBrowser(_app);
        await browser.SignUpAndVerify();
        (await browser.Post($"{ProfilesRoute}/", ProfileBody(), csrf: false)).ExpectTalentError(HttpStatusCode.Forbidden);
        var created = (await browser.Post($"{ProfilesRoute}/", ProfileBody())).Expect(HttpStatusCode.Created);
        var slug = created["slug"].GetString()!;
        Assert.Equal(slug, (await browser.Get($"{ProfilesRoute}/{slug}/")).Expect(HttpStatusCode.OK)["slug"].GetString());
        (await browser.Send(HttpMethod.Patch, $"{ProfilesRoute}/{slug}/", new { is_public = true }, csrf: false)).ExpectTalentError(HttpStatusCode.Forbidden);
        Assert.True((await browser.Send(HttpMethod.Patch, $"{ProfilesRoute}/{slug}/", new { is_public = true })).Expect(HttpStatusCode.OK)["is_public"].GetBoolean());
    }

    [Fact]
    public async Task Bad_input_is_a_400_in_document_004s_words()
    {
        var (owner, slug) = await _app.CandidateWithProfile();
        (await _api.PostRaw($"{ProfilesRoute}/", "{\"is_available\": tru", owner.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw($"{ProfilesRoute}/", "[]", owner.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { is_available = "perhaps" }, "is_available"),
                     (new { employment_type_preferences = "full-time" }, "employment_type_preferences"),
                     (new { employment_type_preferences = new[] { "gig" } }, "employment_type_preferences"),
                     (new { work_mode_preferences = new[] { "moon" } }, "work_mode_preferences"),
                     (new { expected_salary_range = new string('9', 101) }, "expected_salary_range"),
                     (new { accommodation_needs = new string('x', 2001) }, "accommodation_needs"),
                     (new { disability_categories = Enumerable.Range(0, 11).Select(i => $"c{i}").ToArray() }, "disability_categories"),
                     (new { video_pitch = "ftp://example.com/pitch.mp4" }, "video_pitch"),
                     (new { is_public = 1 }, "is_public"),
                 })
        {
            var refused = (await _api.Patch($"{ProfilesRoute}/{slug}/", body, owner.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
            Assert.True(refused["fields"].TryGetProperty(field, out _), $"{field}: {refused.Body}");
        }
        var form = await _api.SendForm(HttpMethod.Patch, $"{ProfilesRoute}/{slug}/", new Dictionary<string, object>
        {
            ["employment_type_preferences"] = "[\"full-time\", \"contract\"]", ["is_available"] = "false", ["accommodation_needs"] = "null",
        }, owner.Access);
        form.Expect(HttpStatusCode.OK);
        Assert.Equal(["full-time", "contract"], form["employment_type_preferences"].EnumerateArray().Select(e => e.GetString()));
        Assert.False(form["is_available"].GetBoolean());
        Assert.Equal(JsonValueKind.Null, form["accommodation_needs"].ValueKind);
    }
}
