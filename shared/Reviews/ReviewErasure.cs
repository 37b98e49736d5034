using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Reviews;

/// <summary>
/// Reviews an erased account wrote stay with their rating and text (a company's ratings count them), showing a deleted
/// account as their author; reviews about it as a candidate, in its own partition, go with its ratings and leave the
/// platform's review count.
/// </summary>
public sealed class ReviewErasure(DocumentStore store, ReviewService reviews) : IPersonalData
{
    public int Order => 60;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        // Background work: reviews live in their targets' partitions.
        var written = new QueryDefinition("SELECT c.id, c.partition FROM c WHERE c.kind = @kind AND c.author.id = @author")
            .WithParameter("@kind", Review.Type).WithParameter("@author", account.UserId);
        foreach (var review in await store.QueryListAsync<Located>(Containers.Reviews, written, ct: ct))
            await store.PatchAsync<Review>(Containers.Reviews, review.Id, review.Partition,
                [PatchOperation.Set("/author", new ReviewAuthor(account.UserId, "", Erasing.DeletedName))], ct);
        await reviews.EraseAboutCandidateAsync(account.UserId, ct);
    }

    private sealed record Located(string Id, string Partition);
}
