using System.Text.Json;
using CareerNexus.Common;
using CareerNexus.Queues;
using Microsoft.Extensions.Logging;
using Stripe;

namespace CareerNexus.Payments;

/// <summary>A verified provider event as the payments queue carries it: which transaction, and what the provider says of it.</summary>
public sealed record PaymentNotice(string TransactionId, string Status, string Source, string? ProviderRef);

/// <summary>
/// The providers' webhooks. Each event is believed only once its signature is verified (Stripe: Stripe.net's
/// EventUtility.ConstructEvent over the raw body, the Stripe-Signature header and a 300 s tolerance, against every
/// configured signing secret; AfribaPay: the HMAC of its AfribaPAY-Sign header). A verified event that settles a
/// transaction is queued (the payments queue, keyed by the event) and the webhook answers once it is queued: the
/// worker applies it. Anything unsigned, badly signed or stale is a 400 and changes nothing.
/// </summary>
public sealed class PaymentWebhooks(IMessageQueue queue, PlatformOptions options, AfribaPayGateway afribaPay, TimeProvider clock,
    ILogger<PaymentWebhooks> logger)
{
    public const long StripeToleranceSeconds = 300;

    /// <summary>The Checkout Session events the platform listens to; every other type is acknowledged and ignored.</summary>
    public static readonly IReadOnlyList<string> StripeEvents =
    [
        "checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed",
        "checkout.session.expired",
    ];

    /// <summary>Whether the event was queued (false: a verified event the platform has nothing to do with).</summary>
    public async Task<bool> StripeAsync(string body, string? signature, CancellationToken ct = default)
    {
        var secrets = options.Payments.Stripe.Secrets;
        if (secrets.Count == 0) throw PlatformException.Invalid("Stripe webhooks are not configured on this server.");
        if (string.IsNullOrWhiteSpace(signature)) throw PlatformException.Invalid("Missing Stripe-Signature header.");
        var stripeEvent = Verify(body, signature, secrets);
        if (!StripeEvents.Contains(stripeEvent.Type) || stripeEvent.Data?.Object is not Stripe.Checkout.Session session) return false;
        var transactionId = session.ClientReferenceId ?? session.Metadata?.GetValueOrDefault("transaction_id");
        if (!PaymentService.IsTransactionId(transactionId)) return false;
        var status = stripeEvent.Type switch
        {
            "checkout.session.async_payment_succeeded" => PaymentStatuses.Completed,
            "checkout.session.async_payment_failed" => PaymentStatuses.Failed,
            "checkout.session.expired" => PaymentStatuses.Expired,
            // Completed with an asynchronous method still running is not paid yet: its own event follows.
            _ => StripeGateway.StatusOf("complete", session.PaymentStatus),
        };
        if (status == PaymentStatuses.Pending) return false;
        await SendAsync("stripe:" + stripeEvent.Id, new PaymentNotice(transactionId!, status, "stripe:" + stripeEvent.Type, session.Id), ct);
        return true;
    }

    /// <summary>AfribaPay's callback: {order_id (our transaction id), status, transaction_id (theirs), ...}.</summary>
    public async Task<bool> AfribaPayAsync(string body, string? signature, CancellationToken ct = default)
    {
        if (!afribaPay.IsConfigured) throw PlatformException.Invalid("AfribaPay callbacks are not configured on this server.");
        if (!afribaPay.IsSigned(body, signature)) throw PlatformException.Invalid("Invalid signature.");
        JsonElement root;
        try
        {
            root = JsonSerializer.Deserialize<JsonElement>(body);
        }
        catch (JsonException)
        {
            throw PlatformException.Invalid("The callback body is not JSON.");
        }
        if (root.ValueKind != JsonValueKind.Object) throw PlatformException.Invalid("The callback body is not a JSON object.");
        // Some senders wrap the fields in "data".
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object) root = data;
        var transactionId = Text(root, "order_id");
        if (!PaymentService.IsTransactionId(transactionId)) return false;
        var status = AfribaPayGateway.StatusOf(Text(root, "status"));
        if (status == PaymentStatuses.Pending) return false;
        await SendAsync($"afribapay:{transactionId}:{status}", new PaymentNotice(transactionId!, status, "afribapay:callback", Text(root, "transaction_id")), ct);
        return true;
    }

    private Event Verify(string body, string signature, IReadOnlyList<string> secrets)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        foreach (var secret in secrets)
        {
            try
            {
                return EventUtility.ConstructEvent(body, signature, secret, StripeToleranceSeconds, now, throwOnApiVersionMismatch: false);
            }
            catch (StripeException refused)
            {
                logger.LogDebug("A Stripe webhook did not verify with one of the secrets: {Reason}", refused.Message);
            }
            catch (Exception malformed) when (malformed is JsonException or Newtonsoft.Json.JsonException or FormatException or ArgumentException)
            {
                throw PlatformException.Invalid("The webhook body is not a Stripe event.");
            }
        }
        logger.LogWarning("A Stripe webhook was refused: its signature matched no secret, or its timestamp is outside {Tolerance} s", StripeToleranceSeconds);
        throw PlatformException.Invalid("Invalid signature.", "The Stripe-Signature header does not match, or its timestamp is too old.");
    }

    private Task SendAsync(string messageId, PaymentNotice notice, CancellationToken ct) =>
        queue.SendAsync(QueueNames.Payments, messageId, JsonSerializer.Serialize(notice, PlatformJson.Options), ct);

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>The payments queue's worker: applies a verified provider event to its transaction (idempotently).</summary>
public sealed class PaymentEventsHandler(PaymentService payments, ILogger<PaymentEventsHandler> logger) : IQueueHandler
{
    public string Queue => QueueNames.Payments;

    public async Task HandleAsync(QueueMessage message, CancellationToken ct)
    {
        var notice = JsonSerializer.Deserialize<PaymentNotice>(message.Body, PlatformJson.Options);
        if (notice is null || !PaymentService.IsTransactionId(notice.TransactionId))
        {
            logger.LogWarning("Payments message {MessageId} names no transaction; dropped", message.MessageId);
            return;
        }
        if (!await payments.SettleAsync(notice.TransactionId, notice.Status, notice.Source, notice.ProviderRef, ct))
            logger.LogWarning("Payments message {MessageId}: transaction {TransactionId} is unknown here; dropped", message.MessageId, notice.TransactionId);
    }
}
