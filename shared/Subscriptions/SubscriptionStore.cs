using CareerNexus.Common;
using CareerNexus.Payments;
using CareerNexus.Storage;

namespace CareerNexus.Subscriptions;

/// <summary>
/// Subscriptions as stored: the plan and quota period of an account (one point read; an account that never subscribed
/// has no document and is on the free plan), and the changes payments make. Every change is a conditional replace
/// on the document's ETag, and a payment's change carries its transaction id, so it is applied once.
/// </summary>
public sealed class SubscriptionStore(DocumentStore store, TimeProvider clock) : IPlanLimits, IPaymentFulfilment
{
    public async Task<Subscription?> FindAsync(long userId, CancellationToken ct = default)
    {
        var key = Subscription.Key(userId);
        return (await store.ReadAsync<Subscription>(Containers.Subscriptions, key, key, ct))?.Document;
    }

    public async Task<QuotaPeriod> CurrentAsync(long userId, CancellationToken ct = default) =>
        Subscription.PeriodOf(await FindAsync(userId, ct), clock.GetUtcNow());

    /// <summary>
    /// A completed payment's effect. A month of a plan extends the same plan while it is current, and otherwise starts
    /// it from the payment (a different plan starts at once; the rest of the earlier plan's month is not carried
    /// over). Credits add up.
    /// </summary>
    public async Task FulfilAsync(PaymentTransaction transaction, CancellationToken ct = default)
    {
        var key = await EnsureAsync(transaction.UserId, ct);
        await store.ReplaceAsync<Subscription>(Containers.Subscriptions, key, key, subscription =>
        {
            if (subscription.AppliedPayments.Contains(transaction.Id)) return subscription;
            var paidAt = transaction.CompletedAt ?? clock.GetUtcNow();
            if (transaction.Purpose == PaymentPurposes.Subscription && transaction.PlanId is { } planId && Plans.Find(planId) is { IsFree: false } plan)
            {
                if (subscription.PlanId == plan.Id && subscription.IsPaidAndCurrent(paidAt)) subscription.Months++;
                else
                {
                    subscription.PlanId = plan.Id;
                    subscription.StartDate = paidAt;
                    subscription.Months = 1;
                }
                if (subscription.PendingTransaction == transaction.Id)
                {
                    subscription.PendingPlanId = null;
                    subscription.PendingTransaction = null;
                }
            }
            else if (transaction.Purpose == PaymentPurposes.Credits) subscription.Credits += transaction.Credits ?? 0;
            subscription.AppliedPayments = subscription.AppliedPayments.Append(transaction.Id).TakeLast(Subscription.AppliedPaymentsKept).ToList();
            subscription.UpdatedAt = clock.GetUtcNow();
            return subscription;
        }, ct);
    }

    public async Task<bool> SpendCreditAsync(long userId, string factId, CancellationToken ct = default)
    {
        // One read answers the common cases (no subscription, no credits) without a write.
        var found = await FindAsync(userId, ct);
        if (found is null || (found.Credits < 1 && !found.CreditSpends.Contains(factId))) return false;
        var spent = false;
        var key = Subscription.Key(userId);
        await store.ReplaceAsync<Subscription>(Containers.Subscriptions, key, key, subscription =>
        {
            spent = subscription.CreditSpends.Contains(factId);
            if (spent || subscription.Credits < 1) return subscription;
            subscription.Credits--;
            subscription.CreditSpends = subscription.CreditSpends.Append(factId).TakeLast(Subscription.CreditSpendsKept).ToList();
            subscription.UpdatedAt = clock.GetUtcNow();
            spent = true;
            return subscription;
        }, ct);
        return spent;
    }

    public async Task RefundCreditAsync(long userId, string factId, CancellationToken ct = default)
    {
        if ((await FindAsync(userId, ct))?.CreditSpends.Contains(factId) != true) return;
        var key = Subscription.Key(userId);
        await store.ReplaceAsync<Subscription>(Containers.Subscriptions, key, key, subscription =>
        {
            if (!subscription.CreditSpends.Remove(factId)) return subscription;
            subscription.Credits++;
            subscription.UpdatedAt = clock.GetUtcNow();
            return subscription;
        }, ct);
    }

    /// <summary>The free plan, at once. A paid plan still running is not cut short: its end returns the account to Free.</summary>
    public async Task<Subscription> ActivateFreeAsync(long userId, CancellationToken ct = default)
    {
        var key = await EnsureAsync(userId, ct);
        return (await store.ReplaceAsync<Subscription>(Containers.Subscriptions, key, key, subscription =>
        {
            var now = clock.GetUtcNow();
            if (subscription.IsPaidAndCurrent(now))
                throw PlatformException.Conflict("Paid plan running", $"Your {subscription.Plan.Name} plan runs until "
                    + $"{subscription.EndDate!.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC; the account returns to the Free plan when it ends.");
            if (subscription.PlanId == Plans.Free.Id && subscription.PendingTransaction is null) return subscription;
            subscription.PlanId = Plans.Free.Id;
            subscription.StartDate = now;
            subscription.Months = 0;
            subscription.PendingPlanId = null;
            subscription.PendingTransaction = null;
            subscription.UpdatedAt = now;
            return subscription;
        }, ct))!;
    }

    /// <summary>Notes the plan a payment in progress is for, so that the subscription shows it as pending.</summary>
    public async Task<Subscription> MarkPendingAsync(long userId, Plan plan, string transactionId, CancellationToken ct = default)
    {
        var key = await EnsureAsync(userId, ct);
        return (await store.ReplaceAsync<Subscription>(Containers.Subscriptions, key, key, subscription =>
        {
            if (subscription.AppliedPayments.Contains(transactionId)) return subscription;
            subscription.PendingPlanId = plan.Id;
            subscription.PendingTransaction = transactionId;
            subscription.UpdatedAt = clock.GetUtcNow();
            return subscription;
        }, ct))!;
    }

    /// <summary>The account's subscription document, made on the free plan when it has none (two first calls make one).</summary>
    private async Task<string> EnsureAsync(long userId, CancellationToken ct)
    {
        var key = Subscription.Key(userId);
        if (await store.ReadAsync<Subscription>(Containers.Subscriptions, key, key, ct) is null)
        {
            var now = clock.GetUtcNow();
            await store.TryCreateAsync(Containers.Subscriptions, new Subscription { Id = key, UserId = userId, StartDate = now, UpdatedAt = now }, key, ct);
        }
        return key;
    }
}
