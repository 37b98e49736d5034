using System.Globalization;
using CareerNexus.Notifications;
using CareerNexus.Storage;

namespace CareerNexus.Matching;

/// <summary>
/// new_job_match: told by the matching worker of every stored score that changed, it tells the candidate once per job
/// when their match reaches <see cref="Threshold"/>, for an open job they have not applied to. A score that drops and
/// rises again, or a redelivered recalculation, tells no one twice (the fact is the job and the candidate).
/// </summary>
public sealed class JobMatchNotifications(DocumentStore store, NotificationService notifications) : IMatchScoreObserver
{
    /// <summary>The match score (0-100) from which a candidate hears of a job.</summary>
    public const double Threshold = 70;

    public async Task ScoreChangedAsync(long jobId, long candidateId, double score, CancellationToken ct = default)
    {
        if (score < Threshold) return;
        var match = (await store.ReadAsync<MatchScore>(Containers.JobMatches, MatchScore.IdOf(jobId, candidateId), MatchScore.JobPartition(jobId), ct))
            ?.Document;
        if (match is not { JobIsActive: true, HasApplied: false }) return;
        await notifications.NotifyAsync(new NewNotification(candidateId, $"match:{jobId}:{candidateId}", NotificationKinds.NewJobMatch, "New Job Match",
            string.Create(CultureInfo.InvariantCulture, $"'{match.Job.Title}' at {match.Job.CompanyName} matches your profile ({score:0.#}%)"),
            "job", jobId, new Dictionary<string, long> { ["job_id"] = jobId, ["match_id"] = match.MatchId }), ct);
    }
}
