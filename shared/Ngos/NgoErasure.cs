using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Storage;

namespace CareerNexus.Ngos;

/// <summary>An erased NGO manager's claim goes; the NGO stays (an administrator may give it another manager), naming the manager by id only.</summary>
public sealed class NgoErasure(DocumentStore store) : IPersonalData
{
    public int Order => 60;

    public Task EraseAsync(Account account, CancellationToken ct) =>
        store.DeleteAsync(Containers.Ngos, NgoDocuments.ManagerKey(account.UserId), NgoDocuments.Catalog, ct: ct);
}
