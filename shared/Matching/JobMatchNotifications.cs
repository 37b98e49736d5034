using System.Globalization;
using CareerNexus.Notifications;
using CareerNexus.Storage;

namespace CareerNexus.Matching;

/// <summary>
/// new_job_match: told by the matching worker of every stored score that changed, it tells the candidate once per job
/// when their match reaches <see cref="Threshold"/>, for an open job they have not applied to. A score that drops and
/// rises again, or a redelivered recalculation, tells no one twice (the fact is the job and the candidate).
/// </summary>
public sealed class JobMatchNotifications(NotificationService notifications) : IMatchScoreObserver
{
    /// <summary>The match score (0-100) from which a candidate hears of a job.</summary>
    public const double Threshold = 70;

    public async Task ScoreChangedAsync(MatchScore match, CancellationToken ct = default)
    {
        if (match.Score < Threshold || match is not { JobIsActive: true, HasApplied: false }) return;
        var (jobId, candidateId) = (match.JobId, match.CandidateId);
        await notifications.NotifyAsync(new NewNotification(candidateId, $"match:{jobId}:{candidateId}", NotificationKinds.NewJobMatch, "New Job Match",
            string.Create(CultureInfo.InvariantCulture, $"'{match.Job.Title}' at {match.Job.CompanyName} matches your profile ({match.Score:0.#}%)"),
            "job", jobId, new Dictionary<string, long> { ["job_id"] = jobId, ["match_id"] = match.MatchId }), ct);
    }
}
