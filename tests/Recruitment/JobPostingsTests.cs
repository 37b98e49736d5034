using System.Net;
using System.Text.Json;
using CareerNexus.Companies;
using CareerNexus.Jobs;
using CareerNexus.Storage;
using CareerNexus.Tests.Nexus;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CareerNexus.Tests.Recruitment.RecruitmentJobsSupport;

namespace CareerNexus.Tests.Recruitment;

public sealed class JobPostingsTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static readonly string[] DetailFields =
    [
        "application_count", "benefits", "category", "company", "created_at", "description", "experience_level", "id", "is_active", "job_type",
        "location", "recruiter", "requirements", "salary_max", "salary_min", "skills", "slug", "title", "updated_at", "work_type",
    ];

    private static readonly string[] RowFields =
    [
        "category", "company", "created_at", "description", "experience_level", "id", "is_active", "job_type", "location", "requirements",
        "salary_max", "salary_min", "slug", "title",
    ];

    private static IEnumerable<string> Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).Order();

    [Fact]
    public async Task A_recruiter_posts_a_job_and_anyone_reads_its_detail_with_the_documented_fields()
    {
        var recruiter = await _app.Recruiter("Jane", company: "Tech Corp");
        var company = await _app.CompanyOf(recruiter);
        await _app.SetCompanyAsync(company.CompanyId, ("/logo", "https://cdn.example.com/logo.png"), ("/description", "Leading tech company"));

        var created = (await _api.Post(JobsPath, JobBody(), recruiter.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(["created_at", "id", "is_active", "slug", "title"], Names(created.Body));
        Assert.Equal("senior-python-developer-tech-corp", created["slug"].GetString());
        Assert.True(created["is_active"].GetBoolean());
        var id = created["id"].GetInt64();

        foreach (var path in new[] { $"{JobsPath}{id}/", $"{JobsPath}{id}" })
        {
            var detail = (await _api.Get(path)).Expect(HttpStatusCode.OK);
            Assert.Equal(DetailFields, Names(detail.Body));
            Assert.Equal("Senior Python Developer", detail["title"].GetString());
            Assert.Equal(company.CompanyId, detail["company"].GetProperty("id").GetInt64());
            Assert.Equal("Tech Corp", detail["company"].GetProperty("name").GetString());
            Assert.Equal("https://cdn.example.com/logo.png", detail["company"].GetProperty("logo").GetString());
            Assert.Equal("Leading tech company", detail["company"].GetProperty("description").GetString());
            Assert.Equal(recruiter.Id, detail["recruiter"].GetProperty("id").GetInt64());
            Assert.Equal(recruiter.Username, detail["recruiter"].GetProperty("username").GetString());
            Assert.Equal("FirstJane LastJane", detail["recruiter"].GetProperty("full_name").GetString());
            Assert.Equal(1, detail["category"].GetProperty("id").GetInt64());
            Assert.Equal("Engineering", detail["category"].GetProperty("name").GetString());
            Assert.Equal("Full-time", detail["job_type"].GetProperty("name").GetString());
            Assert.Equal("full_time", detail["job_type"].GetProperty("code").GetString());
            Assert.Equal("Paris, France", detail["location"].GetString());
            Assert.Equal(50000, detail["salary_min"].GetDecimal());
            Assert.Equal(80000, detail["salary_max"].GetDecimal());
            Assert.Equal("senior", detail["experience_level"].GetString());
            Assert.Equal(["5+ years Python", "Django experience", "PostgreSQL"], detail["requirements"].EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(["Health insurance", "Remote work"], detail["benefits"].EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(0, detail["application_count"].GetInt64());
            Assert.True(detail["is_active"].GetBoolean());
        }

        // The company's and the recruiter's active jobs count it once.
        Assert.Equal(1, (await _app.CompanyOf(recruiter)).ActiveJobsCount);
        Assert.Equal(1, (await _app.RecruiterProfile(recruiter)).ActiveJobs);

        // The platform job behind it carries the Nexus fields.
        var job = (await _app.Services.GetRequiredService<JobService>().FindAsync(id))!;
        Assert.Equal("Tech Corp", job.Organization);
        Assert.Equal("full_time", job.EmploymentType);
        Assert.Equal("France", job.Country);
        Assert.Equal("50000 - 80000", job.Salary);
        Assert.Equal("others", job.Industry);
        Assert.Equal("onsite", job.WorkType);
    }

    [Fact]
    public async Task Unknown_or_malformed_ids_and_nexus_jobs_are_404()
    {
        var nexusPoster = await _api.Register();
        await _app.SetProfileAsync(nexusPoster.Id, industry: "technology");
        var nexusJob = (await _api.Post("/job/", Nexus.JobsTests.Job(), nexusPoster.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        foreach (var id in new[] { "999999999", "abc", "0", "-1", "1.5", nexusJob.ToString() })
            (await _api.Get($"{JobsPath}{id}/")).ExpectRecruitmentError(HttpStatusCode.NotFound);
        var recruiter = await _app.Recruiter();
        (await _api.Patch($"{JobsPath}abc/", new { title = "x" }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Delete($"{JobsPath}999999999/", recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Patch($"{JobsPath}{nexusJob}/", new { title = "x" }, nexusPoster.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_a_recruiter_on_the_companys_team_may_post_for_it()
    {
        var recruiter = await _app.Recruiter();
        var other = await _app.Recruiter();
        var candidate = await _app.Candidate();
        (await _api.Post(JobsPath, JobBody())).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Post(JobsPath, JobBody(), candidate.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        var theirs = (await _app.CompanyOf(other)).CompanyId;
        (await _api.Post(JobsPath, JobBody().With("company", theirs), recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        Assert.Equal(0, (await _app.CompanyOf(other)).ActiveJobsCount);
        var unknown = (await _api.Post(JobsPath, JobBody().With("company", 999999999), recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.Contains("does not exist", unknown.FieldErrors("company")[0]);

        // Once on the team, the other company is theirs to post for, and its counter moves.
        await _app.JoinCompany(other, recruiter, CompanyRoles.Recruiter);
        var id = await _api.PostJob(recruiter, JobBody().With("company", theirs));
        Assert.Equal(theirs, (await _api.Get($"{JobsPath}{id}/"))["company"].GetProperty("id").GetInt64());
        Assert.Equal(1, (await _app.CompanyOf(other)).ActiveJobsCount);
    }

    [Fact]
    public async Task Bad_jobs_are_refused_field_by_field_in_the_dialect()
    {
        var recruiter = await _app.Recruiter();
        foreach (var field in new[] { "title", "category", "job_type", "location", "experience_level", "description" })
        {
            var missing = (await _api.Post(JobsPath, JobBody().With(field, null), recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
            Assert.Equal(["This field is required."], missing.FieldErrors(field));
        }
        var cases = new (string Field, object Value, string Message)[]
        {
            ("title", "   ", "may not be blank"),
            ("title", new string('x', 201), "no more than 200 characters"),
            ("location", new string('x', 201), "no more than 200 characters"),
            ("description", new string('x', 10001), "no more than 10000 characters"),
            ("salary_min", -1, "greater than or equal to 0"),
            ("salary_max", 2_000_000_000, "less than or equal to"),
            ("salary_min", "lots", "A valid number is required."),
            ("salary_min", 90000, "less than or equal to salary_max"),
            ("category", 999, "does not exist"),
            ("category", "engineering", "Expected pk value"),
            ("job_type", "gig", "does not exist"),
            ("job_type", new[] { 1 }, "Expected pk value"),
            ("experience_level", "guru", "not a valid choice"),
            ("work_type", "moon", "not a valid choice"),
            ("requirements", "Python", "Expected a list of items"),
            ("requirements", new[] { 1, 2 }, "valid string"),
            ("requirements", Enumerable.Repeat("x", 31).ToArray(), "no more than 30 elements"),
            ("benefits", new[] { new string('x', 201) }, "no more than 200 characters"),
            ("title", new { text = "x" }, "Not a valid string."),
        };
        foreach (var (field, value, message) in cases)
        {
            var r = (await _api.Post(JobsPath, JobBody().With(field, value), recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
            Assert.True(r.Body.TryGetProperty(field, out _) && r.FieldErrors(field)[0].Contains(message, StringComparison.Ordinal), $"{field}={value}: {r.Body}");
        }
        (await _api.PostRaw(JobsPath, "{\"title\": ", recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw(JobsPath, "[]", recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw(JobsPath, "title=x", recruiter.Access, "text/plain")).ExpectRecruitmentError(HttpStatusCode.UnsupportedMediaType);
        var huge = new HttpRequestMessage(HttpMethod.Post, JobsPath) { Content = new StringContent(JsonSerializer.Serialize(JobBody()), System.Text.Encoding.UTF8, "application/json") };
        huge.Headers.Add("Idempotency-Key", new string('k', 300));
        (await _api.Send(huge, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.Equal(0, (await _app.CompanyOf(recruiter)).ActiveJobsCount);

        // Codes and digit strings are accepted where the document shows ids.
        var byCode = await _api.PostJob(recruiter, JobBody().With("job_type", "internship").With("category", "2").With("salary_min", "1000.50"));
        var detail = (await _api.Get($"{JobsPath}{byCode}/")).Expect(HttpStatusCode.OK);
        Assert.Equal("Internship", detail["job_type"].GetProperty("name").GetString());
        Assert.Equal("Design", detail["category"].GetProperty("name").GetString());
        Assert.Equal(1000.50m, detail["salary_min"].GetDecimal());
    }

    [Fact]
    public async Task The_owner_or_a_company_admin_edits_a_job_and_others_are_refused()
    {
        var owner = await _app.Recruiter();
        var company = (await _app.CompanyOf(owner)).CompanyId;
        var teammate = await _app.Recruiter();
        var admin = await _app.Recruiter("Admin");
        var stranger = await _app.Recruiter();
        await _app.JoinCompany(owner, teammate, CompanyRoles.Recruiter);
        await _app.JoinCompany(owner, admin, CompanyRoles.Admin);
        var id = await _api.PostJob(owner, JobBody("Backend Engineer"));
        var path = $"{JobsPath}{id}/";

        (await _api.Patch(path, new { salary_max = 90000 })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Patch(path, new { salary_max = 1 }, stranger.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Patch(path, new { salary_max = 1 }, teammate.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Delete(path, stranger.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);

        var edited = (await _api.Patch(path, new { salary_max = 90000, description = "Updated description..." }, owner.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(DetailFields, Names(edited.Body));
        Assert.Equal(90000, edited["salary_max"].GetDecimal());
        Assert.Equal("Updated description...", edited["description"].GetString());
        Assert.Equal("Backend Engineer", edited["title"].GetString());
        Assert.Equal(50000, edited["salary_min"].GetDecimal());
        Assert.True(edited["updated_at"].GetDateTimeOffset() >= edited["created_at"].GetDateTimeOffset());

        var byAdmin = (await _api.Patch(path.TrimEnd('/'), new { title = "Staff Engineer", job_type = "contract" }, admin.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Staff Engineer", byAdmin["title"].GetString());
        Assert.Equal("staff-engineer-" + CompanyService.Slug((await _app.CompanyOf(owner)).Name), byAdmin["slug"].GetString());
        Assert.Equal(owner.Id, byAdmin["recruiter"].GetProperty("id").GetInt64());

        // The merged job must still hold: a minimum above the stored maximum is refused, and so is a change of company.
        var bad = (await _api.Patch(path, new { salary_min = 95000 }, owner.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.Contains("salary_max", bad.FieldErrors("salary_min")[0]);
        (await _api.Patch(path, new { title = "" }, owner.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.Patch(path, new { company = (await _app.CompanyOf(stranger)).CompanyId }, owner.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw(path, "{", owner.Access)).Expect(HttpStatusCode.MethodNotAllowed);

        // The copies follow: the Nexus list of the poster shows the new title and employment type.
        var mine = (await _api.Get("/job/", owner.Access)).Expect(HttpStatusCode.OK)["results"].EnumerateArray().Single(j => j.GetProperty("id").GetInt64() == id);
        Assert.Equal("Staff Engineer", mine.GetProperty("title").GetString());
        Assert.Equal("contract", mine.GetProperty("employment_type").GetString());
        Assert.Equal(90000, (await _api.Get(path))["salary_max"].GetDecimal());
    }

    [Fact]
    public async Task Deleting_closes_the_job_once_and_takes_it_out_of_every_list()
    {
        var owner = await _app.Recruiter();
        var company = await _app.CompanyOf(owner);
        await _app.SetCompanyAsync(company.CompanyId, ("/industry", "Agriculture"));
        var reader = await _api.Register();
        await _app.SetProfileAsync(reader.Id, industry: "agriculture");
        var marker = ApiClient.Unique("closing");
        var id = await _api.PostJob(owner, JobBody($"Farm manager {marker}"));
        var kept = await _api.PostJob(owner, JobBody($"Agronomist {marker}"));
        Assert.Equal(2, (await _app.CompanyOf(owner)).ActiveJobsCount);
        Assert.Contains(await RecommendedIds(reader), j => j == id);

        (await _api.Delete($"{JobsPath}{id}/")).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        for (var i = 0; i < 2; i++)
        {
            var deleted = await _api.Delete($"{JobsPath}{id}/", owner.Access);
            Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
            Assert.Equal(1, (await _app.CompanyOf(owner)).ActiveJobsCount);
            Assert.Equal(1, (await _app.RecruiterProfile(owner)).ActiveJobs);
        }
        var closed = (await _api.Get($"{JobsPath}{id}/")).Expect(HttpStatusCode.OK);
        Assert.False(closed["is_active"].GetBoolean());
        var active = (await _api.Get($"{JobsPath}?search={marker}")).Expect(HttpStatusCode.OK);
        Assert.Equal([kept], active["results"].EnumerateArray().Select(j => j.GetProperty("id").GetInt64()));
        var inactive = (await _api.Get($"{JobsPath}?search={marker}&is_active=false")).Expect(HttpStatusCode.OK);
        Assert.Equal([id], inactive["results"].EnumerateArray().Select(j => j.GetProperty("id").GetInt64()));
        Assert.DoesNotContain(await RecommendedIds(reader), j => j == id);
        Assert.DoesNotContain((await _api.Get("/job/", owner.Access))["results"].EnumerateArray(), j => j.GetProperty("id").GetInt64() == id);
        var detail = (await _api.Get($"/companies/api/v1/companies/{company.CompanyId}/")).Expect(HttpStatusCode.OK);
        Assert.Equal([kept], detail["active_jobs"].EnumerateArray().Select(j => j.GetProperty("id").GetInt64()));
        Assert.Equal(1, detail["active_jobs_count"].GetInt64());

        // Editing a closed job keeps it closed and out of the lists.
        (await _api.Patch($"{JobsPath}{id}/", new { title = "Still closed" }, owner.Access)).Expect(HttpStatusCode.OK);
        Assert.False((await _api.Get($"{JobsPath}{id}/"))["is_active"].GetBoolean());
        Assert.DoesNotContain(await RecommendedIds(reader), j => j == id);
    }

    [Fact]
    public async Task The_fourth_job_of_the_month_needs_a_paid_plan_and_a_retried_create_counts_once()
    {
        var recruiter = await _app.Recruiter();
        async Task<ApiResponse> Create(Dictionary<string, object?> body, string? key)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, JobsPath)
            {
                Content = new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"),
            };
            if (key is not null) request.Headers.Add("Idempotency-Key", key);
            return await _api.Send(request, recruiter.Access);
        }

        // The same key is the same job, and so is the same body without a key.
        var key = Guid.NewGuid().ToString();
        var first = (await Create(JobBody("Keyed job"), key)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        Assert.Equal(first, (await Create(JobBody("Keyed job"), key)).Expect(HttpStatusCode.Created)["id"].GetInt64());
        (await Create(JobBody("Another job"), key)).ExpectRecruitmentError(HttpStatusCode.Conflict);
        var unkeyed = (await Create(JobBody("Unkeyed job"), null)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        Assert.Equal(unkeyed, (await Create(JobBody("Unkeyed job"), null)).Expect(HttpStatusCode.Created)["id"].GetInt64());
        Assert.Equal(2, (await _app.CompanyOf(recruiter)).ActiveJobsCount);

        var third = await _api.PostJob(recruiter);
        Assert.NotEqual(first, third);
        var refused = (await Create(JobBody("Fourth job"), null)).ExpectRecruitmentError(HttpStatusCode.PaymentRequired);
        Assert.Contains("3", refused["detail"].GetString());
        // A retry of a job already posted still answers it; the limit does not move.
        Assert.Equal(first, (await Create(JobBody("Keyed job"), key)).Expect(HttpStatusCode.Created)["id"].GetInt64());
        Assert.Equal(3, (await _app.CompanyOf(recruiter)).ActiveJobsCount);
        Assert.Equal(3, (await _app.Services.GetRequiredService<Subscriptions.PlanQuotas>().UsageAsync(recruiter.Id, Subscriptions.QuotaKind.JobPostings)).Used);
    }

    [Fact]
    public async Task A_recruitment_job_is_a_platform_job_in_the_nexus_lists_and_its_notification_is_sent()
    {
        var recruiter = await _app.Recruiter(company: "Health First");
        await _app.SetCompanyAsync((await _app.CompanyOf(recruiter)).CompanyId, ("/industry", "Health"));
        var reader = await _api.Register();
        await _app.SetProfileAsync(reader.Id, industry: "health");
        var nurse = await _api.Register();
        (await _api.Put("/job/preference/", new { industry = "health", title = "Nurse", employment_type = "part_time", experience_level = "entry" },
            nurse.Access)).Expect(HttpStatusCode.OK);

        var id = await _api.PostJob(recruiter, JobBody("Night Nurse").With("job_type", "part_time").With("experience_level", "junior"));
        Assert.Contains(await RecommendedIds(reader), j => j == id);
        var listed = (await _api.Get("/job/recommend/", reader.Access))["results"].EnumerateArray().First(j => j.GetProperty("id").GetInt64() == id);
        Assert.Equal("Health First", listed.GetProperty("organization").GetString());
        Assert.Equal("part_time", listed.GetProperty("employment_type").GetString());
        Assert.Equal("entry", listed.GetProperty("experience_level").GetString());
        Assert.Equal("health", listed.GetProperty("industry").GetString());

        await Eventually.True(async () => await _app.Store.ReadAsync<JobNotification>(Containers.Notifications, JobService.NotificationId(id),
            JobNotificationHandler.PartitionOf(nurse.Id)) is not null, "the job notification was not stored", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task The_list_filters_by_every_documented_field_and_pages_with_absolute_links()
    {
        var marker = ApiClient.Unique("flt");
        var a = await _app.Recruiter();
        var b = await _app.Recruiter();
        var python = await _api.PostJob(a, JobBody($"Python developer {marker}"));
        var design = await _api.PostJob(a, JobBody($"Designer {marker}").With("category", 2).With("job_type", "part_time").With("location", "Lyon, France")
            .With("experience_level", "junior").With("salary_min", 30000).With("salary_max", 40000));
        var intern = await _api.PostJob(a, JobBody($"Intern {marker}").With("job_type", "internship").With("experience_level", "intern")
            .With("salary_min", null).With("salary_max", null).With("location", "Remote"));
        var lead = await _api.PostJob(b, JobBody($"Lead {marker}").With("experience_level", "lead").With("salary_min", 90000).With("salary_max", 120000)
            .With("description", "Lead our PYTHON platform team"));
        var nexusPoster = await _api.Register();
        await _app.SetProfileAsync(nexusPoster.Id, industry: "technology");
        (await _api.Post("/job/", Nexus.JobsTests.Job($"Nexus {marker}"), nexusPoster.Access)).Expect(HttpStatusCode.Created);

        async Task<long[]> Ids(string query)
        {
            var r = (await _api.Get($"{JobsPath}?search={marker}{query}")).Expect(HttpStatusCode.OK);
            Assert.Equal(["count", "next", "previous", "results"], Names(r.Body));
            foreach (var row in r["results"].EnumerateArray()) Assert.Equal(RowFields, Names(row));
            return r["results"].EnumerateArray().Select(j => j.GetProperty("id").GetInt64()).ToArray();
        }
        Assert.Equal([lead, intern, design, python], await Ids(""));
        Assert.Equal([design], await Ids("&category=2"));
        Assert.Equal([intern], await Ids("&job_type=internship"));
        Assert.Equal([design], await Ids("&location=lyon"));
        Assert.Equal([intern], await Ids("&experience_level=intern"));
        Assert.Equal([lead], await Ids("&min_salary=60000"));
        Assert.Equal([design], await Ids("&max_salary=50000"));
        Assert.Equal([lead, python], await Ids("&min_salary=50000&max_salary=200000&category=1&job_type=full_time"));
        Assert.Empty(await Ids("&is_active=false"));

        var searched = (await _api.Get($"{JobsPath}?search=PYTHON")).Expect(HttpStatusCode.OK)["results"].EnumerateArray()
            .Select(j => j.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(lead, searched);
        Assert.Contains(python, searched);

        var first = (await _api.Get($"{JobsPath}?search={marker}&limit=3")).Expect(HttpStatusCode.OK);
        Assert.Equal(4, first["count"].GetInt64());
        Assert.Equal(JsonValueKind.Null, first["previous"].ValueKind);
        var next = first["next"].GetString()!;
        Assert.StartsWith("http", next);
        Assert.Contains("page=2", next);
        var second = (await _api.Get(new Uri(next).PathAndQuery)).Expect(HttpStatusCode.OK);
        Assert.Equal([python], second["results"].EnumerateArray().Select(j => j.GetProperty("id").GetInt64()));
        Assert.Equal(JsonValueKind.Null, second["next"].ValueKind);
        Assert.Contains("page=1", second["previous"].GetString());
        (await _api.Get($"{JobsPath}?search={marker}&limit=3&page=3")).ExpectRecruitmentError(HttpStatusCode.NotFound);

        foreach (var (query, field) in new[]
        {
            ("category=abc", "category"), ("category=999", "category"), ("job_type=gig", "job_type"), ("experience_level=guru", "experience_level"),
            ("min_salary=-1", "min_salary"), ("max_salary=abc", "max_salary"), ("is_active=maybe", "is_active"), ("page=0", "page"),
            ("limit=101", "limit"), ("search=" + new string('x', 201), "search"),
        })
        {
            var r = (await _api.Get($"{JobsPath}?{query}")).ExpectRecruitmentError(HttpStatusCode.BadRequest);
            Assert.True(r.Body.TryGetProperty(field, out _), $"{query}: {r.Body}");
        }
    }

    private async Task<List<long>> RecommendedIds(TestUser reader) =>
        (await _api.AllPagesAsync("/job/recommend/", reader.Access)).Select(j => j.GetProperty("id").GetInt64()).ToList();
}
