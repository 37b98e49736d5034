using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Matching;

/// <summary>
/// An erased candidate leaves the match index first (so that no scan finds them again), then their stored matches (both
/// copies, which carry their names and picture) go.
/// </summary>
public sealed class MatchErasure(DocumentStore store, MatchIndex index) : IPersonalData
{
    public int Order => 30;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        await index.EraseAsync(MatchOwner.Candidate(account.UserId), ct);
        var partition = MatchScore.CandidatePartition(account.UserId);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.partition = @partition").WithParameter("@partition", partition);
        foreach (var match in await store.QueryListAsync<MatchScore>(Containers.JobMatches, query, partition, ct: ct))
        {
            await store.DeleteAsync(Containers.JobMatches, match.Id, MatchScore.JobPartition(match.JobId), ct: ct);
            await store.DeleteAsync(Containers.JobMatches, match.Id, partition, ct: ct);
        }
    }
}
