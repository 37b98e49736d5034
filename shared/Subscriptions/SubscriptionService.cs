using System.Globalization;
using CareerNexus.Common;
using CareerNexus.Payments;

namespace CareerNexus.Subscriptions;

/// <summary>
/// An account's subscription as document 003 shows it: the plan that holds now (a paid plan while its months last,
/// else Free), its dates, the quota period with its usage, the credits, and the plan a payment in progress is for.
/// </summary>
public sealed record SubscriptionView(long Id, Plan Plan, string Status, DateTimeOffset StartDate, DateTimeOffset? EndDate, bool AutoRenew,
    QuotaPeriod Period, IReadOnlyDictionary<QuotaKind, QuotaUsage> Usage, long Credits, Plan? PendingPlan, string? PendingTransaction);

/// <summary>A subscribe request: the plan, and how to pay for a paid one (for mobile money, the payer's number, operator and country).</summary>
public sealed record SubscribeRequest(long? PlanId, string? PaymentMethod, string? PhoneNumber, string? Operator, string? Country);

/// <summary>What a subscribe did: the free plan at once, or a paid plan pending its payment (whose checkout the client opens).</summary>
public sealed record SubscribeResult(long SubscriptionId, Plan Plan, string Status, PaymentTransaction? Payment);

/// <summary>
/// Subscriptions (document 003): reading one's own, and subscribing. The free plan activates at once; a paid plan is a
/// payment (a month of it) that the subscription waits for, and the completed payment activates or extends it once.
/// There is no automatic renewal (auto_renew is false): another month is another payment, which extends the plan.
/// </summary>
public sealed class SubscriptionService(SubscriptionStore subscriptions, PlanQuotas quotas, PaymentService payments, TimeProvider clock)
{
    public async Task<SubscriptionView> MineAsync(long userId, CancellationToken ct = default)
    {
        var subscription = await subscriptions.FindAsync(userId, ct);
        var now = clock.GetUtcNow();
        var period = Subscription.PeriodOf(subscription, now);
        var usage = await quotas.UsageAsync(userId, period, ct);
        var current = subscription?.IsPaidAndCurrent(now) == true;
        var pending = subscription?.PendingPlanId is { } pendingId ? Plans.Find(pendingId) : null;
        return new SubscriptionView(userId, period.Plan, SubscriptionStatuses.Active, current ? subscription!.StartDate : subscription?.FreeSince ?? period.Start,
            current ? subscription!.EndDate : null, AutoRenew: false, period, usage, subscription?.Credits ?? 0, pending,
            pending is null ? null : subscription!.PendingTransaction);
    }

    /// <summary>
    /// Subscribes to a plan: Free at once (not while a paid plan runs: 409), a paid plan by starting the payment of its
    /// first month. A retry with the same Idempotency-Key (or the same body within minutes) is the same payment.
    /// </summary>
    public async Task<SubscribeResult> SubscribeAsync(long userId, SubscribeRequest request, string? idempotencyKey, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        Plan? plan = null;
        if (request.PlanId is null) errors.Add("plan_id", "This field is required.");
        else if (Plans.Find(request.PlanId.Value) is not { } found)
            errors.Add("plan_id", string.Create(CultureInfo.InvariantCulture, $"Invalid pk \"{request.PlanId}\" - object does not exist."));
        else plan = found;
        if (plan is { IsFree: false } && string.IsNullOrWhiteSpace(request.PaymentMethod)) errors.Add("payment_method", "This field is required.");
        errors.ThrowIfAny();

        if (plan!.IsFree)
        {
            await subscriptions.ActivateFreeAsync(userId, ct);
            return new SubscribeResult(userId, plan, SubscriptionStatuses.Active, null);
        }
        var payment = await payments.InitiateAsync(userId, new PaymentRequest(request.PaymentMethod, PaymentPurposes.Subscription,
            plan.Id.ToString(CultureInfo.InvariantCulture), null, null, null, request.PhoneNumber, request.Operator, request.Country), idempotencyKey, ct);
        if (payment.Status == PaymentStatuses.Completed) return new SubscribeResult(userId, plan, SubscriptionStatuses.Active, payment);
        await subscriptions.MarkPendingAsync(userId, plan, payment.Id, ct);
        return new SubscribeResult(userId, plan, SubscriptionStatuses.Pending, payment);
    }
}
