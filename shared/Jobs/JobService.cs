using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Queues;
using CareerNexus.Reference;
using CareerNexus.Statistics;
using CareerNexus.Storage;

namespace CareerNexus.Jobs;

/// <summary>Job posts: creating them (which queues the notification of matching accounts), the poster's list, recommendations.</summary>
public sealed class JobService(DocumentStore store, IdAllocator ids, AccountService accounts, IMessageQueue queue, JobListings listings,
    PlatformStatistics statistics, TimeProvider clock)
{
    public const int MaxTitleLength = 200;
    public const int MaxOrganizationLength = 200;
    public const int MaxCountryLength = 100;
    public const int MaxSalaryLength = 100;
    public const int MaxOverviewLength = 2000;
    public const int MaxDescriptionLength = 10000;

    public async Task<Job> CreateAsync(long posterId, NewJob request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var title = Required(request.Title, "title", MaxTitleLength, errors);
        var organization = Required(request.Organization, "organization", MaxOrganizationLength, errors);
        var country = Required(request.Country, "country", MaxCountryLength, errors);
        var salary = Required(request.Salary, "salary", MaxSalaryLength, errors);
        var overview = Required(request.Overview, "overview", MaxOverviewLength, errors);
        var description = Required(request.Description, "description", MaxDescriptionLength, errors);
        var employmentType = Choices.Require("employment_type", request.EmploymentType, errors);
        var workType = Choices.Require("work_type", request.WorkType, errors);
        var experienceLevel = Choices.Require("experience_level", request.ExperienceLevel, errors);
        errors.ThrowIfAny();

        var poster = await accounts.GetAsync(posterId, ct);
        if (string.IsNullOrEmpty(poster.Industry))
            throw PlatformException.Invalid("Your profile has no industry. Set it with PATCH /user/profile-update/ before posting a job.");

        var jobId = await ids.NextAsync("jobs", ct);
        var job = new Job(Key(jobId), jobId, posterId, title, organization, employmentType!, workType!, country, salary, overview, description,
            poster.Industry, experienceLevel!, clock.GetUtcNow());
        return await PublishAsync(job, ct);
    }

    /// <summary>
    /// Queues the job's notification, stores the job and lists it: every surface's job goes this way. A job already
    /// stored under its id (a retried request) is kept as it was stored, and the rest is completed.
    /// </summary>
    public async Task<Job> PublishAsync(Job job, CancellationToken ct = default)
    {
        // Queued before the job is stored: a send that fails leaves no job behind that nobody would be told of,
        // and a message delivered before the job is stored is retried until it is. The job id is the message id,
        // so sending again for the same job notifies no one twice.
        await queue.SendAsync(QueueNames.JobNotifications, NotificationId(job.JobId), job.Id, ct);
        if (await store.TryCreateAsync(Containers.Jobs, job, job.Id, ct))
            // A Nexus job never closes, so it is open from now on; a Recruitment job counts as open with its posting's counters.
            await statistics.CountAsync("posted:" + job.Id, job.Posting is null ? [(Figures.Jobs, 1), (Figures.ActiveJobs, 1)] : [(Figures.Jobs, 1)], ct);
        else job = (await FindAsync(job.JobId, ct))!;
        await listings.AddAsync(job, ct);
        return job;
    }

    /// <summary>The id of a job's notification message, and of the notification each account is sent from it.</summary>
    public static string NotificationId(long jobId) => "job:" + Key(jobId);

    public async Task<Job?> FindAsync(long jobId, CancellationToken ct = default) =>
        jobId <= 0 ? null : (await store.ReadAsync<Job>(Containers.Jobs, Key(jobId), Key(jobId), ct))?.Document;

    /// <summary>The jobs the account posted, newest first.</summary>
    public Task<Page<Job>> PostedByAsync(long posterId, PageRequest page, CancellationToken ct = default) =>
        listings.PageAsync(JobListings.Poster(posterId), null, page, ct);

    /// <summary>Puts the job in its lists, for the notification's delivery: a request that stopped after storing it is completed.</summary>
    public Task ListAsync(Job job, CancellationToken ct) => listings.AddAsync(job, ct);

    /// <summary>Jobs in the account's industry posted by others, newest first; empty while the account has no industry.</summary>
    public async Task<Page<Job>> RecommendedForAsync(long userId, PageRequest page, CancellationToken ct = default)
    {
        var account = await accounts.GetAsync(userId, ct);
        if (string.IsNullOrEmpty(account.Industry)) return new Page<Job>([], 0, page);
        return await listings.PageAsync(JobListings.Industry(account.Industry), userId, page, ct);
    }

    private static string Required(string? value, string field, int maxLength, FieldErrors errors)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0) errors.Add(field, "This field is required.");
        else if (text.Length > maxLength) errors.Add(field, $"At most {maxLength} characters.");
        return text;
    }

    public static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
