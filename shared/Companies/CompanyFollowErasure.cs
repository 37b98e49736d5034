using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Erasure;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Companies;

/// <summary>An erased account stops following companies, as an unfollow would (their follower counts settle).</summary>
public sealed class CompanyFollowErasure(DocumentStore store, CompanyFollowService follows) : IPersonalData
{
    public int Order => 50;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        var partition = DocumentKeys.UserPartition(account.UserId);
        var query = new QueryDefinition("SELECT VALUE c.company_id FROM c WHERE c.partition = @partition").WithParameter("@partition", partition);
        foreach (var companyId in await store.QueryListAsync<long>(Containers.CompanyFollows, query, partition, ct: ct))
        {
            try
            {
                await follows.UnfollowAsync(account.UserId, companyId, ct);
            }
            catch (PlatformException gone) when (gone.Kind == ErrorKind.NotFound)
            {
                // The company is gone: only the account's own edge is left.
            }
        }
        await store.DeletePartitionAsync(Containers.CompanyFollows, partition, ct);
    }
}
