using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CareerNexus.Common;
using CareerNexus.Statistics;
using CareerNexus.Storage;
using CareerNexus.Subscriptions;
using Microsoft.Extensions.Logging;

namespace CareerNexus.Payments;

/// <summary>
/// What a client asks to pay for (document 003's initiate body): the method, the purpose (a month of a plan, or credits),
/// and for mobile money the payer's number, operator and country. The amount, when sent, must be the price.
/// </summary>
public sealed record PaymentRequest(string? PaymentMethod, string? Purpose, string? SubscriptionPlan, decimal? Amount, string? Currency,
    double? Credits, string? PhoneNumber, string? Operator, string? Country);

/// <summary>
/// Payments (document 003): a transaction is stored before its provider's checkout is made, and settled by the
/// provider's verified events (through the payments queue), by the poller, or by both, in any order and as often as
/// they come: the transaction moves through <see cref="PaymentStatuses.MayMove"/> by conditional replaces on its ETag,
/// and a completed payment's effect is applied once (the effect keeps the transaction id, and the transaction is
/// marked fulfilled after it).
/// </summary>
public sealed partial class PaymentService(DocumentStore store, IEnumerable<IPaymentGateway> gateways, IPaymentFulfilment fulfilment,
    PlatformStatistics statistics, IFaultPoints faults, TimeProvider clock, ILogger<PaymentService> logger)
{
    /// <summary>How long a checkout stays open. Stripe needs at least 30 minutes and allows up to 24 hours.</summary>
    public static readonly TimeSpan CheckoutLifetime = TimeSpan.FromHours(1);

    /// <summary>How long an initiate is remembered: with the same Idempotency-Key, or without one, the same body.</summary>
    public static readonly TimeSpan KeyedRequestWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan UnkeyedRequestWindow = TimeSpan.FromMinutes(10);

    public const int MaxIdempotencyKeyLength = 255;
    private const int HistoryKept = 20;

    private readonly Dictionary<string, IPaymentGateway> _gateways = gateways.ToDictionary(g => g.Method);

    /// <summary>
    /// Starts a payment: checks the request (400), claims its transaction id (a retry with the same Idempotency-Key, or
    /// the same body within <see cref="UnkeyedRequestWindow"/>, gets the first request's transaction), stores the
    /// pending transaction and its pending index entry, then makes the provider's checkout. A provider that refuses
    /// fails the transaction (400); one that cannot be reached leaves it pending (503: the same request finishes it).
    /// </summary>
    public async Task<PaymentTransaction> InitiateAsync(long userId, PaymentRequest request, string? idempotencyKey, CancellationToken ct = default)
    {
        if (idempotencyKey?.Length > MaxIdempotencyKeyLength)
            throw PlatformException.Invalid("Invalid Idempotency-Key", $"The Idempotency-Key header has at most {MaxIdempotencyKeyLength} characters.");
        var draft = Check(request);
        var gateway = _gateways[draft.PaymentMethod];
        if (!gateway.IsConfigured)
            throw PlatformException.InvalidFields(new Dictionary<string, string> { ["payment_method"] = $"{draft.PaymentMethod} payments are not configured on this server." });

        var (transactionId, fresh) = await ClaimAsync(userId, idempotencyKey, draft.Fingerprint(), ct);
        // A fresh id was made by this request: no transaction has it yet.
        var transaction = fresh ? null : await ReadAsync(transactionId, ct);
        if (transaction is null)
        {
            transaction = draft.Transaction(transactionId, userId, clock.GetUtcNow());
            // The index entry first: a transaction the poller cannot find would stay pending for ever.
            await store.UpsertAsync(Containers.Payments, IndexEntry(transaction), transaction.PendingBucket, ct);
            if (!await store.TryCreateAsync(Containers.Payments, transaction, transaction.Partition, ct))
                transaction = await ReadAsync(transactionId, ct) ?? throw PlatformException.Conflict("The payment is changing, try again");
            faults.Reach("payments:stored");
        }
        if (transaction.UserId != userId) throw PlatformException.Conflict("The payment is changing, try again");
        if (transaction.Status == PaymentStatuses.Pending && transaction.ProviderRef is null)
            transaction = await StartCheckoutAsync(gateway, transaction, askFirst: !fresh, ct);
        if (transaction.Status == PaymentStatuses.Failed)
            throw PlatformException.Invalid("Payment refused", transaction.History.LastOrDefault(h => h.Status == PaymentStatuses.Failed)?.Source
                                                             ?? "The payment provider refused the payment.");
        return transaction;
    }

    /// <summary>A transaction of the caller's; anyone else's, or none, is the same 404.</summary>
    public async Task<PaymentTransaction> StatusAsync(long userId, string transactionId, CancellationToken ct = default)
    {
        var transaction = IsTransactionId(transactionId) ? await ReadAsync(transactionId, ct) : null;
        return transaction is not null && transaction.UserId == userId ? transaction : throw PlatformException.NotFound("Not found.");
    }

    /// <summary>
    /// Moves a transaction to what its provider says (or to expired), if the state machine allows; then, for a completed
    /// one, applies its effect once; then takes it off the pending index. Every step may be repeated: a redelivery
    /// finishes what a stopped one left. False when there is no such transaction.
    /// </summary>
    public async Task<bool> SettleAsync(string transactionId, string status, string source, string? providerRef, CancellationToken ct = default)
    {
        if (!IsTransactionId(transactionId)) return false;
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.ReadAsync<PaymentTransaction>(Containers.Payments, transactionId, transactionId, ct);
            if (stored is null) return false;
            var transaction = stored.Document;
            if (PaymentStatuses.MayMove(transaction.Status, status))
            {
                var now = clock.GetUtcNow();
                logger.LogInformation("Payment {TransactionId} moves from {From} to {To} ({Source})", transaction.Id, transaction.Status, status, source);
                transaction.Status = status;
                transaction.UpdatedAt = now;
                if (status == PaymentStatuses.Completed) transaction.CompletedAt = now;
                transaction.ProviderRef ??= providerRef;
                transaction.History = transaction.History.Append(new PaymentEvent(status, source, now)).TakeLast(HistoryKept).ToList();
                transaction.ETag = null;
                if (!await store.TryReplaceAsync(Containers.Payments, transaction.Id, transaction, transaction.Partition, stored.ETag, ct))
                {
                    await DocumentStore.ContendedAsync(attempt, ct);
                    continue;
                }
            }
            faults.Reach("payments:settled");
            if (transaction.Status == PaymentStatuses.Completed && !transaction.Fulfilled)
            {
                await fulfilment.FulfilAsync(transaction, ct);
                await statistics.RecordRevenueAsync("payment:" + transaction.Id, InEuros(transaction.Amount, transaction.Currency),
                    transaction.CompletedAt ?? transaction.UpdatedAt, ct);
                faults.Reach("payments:fulfilled");
                transaction = await UpdateAsync(transaction.Id, t => t.Fulfilled = true, ct);
            }
            if (transaction.Status != PaymentStatuses.Pending)
                await store.DeleteAsync(Containers.Payments, PendingPayment.KeyOf(transaction.Id), transaction.PendingBucket, ct: ct);
            return true;
        }
    }

    /// <summary>The dashboard's revenue is in euros; the CFA franc (XOF) is pegged to the euro at 655.957.</summary>
    public static decimal InEuros(decimal amount, string currency) =>
        currency == "XOF" ? Math.Round(amount / 655.957m, 2, MidpointRounding.AwayFromZero) : amount;

    public async Task<PaymentTransaction?> ReadAsync(string transactionId, CancellationToken ct = default) =>
        (await store.ReadAsync<PaymentTransaction>(Containers.Payments, transactionId, transactionId, ct))?.Document;

    public IPaymentGateway? Gateway(string method) => _gateways.GetValueOrDefault(method);

    /// <summary>"txn_" and 24 hex digits: anything else names no transaction, and is never sent to the store.</summary>
    public static bool IsTransactionId(string? text) => text is not null && TransactionIdPattern().IsMatch(text);

    [GeneratedRegex("^txn_[0-9a-f]{24}$")]
    private static partial Regex TransactionIdPattern();

    /// <summary>
    /// Makes the provider's checkout and keeps its id and URL on the transaction. On a retry (<paramref name="askFirst"/>)
    /// a provider that cannot repeat a create safely (AfribaPay) is first asked whether it already has the payment.
    /// </summary>
    private async Task<PaymentTransaction> StartCheckoutAsync(IPaymentGateway gateway, PaymentTransaction transaction, bool askFirst, CancellationToken ct)
    {
        try
        {
            if (askFirst && gateway.Method == PaymentMethods.AfribaPay && await gateway.CheckAsync(transaction, ct) is { } known)
            {
                transaction = await UpdateAsync(transaction.Id, t => t.ProviderRef ??= known.ProviderRef ?? t.Id, ct);
                if (known.Status != PaymentStatuses.Pending) await SettleAsync(transaction.Id, known.Status, "provider", known.ProviderRef, ct);
                return await ReadAsync(transaction.Id, ct) ?? transaction;
            }
            var checkout = await gateway.StartAsync(transaction, ct);
            faults.Reach("payments:checkout");
            return await UpdateAsync(transaction.Id, t =>
            {
                t.ProviderRef ??= checkout.ProviderRef;
                t.PaymentUrl ??= checkout.PaymentUrl;
            }, ct);
        }
        catch (PaymentProviderException refused) when (refused.Refused)
        {
            logger.LogWarning("Payment {TransactionId}: {Provider} refused the checkout: {Reason}", transaction.Id, gateway.Method, refused.Message);
            await SettleAsync(transaction.Id, PaymentStatuses.Failed, refused.Message, null, ct);
            return await ReadAsync(transaction.Id, ct) ?? transaction;
        }
        catch (PaymentProviderException unreachable)
        {
            logger.LogWarning("Payment {TransactionId}: {Provider} unreachable: {Reason}", transaction.Id, gateway.Method, unreachable.Message);
            throw PlatformException.Unavailable("Payment provider unavailable",
                "The payment provider could not be reached. Send the same request again (with the same Idempotency-Key) to finish it.");
        }
    }

    private async Task<PaymentTransaction> UpdateAsync(string transactionId, Action<PaymentTransaction> change, CancellationToken ct) =>
        await store.ReplaceAsync<PaymentTransaction>(Containers.Payments, transactionId, transactionId, t =>
        {
            change(t);
            t.ETag = null;
            return t;
        }, ct) ?? throw PlatformException.NotFound("Not found.");

    /// <summary>
    /// The transaction id a request stands for: a claim document ("initiate:{user}:{hash of the key or the body}") names
    /// it before the transaction exists. An unkeyed claim whose transaction is settled is replaced: the same body later
    /// is a new payment. Fresh: the id is new to this request.
    /// </summary>
    private async Task<(string Id, bool Fresh)> ClaimAsync(long userId, string? idempotencyKey, string fingerprint, CancellationToken ct)
    {
        var keyed = !string.IsNullOrWhiteSpace(idempotencyKey);
        var window = keyed ? KeyedRequestWindow : UnkeyedRequestWindow;
        var id = string.Create(CultureInfo.InvariantCulture, $"initiate:{userId}:{Hash(keyed ? "key:" + idempotencyKey : fingerprint)}");
        var now = clock.GetUtcNow();
        var claim = new InitiateClaim(id, id, userId, NewTransactionId(), fingerprint, now, (int)window.TotalSeconds);
        if (await store.TryCreateAsync(Containers.Payments, claim, id, ct)) return (claim.TransactionId, true);
        var earlier = await store.ReadAsync<InitiateClaim>(Containers.Payments, id, id, ct);
        var stale = earlier is null || earlier.Document.CreatedAt + window < now
                    || (!keyed && (await ReadAsync(earlier.Document.TransactionId, ct))?.Status is { } status && status != PaymentStatuses.Pending);
        if (stale)
        {
            if (earlier is null ? await store.TryCreateAsync(Containers.Payments, claim, id, ct)
                    : await store.TryReplaceAsync(Containers.Payments, id, claim, id, earlier.ETag, ct))
                return (claim.TransactionId, true);
            earlier = await store.ReadAsync<InitiateClaim>(Containers.Payments, id, id, ct)
                      ?? throw PlatformException.Conflict("The payment is changing, try again");
        }
        if (earlier!.Document.Fingerprint != fingerprint)
            throw PlatformException.Conflict("Idempotency-Key already used", "This Idempotency-Key was used for another payment; send a new key.");
        return (earlier.Document.TransactionId, false);
    }

    private static string NewTransactionId() => "txn_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static PendingPayment IndexEntry(PaymentTransaction t) => new()
    {
        Id = PendingPayment.KeyOf(t.Id), Partition = t.PendingBucket, TransactionId = t.Id, CreatedAt = t.CreatedAt,
        ExpiresAt = t.ExpiresAt,
    };

    private sealed record InitiateClaim(string Id, string Partition, long UserId, string TransactionId, string Fingerprint, DateTimeOffset CreatedAt,
        [property: System.Text.Json.Serialization.JsonPropertyName("ttl")] int Ttl)
    {
        public string Kind => "claim";
    }

    /// <summary>A checked request: what it pays for, how much, and how.</summary>
    private sealed record Draft(string PaymentMethod, string Purpose, Plan? Plan, long? Credits, decimal Amount, string Currency, string? PhoneNumber,
        string? Operator, string? Country)
    {
        public string Fingerprint() => string.Join('|', PaymentMethod, Purpose, Plan?.Id, Credits, Amount.ToString(CultureInfo.InvariantCulture), Currency,
            PhoneNumber, Operator, Country);

        public PaymentTransaction Transaction(string id, long userId, DateTimeOffset now)
        {
            var expiresAt = now + CheckoutLifetime;
            return new PaymentTransaction
            {
                Id = id, Partition = id, UserId = userId, Purpose = Purpose, PlanId = Plan?.Id, Credits = Credits, Amount = Amount, Currency = Currency,
                PaymentMethod = PaymentMethod, CreatedAt = now, UpdatedAt = now, ExpiresAt = expiresAt, PhoneNumber = PhoneNumber, Operator = Operator,
                Country = Country, PendingBucket = PendingPayment.Bucket(expiresAt), History = [new PaymentEvent(PaymentStatuses.Pending, "initiate", now)],
            };
        }
    }

    private static Draft Check(PaymentRequest request)
    {
        var errors = new FieldErrors();
        var method = request.PaymentMethod?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(method)) errors.Add("payment_method", "This field is required.");
        else if (!PaymentMethods.All.Contains(method)) errors.Add("payment_method", Choice(request.PaymentMethod!, PaymentMethods.All));
        var purpose = request.Purpose?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(purpose)) errors.Add("purpose", "This field is required.");
        else if (!PaymentPurposes.All.Contains(purpose)) errors.Add("purpose", Choice(request.Purpose!, PaymentPurposes.All));
        errors.ThrowIfAny();

        var currency = request.Currency?.Trim().ToUpperInvariant() is { Length: > 0 } sent ? sent : PaymentMethods.DefaultCurrency(method!);
        if (currency != PaymentMethods.DefaultCurrency(method!))
            errors.Add("currency", $"{method} payments are made in {PaymentMethods.DefaultCurrency(method!)}.");

        Plan? plan = null;
        long? credits = null;
        var amount = 0m;
        if (purpose == PaymentPurposes.Subscription)
        {
            if (string.IsNullOrWhiteSpace(request.SubscriptionPlan)) errors.Add("subscription_plan", "This field is required.");
            else if (Plans.Named(request.SubscriptionPlan) is not { } named)
                errors.Add("subscription_plan", Choice(request.SubscriptionPlan, Plans.All.Where(p => !p.IsFree).Select(p => p.Code).ToList()));
            else if (named.IsFree) errors.Add("subscription_plan", "The Free plan needs no payment: subscribe to it directly.");
            else
            {
                plan = named;
                amount = named.PriceIn(currency)?.Amount ?? 0;
            }
        }
        else
        {
            if (request.Credits is null) errors.Add("credits", "This field is required.");
            else if (request.Credits is < 1 or > CreditPrices.MaxPerPurchase || request.Credits != Math.Floor(request.Credits.Value))
                errors.Add("credits", $"Enter a whole number of credits from 1 to {CreditPrices.MaxPerPurchase}.");
            else
            {
                credits = (long)request.Credits.Value;
                amount = (CreditPrices.In(currency)?.Amount ?? 0) * credits.Value;
            }
        }
        if (request.Amount is { } given && amount > 0 && given != amount)
            errors.Add("amount", string.Create(CultureInfo.InvariantCulture, $"The price is {amount:0.##} {currency}."));

        string? phone = null, mobileOperator = null, country = null;
        if (method == PaymentMethods.AfribaPay)
        {
            phone = request.PhoneNumber?.Trim().Replace(" ", "");
            if (string.IsNullOrEmpty(phone)) errors.Add("phone_number", "This field is required for mobile money.");
            else if (!PhonePattern().IsMatch(phone)) errors.Add("phone_number", "Enter the number as digits, 8 to 15 of them, with an optional leading +.");
            mobileOperator = request.Operator?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(mobileOperator)) errors.Add("operator", "This field is required for mobile money.");
            else if (!OperatorPattern().IsMatch(mobileOperator)) errors.Add("operator", "Name the operator as AfribaPay does (orange, mtn, moov, wave...).");
            country = request.Country?.Trim().ToUpperInvariant();
            if (string.IsNullOrEmpty(country)) errors.Add("country", "This field is required for mobile money.");
            else if (!CountryPattern().IsMatch(country)) errors.Add("country", "Use the two-letter country code (CI, SN, BF...).");
        }
        errors.ThrowIfAny();
        return new Draft(method!, purpose!, plan, credits, amount, currency, phone, mobileOperator, country);
    }

    private static string Choice(string sent, IReadOnlyList<string> options) =>
        $"\"{(sent.Length > 50 ? sent[..50] : sent)}\" is not a valid choice. Valid options: {string.Join(", ", options)}.";

    [GeneratedRegex(@"^\+?[0-9]{8,15}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[a-z0-9_-]{2,30}$")]
    private static partial Regex OperatorPattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}
