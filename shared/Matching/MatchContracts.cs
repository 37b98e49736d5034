namespace CareerNexus.Matching;

/// <summary>
/// Asks for stored match scores to be recalculated after a change of their inputs. The matching feature answers
/// through a queue of its own; callers never score on their request path.
/// </summary>
public interface IMatchRequests
{
    Task JobChangedAsync(long jobId, CancellationToken ct = default);
    Task CandidateChangedAsync(long candidateId, CancellationToken ct = default);

    /// <summary>A candidate applied to a job (or the application ended): stored matches show has_applied.</summary>
    Task ApplicationChangedAsync(long jobId, long candidateId, long? applicationId, CancellationToken ct = default);
}

/// <summary>The current stored score of a candidate for a job, for features that show it (applications).</summary>
public interface IMatchScores
{
    Task<double?> ScoreAsync(long jobId, long candidateId, CancellationToken ct = default);
}

/// <summary>Told by the matching worker when a stored score changed (the match as written), so copies of it (on applications) follow.</summary>
public interface IMatchScoreObserver
{
    Task ScoreChangedAsync(MatchScore match, CancellationToken ct = default);
}
