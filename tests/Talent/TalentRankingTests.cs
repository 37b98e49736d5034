using System.Net;
using CareerNexus.Tests.Recruitment;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Talent;

/// <summary>
/// The ranking worker end to end, on an app and database of its own (so that the pool is exactly the candidates made
/// here): pending → ranking → ranked, the best first with their reasons, "already ranked" until the job or the pool changes.
/// </summary>
public sealed class TalentRankingTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private ApiClient _api = null!;

    public Task InitializeAsync()
    {
        _api = _app.Api();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<TestUser> Candidate(string[] skills, string position, string start, string location)
    {
        var candidate = await _app.Candidate();
        (await _api.Patch("/accounts/api/v1/candidate-profiles/me/", new { skills, location, bio = $"{position} building web applications." }, candidate.Access))
            .Expect(HttpStatusCode.OK);
        (await _api.Post("/accounts/api/v1/work-experiences/", new { company = "Acme", position, start_date = start }, candidate.Access))
            .Expect(HttpStatusCode.Created);
        return candidate;
    }

    private async Task<System.Text.Json.JsonElement> RankedAsync(TestUser employer, long job)
    {
        System.Text.Json.JsonElement data = default;
        await Eventually.True(async () =>
            (data = (await _api.Get($"{TalentJobTests.Jobs}/{job}/ranking-data/", employer.Access)).Expect(HttpStatusCode.OK).Body)
            .GetProperty("ranking_status").GetString() == "ranked", "The job was not ranked");
        return data;
    }

    [Fact]
    public async Task The_worker_ranks_every_candidate_best_first_and_ranks_again_only_after_a_change()
    {
        var strong = await Candidate(["Python", "Django", "PostgreSQL"], "Senior Python Developer", "2015-01-01", "San Francisco, CA");
        var partial = await Candidate(["Python"], "Developer", "2021-01-01", "Paris, France");
        var weak = await Candidate(["Java", "Spring"], "Java Developer", "2023-01-01", "Tokyo, Japan");
        var (employer, _) = await _app.Employer();
        var job = (await _api.Post($"{TalentJobTests.Jobs}/", TalentJobTests.JobPost().With("workplace_type", "onsite"), employer.Access))
            .Expect(HttpStatusCode.Created)["id"].GetInt64();

        var started = (await _api.Post($"{TalentJobTests.Jobs}/{job}/rank-candidates/", null, employer.Access)).Expect(HttpStatusCode.Accepted);
        Assert.Equal("Candidate ranking started", started["message"].GetString());
        Assert.Equal("ranking", started["ranking_status"].GetString());
        var task = started["task_id"].GetString();
        var data = await RankedAsync(employer, job);
        var ranked = data.GetProperty("ranked_candidates").EnumerateArray().ToList();
        Assert.Equal([strong.Id, partial.Id, weak.Id], ranked.Select(r => r.GetProperty("candidate_id").GetInt64()));
        Assert.Equal(3, data.GetProperty("candidates_considered").GetInt64());
        Assert.All(ranked, r => Assert.InRange(r.GetProperty("score").GetDouble(), 0, 1));
        Assert.True(ranked[0].GetProperty("score").GetDouble() > ranked[2].GetProperty("score").GetDouble());
        var reason = ranked[0].GetProperty("match_reason").GetString()!;
        Assert.Contains("Python", reason);
        Assert.Contains("years of experience", reason);
        Assert.Contains("PostgreSQL", ranked[1].GetProperty("match_reason").GetString());

        var shown = (await _api.Get($"{TalentJobTests.Jobs}/{job}/", employer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("ranked", shown["ranking_status"].GetString());
        Assert.Equal(task, shown["ranking_task_id"].GetString());
        Assert.Equal(strong.Id, shown["candidate_ranking_data"].GetProperty("ranked_candidates")[0].GetProperty("candidate_id").GetInt64());

        // Current: the same answer with the data, no new task.
        var again = (await _api.Post($"{TalentJobTests.Jobs}/{job}/rank-candidates/", null, employer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Candidates already ranked", again["message"].GetString());
        Assert.Equal("ranked", again["ranking_status"].GetString());
        Assert.Equal(strong.Id, again["data"].GetProperty("ranked_candidates")[0].GetProperty("candidate_id").GetInt64());

        // The pool changed: a new candidate may be ranked in.
        var newcomer = await Candidate(["Python", "Django", "PostgreSQL", "React"], "Lead Python Engineer", "2010-01-01", "San Francisco, CA");
        var rerun = (await _api.Post($"{TalentJobTests.Jobs}/{job}/rank-candidates/", null, employer.Access)).Expect(HttpStatusCode.Accepted);
        Assert.NotEqual(task, rerun["task_id"].GetString());
        data = await RankedAsync(employer, job);
        Assert.Equal(4, data.GetProperty("candidates_considered").GetInt64());
        Assert.Contains(newcomer.Id, data.GetProperty("ranked_candidates").EnumerateArray().Select(r => r.GetProperty("candidate_id").GetInt64()));

        // The job changed: it shows pending until ranked again.
        (await _api.Patch($"{TalentJobTests.Jobs}/{job}/", new { skills = new[] { "Java", "Spring" } }, employer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("pending", (await _api.Get($"{TalentJobTests.Jobs}/{job}/", employer.Access)).Expect(HttpStatusCode.OK)["ranking_status"].GetString());
        (await _api.Post($"{TalentJobTests.Jobs}/{job}/rank-candidates/", null, employer.Access)).Expect(HttpStatusCode.Accepted);
        data = await RankedAsync(employer, job);
        Assert.Equal(weak.Id, data.GetProperty("ranked_candidates")[0].GetProperty("candidate_id").GetInt64());
    }
}
