using System.Globalization;
using CareerNexus.Queues;
using CareerNexus.Realtime;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Jobs;

/// <summary>A job notification as stored for one account, in its partition ("user:{id}") of the notifications container.</summary>
public sealed record JobNotification(string Id, string Partition, string Kind, long UserId, long JobId, string Title, string Organization,
    string Industry, DateTimeOffset CreatedAt, bool Read, bool Pushed);

/// <summary>
/// Handles the job-notifications queue (body: a job id): finds the accounts whose preference matches the job, stores a
/// notification for each, and pushes each an event on the job notifications hub. The stored notification has a
/// deterministic id ("job:{jobId}"), so a redelivered message stores nothing twice; it is marked pushed after its push,
/// so a redelivery pushes only to those not reached yet (a push may repeat only if the process stops between the push
/// and that mark, or the mark's write fails).
/// </summary>
public sealed class JobNotificationHandler(JobService jobs, JobPreferenceService preferences, DocumentStore store, IRealtimeNotifier notifier,
    TimeProvider clock) : IQueueHandler
{
    public const string Target = "job_notification";
    private const int Parallelism = 8;

    public string Queue => QueueNames.JobNotifications;

    public async Task HandleAsync(QueueMessage message, CancellationToken ct)
    {
        if (!long.TryParse(message.Body, NumberStyles.None, CultureInfo.InvariantCulture, out var jobId))
            throw new FormatException("The message body is not a job id.");
        var job = await FindStoredAsync(jobId, ct);
        await jobs.ListAsync(job, ct);
        var payload = Payload(job);
        await Parallel.ForEachAsync(preferences.MatchingUsersAsync(job, ct), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (userId, token) => await NotifyAsync(job, userId, payload, token));
    }

    /// <summary>
    /// Jobs are never deleted, and the message is sent just before its job is stored: a missing job is one not stored
    /// yet, so it is awaited briefly (Service Bus redelivers a failed message at once, which could use up its
    /// attempts within milliseconds), and then the delivery fails, to be retried or, if storing failed, dead-lettered.
    /// </summary>
    private async Task<Job> FindStoredAsync(long jobId, CancellationToken ct)
    {
        var job = await jobs.FindAsync(jobId, ct);
        for (var wait = 100; job is null && wait <= 1600; wait *= 2)
        {
            await Task.Delay(wait, ct);
            job = await jobs.FindAsync(jobId, ct);
        }
        return job ?? throw new JobNotStoredException(jobId);
    }

    private async Task NotifyAsync(Job job, long userId, object payload, CancellationToken ct)
    {
        var notification = new JobNotification(JobService.NotificationId(job.JobId), PartitionOf(userId), "job", userId, job.JobId, job.Title, job.Organization,
            job.Industry, clock.GetUtcNow(), Read: false, Pushed: false);
        if (!await store.TryCreateAsync(Containers.Notifications, notification, notification.Partition, ct))
        {
            var stored = await store.ReadAsync<JobNotification>(Containers.Notifications, notification.Id, notification.Partition, ct);
            if (stored?.Document.Pushed != false) return;
        }
        await notifier.SendToUserAsync(Hubs.JobNotifications, userId, Target, payload, ct);
        await store.PatchAsync<JobNotification>(Containers.Notifications, notification.Id, notification.Partition,
            [PatchOperation.Set("/pushed", true)], ct);
    }

    /// <summary>What a connected client receives: enough to show the job and fetch it.</summary>
    public static object Payload(Job job) => new
    {
        notification_id = JobService.NotificationId(job.JobId),
        job_id = job.JobId,
        title = job.Title,
        organization = job.Organization,
        industry = job.Industry,
        employment_type = job.EmploymentType,
        work_type = job.WorkType,
        experience_level = job.ExperienceLevel,
        country = job.Country,
        salary = job.Salary,
        posted_at = job.CreatedAt,
    };

    public static string PartitionOf(long userId) => DocumentKeys.UserPartition(userId);
}

public sealed class JobNotStoredException(long jobId) : Exception($"Job {jobId} is not stored (yet, or its creation failed)");
