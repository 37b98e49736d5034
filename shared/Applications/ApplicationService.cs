using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Candidates;
using CareerNexus.Common;
using CareerNexus.Jobs;
using CareerNexus.Matching;
using CareerNexus.Messaging;
using CareerNexus.Notifications;
using CareerNexus.Statistics;
using CareerNexus.Storage;
using CareerNexus.Subscriptions;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Applications;

/// <summary>
/// Applications to Recruitment jobs (document 003). An apply claims the application's deterministic id in the job's
/// partition, so of two racing applies one creates it and the other is a 409; the rest of the apply (the index by
/// number, the candidate's copy, the job's counter, the conversation, the recruiter's notification, the matching
/// request) is idempotent and marked done on the application, and a later duplicate finishes what a failed apply left.
/// </summary>
public sealed class ApplicationService(DocumentStore store, IdAllocator ids, JobService jobs, JobAccess access, CountOnce counts, PlanQuotas quotas,
    NotificationService notifications, ConversationService conversations, IMatchRequests matchRequests, IMatchScores scores,
    PlatformStatistics statistics, IEnumerable<IApplicationObserver> observers, TimeProvider clock)
    : IJobPostingObserver, IMatchScoreObserver
{
    public const int MaxCoverLetterLength = 10_000;
    public const int MaxNotesLength = 2_000;

    /// <summary>The orderings of a job's applications; the default is the newest first.</summary>
    public static readonly IReadOnlyDictionary<string, string> JobOrderings = new Dictionary<string, string>
    {
        ["match_score"] = "c.match_order ASC", ["-match_score"] = "c.match_order DESC",
        ["applied_at"] = "c.applied_at ASC", ["-applied_at"] = "c.applied_at DESC",
    };

    private const int CancelBatch = 100;

    public async Task<ApplicationDocument> ApplyAsync(Account candidate, NewApplication request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (request.Job is null) errors.Add("job", "This field is required.");
        var coverLetter = request.CoverLetter?.Trim() ?? "";
        if (coverLetter.Length > MaxCoverLetterLength) errors.Add("cover_letter", $"Ensure this field has no more than {MaxCoverLetterLength} characters.");
        errors.ThrowIfAny();
        if (candidate.RecruitmentRole != RecruitmentRoles.Candidate) throw PlatformException.Forbidden("Only candidates can apply for jobs.");
        var userKey = Key(candidate.UserId);
        if (await store.ReadAsync<CandidateProfile>(Containers.CandidateProfiles, userKey, userKey, ct) is null)
            throw PlatformException.Forbidden("Create your candidate profile before applying.");

        var jobId = request.Job!.Value;
        var job = await jobs.FindAsync(jobId, ct);
        if (job?.Posting is null) throw Field("job", $"Invalid pk \"{jobId}\" - object does not exist.");
        if (!job.Posting.IsActive) throw Field("job", "This job is no longer accepting applications.");

        var key = ApplicationDocument.KeyOf(jobId, candidate.UserId);
        var partition = ApplicationDocument.JobPartition(jobId);
        if ((await store.ReadAsync<ApplicationDocument>(Containers.Applications, key, partition, ct))?.Document is { } earlier)
            throw await AlreadyAppliedAsync(earlier, ct);

        // The fact is the job and candidate, not the attempt: a retried or racing apply takes no second unit.
        await quotas.TakeAsync(candidate.UserId, QuotaKind.Applications, "application:" + key, ct);
        var now = clock.GetUtcNow();
        var application = new ApplicationDocument
        {
            Id = key, Partition = partition, ApplicationId = await ids.NextAsync("applications", ct), JobId = jobId, CandidateId = candidate.UserId,
            PosterId = job.PosterId, CompanyId = job.Posting.CompanyId, JobTitle = job.Title, CompanyName = job.Organization,
            Candidate = new ApplicantSnapshot(candidate.UserId, candidate.Username, candidate.FullName(), candidate.Avatar),
            CoverLetter = coverLetter, AppliedAt = now, UpdatedAt = now, Version = 1,
        }.Scored(await scores.ScoreAsync(jobId, candidate.UserId, ct));
        if (!await store.TryCreateAsync(Containers.Applications, application, partition, ct))
        {
            var winner = (await store.ReadAsync<ApplicationDocument>(Containers.Applications, key, partition, ct))?.Document;
            throw winner is null ? PlatformException.Conflict("The application is changing, try again.") : await AlreadyAppliedAsync(winner, ct);
        }
        return await SettleAsync(application, ct);
    }

    /// <summary>The candidate's applications, newest first, from their own partition.</summary>
    public async Task<Page<ApplicationDocument>> MyApplicationsAsync(Account candidate, ApplicationFilter filter, PageRequest page, CancellationToken ct = default)
    {
        CheckStatus(filter.Status);
        if (candidate.RecruitmentRole != RecruitmentRoles.Candidate) throw PlatformException.Forbidden("Only candidates have applications.");
        return await PageAsync(ApplicationDocument.CandidatePartition(candidate.UserId), filter.Status, filter.Job, "c.applied_at DESC", page, ct);
    }

    /// <summary>A job's applications, for its recruiter or an admin of its company, from the job's partition.</summary>
    public async Task<Page<ApplicationDocument>> JobApplicationsAsync(long userId, long jobId, ApplicationFilter filter, PageRequest page,
        CancellationToken ct = default)
    {
        CheckStatus(filter.Status);
        var orderBy = JobOrderings.GetValueOrDefault(filter.Ordering ?? "-applied_at")
                      ?? throw Field("ordering", $"Select a valid choice. {filter.Ordering} is not one of the available choices: {string.Join(", ", JobOrderings.Keys)}.");
        await access.ManagedJobAsync(userId, jobId, ct);
        return await PageAsync(ApplicationDocument.JobPartition(jobId), filter.Status, null, orderBy, page, ct);
    }

    /// <summary>
    /// Moves an application along document 003's transitions, keeping the change in its history, and tells the
    /// candidate. The same change sent again (a retry) changes nothing and answers the application as it is.
    /// </summary>
    public async Task<ApplicationDocument> ChangeStatusAsync(long userId, long applicationId, StatusUpdate update, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var status = update.Status?.Trim() ?? "";
        var notes = update.Notes?.Trim();
        if (status.Length == 0) errors.Add("status", "This field is required.");
        else if (!ApplicationStatuses.All.Contains(status) || status == ApplicationStatuses.Cancelled)
            errors.Add("status", $"\"{status}\" is not a valid choice.");
        if (notes?.Length > MaxNotesLength) errors.Add("notes", $"Ensure this field has no more than {MaxNotesLength} characters.");
        errors.ThrowIfAny();

        var current = await FindAsync(applicationId, ct) ?? throw PlatformException.NotFound("Application not found.");
        if (!await access.MayManageAsync(userId, current.PosterId, current.CompanyId, ct))
            throw PlatformException.Forbidden("Only the job's recruiter or an admin of its company may change this application.");
        var now = clock.GetUtcNow();
        var changed = await store.ReplaceAsync<ApplicationDocument>(Containers.Applications, current.Id, current.Partition, doc =>
        {
            if (doc.Status == status && doc.History.LastOrDefault() is { } last && last.To == status && last.ChangedBy == userId
                && last.Notes == (notes ?? doc.Notes)) return doc;
            var allowed = ApplicationStatuses.AllowedFrom(doc.Status);
            if (!allowed.Contains(status))
                throw Field("status", allowed.Count == 0
                    ? $"An application that is {doc.Status} cannot change status."
                    : $"Cannot change status from {doc.Status} to {status}. Allowed: {string.Join(", ", allowed)}.");
            return Moved(doc, status, notes ?? doc.Notes, userId, now);
        }, ct) ?? throw PlatformException.NotFound("Application not found.");

        await MirrorAsync(changed, ct);
        if (changed.Status == ApplicationStatuses.Accepted)
        {
            var recruiter = Key(changed.PosterId);
            await counts.CountAsync("hire:" + Key(changed.ApplicationId),
                [new CounterTarget(Containers.RecruiterProfiles, recruiter, recruiter, [("/total_hires", 1)])], ct);
        }
        await NotifyCandidateAsync(changed, ct);
        foreach (var observer in observers) await observer.StatusChangedAsync(changed, ct);
        return changed;
    }

    /// <summary>
    /// Cancels the pending applications of a closed job and tells each candidate, a page of <see cref="CancelBatch"/>
    /// at a time in id order. Applications already cancelled are passed again, so that a call repeated after a failure
    /// finishes their copies and notifications (each of which is done once).
    /// </summary>
    public async Task JobClosedAsync(Job job, CancellationToken ct = default)
    {
        var partition = ApplicationDocument.JobPartition(job.JobId);
        var closedAt = job.Posting?.UpdatedAt ?? clock.GetUtcNow();
        for (var after = ""; ;)
        {
            var query = new QueryDefinition(
                    $"SELECT TOP {CancelBatch} * FROM c WHERE c.partition = @partition AND c.kind = @kind " +
                    "AND (c.status = @pending OR c.status = @cancelled) AND c.id > @after ORDER BY c.id")
                .WithParameter("@partition", partition).WithParameter("@kind", ApplicationDocument.Type)
                .WithParameter("@pending", ApplicationStatuses.Pending).WithParameter("@cancelled", ApplicationStatuses.Cancelled)
                .WithParameter("@after", after);
            var batch = await store.QueryListAsync<ApplicationDocument>(Containers.Applications, query, partition, take: CancelBatch, ct: ct);
            foreach (var application in batch)
            {
                var cancelled = application.Status == ApplicationStatuses.Cancelled ? application
                    : await store.ReplaceAsync<ApplicationDocument>(Containers.Applications, application.Id, partition, doc =>
                        doc.Status == ApplicationStatuses.Pending ? Moved(doc, ApplicationStatuses.Cancelled, doc.Notes, null, closedAt) : doc, ct);
                if (cancelled?.Status != ApplicationStatuses.Cancelled) continue;
                await MirrorAsync(cancelled, ct);
                await NotifyCandidateAsync(cancelled, ct);
            }
            if (batch.Count < CancelBatch) return;
            after = batch[^1].Id;
        }
    }

    Task IMatchScoreObserver.ScoreChangedAsync(MatchScore match, CancellationToken ct) => ScoreChangedAsync(match.JobId, match.CandidateId, match.Score, ct);

    /// <summary>A stored match score changed: both copies of the application (if the candidate applied) show it.</summary>
    public async Task ScoreChangedAsync(long jobId, long candidateId, double score, CancellationToken ct = default)
    {
        var key = ApplicationDocument.KeyOf(jobId, candidateId);
        var partition = ApplicationDocument.JobPartition(jobId);
        var stored = (await store.ReadAsync<ApplicationDocument>(Containers.Applications, key, partition, ct))?.Document;
        if (stored is null || stored.MatchScore == score) return;
        var changed = await store.ReplaceAsync<ApplicationDocument>(Containers.Applications, key, partition,
            doc => doc.MatchScore == score ? doc : doc.Scored(score) with { Version = doc.Version + 1 }, ct);
        if (changed is not null) await MirrorAsync(changed, ct);
    }

    /// <summary>Whether the candidate applied to any job of the company (whatever became of it): one query of the candidate's partition.</summary>
    public async Task<bool> HasAppliedToCompanyAsync(long candidateId, long companyId, CancellationToken ct = default)
    {
        var partition = ApplicationDocument.CandidatePartition(candidateId);
        var found = await store.QueryListAsync<string>(Containers.Applications,
            new QueryDefinition("SELECT TOP 1 VALUE c.id FROM c WHERE c.partition = @partition AND c.kind = @kind AND c.company_id = @company")
                .WithParameter("@partition", partition).WithParameter("@kind", ApplicationDocument.Type).WithParameter("@company", companyId),
            partition, take: 1, ct: ct);
        return found.Count > 0;
    }

    /// <summary>The application with this number, from the job's copy, or null.</summary>
    public async Task<ApplicationDocument?> FindAsync(long applicationId, CancellationToken ct = default)
    {
        if (applicationId <= 0) return null;
        var indexKey = ApplicationIndex.KeyOf(applicationId);
        var index = (await store.ReadAsync<ApplicationIndex>(Containers.Applications, indexKey, indexKey, ct))?.Document;
        if (index is null) return null;
        var application = (await store.ReadAsync<ApplicationDocument>(Containers.Applications,
            ApplicationDocument.KeyOf(index.JobId, index.CandidateId), ApplicationDocument.JobPartition(index.JobId), ct))?.Document;
        // An index left by an apply that lost its race names an application that was never stored under that number.
        return application?.ApplicationId == applicationId ? application : null;
    }

    /// <summary>Changes the job's copy (ETag-guarded, raising its version) and then the candidate's.</summary>
    public async Task<ApplicationDocument> ChangeAsync(ApplicationDocument application, Func<ApplicationDocument, ApplicationDocument> change,
        CancellationToken ct = default)
    {
        var changed = await store.ReplaceAsync<ApplicationDocument>(Containers.Applications, application.Id, application.Partition, doc =>
            change(doc) is var next && next == doc ? doc : next with { Version = doc.Version + 1 }, ct)
                      ?? throw PlatformException.NotFound("Application not found.");
        await MirrorAsync(changed, ct);
        return changed;
    }

    private async Task<PlatformException> AlreadyAppliedAsync(ApplicationDocument earlier, CancellationToken ct)
    {
        if (!earlier.Settled) await SettleAsync(earlier, ct);
        return PlatformException.Conflict("You have already applied for this job.");
    }

    private async Task<ApplicationDocument> SettleAsync(ApplicationDocument application, CancellationToken ct)
    {
        var indexKey = ApplicationIndex.KeyOf(application.ApplicationId);
        await store.TryCreateAsync(Containers.Applications,
            new ApplicationIndex(indexKey, indexKey, application.ApplicationId, application.JobId, application.CandidateId), indexKey, ct);
        await MirrorAsync(application, ct);
        var jobKey = Key(application.JobId);
        await counts.CountAsync("application:" + Key(application.ApplicationId),
            [new CounterTarget(Containers.Jobs, jobKey, jobKey, [("/application_count", 1)])], ct);
        await statistics.CountAsync("application:" + Key(application.ApplicationId), [(Figures.Applications, 1)], ct);
        try
        {
            await conversations.StartOrGetConversationAsync(application.CandidateId, application.PosterId, ct);
        }
        catch (PlatformException e) when (e.Kind is ErrorKind.NotFound or ErrorKind.Invalid)
        {
            // A recruiter whose account is gone (or who applies to their own job) has no one to talk to; the application stands.
        }
        await notifications.NotifyAsync(new NewNotification(application.PosterId, $"application:{application.ApplicationId}:received",
            NotificationKinds.ApplicationReceived, "New Application",
            $"{application.Candidate.FullName} applied for '{application.JobTitle}'", "application", application.ApplicationId,
            Data(application)), ct);
        await matchRequests.ApplicationChangedAsync(application.JobId, application.CandidateId, application.ApplicationId, ct);
        foreach (var observer in observers) await observer.AppliedAsync(application, ct);
        await store.PatchAsync<ApplicationDocument>(Containers.Applications, application.Id, application.Partition,
            [PatchOperation.Set("/settled", true)], ct);
        return application with { Settled = true };
    }

    /// <summary>Brings the candidate's copy to the job's copy, unless it already holds that version or a newer one.</summary>
    private async Task MirrorAsync(ApplicationDocument source, CancellationToken ct)
    {
        var copy = source.InCandidatePartition();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var current = await store.ReadAsync<ApplicationDocument>(Containers.Applications, copy.Id, copy.Partition, ct);
            if (current is null)
            {
                if (await store.TryCreateAsync(Containers.Applications, copy, copy.Partition, ct)) return;
                continue;
            }
            if (current.Document.Version >= copy.Version) return;
            if (await store.TryReplaceAsync(Containers.Applications, copy.Id, copy, copy.Partition, current.ETag, ct)) return;
        }
        throw PlatformException.Conflict("The application is changing, try again.");
    }

    /// <summary>
    /// Tells the candidate of the status change; moving to interview also tells them an interview is being scheduled
    /// (document 003: "if status = 'interview', system can schedule interview"), once per application, since no
    /// transition leads back to it.
    /// </summary>
    private async Task NotifyCandidateAsync(ApplicationDocument application, CancellationToken ct)
    {
        var message = application.Status switch
        {
            ApplicationStatuses.Interview => $"Your application for '{application.JobTitle}' has moved to the interview stage",
            ApplicationStatuses.Cancelled => $"The job '{application.JobTitle}' was closed and your application was cancelled",
            _ => $"Your application for '{application.JobTitle}' has been {application.Status}",
        };
        // Named by the change itself (its time in the history), not the document's version, which a new match score also
        // raises: a retried change that lands after a rescoring is still the same event.
        var change = application.History.LastOrDefault(c => c.To == application.Status)?.At.ToUnixTimeMilliseconds() ?? application.Version;
        await notifications.NotifyAsync(new NewNotification(application.CandidateId,
            string.Create(CultureInfo.InvariantCulture, $"application:{application.ApplicationId}:status:{application.Status}:{change}"),
            NotificationKinds.ApplicationStatusChanged,
            "Application Status Updated", message, "application", application.ApplicationId, Data(application)), ct);
        if (application.Status == ApplicationStatuses.Interview)
            await notifications.NotifyAsync(new NewNotification(application.CandidateId, $"application:{application.ApplicationId}:interview",
                NotificationKinds.InterviewScheduled, "Interview Scheduled",
                $"{application.CompanyName} would like to interview you for '{application.JobTitle}'; the recruiter will contact you with a date",
                "application", application.ApplicationId, Data(application)), ct);
    }

    private async Task<Page<ApplicationDocument>> PageAsync(string partition, string? status, long? jobId, string orderBy, PageRequest page,
        CancellationToken ct)
    {
        var filter = (status is null ? "" : " AND c.status = @status") + (jobId is null ? "" : " AND c.job_id = @job");
        QueryDefinition Query(string select) =>
            new QueryDefinition($"{select} FROM c WHERE c.partition = @partition AND c.kind = @kind{filter} ORDER BY {orderBy}")
                .WithParameter("@partition", partition).WithParameter("@kind", ApplicationDocument.Type)
                .WithParameter("@status", status ?? "").WithParameter("@job", jobId ?? 0);
        var counting = store.QueryListAsync<string>(Containers.Applications, Query($"SELECT TOP {PageRequest.MaxReach} VALUE c.id"), partition,
            take: PageRequest.MaxReach, ct: ct);
        var reading = store.PartitionPageAsync<ApplicationDocument>(Containers.Applications, Query("SELECT *"), partition, 0, page, ct);
        var (matching, entries) = (await counting, await reading);
        return entries with { Total = matching.Count };
    }

    private static ApplicationDocument Moved(ApplicationDocument doc, string status, string notes, long? by, DateTimeOffset at) => doc with
    {
        Status = status, Notes = notes, UpdatedAt = at, Version = doc.Version + 1,
        History = doc.History.Append(new StatusChange(doc.Status, status, notes, by, at)).TakeLast(ApplicationDocument.MaxHistory).ToList(),
    };

    private static void CheckStatus(string? status)
    {
        if (status is not null && !ApplicationStatuses.All.Contains(status))
            throw Field("status", $"Select a valid choice. {status} is not one of the available choices.");
    }

    private static Dictionary<string, long> Data(ApplicationDocument a) => new() { ["application_id"] = a.ApplicationId, ["job_id"] = a.JobId };

    internal static PlatformException Field(string field, string message) =>
        PlatformException.InvalidFields(new Dictionary<string, string> { [field] = message });

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
