using System.Globalization;
using System.Text.Json.Serialization;
using CareerNexus.Storage;

namespace CareerNexus.Payments;

public static class PaymentStatuses
{
    public const string Pending = "pending";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Expired = "expired";

    /// <summary>
    /// The state machine. Completed is final: nothing after it changes anything (a late "failed" included). Failed and
    /// expired may still become completed, since a provider that reports the money taken is right; nothing goes back
    /// to pending.
    /// </summary>
    public static bool MayMove(string from, string to) => from != to && to != Pending && from switch
    {
        Pending => true,
        Failed or Expired => to == Completed,
        _ => false,
    };
}

public static class PaymentMethods
{
    public const string Stripe = "stripe";
    public const string AfribaPay = "afribapay";

    public static readonly IReadOnlyList<string> All = [Stripe, AfribaPay];

    /// <summary>Cards through Stripe are charged in euros, mobile money through AfribaPay in CFA francs.</summary>
    public static string DefaultCurrency(string method) => method == AfribaPay ? "XOF" : "EUR";
}

public static class PaymentPurposes
{
    public const string Subscription = "subscription";
    public const string Credits = "credits";

    public static readonly IReadOnlyList<string> All = [Subscription, Credits];
}

/// <summary>A status change of a transaction, kept on it (the last 20) for support.</summary>
public sealed record PaymentEvent(string Status, string Source, DateTimeOffset At);

/// <summary>
/// A payment transaction, in the payments container in a partition of its own (its id, "txn_" and 24 hex digits), so
/// that the status route, the webhook worker and the poller each find it with one point read. Every change is a
/// conditional replace on its ETag.
/// </summary>
public sealed class PaymentTransaction
{
    public const string KindName = "transaction";

    public string Id { get; set; } = "";
    public string Partition { get; set; } = "";
    public string Kind { get; set; } = KindName;
    public long UserId { get; set; }
    public string Purpose { get; set; } = "";
    public long? PlanId { get; set; }
    public long? Credits { get; set; }
    public decimal Amount { get; set; }
    public string Currency { get; set; } = "";
    public string PaymentMethod { get; set; } = "";
    public string Status { get; set; } = PaymentStatuses.Pending;

    /// <summary>The provider's id: the Stripe Checkout Session, or AfribaPay's transaction; null until the checkout exists.</summary>
    public string? ProviderRef { get; set; }
    public string? PaymentUrl { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The mobile-money payer (AfribaPay): number, operator, country.</summary>
    public string? PhoneNumber { get; set; }
    public string? Operator { get; set; }
    public string? Country { get; set; }

    /// <summary>True once a completed payment's effect (subscription, credits) has been applied.</summary>
    public bool Fulfilled { get; set; }

    /// <summary>The pending index partition that lists the transaction while it is pending.</summary>
    public string PendingBucket { get; set; } = "";

    public List<PaymentEvent> History { get; set; } = [];

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; set; }
}

/// <summary>
/// An entry of the pending index: one per pending transaction, in the partition of the hour its checkout expires
/// ("pending:{yyyyMMddHH}"), so the poller reads the pending transactions hour by hour with single-partition queries
/// whatever the number of transactions ever made.
/// </summary>
public sealed class PendingPayment
{
    public string Id { get; set; } = "";
    public string Partition { get; set; } = "";
    public string TransactionId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    public static readonly HourlyIndex Index = new(Containers.Payments, "pending");

    public static string Bucket(DateTimeOffset expiresAt) => Index.BucketOf(expiresAt);

    public static string KeyOf(string transactionId) => "pending:" + transactionId;
}

/// <summary>The payment fulfilment of a purpose: what a completed payment gives (a subscription's month, credits).</summary>
public interface IPaymentFulfilment
{
    /// <summary>Applies a completed payment's effect; idempotent per transaction (a repeat changes nothing).</summary>
    Task FulfilAsync(PaymentTransaction transaction, CancellationToken ct = default);
}
