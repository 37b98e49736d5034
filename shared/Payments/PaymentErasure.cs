using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Payments;

/// <summary>
/// An erased account's payments stay (amounts, status, provider references: bookkeeping the platform must keep), with
/// the payer's mobile-money number, operator and country gone; the account id they carry names nobody any more.
/// </summary>
public sealed class PaymentErasure(DocumentStore store) : IPersonalData
{
    public int Order => 60;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        // Background work: each transaction is in a partition of its own.
        var query = new QueryDefinition("SELECT c.id, c.partition FROM c WHERE c.kind = @kind AND c.user_id = @user AND IS_DEFINED(c.phone_number) AND c.phone_number != null")
            .WithParameter("@kind", PaymentTransaction.KindName).WithParameter("@user", account.UserId);
        foreach (var transaction in await store.QueryListAsync<Located>(Containers.Payments, query, ct: ct))
            await store.PatchAsync<PaymentTransaction>(Containers.Payments, transaction.Id, transaction.Partition,
            [
                PatchOperation.Set<string?>("/phone_number", null), PatchOperation.Set<string?>("/operator", null), PatchOperation.Set<string?>("/country", null),
            ], ct);
    }

    private sealed record Located(string Id, string Partition);
}
