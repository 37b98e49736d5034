using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Storage;

namespace CareerNexus.Notifications;

/// <summary>An erased account's notifications and job notifications (its own partition) go.</summary>
public sealed class NotificationErasure(DocumentStore store) : IPersonalData
{
    public int Order => 60;

    public Task EraseAsync(Account account, CancellationToken ct) =>
        store.DeletePartitionAsync(Containers.Notifications, DocumentKeys.UserPartition(account.UserId), ct);
}
