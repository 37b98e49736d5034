using System.Net;
using System.Text.Json;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

public sealed class ReviewsTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const string Reviews = "/reviews/api/v1/reviews/";
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static IEnumerable<string> Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).Order();

    /// <summary>A recruiter's job (and so their company) and a candidate who applied to it through the route.</summary>
    private async Task<(TestUser Recruiter, TestUser Candidate, long Company)> Applied()
    {
        // A company of its own name, so that a search by it finds this one among the first page.
        var recruiter = await _app.Recruiter(company: ApiClient.Unique("Rated Company "));
        var job = await _app.RecruitmentJob(recruiter);
        return (recruiter, await Apply(job.JobId), job.Posting!.CompanyId);
    }

    private async Task<TestUser> Apply(long jobId)
    {
        var candidate = await _app.Candidate();
        (await _api.Post("/applications/api/v1/applications/", new { job = jobId }, candidate.Access)).Expect(HttpStatusCode.Created);
        return candidate;
    }

    private static object Review(string type, long id, object rating, string comment = "Great company to work with!") =>
        new { target_type = type, target_id = id, rating, comment };

    private async Task<JsonElement> Company(long id) => (await _api.Get($"/companies/api/v1/companies/{id}/")).Expect(HttpStatusCode.OK).Body;

    [Fact]
    public async Task Candidates_rate_companies_they_applied_to_once_and_the_company_shows_its_ratings()
    {
        var (recruiter, candidate, company) = await Applied();
        var empty = await Company(company);
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("average_rating").ValueKind);
        Assert.Equal(0, empty.GetProperty("reviews_count").GetInt64());

        var created = (await _api.Post(Reviews, Review("company", company, 4), candidate.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(["comment", "created_at", "id", "rating", "target_id", "target_type"], Names(created.Body));
        Assert.Equal("company", created["target_type"].GetString());
        Assert.Equal(company, created["target_id"].GetInt64());
        Assert.Equal(4, created["rating"].GetInt32());
        Assert.Equal("Great company to work with!", created["comment"].GetString());

        // A second review by the same author, retried or changed, is a 409 and moves nothing.
        foreach (var rating in new[] { 4, 1 })
            Assert.Contains("already reviewed", (await _api.Post(Reviews, Review("company", company, rating), candidate.Access))
                .ExpectRecruitmentError(HttpStatusCode.Conflict)["detail"].GetString());
        var second = await Apply((await _app.RecruitmentJob(recruiter)).JobId);
        (await _api.Post(Reviews, Review("company", company, 5, ""), second.Access)).Expect(HttpStatusCode.Created);

        var detail = await Company(company);
        Assert.Equal(4.5, detail.GetProperty("average_rating").GetDouble());
        Assert.Equal(2, detail.GetProperty("reviews_count").GetInt64());
        var stars = detail.GetProperty("rating_counts");
        Assert.Equal(["1", "2", "3", "4", "5"], Names(stars));
        Assert.Equal([0L, 0, 0, 1, 1], stars.EnumerateObject().OrderBy(p => p.Name).Select(p => p.Value.GetInt64()));
        var name = detail.GetProperty("name").GetString();
        var row = (await _api.Get($"/companies/api/v1/companies/?search={Uri.EscapeDataString(name!)}&limit=100")).Expect(HttpStatusCode.OK)["results"]
            .EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == company);
        Assert.Equal(4.5, row.GetProperty("average_rating").GetDouble());
        Assert.Equal(2, row.GetProperty("reviews_count").GetInt64());

        // The company's reviews, newest first, with its ratings, for any signed-in account.
        var list = (await _api.Get($"{Reviews}?target_type=company&target_id={company}", (await _app.Candidate()).Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["average_rating", "count", "next", "previous", "rating_counts", "results"], Names(list.Body));
        Assert.Equal(2, list["count"].GetInt64());
        Assert.Equal(4.5, list["average_rating"].GetDouble());
        var results = list["results"].EnumerateArray().ToList();
        Assert.Equal([second.Id, candidate.Id], results.Select(r => r.GetProperty("author").GetProperty("id").GetInt64()));
        Assert.Equal(["author", "comment", "created_at", "id", "rating", "target_id", "target_type"], Names(results[0]));
        Assert.Equal(second.Username, results[0].GetProperty("author").GetProperty("username").GetString());

        // Only candidates who applied; never recruiters; never without a token.
        Assert.Contains("applied", (await _api.Post(Reviews, Review("company", company, 1), (await _app.Candidate()).Access))
            .ExpectRecruitmentError(HttpStatusCode.Forbidden)["detail"].GetString());
        (await _api.Post(Reviews, Review("company", company, 1), recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Post(Reviews, Review("company", company, 1), (await _app.Recruiter()).Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Post(Reviews, Review("company", company, 1))).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Get($"{Reviews}?target_type=company&target_id={company}")).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        Assert.Equal(2, (await Company(company)).GetProperty("reviews_count").GetInt64());
    }

    [Fact]
    public async Task Recruiters_rate_candidates_who_applied_to_their_company_and_few_may_read_those_reviews()
    {
        var (recruiter, candidate, _) = await Applied();
        var created = (await _api.Post(Reviews, Review("candidate", candidate.Id, 3, "Good interview"), recruiter.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal("candidate", created["target_type"].GetString());
        Assert.Equal(candidate.Id, created["target_id"].GetInt64());

        // A recruiter of another company, a recruiter reviewing someone who never applied, a candidate reviewing a candidate.
        (await _api.Post(Reviews, Review("candidate", candidate.Id, 5), (await _app.Recruiter()).Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Post(Reviews, Review("candidate", (await _app.Candidate()).Id, 5), recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Post(Reviews, Review("candidate", candidate.Id, 5), (await _app.Candidate()).Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        // Someone who is not a candidate is no target.
        Assert.NotEmpty((await _api.Post(Reviews, Review("candidate", recruiter.Id, 5), recruiter.Access))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("target_id"));

        var path = $"{Reviews}?target_type=candidate&target_id={candidate.Id}";
        foreach (var reader in new[] { candidate, recruiter, await _app.Recruiter(), await _app.Admin() })
        {
            var list = (await _api.Get(path, reader.Access)).Expect(HttpStatusCode.OK);
            Assert.Equal(1, list["count"].GetInt64());
            Assert.Equal(3.0, list["average_rating"].GetDouble());
            Assert.Equal("Good interview", list["results"][0].GetProperty("comment").GetString());
        }
        Assert.Contains("candidate", (await _api.Get(path, (await _app.Candidate()).Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden)["detail"].GetString());
    }

    [Fact]
    public async Task Parallel_reviews_by_one_author_make_one_review_and_move_the_ratings_once()
    {
        var (_, candidate, company) = await Applied();
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            _api.Post(Reviews, Review("company", company, 1 + i % 5), candidate.Access)));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => a.ExpectRecruitmentError(HttpStatusCode.Conflict));
        var rating = answers.Single(a => a.Status == HttpStatusCode.Created)["rating"].GetInt32();
        var detail = await Company(company);
        Assert.Equal(1, detail.GetProperty("reviews_count").GetInt64());
        Assert.Equal(rating, detail.GetProperty("average_rating").GetDouble());
        Assert.Equal(1, detail.GetProperty("rating_counts").GetProperty(rating.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetInt64());
    }

    [Fact]
    public async Task Authors_delete_their_own_reviews_which_takes_them_off_the_ratings()
    {
        var (recruiter, candidate, company) = await Applied();
        var id = (await _api.Post(Reviews, Review("company", company, 2), candidate.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        foreach (var stranger in new[] { await _app.Candidate(), recruiter })
            (await _api.Delete($"{Reviews}{id}/", stranger.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Delete($"{Reviews}{id}/")).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        Assert.Equal(1, (await Company(company)).GetProperty("reviews_count").GetInt64());

        (await _api.Delete($"{Reviews}{id}/", candidate.Access)).Expect(HttpStatusCode.NoContent);
        var detail = await Company(company);
        Assert.Equal(0, detail.GetProperty("reviews_count").GetInt64());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("average_rating").ValueKind);
        Assert.Equal(0, detail.GetProperty("rating_counts").GetProperty("2").GetInt64());
        (await _api.Delete($"{Reviews}{id}/", candidate.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Delete($"{Reviews}abc/", candidate.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);

        // Deleted, the author may review again; an administrator may delete it too.
        var again = (await _api.Post(Reviews, Review("company", company, 5), candidate.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        Assert.Equal(5.0, (await Company(company)).GetProperty("average_rating").GetDouble());
        (await _api.Delete($"{Reviews}{again}/", (await _app.Admin()).Access)).Expect(HttpStatusCode.NoContent);
        Assert.Equal(0, (await Company(company)).GetProperty("reviews_count").GetInt64());
    }

    [Fact]
    public async Task Bad_reviews_and_list_queries_are_refused_in_the_dialect()
    {
        var (_, candidate, company) = await Applied();
        foreach (var (body, field) in new (object, string)[]
        {
            (new { target_id = company, rating = 5 }, "target_type"),
            (new { target_type = "job", target_id = company, rating = 5 }, "target_type"),
            (new { target_type = "company", rating = 5 }, "target_id"),
            (new { target_type = "company", target_id = "abc", rating = 5 }, "target_id"),
            (new { target_type = "company", target_id = 0, rating = 5 }, "target_id"),
            (new { target_type = "company", target_id = 999999999, rating = 5 }, "target_id"),
            (new { target_type = "company", target_id = company }, "rating"),
            (new { target_type = "company", target_id = company, rating = 0 }, "rating"),
            (new { target_type = "company", target_id = company, rating = 6 }, "rating"),
            (new { target_type = "company", target_id = company, rating = 4.5 }, "rating"),
            (new { target_type = "company", target_id = company, rating = "great" }, "rating"),
            (new { target_type = "company", target_id = company, rating = 5, comment = new string('c', 2001) }, "comment"),
            (new { target_type = 7, target_id = company, rating = 5 }, "target_type"),
        })
            Assert.NotEmpty((await _api.Post(Reviews, body, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors(field));
        (await _api.PostRaw(Reviews, "{\"rating\": ", candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        foreach (var (query, field) in new[] { ($"target_id={company}", "target_type"), ("target_type=company", "target_id"),
                     ("target_type=company&target_id=x", "target_id"), ($"target_type=job&target_id={company}", "target_type") })
            Assert.NotEmpty((await _api.Get($"{Reviews}?{query}", candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors(field));
        Assert.NotEmpty((await _api.Get($"{Reviews}?target_type=company&target_id=999999999", candidate.Access))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("target_id"));
        Assert.Equal(0, (await Company(company)).GetProperty("reviews_count").GetInt64());
    }
}
