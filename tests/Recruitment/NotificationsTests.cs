using System.Globalization;
using System.Net;
using System.Text.Json;
using CareerNexus.Applications;
using CareerNexus.Companies;
using CareerNexus.Jobs;
using CareerNexus.Matching;
using CareerNexus.Notifications;
using CareerNexus.Queues;
using CareerNexus.Storage;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// Document 003's notifications module: the list with its stored counts and filters, the read marks, and the six types
/// created by the platform's events, each once per event however often the event is retried, and pushed in real time.
/// </summary>
public sealed class NotificationsTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const string Notifications = "/notifications/api/v1/notifications/";
    private const string Applications = "/applications/api/v1/applications/";
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static readonly string[] ItemFields =
    [
        "created_at", "data", "id", "is_read", "message", "read_at", "related_object_id", "related_object_type", "title", "type",
    ];

    private static IEnumerable<string> Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).Order();

    [Fact]
    public async Task The_list_shows_the_documented_fields_its_stored_counts_and_its_filters()
    {
        var (recruiter, candidate, job, application) = await Applied("Staff Engineer ");
        foreach (var step in new[] { "reviewed", "shortlisted", "interview" }) await Move(recruiter, application, step);

        var list = (await _api.Get(Notifications, candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["count", "next", "previous", "results", "unread_count"], Names(list.Body));
        Assert.Equal(4, list["count"].GetInt64());
        Assert.Equal(4, list["unread_count"].GetInt64());
        var results = list["results"].EnumerateArray().ToList();
        Assert.All(results, r => Assert.Equal(ItemFields, Names(r)));
        // Newest first: the interview, told after its status change.
        Assert.Equal(["interview_scheduled", "application_status_changed", "application_status_changed", "application_status_changed"],
            results.Select(r => r.GetProperty("type").GetString()));
        var status = results[1];
        Assert.Equal("Application Status Updated", status.GetProperty("title").GetString());
        Assert.Equal($"Your application for '{job.Title}' has moved to the interview stage", status.GetProperty("message").GetString());
        Assert.Equal("application", status.GetProperty("related_object_type").GetString());
        Assert.Equal(application, status.GetProperty("related_object_id").GetInt64());
        Assert.Equal(job.JobId, status.GetProperty("data").GetProperty("job_id").GetInt64());
        Assert.False(status.GetProperty("is_read").GetBoolean());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("read_at").ValueKind);
        Assert.True(status.GetProperty("created_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal("Interview Scheduled", results[0].GetProperty("title").GetString());

        // The recruiter's own list holds what they were told, nothing of the candidate's.
        var recruiters = (await _api.Get(Notifications, recruiter.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("application_received", Assert.Single(recruiters["results"].EnumerateArray()).GetProperty("type").GetString());

        // Filters: a type, unread only, both; each count is the stored counter of that filter.
        Assert.Equal(3, (await List(candidate, "?type=application_status_changed"))["count"].GetInt64());
        Assert.Equal(1, (await List(candidate, "?type=interview_scheduled"))["count"].GetInt64());
        Assert.Equal(0, (await List(candidate, "?type=new_job_match"))["count"].GetInt64());
        var first = results[3].GetProperty("id").GetInt64();
        var read = (await _api.Patch($"{Notifications}{first}/read/", null, candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["id", "is_read", "read_at"], Names(read.Body));
        Assert.Equal(first, read["id"].GetInt64());
        Assert.True(read["is_read"].GetBoolean());
        var readAt = read["read_at"].GetDateTimeOffset();
        // Marking it again changes nothing.
        var again = (await _api.Patch($"{Notifications}{first}/read", null, candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(readAt, again["read_at"].GetDateTimeOffset());

        var unread = await List(candidate, "?unread_only=true");
        Assert.Equal(3, unread["count"].GetInt64());
        Assert.Equal(3, unread["unread_count"].GetInt64());
        Assert.DoesNotContain(unread["results"].EnumerateArray(), r => r.GetProperty("id").GetInt64() == first);
        Assert.Equal(2, (await List(candidate, "?unread_only=1&type=application_status_changed"))["count"].GetInt64());
        Assert.Equal(4, (await List(candidate, "?unread_only=false"))["count"].GetInt64());

        // Pages: limit and page, with document 003's links; past the last page is a 404.
        var page = await List(candidate, "?limit=3&page=2");
        Assert.Equal(4, page["count"].GetInt64());
        Assert.Equal(results[3].GetProperty("id").GetInt64(), Assert.Single(page["results"].EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Contains("page=1", page["previous"].GetString());
        Assert.Equal(JsonValueKind.Null, page["next"].ValueKind);
        (await _api.Get(Notifications + "?limit=3&page=3", candidate.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);

        // Mark all: the three unread ones; a repeat finds none.
        var all = (await _api.Post(Notifications + "mark-all-read/", null, candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("All notifications marked as read", all["message"].GetString());
        Assert.Equal(3, all["updated_count"].GetInt64());
        Assert.Equal(0, (await _api.Post(Notifications + "mark-all-read/", null, candidate.Access)).Expect(HttpStatusCode.OK)["updated_count"].GetInt64());
        var after = await List(candidate, "");
        Assert.Equal(4, after["count"].GetInt64());
        Assert.Equal(0, after["unread_count"].GetInt64());
        Assert.All(after["results"].EnumerateArray(), r =>
        {
            Assert.True(r.GetProperty("is_read").GetBoolean());
            Assert.Equal(JsonValueKind.String, r.GetProperty("read_at").ValueKind);
        });
        Assert.Equal(0, (await List(candidate, "?unread_only=true"))["count"].GetInt64());
        Assert.Empty((await List(candidate, "?unread_only=true"))["results"].EnumerateArray());
        // Read by the mark, a notification's own read mark answers it as read and moves no counter.
        var covered = results[0].GetProperty("id").GetInt64();
        Assert.True((await _api.Patch($"{Notifications}{covered}/read/", null, candidate.Access)).Expect(HttpStatusCode.OK)["is_read"].GetBoolean());
        Assert.Equal(0, (await List(candidate, ""))["unread_count"].GetInt64());

        // A later notification is unread again, above the mark.
        await Move(recruiter, application, "accepted");
        var later = await List(candidate, "?unread_only=true");
        Assert.Equal(1, later["unread_count"].GetInt64());
        Assert.Equal("application_status_changed", Assert.Single(later["results"].EnumerateArray()).GetProperty("type").GetString());
        Assert.Equal(1, (await _api.Post(Notifications + "mark-all-read/", null, candidate.Access)).Expect(HttpStatusCode.OK)["updated_count"].GetInt64());
    }

    [Fact]
    public async Task Another_accounts_notification_is_not_found_and_bad_input_is_refused_in_the_dialect()
    {
        var (recruiter, candidate, _, application) = await Applied();
        await Move(recruiter, application, "reviewed");
        var id = (await List(candidate, ""))["results"][0].GetProperty("id").GetInt64();

        var stranger = await _app.Candidate();
        (await _api.Patch($"{Notifications}{id}/read/", null, stranger.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Patch($"{Notifications}{id}/read/", null, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        Assert.False((await List(candidate, ""))["results"][0].GetProperty("is_read").GetBoolean());
        Assert.Equal(0, (await _api.Post(Notifications + "mark-all-read/", null, stranger.Access)).Expect(HttpStatusCode.OK)["updated_count"].GetInt64());
        Assert.Equal(1, (await List(candidate, ""))["unread_count"].GetInt64());
        Assert.Equal(0, (await List(stranger, ""))["count"].GetInt64());

        foreach (var path in new[] { "abc", "0", "-1", "99999999999999999999", "123456789" })
            (await _api.Patch($"{Notifications}{path}/read/", null, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        var badType = (await _api.Get(Notifications + "?type=party_invite", candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.Contains("party_invite", Assert.Single(badType.FieldErrors("type")));
        Assert.NotEmpty((await _api.Get(Notifications + "?unread_only=perhaps", candidate.Access))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("unread_only"));
        (await _api.Get(Notifications + "?limit=0", candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.Get(Notifications + "?page=abc", candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);

        (await _api.Get(Notifications)).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Patch($"{Notifications}{id}/read/")).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Post(Notifications + "mark-all-read/")).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Status_changes_and_interviews_are_told_once_however_often_the_change_is_sent()
    {
        var (recruiter, candidate, job, application) = await Applied();
        await Move(recruiter, application, "reviewed");
        // A new match score (the matching worker, at any moment) raises the application's version; the retried change that
        // lands after it is still the same event.
        await _app.Services.GetRequiredService<ApplicationService>().ScoreChangedAsync(job.JobId, candidate.Id, 0.4242);
        await Move(recruiter, application, "reviewed");
        await Move(recruiter, application, "shortlisted");
        await Move(recruiter, application, "interview");
        await Move(recruiter, application, "interview");
        Assert.Equal(3, (await _app.Notifications(candidate.Id, NotificationKinds.ApplicationStatusChanged)).Count);
        var interview = Assert.Single(await _app.Notifications(candidate.Id, NotificationKinds.InterviewScheduled));
        Assert.Equal(application, interview.RelatedObjectId);
        Assert.Equal(3, (await List(candidate, "?type=application_status_changed"))["count"].GetInt64());
        Assert.Equal(4, (await List(candidate, ""))["unread_count"].GetInt64());
    }

    [Fact]
    public async Task A_message_told_twice_is_stored_counted_and_pushed_once()
    {
        var (_, candidate, _, _) = await Applied();
        var service = _app.Services.GetRequiredService<NotificationService>();
        await using var socket = await SignalRTestClient.ConnectAsync(_app.Server, $"/ws/notification/jobs?access_token={candidate.Access}");
        var told = new NewNotification(candidate.Id, "message:77:to:" + candidate.Id, NotificationKinds.NewMessage, "New Message", "Jane: Hello",
            "conversation", 77, new Dictionary<string, long> { ["conversation_id"] = 77 });
        var first = await service.NotifyAsync(told);
        var second = await service.NotifyAsync(told);
        Assert.Equal(first.NotificationId, second.NotificationId);

        var pushed = await socket.NextInvocationAsync();
        Assert.Equal("notification", pushed.GetProperty("target").GetString());
        Assert.Equal("new_message", pushed.GetProperty("arguments")[0].GetProperty("type").GetString());
        Assert.Null(await socket.NextInvocationAsync(TimeSpan.FromSeconds(1)));
        var messages = await List(candidate, "?type=new_message");
        Assert.Equal(1, messages["count"].GetInt64());
        Assert.Equal("conversation", Assert.Single(messages["results"].EnumerateArray()).GetProperty("related_object_type").GetString());
    }

    [Fact]
    public async Task A_status_change_reaches_the_candidates_open_socket_at_once()
    {
        var (recruiter, candidate, job, application) = await Applied();
        await using var socket = await SignalRTestClient.ConnectAsync(_app.Server, $"/ws/notification/jobs?access_token={candidate.Access}");
        await Move(recruiter, application, "reviewed");

        var pushed = await socket.NextInvocationAsync();
        Assert.Equal("notification", pushed.GetProperty("target").GetString());
        var payload = pushed.GetProperty("arguments")[0];
        Assert.Equal("application_status_changed", payload.GetProperty("type").GetString());
        Assert.Equal($"Your application for '{job.Title}' has been reviewed", payload.GetProperty("message").GetString());
        Assert.Equal(application, payload.GetProperty("related_object_id").GetInt64());
        var listed = (await List(candidate, ""))["results"][0];
        Assert.Equal(listed.GetProperty("id").GetInt64(), payload.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_strong_match_is_told_once_per_job_and_a_weak_one_never()
    {
        var recruiter = await _app.Recruiter();
        var job = await _app.RecruitmentJob(recruiter, ApiClient.Unique("Senior Python Developer "));
        var strong = await _app.Candidate();
        var weak = await _app.Candidate();
        (await _api.Patch("/accounts/api/v1/candidate-profiles/me/", new
        {
            skills = new[] { "Python", "Django" }, location = "Paris, France", expected_salary = 60000, preferred_contract_types = new[] { "full_time" },
            bio = "Senior Python developer building Django services.",
        }, strong.Access)).Expect(HttpStatusCode.OK);
        (await _api.Post("/accounts/api/v1/work-experiences/", new
        {
            company = "Acme", position = "Senior Python Developer", start_date = "2015-01-01", contract_type = "full_time",
            description = "Built Django and Python services.",
        }, strong.Access)).Expect(HttpStatusCode.Created);
        (await _api.Post("/matching/api/v1/job-matches/recalculate/", new { job_id = job.JobId, candidate_id = strong.Id }, recruiter.Access))
            .Expect(HttpStatusCode.OK);
        (await _api.Post("/matching/api/v1/job-matches/recalculate/", new { job_id = job.JobId, candidate_id = weak.Id }, recruiter.Access))
            .Expect(HttpStatusCode.OK);
        var match = (await _app.Store.ReadAsync<MatchScore>(Containers.JobMatches, MatchScore.IdOf(job.JobId, strong.Id), MatchScore.JobPartition(job.JobId)))!
            .Document;
        var score = match.Score;
        Assert.True(score >= JobMatchNotifications.Threshold, $"the strong candidate scored {score}");

        // Other tests' jobs may match the strong candidate too (the worker scores every open job): this job's are counted.
        async Task<List<Notification>> ForJob() =>
            (await _app.Notifications(strong.Id, NotificationKinds.NewJobMatch)).Where(n => n.RelatedObjectId == job.JobId).ToList();
        var told = Assert.Single(await ForJob());
        Assert.Equal(job.JobId, told.Data["job_id"]);
        Assert.Contains(job.Title, told.Message);
        Assert.Empty(await _app.Notifications(weak.Id, NotificationKinds.NewJobMatch));

        // The worker tells again on a changed score, a forced recalculation, or a redelivery: still one.
        var observer = _app.Services.GetServices<IMatchScoreObserver>().OfType<JobMatchNotifications>().Single();
        await observer.ScoreChangedAsync(match);
        match.Score = 99;
        await observer.ScoreChangedAsync(match);
        (await _api.Post("/matching/api/v1/job-matches/recalculate/", new { job_id = job.JobId, candidate_id = strong.Id, force = true }, recruiter.Access))
            .Expect(HttpStatusCode.OK);
        Assert.Single(await ForJob());
    }

    [Fact]
    public async Task A_test_is_assigned_to_open_applications_once_when_defined_and_at_once_to_later_applicants()
    {
        var (recruiter, early, job, application) = await Applied();
        var rejected = await _app.Candidate();
        var rejectedApplication = await Apply(rejected, job);
        await Move(recruiter, rejectedApplication, "rejected");

        (await _api.Put($"/jobs/api/v1/jobs/{job.JobId}/test/", TestSubmissionTests.Test(), recruiter.Access)).Expect(HttpStatusCode.OK);
        await Eventually.True(async () => (await _app.Notifications(early.Id, NotificationKinds.TestAssigned)).Count == 1, "the early applicant was not told");
        var assigned = Assert.Single(await _app.Notifications(early.Id, NotificationKinds.TestAssigned));
        Assert.Equal(application, assigned.RelatedObjectId);
        Assert.Contains(job.Title, assigned.Message);

        // A later applicant is told as they apply; changing the test, or its message delivered again, tells no one twice.
        var late = await _app.Candidate();
        await Apply(late, job);
        Assert.Single(await _app.Notifications(late.Id, NotificationKinds.TestAssigned));
        (await _api.Put($"/jobs/api/v1/jobs/{job.JobId}/test/", TestSubmissionTests.Test(), recruiter.Access)).Expect(HttpStatusCode.OK);
        var handler = _app.Services.GetRequiredService<NotificationFanOutHandler>();
        var body = string.Create(CultureInfo.InvariantCulture, $"{TestAssignments.Audience}:{job.JobId}:");
        await handler.HandleAsync(new QueueMessage(QueueNames.Notifications, body, body, 2), CancellationToken.None);
        await Task.Delay(500);
        Assert.Single(await _app.Notifications(early.Id, NotificationKinds.TestAssigned));
        Assert.Single(await _app.Notifications(late.Id, NotificationKinds.TestAssigned));
        Assert.Empty(await _app.Notifications(rejected.Id, NotificationKinds.TestAssigned));
        Assert.Equal(1, (await List(early, "?type=test_assigned"))["count"].GetInt64());
    }

    [Fact]
    public async Task Following_a_company_is_idempotent_and_shows_its_stored_follower_count()
    {
        var recruiter = await _app.Recruiter();
        var company = await _app.CompanyOf(recruiter);
        var fan = await _app.Candidate();
        var path = $"/companies/api/v1/companies/{company.CompanyId}/follow/";

        var followed = (await _api.Post(path, null, fan.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(["company", "followed_at", "followers_count", "following"], Names(followed.Body));
        Assert.Equal(company.CompanyId, followed["company"].GetInt64());
        Assert.True(followed["following"].GetBoolean());
        Assert.Equal(1, followed["followers_count"].GetInt64());
        var again = (await _api.Post(path.TrimEnd('/'), null, fan.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(1, again["followers_count"].GetInt64());
        Assert.Equal(followed["followed_at"].GetString(), again["followed_at"].GetString());
        Assert.Equal(2, (await _api.Post(path, null, (await _app.Candidate()).Access)).Expect(HttpStatusCode.Created)["followers_count"].GetInt64());
        Assert.Equal(2, (await _api.Get($"/companies/api/v1/companies/{company.CompanyId}/")).Expect(HttpStatusCode.OK)["followers_count"].GetInt64());

        (await _api.Delete(path, fan.Access)).Expect(HttpStatusCode.NoContent);
        (await _api.Delete(path, fan.Access)).Expect(HttpStatusCode.NoContent);
        Assert.Equal(1, (await _api.Get($"/companies/api/v1/companies/{company.CompanyId}/")).Expect(HttpStatusCode.OK)["followers_count"].GetInt64());
        // Following again after an unfollow counts again.
        Assert.Equal(2, (await _api.Post(path, null, fan.Access)).Expect(HttpStatusCode.Created)["followers_count"].GetInt64());

        foreach (var unknown in new[] { "999999999", "abc", "0", "-3" })
        {
            (await _api.Post($"/companies/api/v1/companies/{unknown}/follow/", null, fan.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
            (await _api.Delete($"/companies/api/v1/companies/{unknown}/follow/", fan.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        }
        (await _api.Post(path)).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Delete(path)).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_posted_job_reaches_every_follower_through_pages_of_the_queue_once_each()
    {
        var recruiter = await _app.Recruiter(company: ApiClient.Unique("Followed Corp "));
        var company = await _app.CompanyOf(recruiter);
        var fan = await _app.Candidate();
        var gone = await _app.Candidate();
        var bystander = await _app.Candidate();
        foreach (var user in new[] { fan, gone })
            (await _api.Post($"/companies/api/v1/companies/{company.CompanyId}/follow/", null, user.Access)).Expect(HttpStatusCode.Created);
        (await _api.Delete($"/companies/api/v1/companies/{company.CompanyId}/follow/", gone.Access)).Expect(HttpStatusCode.NoContent);
        // More followers than one delivery tells (accounts that exist only as followers), and the recruiter themselves.
        var follows = _app.Services.GetRequiredService<CompanyFollowService>();
        var crowd = Enumerable.Range(1, NotificationFanOut.PageSize + 20).Select(i => 9_000_000_000_000L + company.CompanyId * 1_000 + i).ToList();
        foreach (var chunk in crowd.Chunk(20)) await Task.WhenAll(chunk.Select(id => follows.FollowAsync(id, company.CompanyId)));
        await follows.FollowAsync(recruiter.Id, company.CompanyId);

        var title = ApiClient.Unique("Platform Engineer ");
        var jobId = await _api.PostJob(recruiter, RecruitmentJobsSupport.JobBody(title));
        await Eventually.True(async () => (await _app.Notifications(crowd[^1], NotificationKinds.JobPosted)).Count == 1, "the last follower was not told");
        var told = Assert.Single(await _app.Notifications(fan.Id, NotificationKinds.JobPosted));
        Assert.Equal(jobId, told.RelatedObjectId);
        Assert.Equal($"{company.Name} posted a new job: '{title}'", told.Message);
        Assert.Equal(company.CompanyId, told.Data["company_id"]);
        foreach (var id in crowd) Assert.Single(await _app.Notifications(id, NotificationKinds.JobPosted));

        // Each page delivered again tells no one twice.
        var handler = _app.Services.GetRequiredService<NotificationFanOutHandler>();
        // The first page and the second, which starts after the crowd's 98th (the fan and the recruiter sort first, by user id).
        foreach (var after in new[] { "", crowd[NotificationFanOut.PageSize - 3].ToString(CultureInfo.InvariantCulture) })
        {
            var body = string.Create(CultureInfo.InvariantCulture, $"{CompanyFollowerNotifications.Audience}:{jobId}:{after}");
            await handler.HandleAsync(new QueueMessage(QueueNames.Notifications, body, body, 2), CancellationToken.None);
        }
        Assert.Single(await _app.Notifications(fan.Id, NotificationKinds.JobPosted));
        Assert.Single(await _app.Notifications(crowd[^1], NotificationKinds.JobPosted));
        Assert.Equal(1, (await List(fan, "?type=job_posted"))["count"].GetInt64());
        Assert.Empty(await _app.Notifications(gone.Id, NotificationKinds.JobPosted));
        Assert.Empty(await _app.Notifications(bystander.Id, NotificationKinds.JobPosted));
        Assert.Empty(await _app.Notifications(recruiter.Id, NotificationKinds.JobPosted));
    }

    private async Task<ApiResponse> List(TestUser user, string query) =>
        (await _api.Get(Notifications + query, user.Access)).Expect(HttpStatusCode.OK);

    private async Task<(TestUser Recruiter, TestUser Candidate, Job Job, long Application)> Applied(string title = "Backend Developer ")
    {
        var recruiter = await _app.Recruiter();
        var candidate = await _app.Candidate();
        var job = await _app.RecruitmentJob(recruiter, ApiClient.Unique(title));
        return (recruiter, candidate, job, await Apply(candidate, job));
    }

    private async Task<long> Apply(TestUser candidate, Job job) =>
        (await _api.Post(Applications, new { job = job.JobId, cover_letter = "Hello" }, candidate.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();

    private async Task Move(TestUser recruiter, long application, string status) =>
        (await _api.Patch($"{Applications}{application}/status/", new { status }, recruiter.Access)).Expect(HttpStatusCode.OK);
}
