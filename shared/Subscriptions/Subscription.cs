using System.Globalization;
using System.Text.Json.Serialization;

namespace CareerNexus.Subscriptions;

public static class SubscriptionStatuses
{
    public const string Active = "active";

    /// <summary>A paid plan subscribed to and waiting for its payment.</summary>
    public const string Pending = "pending";
}

/// <summary>
/// An account's subscription, one per account in the subscriptions container, by user id (which is also its id in
/// responses). It holds the paid plan and the months paid for it, the credits bought and what spent them lately, the plan
/// a payment in progress would start, and the ids of the payments it already took in, so that each payment changes it once.
/// </summary>
public sealed class Subscription
{
    public const int AppliedPaymentsKept = 50;
    public const int CreditSpendsKept = 100;

    public string Id { get; set; } = "";
    public long UserId { get; set; }
    public long PlanId { get; set; } = Plans.Free.Id;

    /// <summary>When the current plan started (the first month paid in a row); the quota periods count from it.</summary>
    public DateTimeOffset StartDate { get; set; }

    /// <summary>Months paid in a row since <see cref="StartDate"/>; 0 on the free plan.</summary>
    public int Months { get; set; }

    public long Credits { get; set; }

    /// <summary>The facts (period and fact id) that spent a credit lately, so that a retried request spends none again.</summary>
    [JsonPropertyName("credit_spends")]
    public List<string> CreditSpends { get; set; } = [];

    /// <summary>The plan a subscribe is waiting to be paid for, and its transaction.</summary>
    public long? PendingPlanId { get; set; }
    public string? PendingTransaction { get; set; }

    [JsonPropertyName("applied_payments")]
    public List<string> AppliedPayments { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }

    public static string Key(long userId) => userId.ToString(CultureInfo.InvariantCulture);

    [JsonIgnore]
    public Plan Plan => Plans.Find(PlanId) ?? Plans.Free;

    /// <summary>The end of the months paid for; null on the free plan.</summary>
    [JsonIgnore]
    public DateTimeOffset? EndDate => Plan.IsFree ? null : StartDate.AddMonths(Months);

    /// <summary>Since when the free plan holds: when it was chosen, or when the paid plan before it ran out.</summary>
    [JsonIgnore]
    public DateTimeOffset FreeSince => EndDate ?? StartDate;

    public bool IsPaidAndCurrent(DateTimeOffset now) => !Plan.IsFree && EndDate > now;

    /// <summary>The plan that holds now: the paid plan while its months last, the free plan otherwise.</summary>
    public Plan EffectivePlan(DateTimeOffset now) => IsPaidAndCurrent(now) ? Plan : Plans.Free;

    /// <summary>
    /// The quota period that holds now: on a current paid plan, the month (counted from <see cref="StartDate"/>) that
    /// contains now, cut at the plan's end; otherwise the calendar month, as on the free plan.
    /// </summary>
    public static QuotaPeriod PeriodOf(Subscription? subscription, DateTimeOffset now)
    {
        if (subscription is { } s && s.IsPaidAndCurrent(now))
        {
            var anchor = s.StartDate;
            var months = (now.Year - anchor.Year) * 12 + now.Month - anchor.Month;
            if (anchor.AddMonths(months) > now) months--;
            var start = anchor.AddMonths(months);
            var end = anchor.AddMonths(months + 1);
            if (end > s.EndDate!.Value) end = s.EndDate.Value;
            return new QuotaPeriod(s.Plan, start, end, "p" + start.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture));
        }
        var month = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return new QuotaPeriod(Plans.Free, month, month.AddMonths(1), month.ToString("yyyy-MM", CultureInfo.InvariantCulture));
    }
}
