using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Verification;

/// <summary>
/// An erased account's live codes, links and grants go (activation links and verification codes carry its address), and
/// so do the mails still in the outbox to its address.
/// </summary>
public sealed class VerificationErasure(DocumentStore store) : IPersonalData
{
    public int Order => 70;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        // Background work: the records name the account by user_id whatever their id (digests of their secrets).
        var records = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.user_id = @user").WithParameter("@user", account.UserId);
        foreach (var id in await store.QueryListAsync<string>(Containers.Verifications, records, ct: ct))
            await store.DeleteAsync(Containers.Verifications, id, id, ct: ct);
        var mails = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.to = @to").WithParameter("@to", account.Email);
        foreach (var id in await store.QueryListAsync<string>(Containers.Outbox, mails, ct: ct))
            await store.DeleteAsync(Containers.Outbox, id, id, ct: ct);
    }
}
