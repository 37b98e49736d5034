using CareerNexus.Storage;

namespace CareerNexus.Matching;

/// <summary>
/// The stored score of a pair, one point read in the job's partition. Apart from <see cref="MatchingService"/> so that
/// features which show scores (applications) do not depend on the calculator, which tells them of changes.
/// </summary>
public sealed class StoredMatchScores(DocumentStore store) : IMatchScores
{
    public async Task<double?> ScoreAsync(long jobId, long candidateId, CancellationToken ct = default) =>
        (await store.ReadAsync<MatchScore>(Containers.JobMatches, MatchScore.IdOf(jobId, candidateId), MatchScore.JobPartition(jobId), ct))
        ?.Document.Score;
}
