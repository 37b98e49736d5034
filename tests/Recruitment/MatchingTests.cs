using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareerNexus.Candidates;
using CareerNexus.Companies;
using CareerNexus.Jobs;
using CareerNexus.Matching;
using CareerNexus.Queues;
using CareerNexus.Storage;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// An app over a database of its own, so that a job's matches are only this class's candidates and a candidate's
/// only this class's jobs; its queue pump polls often, the worker being what these tests wait for.
/// </summary>
public sealed class MatchingApp : IDisposable
{
    public TestApp App { get; } = new(settings: new Dictionary<string, string?> { ["CareerNexus:Queues:PollMilliseconds"] = "200" });

    public void Dispose() => App.Dispose();
}

/// <summary>
/// The matching module through HTTP and its real queue: profiles and a job made through the routes and the store,
/// recalculation by the route and by the worker, both stored copies, newest input wins, redelivery, has_applied,
/// and the routes' fields, refusals and malformed input.
/// </summary>
public sealed class MatchingTests(MatchingApp fixture) : IClassFixture<MatchingApp>
{
    private const string Matching = "/matching/api/v1/job-matches/";
    private const string Recalculate = Matching + "recalculate/";
    private const string Mine = Matching + "candidate/me/";
    private const string Me = "/accounts/api/v1/candidate-profiles/me/";

    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static string ForJob(long jobId) => string.Create(CultureInfo.InvariantCulture, $"{Matching}job/{jobId}/");

    [Fact]
    public async Task The_worker_stores_both_copies_and_ranks_the_matching_candidate_first()
    {
        var (recruiter, job) = await DakarJob();
        var python = await Candidate(["Python", "Django", "postgres"], "Dakar, Senegal", "Senior Python Developer", 7);
        var java = await Candidate(["Java", "Spring Boot", "PostgreSQL"], "Paris, France", "Java Developer", 1, contract: "contract");
        var cobol = await Candidate(["COBOL"], "Dakar, Senegal", "Senior Python Developer", 7);
        // As the job routes will when a job is posted.
        await _app.Services.GetRequiredService<IMatchRequests>().JobChangedAsync(job.JobId);

        var list = await EventuallyMatches(ForJob(job.JobId), recruiter, 2);
        var ids = list.Select(m => m.GetProperty("candidate").GetProperty("id").GetInt64()).ToList();
        Assert.Equal([python.Id, java.Id], ids.Where(id => id == python.Id || id == java.Id));
        var best = list.Single(m => m.GetProperty("candidate").GetProperty("id").GetInt64() == python.Id);
        var worst = list.Single(m => m.GetProperty("candidate").GetProperty("id").GetInt64() == java.Id);
        Assert.True(best.GetProperty("match_score").GetDouble() >= 70, best.ToString());
        Assert.True(worst.GetProperty("match_score").GetDouble() < 40, worst.ToString());
        Assert.Equal(["Python", "Django", "PostgreSQL"], Strings(best, "matched_skills"));
        Assert.Equal(["PostgreSQL"], Strings(worst, "matched_skills"));
        Assert.Equal(["Python", "Django"], Strings(worst, "missing_skills"));
        // A candidate who shares none of the job's skills is not matched, however well the rest would score.
        Assert.DoesNotContain(ids, id => id == cobol.Id);
        Assert.Null(await _app.Store.ReadAsync<MatchScore>(Containers.JobMatches, MatchScore.IdOf(job.JobId, cobol.Id), MatchScore.JobPartition(job.JobId)));

        // The candidate's copy: the same match, in the candidate's own list.
        var mine = await EventuallyMatches(Mine, python, 1);
        var copy = mine.Single(m => m.GetProperty("job").GetProperty("id").GetInt64() == job.JobId);
        Assert.Equal(best.GetProperty("id").GetInt64(), copy.GetProperty("id").GetInt64());
        Assert.Equal(best.GetProperty("match_score").GetDouble(), copy.GetProperty("match_score").GetDouble());
        Assert.Equal(best.GetProperty("summary").GetString(), copy.GetProperty("summary").GetString());
        var (inJob, inCandidate) = await Copies(job.JobId, python.Id);
        Assert.Equal(inJob.Score, inCandidate.Score);
        Assert.Equal(inJob.MatchId, inCandidate.MatchId);
    }

    [Fact]
    public async Task A_job_list_shows_the_documented_fields_filters_and_orders()
    {
        var (recruiter, job) = await DakarJob();
        var strong = await Candidate(["Python", "Django", "PostgreSQL"], "Dakar, Senegal", "Backend Developer", 6);
        var weak = await Candidate(["Python"], "Lagos, Nigeria", "Intern", 1);
        var done = (await _api.Post(Recalculate, new { job_id = job.JobId, force = true }, recruiter.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Matches recalculated successfully", done["message"].GetString());
        Assert.True(done["matches_updated"].GetInt32() >= 2, done.Body.ToString());
        Assert.Matches(new Regex(@"^\d+(\.\d+)?s$"), done["calculation_time"].GetString());
        Assert.True(done["complete"].GetBoolean());

        var page = (await _api.Get(ForJob(job.JobId) + "?limit=100", recruiter.Access)).Expect(HttpStatusCode.OK);
        var results = page["results"].EnumerateArray().ToList();
        Assert.Equal(results.Count, page["count"].GetInt64());
        var first = results.Single(m => CandidateId(m) == strong.Id);
        foreach (var field in new[]
                 {
                     "id", "candidate", "match_score", "skills_match", "experience_match", "location_match", "salary_match", "technologies_match",
                     "description_match", "domain_match", "contract_type_match", "matched_skills", "missing_skills", "summary", "recruiter_summary",
                     "has_applied", "application_id", "last_calculated",
                 })
            Assert.True(first.TryGetProperty(field, out _), $"{field} missing: {first}");
        var candidate = first.GetProperty("candidate");
        Assert.Equal(strong.Username, candidate.GetProperty("username").GetString());
        Assert.Equal("First Last", candidate.GetProperty("full_name").GetString());
        Assert.True(candidate.TryGetProperty("profile_picture", out _));
        Assert.False(first.GetProperty("has_applied").GetBoolean());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("application_id").ValueKind);
        Assert.True(DateTimeOffset.UtcNow - first.GetProperty("last_calculated").GetDateTimeOffset() < TimeSpan.FromMinutes(5));
        Assert.Equal(100, first.GetProperty("skills_match").GetInt32());
        Assert.Contains("Python", first.GetProperty("recruiter_summary").GetString());

        var scores = results.Select(m => m.GetProperty("match_score").GetDouble()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.True(results.FindIndex(m => CandidateId(m) == strong.Id) < results.FindIndex(m => CandidateId(m) == weak.Id));
        var ascending = (await _api.Get(ForJob(job.JobId) + "?ordering=match_score&limit=100", recruiter.Access)).Expect(HttpStatusCode.OK)["results"]
            .EnumerateArray().Select(m => m.GetProperty("match_score").GetDouble()).ToList();
        Assert.Equal(scores.Order(), ascending);

        var strongScore = first.GetProperty("match_score").GetDouble();
        var above = (await _api.Get($"{ForJob(job.JobId)}?min_score={strongScore.ToString(CultureInfo.InvariantCulture)}", recruiter.Access))
            .Expect(HttpStatusCode.OK);
        Assert.All(above["results"].EnumerateArray(), m => Assert.True(m.GetProperty("match_score").GetDouble() >= strongScore));
        Assert.Contains(above["results"].EnumerateArray(), m => CandidateId(m) == strong.Id);
        Assert.DoesNotContain(above["results"].EnumerateArray(), m => CandidateId(m) == weak.Id);

        var limited = (await _api.Get(ForJob(job.JobId).TrimEnd('/') + "?limit=1", recruiter.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, limited["results"].GetArrayLength());
        Assert.Contains("page=2", limited["next"].GetString());
        Assert.Equal(JsonValueKind.Null, limited["previous"].ValueKind);

        // An admin of the job's company reads it too; a plain team recruiter does not.
        var admin = await _app.Recruiter();
        var teammate = await _app.Recruiter();
        await _app.JoinCompany(recruiter, admin, CompanyRoles.Admin);
        await _app.JoinCompany(recruiter, teammate, CompanyRoles.Recruiter);
        Assert.Equal(page["count"].GetInt64(), (await _api.Get(ForJob(job.JobId), admin.Access)).Expect(HttpStatusCode.OK)["count"].GetInt64());
        (await _api.Get(ForJob(job.JobId), teammate.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_candidate_list_shows_the_documented_fields_and_filters_by_activity_and_location()
    {
        var (recruiter, dakar) = await DakarJob();
        var paris = await _app.RecruitmentJob(recruiter, ApiClient.Unique("Django Developer "), active: true);
        var closed = await _app.RecruitmentJob(recruiter, ApiClient.Unique("Closed Python "), active: true);
        var me = await Candidate(["Python", "Django"], "Dakar, Senegal", "Backend Developer", 4);
        foreach (var each in new[] { dakar, paris, closed })
            (await _api.Post(Recalculate, new { job_id = each.JobId, candidate_id = me.Id }, recruiter.Access)).Expect(HttpStatusCode.OK);
        // The job closes after it was scored: the next calculation marks the match inactive.
        await CloseAsync(closed);
        (await _api.Post(Recalculate, new { job_id = closed.JobId }, me.Access)).Expect(HttpStatusCode.OK);

        // Other tests' jobs are active too: only this test's three are looked at.
        long[] mine = [dakar.JobId, paris.JobId, closed.JobId];
        List<JsonElement> Of(ApiResponse page) => page["results"].EnumerateArray().Where(m => mine.Contains(JobId(m))).ToList();
        var page = (await _api.Get(Mine + "?limit=100", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(3, Of(page).Count);
        var match = Of(page).Single(m => JobId(m) == dakar.JobId);
        foreach (var field in new[] { "id", "job", "match_score", "matched_skills", "missing_skills", "summary", "has_applied", "last_calculated" })
            Assert.True(match.TryGetProperty(field, out _), $"{field} missing: {match}");
        var job = match.GetProperty("job");
        Assert.Equal(dakar.Title, job.GetProperty("title").GetString());
        Assert.Equal("Dakar, Senegal", job.GetProperty("location").GetString());
        Assert.Equal(1_500_000m, job.GetProperty("salary_min").GetDecimal());
        Assert.Equal(2_500_000m, job.GetProperty("salary_max").GetDecimal());
        Assert.Equal((await _app.CompanyOf(recruiter)).Name, job.GetProperty("company").GetProperty("name").GetString());
        Assert.True(job.GetProperty("company").TryGetProperty("logo", out _));
        var summary = match.GetProperty("summary").GetString()!;
        Assert.Contains("Your Python and Django skills fit this job.", summary);
        Assert.Contains("Skills to add: PostgreSQL.", summary);
        Assert.False(match.TryGetProperty("recruiter_summary", out _));
        // The Paris job asks for the same skills, but from Dakar and at its salary it ranks below.
        var ranked = Of(page).Select(JobId).ToList();
        Assert.True(ranked.IndexOf(dakar.JobId) < ranked.IndexOf(paris.JobId), string.Join(", ", ranked));

        var active = (await _api.Get(Mine + "?is_active=true&limit=100", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal([dakar.JobId, paris.JobId], Of(active).Select(JobId).Order());
        var inactive = (await _api.Get(Mine + "?is_active=False", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal([closed.JobId], inactive["results"].EnumerateArray().Select(JobId));
        var inDakar = (await _api.Get(Mine + "?location=DAKAR&limit=100", me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal([dakar.JobId], Of(inDakar).Select(JobId));
        Assert.All(inDakar["results"].EnumerateArray(), m => Assert.Contains("Dakar", m.GetProperty("job").GetProperty("location").GetString()));
        var top = match.GetProperty("match_score").GetDouble();
        var high = (await _api.Get($"{Mine.TrimEnd('/')}?min_score={top.ToString(CultureInfo.InvariantCulture)}&limit=100", me.Access))
            .Expect(HttpStatusCode.OK);
        Assert.All(high["results"].EnumerateArray(), m => Assert.True(m.GetProperty("match_score").GetDouble() >= top));
        Assert.Contains(dakar.JobId, Of(high).Select(JobId));
        Assert.DoesNotContain(paris.JobId, Of(high).Select(JobId));
    }

    [Fact]
    public async Task A_redelivered_message_changes_nothing_and_an_older_input_does_not_overwrite_a_newer_one()
    {
        var (recruiter, job) = await DakarJob();
        var candidate = await Candidate(["Python"], "Dakar, Senegal", "Developer", 3);
        (await _api.Post(Recalculate, new { job_id = job.JobId, candidate_id = candidate.Id }, recruiter.Access)).Expect(HttpStatusCode.OK);
        var before = await Copies(job.JobId, candidate.Id);
        var etags = await ETags(job.JobId, candidate.Id);

        // The same job and candidate messages delivered again, as Service Bus may: the inputs did not change.
        var handler = _app.Services.GetRequiredService<MatchingHandler>();
        foreach (var body in new[] { $"job:{job.JobId}", $"candidate:{candidate.Id}", $"job:{job.JobId}" })
            await handler.HandleAsync(new QueueMessage(QueueNames.Matching, "redelivered-" + body, body, 2), CancellationToken.None);
        Assert.Equal(etags, await ETags(job.JobId, candidate.Id));
        var after = await Copies(job.JobId, candidate.Id);
        Assert.Equal(before.Job.LastCalculated, after.Job.LastCalculated);
        Assert.Equal(before.Candidate.LastCalculated, after.Candidate.LastCalculated);

        // A worker that reads an older profile than the one the match was calculated from (a stale replica, a slow
        // message) leaves the match: even a forced recalculation from the older input does.
        var key = candidate.Id.ToString(CultureInfo.InvariantCulture);
        var profile = (await _app.Store.ReadAsync<CandidateProfile>(Containers.CandidateProfiles, key, key))!.Document;
        var current = profile.UpdatedAt;
        profile.UpdatedAt = current.AddHours(-1);
        profile.Skills = ["COBOL"];
        await _app.Store.UpsertAsync(Containers.CandidateProfiles, profile, key);
        var forced = (await _api.Post(Recalculate, new { job_id = job.JobId, candidate_id = candidate.Id, force = true }, recruiter.Access))
            .Expect(HttpStatusCode.OK);
        Assert.Equal(0, forced["matches_updated"].GetInt32());
        await handler.HandleAsync(new QueueMessage(QueueNames.Matching, "late", $"candidate:{candidate.Id}", 1), CancellationToken.None);
        await handler.HandleAsync(new QueueMessage(QueueNames.Matching, "late", $"job:{job.JobId}", 1), CancellationToken.None);
        Assert.Equal(etags, await ETags(job.JobId, candidate.Id));
        Assert.Equal(current, (await Copies(job.JobId, candidate.Id)).Job.ProfileVersion);

        // A newer profile rewrites both copies.
        (await _api.Patch(Me, new { skills = new[] { "Python", "Django", "PostgreSQL" } }, candidate.Access)).Expect(HttpStatusCode.OK);
        await Eventually.True(async () => (await Copies(job.JobId, candidate.Id)) is var (j, c) && j.SkillsMatch == 100 && c.SkillsMatch == 100
                                          && j.ProfileVersion > current && c.Score == j.Score, "the newer profile was not scored");
    }

    [Fact]
    public async Task Has_applied_follows_an_application_on_both_lists()
    {
        var (recruiter, job) = await DakarJob();
        var applicant = await Candidate(["Python", "Django"], "Dakar, Senegal", "Developer", 5);
        var other = await Candidate(["Python"], "Dakar, Senegal", "Developer", 2);
        (await _api.Post(Recalculate, new { job_id = job.JobId }, recruiter.Access)).Expect(HttpStatusCode.OK);

        var application = (await _api.Post("/applications/api/v1/applications/", new { job = job.JobId }, applicant.Access))
            .Expect(HttpStatusCode.Created)["id"].GetInt64();
        await Eventually.True(async () => (await Copies(job.JobId, applicant.Id)) is var (j, c) && j.HasApplied && c.HasApplied,
            "has_applied was not marked on both copies");

        var applied = (await _api.Get(ForJob(job.JobId) + "?has_applied=true", recruiter.Access)).Expect(HttpStatusCode.OK);
        var match = Assert.Single(applied["results"].EnumerateArray());
        Assert.Equal(applicant.Id, CandidateId(match));
        Assert.Equal(application, match.GetProperty("application_id").GetInt64());
        var notApplied = (await _api.Get(ForJob(job.JobId) + "?has_applied=0", recruiter.Access)).Expect(HttpStatusCode.OK);
        Assert.Contains(notApplied["results"].EnumerateArray(), m => CandidateId(m) == other.Id);
        Assert.DoesNotContain(notApplied["results"].EnumerateArray(), m => CandidateId(m) == applicant.Id);
        var mine = (await _api.Get(Mine, applicant.Access)).Expect(HttpStatusCode.OK);
        Assert.True(mine["results"].EnumerateArray().Single(m => JobId(m) == job.JobId).GetProperty("has_applied").GetBoolean());

        // A recalculation keeps the mark; a redelivered (older) application message does not undo a newer one.
        (await _api.Post(Recalculate, new { job_id = job.JobId, force = true }, recruiter.Access)).Expect(HttpStatusCode.OK);
        var handler = _app.Services.GetRequiredService<MatchingHandler>();
        var older = DateTimeOffset.UtcNow.AddHours(-1).UtcTicks.ToString(CultureInfo.InvariantCulture);
        await handler.HandleAsync(new QueueMessage(QueueNames.Matching, "old", $"application:{job.JobId}:{applicant.Id}:0:{older}", 1), CancellationToken.None);
        var (inJob, inCandidate) = await Copies(job.JobId, applicant.Id);
        Assert.True(inJob.HasApplied && inCandidate.HasApplied);
        Assert.Equal(application, inJob.ApplicationId);
    }

    [Fact]
    public async Task The_routes_refuse_strangers_and_answer_malformed_input_in_the_dialect()
    {
        var (recruiter, job) = await DakarJob();
        var candidate = await Candidate(["Python"], "Dakar, Senegal", "Developer", 2);
        var stranger = await _app.Recruiter();
        var path = ForJob(job.JobId);

        foreach (var (method, route) in new[] { (HttpMethod.Get, path), (HttpMethod.Get, Mine), (HttpMethod.Post, Recalculate) })
            (await _api.Send(method, route, method == HttpMethod.Post ? new { job_id = job.JobId } : null, null))
                .ExpectRecruitmentError(HttpStatusCode.Unauthorized);

        (await _api.Get(path, stranger.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Get(path, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Get(Mine, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Get(ForJob(999_999_999), recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Get(Matching + "job/abc/", recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);

        foreach (var (query, field) in new[]
                 {
                     ("min_score=abc", "min_score"), ("min_score=101", "min_score"), ("min_score=-1", "min_score"), ("min_score=NaN", "min_score"),
                     ("has_applied=maybe", "has_applied"), ("ordering=salary", "ordering"), ("page=0", "page"), ("limit=1000", "limit"),
                 })
            (await _api.Get($"{path}?{query}", recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors(field);
        foreach (var (query, field) in new[] { ("is_active=yes", "is_active"), ("min_score=1e999", "min_score"), ("location=" + new string('x', 300), "location") })
            (await _api.Get($"{Mine}?{query}", candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors(field);
        (await _api.Get($"{path}?page=99", recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);

        // Recalculation: the recruiter for their own job, the candidate for themselves, nobody for another's.
        (await _api.Post(Recalculate, new { job_id = job.JobId }, recruiter.Access)).Expect(HttpStatusCode.OK);
        (await _api.Post(Recalculate, new { }, candidate.Access)).Expect(HttpStatusCode.OK);
        (await _api.Post(Recalculate, new { candidate_id = candidate.Id, force = true }, candidate.Access)).Expect(HttpStatusCode.OK);
        (await _api.Post(Recalculate, new { job_id = job.JobId }, candidate.Access)).Expect(HttpStatusCode.OK);
        (await _api.Post(Recalculate, new { job_id = job.JobId }, stranger.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Post(Recalculate, new { candidate_id = stranger.Id }, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Post(Recalculate, new { candidate_id = candidate.Id }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest)
            .FieldErrors("job_id");
        (await _api.Post(Recalculate, new { job_id = 999_999_999 }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Post(Recalculate, new { job_id = 999_999_999 }, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Post(Recalculate, new { job_id = -4 }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("job_id");
        (await _api.Post(Recalculate, new { job_id = "abc" }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.Post(Recalculate, new { job_id = job.JobId, force = "often" }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw(Recalculate, "{\"job_id\": ", recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw(Recalculate, "[1]", recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        var someone = await _api.Register("Nexus");
        (await _api.Post(Recalculate, new { job_id = job.JobId }, someone.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
    }

    /// <summary>A recruiter's Python/Django/PostgreSQL job in Dakar (the stored Recruitment job, moved and priced).</summary>
    private async Task<(TestUser Recruiter, Job Job)> DakarJob()
    {
        var recruiter = await _app.Recruiter();
        var job = await _app.RecruitmentJob(recruiter, ApiClient.Unique("Senior Python Developer "));
        var dakar = job with
        {
            Description = "Build the REST APIs of our payments platform with Python and Django on PostgreSQL.",
            Posting = job.Posting! with
            {
                Location = "Dakar, Senegal", SalaryMin = 1_500_000, SalaryMax = 2_500_000, Skills = ["Python", "Django", "PostgreSQL"],
                UpdatedAt = DateTimeOffset.UtcNow,
            },
        };
        await _app.Store.UpsertAsync(Containers.Jobs, dakar, dakar.Id);
        return (recruiter, dakar);
    }

    private async Task CloseAsync(Job job)
    {
        var closed = job with { Posting = job.Posting! with { IsActive = false, UpdatedAt = DateTimeOffset.UtcNow } };
        await _app.Store.UpsertAsync(Containers.Jobs, closed, closed.Id);
    }

    /// <summary>A candidate whose profile is set through the routes (each change queues their rescoring).</summary>
    private async Task<TestUser> Candidate(string[] skills, string location, string position, int years, string contract = "full_time")
    {
        var candidate = await _app.Candidate();
        (await _api.Patch(Me, new { skills, location, expected_salary = 2_000_000, preferred_contract_types = new[] { contract } }, candidate.Access))
            .Expect(HttpStatusCode.OK);
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-(int)(years * 365.25) - 2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (await _api.Post("/accounts/api/v1/work-experiences/", new
        {
            company = "Acme", position, start_date = start, contract_type = contract,
            description = $"Built REST APIs with {string.Join(", ", skills)} for a payments platform.",
        }, candidate.Access)).Expect(HttpStatusCode.Created);
        // The worker lists the profile under its skills; a job's recalculation finds its candidates there.
        await _app.ListedAsync(candidate.Id);
        return candidate;
    }

    private async Task<List<JsonElement>> EventuallyMatches(string path, TestUser user, int atLeast)
    {
        List<JsonElement> results = [];
        await Eventually.True(async () =>
        {
            results = (await _api.Get(path + "?limit=100", user.Access)).Expect(HttpStatusCode.OK)["results"].EnumerateArray().ToList();
            return results.Count >= atLeast;
        }, $"{path}: fewer than {atLeast} matches");
        return results;
    }

    private async Task<(MatchScore Job, MatchScore Candidate)> Copies(long jobId, long candidateId)
    {
        var id = MatchScore.IdOf(jobId, candidateId);
        var inJob = await _app.Store.ReadAsync<MatchScore>(Containers.JobMatches, id, MatchScore.JobPartition(jobId));
        var inCandidate = await _app.Store.ReadAsync<MatchScore>(Containers.JobMatches, id, MatchScore.CandidatePartition(candidateId));
        Assert.NotNull(inJob);
        Assert.NotNull(inCandidate);
        return (inJob.Document, inCandidate.Document);
    }

    private async Task<(string, string)> ETags(long jobId, long candidateId)
    {
        var id = MatchScore.IdOf(jobId, candidateId);
        var inJob = await _app.Store.ReadAsync<MatchScore>(Containers.JobMatches, id, MatchScore.JobPartition(jobId));
        var inCandidate = await _app.Store.ReadAsync<MatchScore>(Containers.JobMatches, id, MatchScore.CandidatePartition(candidateId));
        return (inJob!.ETag, inCandidate!.ETag);
    }

    private static long CandidateId(JsonElement match) => match.GetProperty("candidate").GetProperty("id").GetInt64();

    private static long JobId(JsonElement match) => match.GetProperty("job").GetProperty("id").GetInt64();

    private static List<string?> Strings(JsonElement match, string name) => match.GetProperty(name).EnumerateArray().Select(s => s.GetString()).ToList();
}
