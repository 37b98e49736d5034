using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Storage;

namespace CareerNexus.Subscriptions;

/// <summary>An erased account's subscription goes (its monthly usage, counts by account id only, expires with its months).</summary>
public sealed class SubscriptionErasure(DocumentStore store) : IPersonalData
{
    public int Order => 60;

    public Task EraseAsync(Account account, CancellationToken ct)
    {
        var key = Subscription.Key(account.UserId);
        return store.DeleteAsync(Containers.Subscriptions, key, key, ct: ct);
    }
}
