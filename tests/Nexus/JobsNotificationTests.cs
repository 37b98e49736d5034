using System.Net;
using System.Text.Json;
using CareerNexus.Jobs;
using CareerNexus.Queues;
using CareerNexus.Storage;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Nexus;

/// <summary>
/// Job notifications end to end: a job posted over HTTP is queued, the queue worker finds the matching accounts,
/// stores their notifications and pushes them over the app's SignalR hub to a raw WebSocket client.
/// </summary>
public sealed class JobsNotificationTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(60);
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private async Task<TestUser> WithPreference(object preference)
    {
        var user = await _api.Register();
        (await _api.Put("/job/preference/", preference, user.Access)).Expect(HttpStatusCode.OK);
        return user;
    }

    private async Task<TestUser> Poster(string industry)
    {
        var user = await _api.Register();
        await _app.SetProfileAsync(user.Id, industry: industry);
        return user;
    }

    private async Task<long> Post(TestUser poster, string title, string employmentType = "full_time", string workType = "hybrid",
        string experienceLevel = "senior")
    {
        var job = JobsTests.Job(title);
        job["employment_type"] = employmentType;
        job["work_type"] = workType;
        job["experience_level"] = experienceLevel;
        return (await _api.Post("/job/", job, poster.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
    }

    private Task<SignalRTestClient> Listen(string query) => SignalRTestClient.ConnectAsync(_app.Server, "/ws/notification/jobs" + query);

    private async Task<JobNotification?> Stored(long userId, long jobId) =>
        (await _app.Store.ReadAsync<JobNotification>(Containers.Notifications, JobService.NotificationId(jobId),
            JobNotificationHandler.PartitionOf(userId)))?.Document;

    [Fact]
    public async Task A_matching_user_is_pushed_the_job_and_a_non_matching_user_is_not()
    {
        // Titles of this test's own: other tests post health jobs (a "Night Nurse") into the same database meanwhile.
        var tag = Guid.NewGuid().ToString("N")[..8];
        var poster = await Poster("health");
        var nurse = await WithPreference(new { industry = "health", title = "Nurse" + tag });
        var doctor = await WithPreference(new { industry = "health", title = "Doctor" + tag });
        await using var nurseSocket = await Listen($"?access_token={nurse.Access}");
        await using var doctorSocket = await Listen($"/?token={doctor.Access}");

        var nurseJob = await Post(poster, "Senior Nurse" + tag);
        var received = await nurseSocket.NextInvocationAsync(Arrival) ?? throw new TimeoutException("The matching user received nothing");
        Assert.Equal("job_notification", received.GetProperty("target").GetString());
        var payload = received.GetProperty("arguments")[0];
        Assert.Equal(nurseJob, payload.GetProperty("job_id").GetInt64());
        Assert.Equal("Senior Nurse" + tag, payload.GetProperty("title").GetString());
        Assert.Equal("Mitiget Assurance Limited", payload.GetProperty("organization").GetString());
        Assert.Equal("health", payload.GetProperty("industry").GetString());
        Assert.Equal("full_time", payload.GetProperty("employment_type").GetString());
        Assert.Equal($"job:{nurseJob}", payload.GetProperty("notification_id").GetString());

        // The doctor's first event is the doctor's own job, posted after the nurse's: the nurse's job never reached them.
        var doctorJob = await Post(poster, "Doctor" + tag + " of Medicine");
        var first = await doctorSocket.NextInvocationAsync(Arrival) ?? throw new TimeoutException("The doctor received nothing");
        Assert.Equal(doctorJob, first.GetProperty("arguments")[0].GetProperty("job_id").GetInt64());
        Assert.Null(await nurseSocket.NextInvocationAsync(TimeSpan.FromSeconds(1)));

        var stored = await Stored(nurse.Id, nurseJob);
        Assert.NotNull(stored);
        Assert.Equal("Senior Nurse" + tag, stored.Title);
        Assert.False(stored.Read);
        Assert.Null(await Stored(doctor.Id, nurseJob));
        Assert.Null(await Stored(nurse.Id, doctorJob));
    }

    [Fact]
    public async Task A_redelivered_message_stores_nothing_twice_and_does_not_push_again()
    {
        var poster = await Poster("government");
        var clerk = await WithPreference(new { industry = "government", title = "clerk" });
        await using var socket = await Listen($"?token={clerk.Access}");
        var jobId = await Post(poster, "Court Clerk");
        Assert.NotNull(await socket.NextInvocationAsync(Arrival));
        await Eventually.True(async () => (await Stored(clerk.Id, jobId))?.Pushed == true, "the notification was not marked pushed", Arrival);

        var handler = _app.Services.GetRequiredService<JobNotificationHandler>();
        var message = new QueueMessage(QueueNames.JobNotifications, JobService.NotificationId(jobId), jobId.ToString(), 2);
        await handler.HandleAsync(message, CancellationToken.None);
        await handler.HandleAsync(message, CancellationToken.None);

        var partition = JobNotificationHandler.PartitionOf(clerk.Id);
        var all = await _app.Store.QueryListAsync<JobNotification>(Containers.Notifications,
            new Microsoft.Azure.Cosmos.QueryDefinition("SELECT * FROM c WHERE c.partition = @p").WithParameter("@p", partition), partition);
        Assert.Equal([jobId], all.Select(n => n.JobId));
        Assert.Null(await socket.NextInvocationAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Preferences_match_on_industry_and_each_field_they_set_and_never_the_poster()
    {
        var industry = "entertainment";
        var poster = await Poster(industry);
        (await _api.Put("/job/preference/", new { industry, title = "Sound Engineer" }, poster.Access)).Expect(HttpStatusCode.OK);
        var anything = await WithPreference(new { industry });
        var sameType = await WithPreference(new { industry, employment_type = "contract", work_type = "remote", experience_level = "mid" });
        var otherType = await WithPreference(new { industry, employment_type = "internship" });
        var otherWork = await WithPreference(new { industry, work_type = "onsite" });
        var otherLevel = await WithPreference(new { industry, experience_level = "entry" });
        var sharedWord = await WithPreference(new { industry, title = "audio ENGINEER" });
        var containedTitle = await WithPreference(new { industry, title = "sound eng" });
        var otherTitle = await WithPreference(new { industry, title = "Actor" });
        var commonWordOnly = await WithPreference(new { industry, title = "Head of Lights and Cameras" });
        var otherIndustry = await WithPreference(new { industry = "sports", title = "Sound Engineer" });

        var jobId = await Post(poster, "Sound Engineer and Mixer", employmentType: "contract", workType: "remote", experienceLevel: "mid");
        var job = await _app.Services.GetRequiredService<JobService>().FindAsync(jobId);
        var matched = new List<long>();
        await foreach (var id in _app.Services.GetRequiredService<JobPreferenceService>().MatchingUsersAsync(job!)) matched.Add(id);

        Assert.Subset(matched.ToHashSet(), new[] { anything, sameType, sharedWord, containedTitle }.Select(u => u.Id).ToHashSet());
        Assert.DoesNotContain(poster.Id, matched);
        foreach (var user in new[] { otherType, otherWork, otherLevel, otherTitle, commonWordOnly, otherIndustry })
            Assert.DoesNotContain(user.Id, matched);

        // The worker stores exactly those (the poster included among the refused), once it has run.
        await _app.Services.GetRequiredService<JobNotificationHandler>()
            .HandleAsync(new QueueMessage(QueueNames.JobNotifications, JobService.NotificationId(jobId), jobId.ToString(), 1), CancellationToken.None);
        Assert.NotNull(await Stored(anything.Id, jobId));
        Assert.NotNull(await Stored(containedTitle.Id, jobId));
        Assert.Null(await Stored(poster.Id, jobId));
        Assert.Null(await Stored(otherTitle.Id, jobId));
    }

    [Theory]
    [InlineData("Backend Developer", "Senior Backend Developer (Go)", true)]
    [InlineData("backend", "Senior Backend Developer", true)]
    [InlineData("Developer Advocate", "Backend Developer", true)]
    [InlineData("", "Anything", true)]
    [InlineData("QA", "QA Analyst", true)]
    [InlineData("Go Dev", "Go Engineer", false)]
    [InlineData("Designer", "Backend Developer", false)]
    [InlineData("Sales and Marketing", "Research and Development", false)]
    public void Titles_match_by_containment_or_a_shared_word_of_three_letters(string preference, string job, bool matches) =>
        Assert.Equal(matches, JobPreferenceService.TitleMatches(preference, job));

    [Fact]
    public async Task A_message_that_names_no_job_fails_so_that_it_is_retried_and_then_dead_lettered()
    {
        var handler = _app.Services.GetRequiredService<JobNotificationHandler>();
        await Assert.ThrowsAsync<FormatException>(() =>
            handler.HandleAsync(new QueueMessage(QueueNames.JobNotifications, "job:x", "not-a-job", 1), CancellationToken.None));
        // The message is sent just before its job is stored: a job not stored yet fails the delivery, to be retried.
        await Assert.ThrowsAsync<JobNotStoredException>(() =>
            handler.HandleAsync(new QueueMessage(QueueNames.JobNotifications, "job:987654321", "987654321", 1), CancellationToken.None));
    }

    [Fact]
    public async Task A_message_that_arrives_just_before_its_job_is_stored_still_notifies()
    {
        var poster = await Poster("agriculture");
        var farmer = await WithPreference(new { industry = "agriculture", title = "Farm Hand" });
        var jobId = await Post(poster, "Farm Hand");
        await Eventually.True(async () => await Stored(farmer.Id, jobId) is not null, "the farmer was not notified", Arrival);

        // As if the message came before the job's write: take the job and the notification away, put the job back later.
        var key = jobId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var job = (await _app.Store.ReadAsync<Job>(Containers.Jobs, key, key))!.Document;
        await _app.Store.DeleteAsync(Containers.Jobs, key, key);
        await _app.Store.DeleteAsync(Containers.Notifications, JobService.NotificationId(jobId), JobNotificationHandler.PartitionOf(farmer.Id));
        var handler = _app.Services.GetRequiredService<JobNotificationHandler>();
        var handling = handler.HandleAsync(new QueueMessage(QueueNames.JobNotifications, JobService.NotificationId(jobId), key, 1), CancellationToken.None);
        await Task.Delay(300);
        Assert.False(handling.IsCompleted);
        await _app.Store.TryCreateAsync(Containers.Jobs, job, key);
        await handling;
        Assert.NotNull(await Stored(farmer.Id, jobId));
    }

}
