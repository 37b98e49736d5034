using System.Net;
using System.Text.Json;
using CareerNexus.Companies;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CareerNexus.Tests.Recruitment.RecruitmentJobsSupport;

namespace CareerNexus.Tests.Recruitment;

public sealed class CompaniesTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const string CompaniesPath = "/companies/api/v1/companies/";

    private static readonly string[] RowFields =
    [
        "active_jobs_count", "average_rating", "description", "employee_count", "id", "industry", "location", "logo", "name", "reviews_count", "slug",
        "website",
    ];

    private static readonly string[] DetailFields =
    [
        "active_jobs", "active_jobs_count", "average_rating", "description", "employee_count", "followers_count", "founded_year", "id", "industry",
        "location", "logo", "name", "rating_counts", "reviews_count", "slug", "team_members", "website",
    ];

    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static IEnumerable<string> Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).Order();

    [Fact]
    public async Task Anyone_searches_companies_by_name_industry_and_location_with_their_active_job_counts()
    {
        var marker = ApiClient.Unique("cmp");
        var a = await _app.Recruiter(company: $"Alpha {marker}");
        var b = await _app.Recruiter(company: $"Beta {marker}");
        var c = await _app.Recruiter(company: $"Gamma {marker}");
        var (alpha, beta, gamma) = ((await _app.CompanyOf(a)).CompanyId, (await _app.CompanyOf(b)).CompanyId, (await _app.CompanyOf(c)).CompanyId);
        await _app.SetCompanyAsync(alpha, ("/industry", "Technology"), ("/location", "Paris, France"), ("/website", "https://alpha.example.com"),
            ("/employee_count", "100-500"));
        await _app.SetCompanyAsync(beta, ("/industry", "Finance"), ("/location", "Dakar, Senegal"), ("/description", "Banking for everyone"));
        await _app.SetCompanyAsync(gamma, ("/industry", "technology"), ("/location", "Lyon, France"));
        await _api.PostJob(a);
        await _api.PostJob(a);

        async Task<long[]> Ids(string query)
        {
            var r = (await _api.Get($"{CompaniesPath}?search={marker}{query}")).Expect(HttpStatusCode.OK);
            Assert.Equal(["count", "next", "previous", "results"], Names(r.Body).Order());
            foreach (var row in r["results"].EnumerateArray()) Assert.Equal(RowFields, Names(row));
            return r["results"].EnumerateArray().Select(j => j.GetProperty("id").GetInt64()).ToArray();
        }

        Assert.Equal([alpha, beta, gamma], await Ids(""));
        Assert.Equal([alpha, gamma], await Ids("&industry=TECHNOLOGY"));
        Assert.Equal([alpha, gamma], await Ids("&location=france"));
        Assert.Equal([beta], await Ids("&location=dakar&industry=finance"));
        Assert.Empty(await Ids("&industry=tech"));

        var row = (await _api.Get($"{CompaniesPath}?search={marker}&industry=technology&location=paris")).Expect(HttpStatusCode.OK)["results"][0];
        Assert.Equal($"Alpha {marker}", row.GetProperty("name").GetString());
        Assert.Equal($"alpha-{marker}", row.GetProperty("slug").GetString());
        Assert.Equal("https://alpha.example.com", row.GetProperty("website").GetString());
        Assert.Equal("100-500", row.GetProperty("employee_count").GetString());
        Assert.Equal(2, row.GetProperty("active_jobs_count").GetInt64());

        // The description is searched too, whatever its case.
        var banking = (await _api.Get($"{CompaniesPath}?search=BANKING FOR EVERYONE")).Expect(HttpStatusCode.OK)["results"].EnumerateArray()
            .Select(r => r.GetProperty("id").GetInt64());
        Assert.Contains(beta, banking);

        var first = (await _api.Get($"{CompaniesPath}?search={marker}&limit=2")).Expect(HttpStatusCode.OK);
        Assert.Equal(3, first["count"].GetInt64());
        Assert.Contains("page=2", first["next"].GetString());
        var second = (await _api.Get(new Uri(first["next"].GetString()!).PathAndQuery)).Expect(HttpStatusCode.OK);
        Assert.Equal([gamma], second["results"].EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        (await _api.Get($"{CompaniesPath}?search={marker}&limit=2&page=3")).ExpectRecruitmentError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_company_detail_shows_its_active_jobs_and_its_team_with_roles()
    {
        var owner = await _app.Recruiter("Jane", company: ApiClient.Unique("Tech Corp "));
        var member = await _app.Recruiter("Paul");
        await _app.JoinCompany(owner, member, CompanyRoles.Admin);
        var company = await _app.CompanyOf(owner);
        await _app.SetCompanyAsync(company.CompanyId, ("/founded_year", 2010), ("/logo", "https://cdn.example.com/logo.png"));
        var open = await _api.PostJob(owner, JobBody("Senior Python Developer"));
        var closed = await _api.PostJob(owner, JobBody("Closed role"));
        (await _api.Delete($"{JobsPath}{closed}/", owner.Access)).Expect(HttpStatusCode.NoContent);

        foreach (var path in new[] { $"{CompaniesPath}{company.CompanyId}/", $"{CompaniesPath}{company.CompanyId}" })
        {
            var detail = (await _api.Get(path)).Expect(HttpStatusCode.OK);
            Assert.Equal(DetailFields, Names(detail.Body));
            Assert.Equal(2010, detail["founded_year"].GetInt32());
            Assert.Equal("https://cdn.example.com/logo.png", detail["logo"].GetString());
            var jobs = detail["active_jobs"].EnumerateArray().ToList();
            var job = Assert.Single(jobs);
            Assert.Equal(open, job.GetProperty("id").GetInt64());
            Assert.Equal("Senior Python Developer", job.GetProperty("title").GetString());
            Assert.Equal("Paris, France", job.GetProperty("location").GetString());
            Assert.Equal(1, detail["active_jobs_count"].GetInt64());

            var team = detail["team_members"].EnumerateArray().ToDictionary(m => m.GetProperty("user").GetProperty("id").GetInt64());
            Assert.Equal(new[] { owner.Id, member.Id }.Order(), team.Keys.Order());
            Assert.Equal(CompanyRoles.Owner, team[owner.Id].GetProperty("role").GetString());
            Assert.Equal(CompanyRoles.Admin, team[member.Id].GetProperty("role").GetString());
            Assert.Equal(owner.Username, team[owner.Id].GetProperty("user").GetProperty("username").GetString());
            Assert.Equal("FirstJane LastJane", team[owner.Id].GetProperty("user").GetProperty("full_name").GetString());
        }

        // The team carries its members' names, and they follow the account.
        (await _api.Patch("/accounts/api/v1/users/me/", new { first_name = "Janet" }, owner.Access)).Expect(HttpStatusCode.OK);
        var renamed = (await _api.Get($"{CompaniesPath}{company.CompanyId}/")).Expect(HttpStatusCode.OK)["team_members"].EnumerateArray()
            .Single(m => m.GetProperty("id").GetInt64() == owner.Id);
        Assert.Equal("Janet LastJane", renamed.GetProperty("user").GetProperty("full_name").GetString());
    }

    [Fact]
    public async Task A_changed_company_is_copied_onto_its_open_jobs()
    {
        var owner = await _app.Recruiter(company: ApiClient.Unique("Old name "));
        var job = await _api.PostJob(owner);
        var company = await _app.CompanyOf(owner);
        company.Name = ApiClient.Unique("New name ");
        company.Logo = "https://cdn.example.com/new.png";
        await _app.SetCompanyAsync(company.CompanyId, ("/name", company.Name), ("/logo", company.Logo));
        foreach (var observer in _app.Services.GetServices<ICompanyObserver>()) await observer.CompanyChangedAsync(company);

        var detail = (await _api.Get($"{JobsPath}{job}/")).Expect(HttpStatusCode.OK);
        Assert.Equal(company.Name, detail["company"].GetProperty("name").GetString());
        Assert.Equal(company.Logo, detail["company"].GetProperty("logo").GetString());
        var listed = (await _api.Get($"{JobsPath}?search={Uri.EscapeDataString(detail["title"].GetString()!)}")).Expect(HttpStatusCode.OK)["results"]
            .EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == job);
        Assert.Equal(company.Name, listed.GetProperty("company").GetProperty("name").GetString());
        Assert.Equal(company.Name, (await _app.RecruiterProfile(owner)).CompanyName);
    }

    [Fact]
    public async Task Unknown_or_malformed_companies_and_bad_filters_are_refused_in_the_dialect()
    {
        foreach (var id in new[] { "999999999", "0", "-1", "abc", "1.5" })
            (await _api.Get($"{CompaniesPath}{id}/")).ExpectRecruitmentError(HttpStatusCode.NotFound);
        foreach (var (query, field) in new[]
        {
            ("search=" + new string('x', 201), "search"), ("industry=" + new string('x', 201), "industry"), ("page=0", "page"), ("limit=101", "limit"),
            ("limit=abc", "limit"),
        })
        {
            var r = (await _api.Get($"{CompaniesPath}?{query}")).ExpectRecruitmentError(HttpStatusCode.BadRequest);
            Assert.True(r.Body.TryGetProperty(field, out _), $"{query}: {r.Body}");
        }
    }
}
