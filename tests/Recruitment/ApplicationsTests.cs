using System.Net;
using System.Text.Json;
using CareerNexus.Applications;
using CareerNexus.Companies;
using CareerNexus.Jobs;
using CareerNexus.Matching;
using CareerNexus.Messaging;
using CareerNexus.Notifications;
using CareerNexus.Storage;
using CareerNexus.Subscriptions;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

public sealed class ApplicationsTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const string Applications = "/applications/api/v1/applications/";
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private async Task<ApiResponse> Apply(TestUser candidate, Job job, string cover = "I am interested in this position because...") =>
        await _api.Post(Applications, new { job = job.JobId, cover_letter = cover }, candidate.Access);

    [Fact]
    public async Task A_candidate_applies_once_the_recruiter_is_told_the_conversation_opens_and_both_lists_show_it()
    {
        var recruiter = await _app.Recruiter(company: "Tech Corp");
        var candidate = await _app.Candidate("Jo");
        var job = await _app.RecruitmentJob(recruiter, "Senior Python Developer");

        var created = (await Apply(candidate, job)).Expect(HttpStatusCode.Created);
        var id = created["id"].GetInt64();
        Assert.Equal(job.JobId, created["job"].GetProperty("id").GetInt64());
        Assert.Equal("Senior Python Developer", created["job"].GetProperty("title").GetString());
        Assert.Equal(candidate.Id, created["candidate"].GetProperty("id").GetInt64());
        Assert.Equal(candidate.Username, created["candidate"].GetProperty("username").GetString());
        Assert.Equal("FirstJo LastJo", created["candidate"].GetProperty("full_name").GetString());
        Assert.Equal("pending", created["status"].GetString());
        Assert.True(created["applied_at"].GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));

        Assert.Equal(1, (await _app.StoredJob(job.JobId)).ApplicationCount);
        var told = Assert.Single(await _app.Notifications(recruiter.Id, NotificationKinds.ApplicationReceived));
        Assert.Equal(id, told.RelatedObjectId);
        Assert.Equal(job.JobId, told.Data["job_id"]);
        Assert.False(told.IsRead);
        var chats = await _app.Services.GetRequiredService<ConversationService>().ListConversationsAsync(candidate.Id, new(0, 10));
        Assert.Contains(chats, c => c.Conversation.Includes(recruiter.Id));

        var mine = (await _api.Get(Applications + "my-applications/", candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, mine["count"].GetInt64());
        var item = Assert.Single(mine["results"].EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetInt64());
        Assert.Equal("Tech Corp", item.GetProperty("job").GetProperty("company").GetProperty("name").GetString());
        Assert.Equal("pending", item.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, item.GetProperty("updated_at").ValueKind);

        var forJob = (await _api.Get($"{Applications}job/{job.JobId}/", recruiter.Access)).Expect(HttpStatusCode.OK);
        var row = Assert.Single(forJob["results"].EnumerateArray());
        Assert.Equal(candidate.Username, row.GetProperty("candidate").GetProperty("username").GetString());
        Assert.True(row.GetProperty("candidate").TryGetProperty("profile_picture", out _));
        Assert.Equal("I am interested in this position because...", row.GetProperty("cover_letter").GetString());
        // Null until the matching worker has scored the pair, which may already have happened.
        var score = row.GetProperty("match_score");
        Assert.True(score.ValueKind == JsonValueKind.Null || score.GetDouble() is >= 0 and <= 100, $"match_score {score}");
        Assert.Equal(JsonValueKind.Null, row.GetProperty("test_submission").ValueKind);

        // Applying again is a 409, and moves neither the counter nor the quota.
        (await Apply(candidate, job)).ExpectRecruitmentError(HttpStatusCode.Conflict);
        Assert.Equal(1, (await _app.StoredJob(job.JobId)).ApplicationCount);
        Assert.Equal(1, (await _app.Services.GetRequiredService<PlanQuotas>().UsageAsync(candidate.Id, QuotaKind.Applications)).Used);
    }

    [Fact]
    public async Task Ten_parallel_applies_make_one_application_and_nine_conflicts()
    {
        var recruiter = await _app.Recruiter();
        var candidate = await _app.Candidate();
        var job = await _app.RecruitmentJob(recruiter);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Apply(candidate, job)));
        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a => a.ExpectRecruitmentError(HttpStatusCode.Conflict));
        Assert.Equal(1, (await _app.StoredJob(job.JobId)).ApplicationCount);
        Assert.Equal(1, (await _app.Services.GetRequiredService<PlanQuotas>().UsageAsync(candidate.Id, QuotaKind.Applications)).Used);
        Assert.Single(await _app.Notifications(recruiter.Id, NotificationKinds.ApplicationReceived));
        var mine = (await _api.Get(Applications + "my-applications/", candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, mine["count"].GetInt64());
    }

    [Fact]
    public async Task Past_the_free_plan_an_application_is_a_402()
    {
        var recruiter = await _app.Recruiter();
        var candidate = await _app.Candidate();
        var quotas = _app.Services.GetRequiredService<PlanQuotas>();
        for (var i = 0; i < FreePlan.ApplicationsPerMonth - 1; i++) await quotas.TakeAsync(candidate.Id, QuotaKind.Applications, $"earlier-{i}");
        (await Apply(candidate, await _app.RecruitmentJob(recruiter))).Expect(HttpStatusCode.Created);

        var job = await _app.RecruitmentJob(recruiter);
        (await Apply(candidate, job)).ExpectRecruitmentError(HttpStatusCode.PaymentRequired);
        Assert.Equal(0, (await _app.StoredJob(job.JobId)).ApplicationCount);
        Assert.Equal(FreePlan.ApplicationsPerMonth, (await quotas.UsageAsync(candidate.Id, QuotaKind.Applications)).Used);
    }

    [Fact]
    public async Task Bad_applications_are_refused_in_the_dialect()
    {
        var recruiter = await _app.Recruiter();
        var candidate = await _app.Candidate();
        var job = await _app.RecruitmentJob(recruiter);

        (await _api.Post(Applications, new { job = job.JobId })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        Assert.NotEmpty((await _api.Post(Applications, new { cover_letter = "hi" }, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest)
            .FieldErrors("job"));
        (await _api.Post(Applications, new { job = "abc" }, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw(Applications, "{\"job\": ", candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.Post(Applications, new { job = long.MaxValue }, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("job");
        (await _api.Post(Applications, new { job = job.JobId, cover_letter = new string('x', ApplicationService.MaxCoverLetterLength + 1) },
            candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("cover_letter");
        var closed = await _app.RecruitmentJob(recruiter, active: false);
        (await Apply(candidate, closed)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("job");
        // Recruiters do not apply; a Nexus job (no posting) is not one of this surface's.
        (await Apply(await _app.Recruiter(), job)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        var nexusId = job.JobId + 1_000_000;
        await _app.Store.UpsertAsync(Containers.Jobs, job with { Posting = null, Id = nexusId.ToString(), JobId = nexusId }, nexusId.ToString());
        (await _api.Post(Applications, new { job = nexusId }, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.Equal(0, (await _app.StoredJob(job.JobId)).ApplicationCount);
    }

    [Fact]
    public async Task The_lists_filter_order_and_refuse_other_users()
    {
        var recruiter = await _app.Recruiter();
        var admin = await _app.Recruiter();
        await _app.JoinCompany(recruiter, admin, CompanyRoles.Admin);
        var teamRecruiter = await _app.Recruiter();
        await _app.JoinCompany(recruiter, teamRecruiter, CompanyRoles.Recruiter);
        var job = await _app.RecruitmentJob(recruiter);
        var other = await _app.RecruitmentJob(recruiter);
        var candidates = new List<TestUser>();
        for (var i = 0; i < 3; i++)
        {
            var candidate = await _app.Candidate();
            (await Apply(candidate, job)).Expect(HttpStatusCode.Created);
            candidates.Add(candidate);
        }
        (await Apply(candidates[0], other)).Expect(HttpStatusCode.Created);

        // Scores arrive from the matching worker after the apply: both copies follow. The worker scores each new pair
        // once; the scores set here come after its own, so that the order below is the test's.
        foreach (var candidate in candidates)
            await Eventually.True(async () => (await _app.ApplicationCopies(job.JobId, candidate.Id)).Candidate.MatchScore is not null,
                "the worker scored the pair");
        var observer = _app.Services.GetRequiredService<ApplicationService>();
        await observer.ScoreChangedAsync(job.JobId, candidates[0].Id, 40.5);
        await observer.ScoreChangedAsync(job.JobId, candidates[1].Id, 92.5);
        await observer.ScoreChangedAsync(job.JobId, candidates[2].Id, 70);
        var copies = await _app.ApplicationCopies(job.JobId, candidates[1].Id);
        Assert.Equal(92.5, copies.Job.MatchScore);
        Assert.Equal(92.5, copies.Candidate.MatchScore);

        async Task<List<long>> Order(string query, TestUser who) =>
            (await _api.Get($"{Applications}job/{job.JobId}/{query}", who.Access)).Expect(HttpStatusCode.OK)["results"].EnumerateArray()
            .Select(r => r.GetProperty("candidate").GetProperty("id").GetInt64()).ToList();
        Assert.Equal([candidates[1].Id, candidates[2].Id, candidates[0].Id], await Order("?ordering=-match_score", recruiter));
        Assert.Equal([candidates[0].Id, candidates[2].Id, candidates[1].Id], await Order("?ordering=match_score", admin));
        Assert.Equal(candidates.Select(c => c.Id).ToList(), await Order("?ordering=applied_at", recruiter));
        Assert.Equal(candidates.Select(c => c.Id).Reverse().ToList(), await Order("", recruiter));
        var paged = (await _api.Get($"{Applications}job/{job.JobId}/?limit=2&page=2", recruiter.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(3, paged["count"].GetInt64());
        Assert.Single(paged["results"].EnumerateArray());
        Assert.Contains("page=1", paged["previous"].GetString());

        var firstApplication = (await _app.ApplicationCopies(job.JobId, candidates[0].Id)).Job.ApplicationId;
        (await _api.Patch($"{Applications}{firstApplication}/status/", new { status = "reviewed" }, recruiter.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal([candidates[0].Id], await Order("?status=reviewed", recruiter));
        Assert.Equal(2, (await Order("?status=pending", recruiter)).Count);

        var mine = (await _api.Get(Applications + $"my-applications/?job={other.JobId}", candidates[0].Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(other.JobId, Assert.Single(mine["results"].EnumerateArray()).GetProperty("job").GetProperty("id").GetInt64());
        var reviewed = (await _api.Get(Applications + "my-applications/?status=reviewed", candidates[0].Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(job.JobId, Assert.Single(reviewed["results"].EnumerateArray()).GetProperty("job").GetProperty("id").GetInt64());
        Assert.Equal(0, (await _api.Get(Applications + "my-applications/?status=accepted", candidates[0].Access)).Expect(HttpStatusCode.OK)["count"].GetInt64());

        // Strangers: another recruiter, a recruiter of the team who did not post the job, a candidate; recruiters have no "my applications".
        foreach (var stranger in new[] { await _app.Recruiter(), teamRecruiter, candidates[0] })
            (await _api.Get($"{Applications}job/{job.JobId}/", stranger.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Get(Applications + "my-applications/", recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Get($"{Applications}job/999999999/", recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Get($"{Applications}job/abc/", recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Get($"{Applications}job/{job.JobId}/")).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Get(Applications + "my-applications/")).ExpectRecruitmentError(HttpStatusCode.Unauthorized);

        // Bad filters in the dialect.
        (await _api.Get($"{Applications}job/{job.JobId}/?ordering=salary", recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest)
            .FieldErrors("ordering");
        (await _api.Get($"{Applications}job/{job.JobId}/?status=hired", recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest)
            .FieldErrors("status");
        (await _api.Get(Applications + "my-applications/?job=x", candidates[0].Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("job");
        (await _api.Get(Applications + "my-applications/?limit=0", candidates[0].Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.Get(Applications + "my-applications/?page=5", candidates[0].Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Status_follows_the_documented_transitions_keeps_its_history_and_tells_the_candidate()
    {
        var recruiter = await _app.Recruiter();
        var candidate = await _app.Candidate();
        var job = await _app.RecruitmentJob(recruiter, "Data Engineer");
        var id = (await Apply(candidate, job)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        var path = $"{Applications}{id}/status/";

        var refused = (await _api.Patch(path, new { status = "accepted" }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.Contains("reviewed, rejected", Assert.Single(refused.FieldErrors("status")));
        (await _api.Patch(path, new { status = "cancelled" }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.Patch(path, new { status = "hired" }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("status");
        (await _api.Patch(path, new { notes = "no status" }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("status");
        (await _api.Patch(path, new { status = 5 }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.Patch(path, new { status = "reviewed" }, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Patch(path, new { status = "reviewed" }, (await _app.Recruiter()).Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Patch(path, new { status = "reviewed" })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Patch($"{Applications}999999999/status/", new { status = "reviewed" }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Patch($"{Applications}x/status/", new { status = "reviewed" }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);

        foreach (var status in new[] { "reviewed", "shortlisted", "interview", "accepted" })
        {
            var changed = (await _api.Patch(path, new { status, notes = "Strong candidate, " + status }, recruiter.Access)).Expect(HttpStatusCode.OK);
            Assert.Equal(id, changed["id"].GetInt64());
            Assert.Equal(status, changed["status"].GetString());
            Assert.Equal("Strong candidate, " + status, changed["notes"].GetString());
            Assert.Equal(JsonValueKind.String, changed["updated_at"].ValueKind);
        }
        // The same change again (a retry) changes nothing; accepting counted one hire.
        (await _api.Patch(path, new { status = "accepted", notes = "Strong candidate, accepted" }, recruiter.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, (await _app.RecruiterProfile(recruiter)).TotalHires);
        var (inJob, inCandidate) = await _app.ApplicationCopies(job.JobId, candidate.Id);
        Assert.Equal(["reviewed", "shortlisted", "interview", "accepted"], inJob.History.Select(h => h.To));
        Assert.Equal("pending", inJob.History[0].From);
        Assert.All(inJob.History, h => Assert.Equal(recruiter.Id, h.ChangedBy));
        Assert.Equal(inJob.Version, inCandidate.Version);
        Assert.Equal("accepted", inCandidate.Status);
        var told = await _app.Notifications(candidate.Id, NotificationKinds.ApplicationStatusChanged);
        Assert.Equal(4, told.Count);
        Assert.Contains(told, n => n.Message == "Your application for 'Data Engineer' has been shortlisted");

        // Any status may still be rejected; nothing leaves rejected.
        (await _api.Patch(path, new { status = "rejected" }, recruiter.Access)).Expect(HttpStatusCode.OK);
        (await _api.Patch(path, new { status = "reviewed" }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.Equal(1, (await _app.RecruiterProfile(recruiter)).TotalHires);
    }

    [Fact]
    public async Task A_company_admin_moves_applications_and_pending_ones_may_be_rejected()
    {
        var recruiter = await _app.Recruiter();
        var admin = await _app.Recruiter();
        await _app.JoinCompany(recruiter, admin, CompanyRoles.Admin);
        var job = await _app.RecruitmentJob(recruiter);
        var id = (await Apply(await _app.Candidate(), job)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        (await _api.Patch($"{Applications}{id}/status/", new { status = "rejected" }, admin.Access)).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Closing_a_job_cancels_its_pending_applications_once_and_tells_each_candidate()
    {
        var recruiter = await _app.Recruiter();
        var job = await _app.RecruitmentJob(recruiter);
        var pending = new[] { await _app.Candidate(), await _app.Candidate() };
        foreach (var candidate in pending) (await Apply(candidate, job)).Expect(HttpStatusCode.Created);
        var reviewedCandidate = await _app.Candidate();
        var reviewed = (await Apply(reviewedCandidate, job)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        (await _api.Patch($"{Applications}{reviewed}/status/", new { status = "reviewed" }, recruiter.Access)).Expect(HttpStatusCode.OK);

        var closed = job with { Posting = job.Posting! with { IsActive = false, UpdatedAt = DateTimeOffset.UtcNow } };
        var observer = _app.Services.GetRequiredService<ApplicationService>();
        await observer.JobClosedAsync(closed);
        await observer.JobClosedAsync(closed);

        foreach (var candidate in pending)
        {
            var (inJob, inCandidate) = await _app.ApplicationCopies(job.JobId, candidate.Id);
            Assert.Equal(ApplicationStatuses.Cancelled, inJob.Status);
            Assert.Equal(ApplicationStatuses.Cancelled, inCandidate.Status);
            Assert.Equal(ApplicationStatuses.Pending, Assert.Single(inJob.History).From);
            Assert.Single(await _app.Notifications(candidate.Id, NotificationKinds.ApplicationStatusChanged));
        }
        Assert.Equal("reviewed", (await _app.ApplicationCopies(job.JobId, reviewedCandidate.Id)).Job.Status);
        var mine = (await _api.Get(Applications + "my-applications/?status=cancelled", pending[0].Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, mine["count"].GetInt64());
        var id = Assert.Single(mine["results"].EnumerateArray()).GetProperty("id").GetInt64();
        (await _api.Patch($"{Applications}{id}/status/", new { status = "rejected" }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_apply_that_stopped_after_its_claim_is_finished_by_the_next_attempt()
    {
        var recruiter = await _app.Recruiter();
        var candidate = await _app.Candidate();
        var job = await _app.RecruitmentJob(recruiter);
        (await Apply(candidate, job)).Expect(HttpStatusCode.Created);
        // The state an apply leaves when it stops right after claiming: only the job's copy, not settled.
        var (claimed, _) = await _app.ApplicationCopies(job.JobId, candidate.Id);
        var other = await _app.Candidate();
        var stopped = claimed with
        {
            Id = ApplicationDocument.KeyOf(job.JobId, other.Id), CandidateId = other.Id, ApplicationId = claimed.ApplicationId + 1_000_000,
            Candidate = claimed.Candidate with { Id = other.Id }, Settled = false,
        };
        await _app.Store.UpsertAsync(Containers.Applications, stopped, stopped.Partition);

        (await Apply(other, job)).ExpectRecruitmentError(HttpStatusCode.Conflict);
        Assert.Equal(2, (await _app.StoredJob(job.JobId)).ApplicationCount);
        var (inJob, inCandidate) = await _app.ApplicationCopies(job.JobId, other.Id);
        Assert.True(inJob.Settled);
        Assert.Equal(stopped.ApplicationId, inCandidate.ApplicationId);
        Assert.Equal(2, (await _app.Notifications(recruiter.Id, NotificationKinds.ApplicationReceived)).Count);
        var mine = (await _api.Get(Applications + "my-applications/", other.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(stopped.ApplicationId, Assert.Single(mine["results"].EnumerateArray()).GetProperty("id").GetInt64());
        (await _api.Patch($"{Applications}{stopped.ApplicationId}/status/", new { status = "reviewed" }, recruiter.Access)).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_notification_of_a_fact_is_stored_once_with_a_stable_number()
    {
        var user = await _app.Candidate();
        var service = _app.Services.GetRequiredService<NotificationService>();
        var request = new NewNotification(user.Id, "test:" + Guid.NewGuid(), NotificationKinds.TestAssigned, "Test", "A test is waiting", "application", 7,
            new Dictionary<string, long> { ["application_id"] = 7 });
        var first = await service.NotifyAsync(request);
        var again = await service.NotifyAsync(request);
        Assert.Equal(first.NotificationId, again.NotificationId);
        Assert.InRange(first.NotificationId, 1, (1L << 53) - 1);
        Assert.Single(await _app.Notifications(user.Id, NotificationKinds.TestAssigned));
        Assert.True((await service.FindAsync(user.Id, first.NotificationId))!.Pushed);
        Assert.Null(await service.FindAsync(user.Id + 1, first.NotificationId));
    }
}
