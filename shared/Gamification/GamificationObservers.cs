using System.Globalization;
using CareerNexus.Applications;
using CareerNexus.Candidates;
using CareerNexus.Jobs;
using CareerNexus.Posts;

namespace CareerNexus.Gamification;

/// <summary>
/// Where gamification hears of the platform's events: the observer seams of applications, jobs, posts (the posts
/// queue's delivery) and candidate profiles, so none of those features knows of XP. Each event names its fact, so a
/// repeated call earns nothing twice.
/// </summary>
public sealed class GamificationObservers(GamificationService gamification)
    : IApplicationObserver, IJobPostingObserver, IPostObserver, ICandidateProfileObserver
{
    public Task AppliedAsync(ApplicationDocument application, CancellationToken ct = default) =>
        gamification.AwardAsync(application.CandidateId, ActivityTypes.ApplicationSubmitted, "application:" + Key(application.ApplicationId),
            application.AppliedAt, ct);

    public async Task StatusChangedAsync(ApplicationDocument application, CancellationToken ct = default)
    {
        var id = Key(application.ApplicationId);
        switch (application.Status)
        {
            case ApplicationStatuses.Interview:
                await gamification.AwardAsync(application.CandidateId, ActivityTypes.InterviewReached, "interview:" + id, application.UpdatedAt, ct);
                break;
            case ApplicationStatuses.Accepted:
                await gamification.AwardAsync(application.CandidateId, ActivityTypes.OfferAccepted, "offer:" + id, application.UpdatedAt, ct);
                await gamification.AwardAsync(application.PosterId, ActivityTypes.HireMade, "hire:" + id, application.UpdatedAt, ct);
                break;
        }
    }

    public Task TestSubmittedAsync(ApplicationDocument application, TestSubmission submission, CancellationToken ct = default) =>
        gamification.AwardAsync(application.CandidateId, ActivityTypes.TestSubmitted, "test:" + Key(application.ApplicationId), submission.SubmittedAt, ct);

    public Task JobClosedAsync(Job job, CancellationToken ct = default) => Task.CompletedTask;

    public Task JobPostedAsync(Job job, CancellationToken ct = default) =>
        gamification.AwardAsync(job.PosterId, ActivityTypes.JobPosted, "job:" + Key(job.JobId), job.CreatedAt, ct);

    public Task PostPublishedAsync(Post post, CancellationToken ct) =>
        gamification.AwardAsync(post.AuthorId, ActivityTypes.PostCreated, "post:" + Key(post.PostId), post.CreatedAt, ct);

    public Task ProfileChangedAsync(CandidateProfile profile, CancellationToken ct) => gamification.ProfileChangedAsync(profile, ct);

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
