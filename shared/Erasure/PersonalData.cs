using CareerNexus.Accounts;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Erasure;

/// <summary>
/// What one feature keeps of an account, and how it erases it when the account is deleted: the erasure worker runs every
/// feature's, in <see cref="Order"/>, while the account document still exists, and again on a redelivery, so each must
/// change nothing twice. What a feature keeps for others (a conversation's messages, an employer's application records)
/// it keeps anonymised rather than erased; the README's account deletion section says what and why.
/// </summary>
public interface IPersonalData
{
    /// <summary>Lower first: organizations before the jobs they close, content before the account's handles.</summary>
    int Order { get; }

    Task EraseAsync(Account account, CancellationToken ct);
}

/// <summary>Helpers the erasers share.</summary>
public static class Erasing
{
    /// <summary>Deletes every document of one partition (one account's own partition), a page at a time.</summary>
    public static async Task DeletePartitionAsync(this DocumentStore store, ContainerSpec spec, string partition, CancellationToken ct)
    {
        var path = spec.PartitionKeyPath.TrimStart('/');
        var query = new QueryDefinition($"SELECT VALUE c.id FROM c WHERE c.{path} = @partition").WithParameter("@partition", partition);
        foreach (var id in await store.QueryListAsync<string>(spec, query, partition, ct: ct))
            await store.DeleteAsync(spec, id, partition, ct: ct);
    }

    /// <summary>The names an erased account is shown with where a record of it stays (applications, jobs it posted).</summary>
    public const string DeletedName = "Deleted account";
}
