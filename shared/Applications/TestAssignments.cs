using CareerNexus.Notifications;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Applications;

/// <summary>
/// test_assigned (document 003: "Test assigned to application"): an application is assigned its job's test when the
/// job has one. So a candidate is told once per application, whichever comes first: applying to a job that has a
/// test, or the recruiter defining the job's test while the application is open (pending, reviewed, shortlisted
/// or interview) and has no submission, in which case the notifications queue tells the job's applicants a page at a
/// time. Changing the test later tells no one again: each open application's test was already assigned.
/// </summary>
public sealed class TestAssignments(DocumentStore store, NotificationService notifications, NotificationFanOut fanOut)
    : IApplicationObserver, INotificationAudience
{
    public const string Audience = "job-test";

    private static readonly string[] OpenStatuses =
        [ApplicationStatuses.Pending, ApplicationStatuses.Reviewed, ApplicationStatuses.Shortlisted, ApplicationStatuses.Interview];

    public string Name => Audience;

    /// <summary>A recruiter defined the job's test: its open applicants are told through the queue.</summary>
    public Task TestDefinedAsync(long jobId, CancellationToken ct = default) => fanOut.StartAsync(Audience, jobId, ct);

    public async Task AppliedAsync(ApplicationDocument application, CancellationToken ct = default)
    {
        if (await store.ReadAsync<JobTest>(Containers.Applications, JobTest.Key, ApplicationDocument.JobPartition(application.JobId), ct) is not null)
            await notifications.NotifyAsync(Assigned(application), ct);
    }

    public async Task<AudiencePage> PageAsync(long jobId, string after, int size, CancellationToken ct)
    {
        var partition = ApplicationDocument.JobPartition(jobId);
        var query = new QueryDefinition(
                $"SELECT TOP {size} * FROM c WHERE c.partition = @partition AND c.kind = @kind AND c.id > @after " +
                "AND ARRAY_CONTAINS(@open, c.status) AND (NOT IS_DEFINED(c.test_submission) OR IS_NULL(c.test_submission)) ORDER BY c.id")
            .WithParameter("@partition", partition).WithParameter("@kind", ApplicationDocument.Type).WithParameter("@after", after)
            .WithParameter("@open", OpenStatuses);
        var page = await store.QueryListAsync<ApplicationDocument>(Containers.Applications, query, partition, take: size, ct: ct);
        return new AudiencePage(page.Select(Assigned).ToList(), page.Count == size ? page[^1].Id : null);
    }

    private static NewNotification Assigned(ApplicationDocument application) =>
        new(application.CandidateId, $"application:{application.ApplicationId}:test_assigned", NotificationKinds.TestAssigned, "Test Assigned",
            $"Complete the test for your application to '{application.JobTitle}'", "application", application.ApplicationId,
            new Dictionary<string, long>
            {
                ["application_id"] = application.ApplicationId,
                ["job_id"] = application.JobId,
            });
}
