using System.Globalization;
using System.Net;
using Stripe;
using Stripe.Checkout;

namespace CareerNexus.Payments;

/// <summary>
/// Stripe Checkout through Stripe.net: one Checkout Session per transaction, created with the transaction id as its
/// idempotency key (a repeated create answers the same session), as its client_reference_id and in its metadata, and
/// expiring with the transaction.
/// </summary>
public sealed class StripeGateway(IHttpClientFactory clients, PlatformOptions options) : IPaymentGateway
{
    public const string HttpClientName = "stripe";

    private StripeOptions Settings => options.Payments.Stripe;

    public string Method => PaymentMethods.Stripe;

    public bool IsConfigured => Settings.IsConfigured;

    public async Task<ProviderCheckout> StartAsync(PaymentTransaction transaction, CancellationToken ct)
    {
        var metadata = new Dictionary<string, string>
        {
            ["transaction_id"] = transaction.Id,
            ["user_id"] = transaction.UserId.ToString(CultureInfo.InvariantCulture),
            ["purpose"] = transaction.Purpose,
        };
        var create = new SessionCreateOptions
        {
            Mode = "payment",
            ClientReferenceId = transaction.Id,
            Metadata = metadata,
            PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = metadata },
            ExpiresAt = transaction.ExpiresAt.UtcDateTime,
            SuccessUrl = PaymentLinks.Return(options, transaction.Id, "success"),
            CancelUrl = PaymentLinks.Return(options, transaction.Id, "cancel"),
            LineItems =
            [
                new SessionLineItemOptions
                {
                    Quantity = 1,
                    PriceData = new SessionLineItemPriceDataOptions
                    {
                        Currency = transaction.Currency.ToLowerInvariant(),
                        UnitAmount = MinorUnits(transaction.Amount, transaction.Currency),
                        ProductData = new SessionLineItemPriceDataProductDataOptions { Name = PaymentLinks.Description(transaction) },
                    },
                },
            ],
        };
        var session = await CallAsync(() => Sessions().CreateAsync(create, new RequestOptions { IdempotencyKey = transaction.Id }, ct), ct);
        return new ProviderCheckout(session.Id, session.Url);
    }

    public async Task<ProviderStatus?> CheckAsync(PaymentTransaction transaction, CancellationToken ct)
    {
        if (transaction.ProviderRef is not { } sessionId) return null;
        var session = await CallAsync(() => Sessions().GetAsync(sessionId, cancellationToken: ct), ct);
        return new ProviderStatus(StatusOf(session.Status, session.PaymentStatus), session.Id);
    }

    /// <summary>A session's status as the platform's: paid (or nothing to pay) is completed, expired is expired, the rest pending.</summary>
    public static string StatusOf(string? sessionStatus, string? paymentStatus) => sessionStatus switch
    {
        "complete" when paymentStatus is "paid" or "no_payment_required" => PaymentStatuses.Completed,
        "expired" => PaymentStatuses.Expired,
        _ => PaymentStatuses.Pending,
    };

    /// <summary>Stripe amounts are in the currency's smallest unit; CFA francs have none below the franc.</summary>
    public static long MinorUnits(decimal amount, string currency) =>
        (long)Math.Round(ZeroDecimal.Contains(currency.ToUpperInvariant()) ? amount : amount * 100m, MidpointRounding.AwayFromZero);

    private static readonly HashSet<string> ZeroDecimal = ["XOF", "XAF", "JPY", "KRW", "RWF", "UGX", "GNF"];

    private SessionService Sessions() => new(new StripeClient(Settings.SecretKey.Trim(),
        httpClient: new SystemNetHttpClient(clients.CreateClient(HttpClientName), maxNetworkRetries: 2), apiBase: Settings.ApiBase.TrimEnd('/')));

    private static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (StripeException error) when (error.HttpStatusCode is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError
                                                and not HttpStatusCode.TooManyRequests)
        {
            throw new PaymentProviderException($"Stripe refused the request: {error.StripeError?.Message ?? error.Message}", refused: true, error);
        }
        catch (Exception error) when (error is StripeException or HttpRequestException or Polly.Timeout.TimeoutRejectedException
                                              or Polly.CircuitBreaker.BrokenCircuitException
                                          || (error is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new PaymentProviderException("Stripe could not be reached.", refused: false, error);
        }
    }
}

/// <summary>What payers see and where they return, shared by the providers.</summary>
public static class PaymentLinks
{
    public static string Return(PlatformOptions options, string transactionId, string result)
    {
        var page = options.Payments.ReturnUrl.Trim().Length > 0 ? options.Payments.ReturnUrl.Trim() : options.EmailLinkBase + "/payments/return";
        return $"{page}{(page.Contains('?') ? "&" : "?")}transaction_id={Uri.EscapeDataString(transactionId)}&result={result}";
    }

    public static string Description(PaymentTransaction transaction) => transaction.Purpose == PaymentPurposes.Credits
        ? string.Create(CultureInfo.InvariantCulture, $"Career Nexus: {transaction.Credits} credits")
        : $"Career Nexus {Subscriptions.Plans.Find(transaction.PlanId ?? 0)?.Name ?? "plan"}: one month";
}
