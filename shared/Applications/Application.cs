using System.Globalization;

namespace CareerNexus.Applications;

/// <summary>
/// Document 003's application statuses and their transitions. Beside the document's six, <see cref="Cancelled"/> is what
/// a job's closing does to its pending applications: no transition leads out of it, and recruiters cannot set it.
/// </summary>
public static class ApplicationStatuses
{
    public const string Pending = "pending";
    public const string Reviewed = "reviewed";
    public const string Shortlisted = "shortlisted";
    public const string Interview = "interview";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> All = [Pending, Reviewed, Shortlisted, Interview, Accepted, Rejected, Cancelled];

    /// <summary>Where each status may go next; any status but these two ends may be rejected.</summary>
    public static IReadOnlyList<string> AllowedFrom(string status) => status switch
    {
        Pending => [Reviewed, Rejected],
        Reviewed => [Shortlisted, Rejected],
        Shortlisted => [Interview, Rejected],
        Interview => [Accepted, Rejected],
        Accepted => [Rejected],
        _ => [],
    };
}

/// <summary>The candidate as the application shows them, copied when they apply.</summary>
public sealed record ApplicantSnapshot(long Id, string Username, string FullName, string? ProfilePicture);

/// <summary>A status change, kept on the application (capped at <see cref="ApplicationDocument.MaxHistory"/>).</summary>
public sealed record StatusChange(string From, string To, string Notes, long? ChangedBy, DateTimeOffset At);

/// <summary>The test submission an application links to, as the recruiter's list shows it.</summary>
public sealed record SubmissionLink(long Id, int Score);

/// <summary>
/// An application, stored twice in the applications container: in its job's partition ("job:{id}", the recruiter's
/// list and the source of truth) and copied into its candidate's ("candidate:{id}", "my applications"), under the
/// same id, one per job and candidate ("job:{jobId}:candidate:{candidateId}"): two racing applies create one. Each
/// change of the job's copy raises <see cref="Version"/>, and the candidate's copy takes a newer version only. The job's
/// title and company name and the candidate's details are copied when the candidate applies.
/// </summary>
public sealed record ApplicationDocument
{
    public const string Type = "application";
    public const int MaxHistory = 50;

    public string Id { get; init; } = "";
    public string Partition { get; init; } = "";
    public string Kind { get; init; } = Type;
    public long ApplicationId { get; init; }
    public long JobId { get; init; }
    public long CandidateId { get; init; }
    public long PosterId { get; init; }
    public long CompanyId { get; init; }
    public string JobTitle { get; init; } = "";
    public string CompanyName { get; init; } = "";
    public ApplicantSnapshot Candidate { get; init; } = null!;
    public string CoverLetter { get; init; } = "";
    public string Status { get; init; } = ApplicationStatuses.Pending;
    public string Notes { get; init; } = "";
    public double? MatchScore { get; init; }

    /// <summary>The match score for ordering: unscored applications sort below every score.</summary>
    public double MatchOrder { get; init; } = -1;

    public SubmissionLink? TestSubmission { get; init; }
    public List<StatusChange> History { get; init; } = [];
    public DateTimeOffset AppliedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    /// <summary>True once every step of the apply (copy, index, counter, notification, conversation) is done.</summary>
    public bool Settled { get; init; }

    public static string KeyOf(long jobId, long candidateId) =>
        string.Create(CultureInfo.InvariantCulture, $"job:{jobId}:candidate:{candidateId}");

    public static string JobPartition(long jobId) => "job:" + jobId.ToString(CultureInfo.InvariantCulture);
    public static string CandidatePartition(long candidateId) => "candidate:" + candidateId.ToString(CultureInfo.InvariantCulture);

    public ApplicationDocument InCandidatePartition() => this with { Partition = CandidatePartition(CandidateId) };

    public ApplicationDocument Scored(double? score) => this with { MatchScore = score, MatchOrder = score ?? -1 };
}

/// <summary>Finds an application by its number alone: "application:{id}" (its own partition) names its job and candidate.</summary>
public sealed record ApplicationIndex(string Id, string Partition, long ApplicationId, long JobId, long CandidateId)
{
    public static string KeyOf(long applicationId) => "application:" + applicationId.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A candidate's application as they send it.</summary>
public sealed record NewApplication(long? Job, string? CoverLetter);

/// <summary>A recruiter's change of an application's status.</summary>
public sealed record StatusUpdate(string? Status, string? Notes);

/// <summary>The filters and order of the lists; validated by the service.</summary>
public sealed record ApplicationFilter(string? Status, long? Job, string? Ordering);

/// <summary>
/// Told of what happens to applications, for features that react to it (test assignments, gamification), so the
/// applications feature knows nothing of them. Each call may come again for the same fact (a retried request finishes
/// what a stopped one left), so observers change nothing twice.
/// </summary>
public interface IApplicationObserver
{
    /// <summary>A candidate applied (called until the apply is settled).</summary>
    Task AppliedAsync(ApplicationDocument application, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>A recruiter moved the application to <see cref="ApplicationDocument.Status"/> (called again when the same change is sent again).</summary>
    Task StatusChangedAsync(ApplicationDocument application, CancellationToken ct = default) => Task.CompletedTask;

    /// <summary>The candidate submitted the job's test (called again when the same answers are sent again).</summary>
    Task TestSubmittedAsync(ApplicationDocument application, TestSubmission submission, CancellationToken ct = default) => Task.CompletedTask;
}
