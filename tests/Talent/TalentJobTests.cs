using System.Net;
using CareerNexus.Ranking;
using CareerNexus.Storage;
using CareerNexus.Tests.Recruitment;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Talent;

/// <summary>Document 004's job posts: scoped to the caller's organization, skills from the platform's list, platform jobs on every surface.</summary>
public sealed class TalentJobTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    public const string Jobs = "/api/channels/jobs";
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    public static Dictionary<string, object?> JobPost(string? title = null) => new()
    {
        ["title"] = title ?? ApiClient.Unique("Senior Software Engineer "),
        ["job_desc"] = "We are looking for an experienced software engineer with expertise in Python and Django.",
        ["workplace_type"] = "remote", ["location"] = "San Francisco, CA", ["job_type"] = "full-time",
        ["estimated_salary"] = "$120,000 - $150,000", ["visa_required"] = false, ["skills"] = new[] { "python", "Django", "postgres" },
    };

    [Fact]
    public async Task A_member_posts_a_job_with_skills_from_the_platform_list_and_it_is_a_platform_job_on_every_surface()
    {
        var (root, organization) = await _app.Employer();
        var body = JobPost();
        var created = (await _api.Post($"{Jobs}/", body, root.Access)).Expect(HttpStatusCode.Created);
        var id = created["id"].GetInt64();
        Assert.Equal(body["title"], created["title"].GetString());
        Assert.Equal(body["job_desc"], created["job_desc"].GetString());
        Assert.Equal("remote", created["workplace_type"].GetString());
        Assert.Equal("San Francisco, CA", created["location"].GetString());
        Assert.Equal("full-time", created["job_type"].GetString());
        Assert.Equal("$120,000 - $150,000", created["estimated_salary"].GetString());
        Assert.False(created["visa_required"].GetBoolean());
        Assert.Equal("pending", created["ranking_status"].GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created["ranking_task_id"].ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, created["candidate_ranking_data"].ValueKind);
        Assert.Equal(["Python", "Django", "PostgreSQL"], created["skills"].EnumerateArray().Select(s => s.GetProperty("name").GetString()!));
        Assert.All(created["skills"].EnumerateArray(), s => Assert.True(s.GetProperty("id").GetInt32() > 0));
        Assert.Equal(root.Id, created["user"].GetProperty("id").GetInt64());
        Assert.Equal(root.Email, created["user"].GetProperty("email").GetString());
        Assert.Equal(organization, created["organization"].GetProperty("id").GetInt64());
        Assert.True(created["updated_at"].GetDateTimeOffset() >= created["created_at"].GetDateTimeOffset());

        // A platform job: the Recruitment detail and the poster's Nexus list show it.
        Assert.Equal(body["title"], (await _api.Get($"/jobs/api/v1/jobs/{id}/")).Expect(HttpStatusCode.OK)["title"].GetString());
        Assert.Contains((string)body["title"]!, (await _api.Get("/job/", root.Access)).Expect(HttpStatusCode.OK).Body.GetRawText());

        // Members of the organization manage it; the list holds the organization's jobs only.
        var member = await _app.Member(organization);
        var (otherRoot, _) = await _app.Employer();
        var otherJob = (await _api.Post($"{Jobs}/", JobPost(), otherRoot.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        var listed = (await _api.Get($"{Jobs}/", member.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray().Select(j => j.GetProperty("id").GetInt64()).ToList();
        Assert.Contains(id, listed);
        Assert.DoesNotContain(otherJob, listed);
        (await _api.Get($"{Jobs}/{otherJob}/", member.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await _api.Patch($"{Jobs}/{otherJob}/", new { title = "Taken" }, member.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await _api.Delete($"{Jobs}/{otherJob}/", member.Access)).ExpectTalentError(HttpStatusCode.Forbidden);

        var patched = (await _api.Patch($"{Jobs}/{id}/", new { title = "Senior Software Engineer - Updated", estimated_salary = "$130,000 - $160,000",
            skills = new[] { "Python", "Django", "React" } }, member.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Senior Software Engineer - Updated", patched["title"].GetString());
        Assert.Equal(["Python", "Django", "React"], patched["skills"].EnumerateArray().Select(s => s.GetProperty("name").GetString()!));
        Assert.Equal(root.Id, patched["user"].GetProperty("id").GetInt64());
        Assert.Equal("remote", patched["workplace_type"].GetString());
        (await _api.Put($"{Jobs}/{id}/", new { title = "Only a title" }, root.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        var put = (await _api.Put($"{Jobs}/{id}/", new { title = "Backend Engineer", job_desc = "Go and Kubernetes", skills = new[] { "Go", "Kubernetes" },
            workplace_type = "hybrid", location = "Berlin, Germany", job_type = "contract", visa_required = true }, root.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("contract", put["job_type"].GetString());
        Assert.True(put["visa_required"].GetBoolean());
        Assert.Equal("Backend Engineer", (await _api.Get($"{Jobs}/{id}/", member.Access)).Expect(HttpStatusCode.OK)["title"].GetString());

        Assert.Equal("Job post deleted", (await _api.Delete($"{Jobs}/{id}/", member.Access)).Expect(HttpStatusCode.OK)["detail"].GetString());
        (await _api.Get($"{Jobs}/{id}/", root.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, (await _api.Get($"{Jobs}/", root.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray().Select(j => j.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Bad_posts_are_refused_in_the_detail_shape_and_accounts_without_an_organization_post_nothing()
    {
        var (root, _) = await _app.Employer();
        var unknown = (await _api.Post($"{Jobs}/", JobPost().With("skills", new[] { "Python", "Underwater basket weaving" }), root.Access))
            .ExpectTalentError(HttpStatusCode.BadRequest);
        Assert.Contains("Underwater basket weaving", unknown["fields"].GetProperty("skills").GetString());
        (await _api.Post($"{Jobs}/", JobPost().With("title", null), root.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Post($"{Jobs}/", JobPost().With("job_type", "whenever"), root.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Post($"{Jobs}/", JobPost().With("workplace_type", "moon"), root.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Post($"{Jobs}/", JobPost().With("skills", "Python"), root.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Post($"{Jobs}/", JobPost().With("visa_required", "perhaps"), root.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Post($"{Jobs}/", JobPost().With("workplace_type", "onsite").With("location", null), root.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Get($"{Jobs}/?limit=101", root.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Get($"{Jobs}/abc/", root.Access)).ExpectTalentError(HttpStatusCode.NotFound);

        var candidate = await _app.TalentUser();
        (await _api.Post($"{Jobs}/", JobPost(), candidate.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        Assert.Empty((await _api.Get($"{Jobs}/", candidate.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray());
        (await _api.Get($"{Jobs}/")).ExpectTalentError(HttpStatusCode.Unauthorized);

        var skills = (await _api.Get("/api/channels/skills/")).Expect(HttpStatusCode.OK).Body.EnumerateArray().ToList();
        Assert.Contains(skills, s => s.GetProperty("name").GetString() == "Python" && s.GetProperty("id").GetInt32() == 1);
    }

    [Fact]
    public async Task A_second_ranking_call_while_one_runs_answers_the_same_task_and_other_organizations_are_refused()
    {
        var (root, organization) = await _app.Employer();
        var id = (await _api.Post($"{Jobs}/", JobPost(), root.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        // A task some worker is running now, as the ranking container holds it.
        await _app.Store.UpsertAsync(Containers.JobRankings, new JobRanking
        {
            Id = JobRanking.IdOf(id), Partition = JobRanking.PartitionOf(organization), JobId = id, Status = RankingStatuses.Ranking,
            TaskId = "running-task", StartedAt = DateTimeOffset.UtcNow,
        }, JobRanking.PartitionOf(organization));
        var again = (await _api.Post($"{Jobs}/{id}/rank-candidates/", null, root.Access)).Expect(HttpStatusCode.Accepted);
        Assert.Equal("running-task", again["task_id"].GetString());
        Assert.Equal("ranking", again["ranking_status"].GetString());
        var job = (await _api.Get($"{Jobs}/{id}/", root.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("ranking", job["ranking_status"].GetString());
        Assert.Equal("running-task", job["ranking_task_id"].GetString());
        var data = (await _api.Get($"{Jobs}/{id}/ranking-data/", root.Access)).Expect(HttpStatusCode.OK);
        Assert.Empty(data["ranked_candidates"].EnumerateArray());

        var (stranger, _) = await _app.Employer();
        (await _api.Post($"{Jobs}/{id}/rank-candidates/", null, stranger.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await _api.Get($"{Jobs}/{id}/ranking-data/", stranger.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await _api.Post($"{Jobs}/999999999/rank-candidates/", null, root.Access)).ExpectTalentError(HttpStatusCode.NotFound);
    }
}
