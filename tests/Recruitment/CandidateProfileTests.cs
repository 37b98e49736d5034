using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Collections.Concurrent;
using CareerNexus.Candidates;
using CareerNexus.Matching;
using CareerNexus.Storage;
using CareerNexus.Tests.Budgets;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

public sealed class CandidateProfileTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const string Me = "/accounts/api/v1/candidate-profiles/me/";
    private const string Experiences = "/accounts/api/v1/work-experiences/";
    private const string Educations = "/accounts/api/v1/educations/";
    private const string GenerateCv = "/accounts/api/v1/candidate-profiles/me/generate-cv/";

    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static readonly byte[] Png =
        Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public void The_app_carries_the_cv_fonts_of_the_machine_that_built_it()
    {
        // The Functions host's image may have no fonts: the build copies DejaVu Sans beside the app, where CvFonts looks first.
        const string machineFonts = "/usr/share/fonts/truetype/dejavu/";
        Assert.True(File.Exists(machineFonts + "DejaVuSans-Bold.ttf"), "No DejaVu Sans on this machine: apt-get install fonts-dejavu-core");
        foreach (var face in new[] { "DejaVuSans.ttf", "DejaVuSans-Bold.ttf" })
            Assert.Equal(File.ReadAllBytes(machineFonts + face), File.ReadAllBytes(Path.Combine(CvFonts.BundledDirectory, face)));
    }

    [Fact]
    public async Task The_profile_shows_the_documented_fields_and_takes_skills_bio_projects_and_the_matching_inputs()
    {
        var me = await _app.Candidate("Ada");
        var profile = (await _api.Get(Me, me.Access)).Expect(HttpStatusCode.OK);
        Assert.True(profile["id"].GetInt64() > 0);
        Assert.Equal(me.Id, profile["user"].GetProperty("id").GetInt64());
        Assert.Equal(me.Username, profile["user"].GetProperty("username").GetString());
        Assert.Equal(me.Email, profile["user"].GetProperty("email").GetString());
        foreach (var list in new[] { "work_experiences", "educations", "projects", "skills", "preferred_contract_types" })
            Assert.Equal(0, profile[list].GetArrayLength());
        Assert.Equal(JsonValueKind.Null, profile["cv_file"].ValueKind);
        Assert.Equal(0, profile["reputation_score"].GetDouble());
        Assert.Equal("Bio Ada", profile["bio"].GetString());

        var patched = (await _api.Patch(Me.TrimEnd('/'), new
        {
            skills = new[] { "Python", "Django", "python", " React " },
            bio = "Updated bio with new experience...",
            location = "Lyon, France",
            expected_salary = 55000,
            preferred_contract_types = new[] { "FULL_TIME", "contract" },
            projects = new[] { new { name = "E-commerce Platform", description = "Full-stack e-commerce solution...", technologies = new[] { "Django", "React" } } },
        }, me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["Python", "Django", "React"], patched["skills"].EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["full_time", "contract"], patched["preferred_contract_types"].EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(55000m, patched["expected_salary"].GetDecimal());
        var project = patched["projects"][0];
        Assert.True(project.GetProperty("id").GetInt64() > 0);

        // A project sent back with its id keeps it; the salary is cleared with null; absent fields stay.
        var again = (await _api.Patch(Me, new
        {
            expected_salary = (int?)null,
            projects = new object[] { new { id = project.GetProperty("id").GetInt64(), name = "Renamed", technologies = Array.Empty<string>() }, new { name = "Second" } },
        }, me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(project.GetProperty("id").GetInt64(), again["projects"][0].GetProperty("id").GetInt64());
        Assert.Equal("Renamed", again["projects"][0].GetProperty("name").GetString());
        Assert.NotEqual(project.GetProperty("id").GetInt64(), again["projects"][1].GetProperty("id").GetInt64());
        Assert.Equal(JsonValueKind.Null, again["expected_salary"].ValueKind);
        Assert.Equal("Lyon, France", (await _api.Get(Me, me.Access)).Expect(HttpStatusCode.OK)["location"].GetString());
    }

    [Fact]
    public async Task Work_experiences_and_educations_are_added_with_ids_and_a_retried_request_adds_nothing_twice()
    {
        var me = await _app.Candidate();
        var experience = new
        {
            company = "Tech Corp", position = "Senior Software Engineer", start_date = "2020-01-01", end_date = (string?)null,
            contract_type = "full_time", description = "Led development of microservices architecture...",
        };
        var first = (await _api.Post(Experiences, experience, me.Access)).Expect(HttpStatusCode.Created);
        Assert.True(first["id"].GetInt64() > 0);
        Assert.Equal("Tech Corp", first["company"].GetString());
        Assert.Equal("2020-01-01", first["start_date"].GetString());
        Assert.Equal(JsonValueKind.Null, first["end_date"].ValueKind);
        Assert.Equal("full_time", first["contract_type"].GetString());
        var retry = (await _api.Post(Experiences.TrimEnd('/'), experience, me.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(first["id"].GetInt64(), retry["id"].GetInt64());
        var older = (await _api.Post(Experiences, experience with { start_date = "2015-03-01" }, me.Access)).Expect(HttpStatusCode.Created);
        Assert.NotEqual(first["id"].GetInt64(), older["id"].GetInt64());

        var education = new
        {
            institution = "MIT", degree = "Master's in Computer Science", field_of_study = "Artificial Intelligence", start_date = "2018-09-01",
            end_date = "2020-06-30", gpa = 3.8,
        };
        var school = (await _api.Post(Educations, education, me.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(3.8, school["gpa"].GetDouble());
        Assert.Equal("Artificial Intelligence", school["field_of_study"].GetString());
        Assert.Equal(school["id"].GetInt64(), (await _api.Post(Educations, education, me.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64());

        var profile = (await _api.Get(Me, me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal([first["id"].GetInt64(), older["id"].GetInt64()], profile["work_experiences"].EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
        Assert.Equal(school["id"].GetInt64(), Assert.Single(profile["educations"].EnumerateArray()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Malformed_input_is_a_field_error_in_the_dialect()
    {
        var me = await _app.Candidate();
        async Task Refused(HttpMethod method, string path, object body, string field)
        {
            var r = (await _api.Send(method, path, body, me.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
            Assert.NotEmpty(r.FieldErrors(field));
        }
        await Refused(HttpMethod.Post, Experiences, new { company = "A", position = "B", start_date = "2020-05-01", end_date = "2020-01-01" }, "end_date");
        await Refused(HttpMethod.Post, Experiences, new { company = "A", position = "B", start_date = "01/05/2020" }, "start_date");
        await Refused(HttpMethod.Post, Experiences, new { company = "A", position = "B", start_date = "2020-02-30" }, "start_date");
        await Refused(HttpMethod.Post, Experiences, new { company = "A", position = "B", start_date = "2020-01-01", contract_type = "slavery" }, "contract_type");
        await Refused(HttpMethod.Post, Experiences, new { company = 12, position = "B", start_date = "2020-01-01" }, "company");
        await Refused(HttpMethod.Post, Experiences, new { position = "B", start_date = "2020-01-01" }, "company");
        await Refused(HttpMethod.Post, Educations, new { institution = "U", degree = "D", start_date = "2020-01-01", gpa = "excellent" }, "gpa");
        await Refused(HttpMethod.Post, Educations, new { institution = "U", degree = "D", start_date = "2020-01-01", gpa = 99 }, "gpa");
        await Refused(HttpMethod.Patch, Me, new { skills = "Python" }, "skills");
        await Refused(HttpMethod.Patch, Me, new { skills = new object[] { "Python", 3 } }, "skills");
        await Refused(HttpMethod.Patch, Me, new { skills = Enumerable.Range(0, CandidateProfileService.MaxSkills + 1).Select(i => $"skill{i}") }, "skills");
        await Refused(HttpMethod.Patch, Me, new { projects = Enumerable.Range(0, CandidateProfileService.MaxProjects + 1).Select(i => new { name = $"p{i}" }) },
            "projects");
        await Refused(HttpMethod.Patch, Me, new { projects = new[] { new { description = "no name" } } }, "projects");
        await Refused(HttpMethod.Patch, Me, new { expected_salary = "lots" }, "expected_salary");
        await Refused(HttpMethod.Patch, Me, new { expected_salary = -5 }, "expected_salary");
        await Refused(HttpMethod.Patch, Me, new { latitude = 123 }, "latitude");
        await Refused(HttpMethod.Patch, Me, new { preferred_contract_types = new[] { "forever" } }, "preferred_contract_types");
        await Refused(HttpMethod.Patch, Me, new { bio = new string('x', CandidateProfileService.MaxBioLength + 1) }, "bio");
        await Refused(HttpMethod.Patch, Me, new { cv_file = "https://example.com/cv.pdf" }, "cv_file");

        (await _api.Send(new HttpRequestMessage(HttpMethod.Patch, Me) { Content = new StringContent("{\"skills\": [", System.Text.Encoding.UTF8, "application/json") },
            me.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw(Experiences, "[1, 2]", me.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw(Experiences, "{\"company\": \"A\", \"company\": \"B\"}", me.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);

        // Nothing of the refused requests was stored.
        var profile = (await _api.Get(Me, me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(0, profile["work_experiences"].GetArrayLength());
        Assert.Equal(0, profile["skills"].GetArrayLength());
    }

    [Fact]
    public async Task Each_embedded_list_is_capped()
    {
        var me = await _app.Candidate();
        var profiles = _app.Services.GetRequiredService<CandidateProfileService>();
        for (var i = 0; i < CandidateProfileService.MaxWorkExperiences; i++)
            await profiles.AddWorkExperienceAsync(me.Id, new WorkExperienceFields($"Company {i}", "Engineer", "2010-01-01", null, null, null));
        var refused = (await _api.Post(Experiences, new { company = "One more", position = "Engineer", start_date = "2021-01-01" }, me.Access))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.Contains(CandidateProfileService.MaxWorkExperiences.ToString(CultureInfo.InvariantCulture), refused.FieldErrors("non_field_errors")[0]);
        Assert.Equal(CandidateProfileService.MaxWorkExperiences, (await _api.Get(Me, me.Access)).Expect(HttpStatusCode.OK)["work_experiences"].GetArrayLength());
    }

    [Fact]
    public async Task A_cv_uploaded_as_a_pdf_is_stored_and_served_back_and_an_image_is_refused()
    {
        var me = await _app.Candidate();
        var r = (await _api.SendForm(HttpMethod.Patch, Me, new Dictionary<string, object>
        {
            ["cv_file"] = new FormFile("my cv.pdf", "application/pdf", Pdf),
            ["skills"] = "Python, SQL",
            ["preferred_contract_types"] = "[\"part_time\"]",
        }, me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["Python", "SQL"], r["skills"].EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("part_time", r["preferred_contract_types"][0].GetString());
        var url = r["cv_file"].GetString()!;
        using var http = new HttpClient();
        Assert.Equal(Pdf, await http.GetByteArrayAsync(url));

        foreach (var file in new[] { new FormFile("photo.png", "image/png", Png), new FormFile("fake.pdf", "application/pdf", Png),
                     new FormFile("notes.txt", "text/plain", "hello"u8.ToArray()) })
        {
            var refused = (await _api.SendForm(HttpMethod.Patch, Me, new Dictionary<string, object> { ["cv_file"] = file, ["bio"] = "Changed" }, me.Access))
                .ExpectRecruitmentError(HttpStatusCode.BadRequest);
            Assert.NotEmpty(refused.FieldErrors("cv_file"));
        }
        var profile = (await _api.Get(Me, me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(url, profile["cv_file"].GetString());
        Assert.NotEqual("Changed", profile["bio"].GetString());

        var docx = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0x00, 0x00 };
        var word = (await _api.SendForm(HttpMethod.Patch, Me, new Dictionary<string, object>
        {
            ["cv_file"] = new FormFile("cv.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx),
        }, me.Access)).Expect(HttpStatusCode.OK);
        Assert.EndsWith(".docx", word["cv_file"].GetString());
        var cleared = (await _api.SendForm(HttpMethod.Patch, Me, new Dictionary<string, object> { ["cv_file"] = "" }, me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, cleared["cv_file"].ValueKind);
    }

    [Fact]
    public async Task The_generated_cv_is_a_pdf_in_blob_storage_with_the_name_skills_and_experiences_over_several_pages()
    {
        var me = await _app.Candidate("Zoé");
        (await _api.Patch(Me, new { skills = new[] { "Kubernetes", "PostgreSQL", "Rust" }, bio = string.Join(' ', Enumerable.Repeat("Builder of reliable systems.", 60)) },
            me.Access)).Expect(HttpStatusCode.OK);
        for (var i = 0; i < 12; i++)
            (await _api.Post(Experiences, new
            {
                company = $"Company{i}", position = "Platform Engineer", start_date = $"{2000 + i}-01-01", end_date = $"{2001 + i}-01-01",
                contract_type = "contract", description = string.Join(' ', Enumerable.Repeat($"Operated clusters number {i} for many customers.", 12)),
            }, me.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post(Educations, new { institution = "Sorbonne", degree = "Licence", start_date = "1996-09-01", end_date = "1999-06-30" }, me.Access))
            .Expect(HttpStatusCode.Created);

        var generated = (await _api.Post(GenerateCv.TrimEnd('/'), null, me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("CV generated successfully", generated["message"].GetString());
        var url = generated["cv_url"].GetString()!;
        using var http = new HttpClient();
        using var download = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);

        using var pdf = PdfDocument.Open(await download.Content.ReadAsByteArrayAsync());
        Assert.True(pdf.NumberOfPages > 1, $"a long profile continues on further pages, got {pdf.NumberOfPages}");
        var text = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("FirstZoé", text);
        Assert.Contains("LastZoé", text);
        Assert.Contains(me.Email, text);
        Assert.Contains("Kubernetes,", text);
        Assert.Contains("PostgreSQL", text);
        Assert.Contains("Company11", text);
        Assert.Contains("Company0", text);
        Assert.Contains("Sorbonne", text);
        Assert.Contains("Platform Engineer", text);
        // Each line fits the page: text wraps rather than running off the right edge.
        Assert.All(pdf.GetPages(), page => Assert.All(page.GetWords(), w => Assert.True(w.BoundingBox.Right <= page.Width, w.Text)));

        Assert.Equal(url, (await _api.Get(Me, me.Access)).Expect(HttpStatusCode.OK)["cv_file"].GetString());
    }

    [Fact]
    public async Task Without_a_token_401_and_a_recruiter_or_another_account_is_refused_with_403()
    {
        foreach (var (method, path) in Routes)
            (await _api.Send(method, path, method == HttpMethod.Get ? null : new { }, null)).ExpectRecruitmentError(HttpStatusCode.Unauthorized);

        var recruiter = await _app.Recruiter();
        var plain = await _api.Register();
        foreach (var caller in new[] { recruiter, plain })
            foreach (var (method, path) in Routes)
            {
                var body = path == Experiences ? new { company = "A", position = "B", start_date = "2020-01-01" } : (object)new { skills = new[] { "Go" } };
                (await _api.Send(method, path, method == HttpMethod.Get ? null : body, caller.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
            }

        // The candidate's own profile is all a candidate ever sees.
        var (alice, bob) = (await _app.Candidate(), await _app.Candidate());
        (await _api.Patch(Me, new { skills = new[] { "AliceOnlySkill" } }, alice.Access)).Expect(HttpStatusCode.OK);
        var seen = (await _api.Get(Me, bob.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(bob.Id, seen["user"].GetProperty("id").GetInt64());
        Assert.DoesNotContain("AliceOnlySkill", seen.Body.GetRawText());
    }

    private static readonly (HttpMethod, string)[] Routes =
    [
        (HttpMethod.Get, Me), (HttpMethod.Patch, Me), (HttpMethod.Post, Experiences), (HttpMethod.Post, Educations), (HttpMethod.Post, GenerateCv),
    ];

    [Fact]
    public async Task The_own_profile_costs_one_operation_at_ten_times_the_data()
    {
        var me = await _app.Candidate();
        var profiles = _app.Services.GetRequiredService<CandidateProfileService>();
        await profiles.AddWorkExperienceAsync(me.Id, new WorkExperienceFields("Acme", "Engineer", "2019-01-01", null, "full_time", "Built things."));
        await profiles.UpdateAsync(me.Id, new CandidateProfileChanges(Skills: ["Go", "SQL"]), null);

        await _app.ExpectOnePointReadAtTwoSizes(Me, me, 20, id =>
        {
            var key = id.ToString(CultureInfo.InvariantCulture);
            return _app.Store.TryCreateAsync(Containers.CandidateProfiles, new CandidateProfile
            {
                Id = key, UserId = id, ProfileId = id, Username = "u" + key, Email = $"u{key}@example.com", Skills = ["Go"],
            }, key);
        });
    }

    [Fact]
    public async Task Every_change_of_the_profile_asks_matching_to_score_the_candidate_again_and_a_retry_does_not()
    {
        var recorder = new RecordingMatches();
        using var app = new TestApp(services: s => s.AddSingleton<IMatchRequests>(recorder));
        var api = app.Api();
        var me = await app.Candidate();
        (await api.Patch(Me, new { skills = new[] { "Go" } }, me.Access)).Expect(HttpStatusCode.OK);
        var entry = new { company = "A", position = "B", start_date = "2020-01-01" };
        (await api.Post(Experiences, entry, me.Access)).Expect(HttpStatusCode.Created);
        (await api.Post(Experiences, entry, me.Access)).Expect(HttpStatusCode.Created);
        (await api.Post(Educations, new { institution = "U", degree = "D", start_date = "2020-01-01" }, me.Access)).Expect(HttpStatusCode.Created);
        (await api.Post(GenerateCv, null, me.Access)).Expect(HttpStatusCode.OK);
        (await api.Get(Me, me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(Enumerable.Repeat(me.Id, 4), recorder.Candidates);
    }

    private sealed class RecordingMatches : IMatchRequests
    {
        public ConcurrentQueue<long> Candidates { get; } = new();

        public Task JobChangedAsync(long jobId, CancellationToken ct = default) => Task.CompletedTask;

        public Task CandidateChangedAsync(long candidateId, CancellationToken ct = default)
        {
            Candidates.Enqueue(candidateId);
            return Task.CompletedTask;
        }

        public Task ApplicationChangedAsync(long jobId, long candidateId, long? applicationId, CancellationToken ct = default) => Task.CompletedTask;
    }
}
