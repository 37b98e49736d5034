using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Assistant;

/// <summary>An erased account's conversations go: those it started and those about its profile (their answers hold its resume's facts).</summary>
public sealed class AssistantErasure(DocumentStore store) : IPersonalData
{
    public int Order => 45;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        // Background work: threads are found by the accounts they name, whatever their ids (digests of their secrets).
        var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.caller_id = @user OR c.subject_user_id = @user").WithParameter("@user", account.UserId);
        foreach (var id in await store.QueryListAsync<string>(Containers.AssistantThreads, query, ct: ct))
            await store.DeleteAsync(Containers.AssistantThreads, id, id, ct: ct);
    }
}
