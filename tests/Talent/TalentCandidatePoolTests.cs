using System.Net;
using System.Text.Json;
using CareerNexus.Tests.Recruitment;
using CareerNexus.Tests.Support;
using Xunit;
using static CareerNexus.Tests.Talent.TalentCandidates;

namespace CareerNexus.Tests.Talent;

/// <summary>
/// Talent candidate profiles in the ranking pool, on an app and database of its own (so that the pool is exactly the candidates
/// made here): available profiles with verified or parsed data are ranked, verified data first; the ranking shows their slug;
/// a change of a profile makes a ranked job rank again; Recruitment candidates stay in the pool, and a candidate with both
/// profiles counts once.
/// </summary>
public sealed class TalentCandidatePoolTests : IAsyncLifetime
{
    private readonly TestApp _app = new();
    private ApiClient _api = null!;

    public Task InitializeAsync()
    {
        _api = _app.Api();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(TestUser User, string Slug)> Verified(string[] skills, string duration, object? fields = null)
    {
        var (user, slug) = await _app.CandidateWithProfile(fields);
        (await _api.Post($"{ProfilesRoute}/{slug}/verify-profile/", new
        {
            name = "Verified Candidate", skills,
            work_experience = new[] { new { company = "Acme", position = "Python Developer", duration } },
        }, user.Access)).Expect(HttpStatusCode.OK);
        return (user, slug);
    }

    private async Task<JsonElement> RankedAsync(TestUser employer, long job)
    {
        JsonElement data = default;
        await Eventually.True(async () =>
            (data = (await _api.Get($"{TalentJobTests.Jobs}/{job}/ranking-data/", employer.Access)).Expect(HttpStatusCode.OK).Body)
            .GetProperty("ranking_status").GetString() == "ranked", "The job was not ranked");
        return data;
    }

    [Fact]
    public async Task A_talent_employer_ranks_talent_candidates_verified_data_first_beside_the_recruitment_candidates()
    {
        var (strong, strongSlug) = await Verified(["Python", "Django", "PostgreSQL"], "8 years",
            new { is_available = true, employment_type_preferences = new[] { "full-time" }, expected_salary_range = "$100,000" });
        var (hidden, _) = await Verified(["Python", "Django", "PostgreSQL"], "10 years", new { is_available = false });
        await _app.CandidateWithProfile();
        var (pdf, truth) = Resume(7, "pdf");
        var (parsed, parsedSlug) = await _app.CandidateWithProfile(resume: pdf);
        (await _api.Post($"{ProfilesRoute}/{parsedSlug}/parse-resume/", null, parsed.Access)).Expect(HttpStatusCode.Accepted);
        Assert.Equal("parsed", (await _api.ParsedAsync(parsed, parsedSlug))["parsing_status"].GetString());

        // A Recruitment candidate stays in the pool; one with a Talent profile too is ranked once, from the Talent profile.
        var recruitmentOnly = await _app.Candidate();
        (await _api.Patch("/accounts/api/v1/candidate-profiles/me/", new { skills = new[] { "Java" } }, recruitmentOnly.Access)).Expect(HttpStatusCode.OK);
        var both = await _app.Candidate();
        (await _api.Patch("/accounts/api/v1/candidate-profiles/me/", new { skills = new[] { "Java" } }, both.Access)).Expect(HttpStatusCode.OK);
        var bothSlug = await _api.CreateProfile(both);
        (await _api.Post($"{ProfilesRoute}/{bothSlug}/verify-profile/", new { skills = new[] { "Python", "Django" } }, both.Access)).Expect(HttpStatusCode.OK);

        var (employer, _) = await _app.Employer();
        var job = (await _api.Post($"{TalentJobTests.Jobs}/", TalentJobTests.JobPost().With("workplace_type", "remote"), employer.Access))
            .Expect(HttpStatusCode.Created)["id"].GetInt64();
        (await _api.Post($"{TalentJobTests.Jobs}/{job}/rank-candidates/", null, employer.Access)).Expect(HttpStatusCode.Accepted);
        var data = await RankedAsync(employer, job);
        var ranked = data.GetProperty("ranked_candidates").EnumerateArray().ToList();
        var ids = ranked.Select(r => r.GetProperty("candidate_id").GetInt64()).ToList();

        // Four: the strong and the parsed Talent candidates, the one with both profiles (once), the Recruitment candidate. Not the
        // unavailable profile, nor the one with neither verified nor parsed data.
        Assert.Equal(4, data.GetProperty("candidates_considered").GetInt64());
        Assert.Equal(4, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(strong.Id, ids[0]);
        Assert.DoesNotContain(hidden.Id, ids);
        Assert.Contains(parsed.Id, ids);
        Assert.Contains(recruitmentOnly.Id, ids);
        var first = ranked[0];
        Assert.Equal(strongSlug, first.GetProperty("slug").GetString());
        Assert.Contains("verified profile", first.GetProperty("match_reason").GetString());
        Assert.Equal(["Django", "PostgreSQL", "Python"], first.GetProperty("matched_skills").EnumerateArray().Select(s => s.GetString()).Order());
        var fromResume = ranked.Single(r => r.GetProperty("candidate_id").GetInt64() == parsed.Id);
        Assert.Equal(parsedSlug, fromResume.GetProperty("slug").GetString());
        Assert.Contains("parsed resume", fromResume.GetProperty("match_reason").GetString());
        var twice = ranked.Single(r => r.GetProperty("candidate_id").GetInt64() == both.Id);
        Assert.Equal(bothSlug, twice.GetProperty("slug").GetString());
        Assert.Contains("Django", twice.GetProperty("matched_skills").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(JsonValueKind.Null, ranked.Single(r => r.GetProperty("candidate_id").GetInt64() == recruitmentOnly.Id).GetProperty("slug").ValueKind);
        Assert.True(truth.Skills.Count > 0);

        // Ranked and current until a Talent candidate changes: then it ranks again, and the change counts.
        Assert.Equal("Candidates already ranked", (await _api.Post($"{TalentJobTests.Jobs}/{job}/rank-candidates/", null, employer.Access))
            .Expect(HttpStatusCode.OK)["message"].GetString());
        (await _api.Patch($"{ProfilesRoute}/{strongSlug}/", new { is_available = false }, strong.Access)).Expect(HttpStatusCode.OK);
        (await _api.Post($"{TalentJobTests.Jobs}/{job}/rank-candidates/", null, employer.Access)).Expect(HttpStatusCode.Accepted);
        data = await RankedAsync(employer, job);
        Assert.Equal(3, data.GetProperty("candidates_considered").GetInt64());
        Assert.DoesNotContain(strong.Id, data.GetProperty("ranked_candidates").EnumerateArray().Select(r => r.GetProperty("candidate_id").GetInt64()));
    }
}
