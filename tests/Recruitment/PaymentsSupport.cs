using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CareerNexus.Payments;
using CareerNexus.Storage;
using CareerNexus.Subscriptions;
using CareerNexus.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// An app whose Stripe API and AfribaPay API are local listeners standing in for them, with state: Stripe answers a
/// Checkout Session create (the same session for a repeated idempotency key) and reads it back with the status a test
/// sets; AfribaPay gives a token, takes a collection and answers its status as a test sets it. The app stops at the
/// fault points a test arms, and its queue delivers fast.
/// </summary>
public sealed class PaymentsStandIn : IDisposable
{
    public const string StripeKey = "sk_test_career_nexus";
    public const string NewSecret = "whsec_new_secret";
    public const string OldSecret = "whsec_old_secret";
    public const string AfribaPayKey = "afribapay-api-key";

    public RecordingHttpServer Stripe { get; } = new(HttpStatusCode.NotFound);
    public RecordingHttpServer AfribaPay { get; } = new(HttpStatusCode.NotFound);
    public FaultSwitch Faults { get; } = new();
    public TestApp App { get; }

    /// <summary>Stripe's sessions by id: their status and payment status, which a test changes.</summary>
    public ConcurrentDictionary<string, (string Status, string PaymentStatus)> Sessions { get; } = new();

    /// <summary>AfribaPay's answer to a status request, by order id; an order not here is a 404.</summary>
    public ConcurrentDictionary<string, string> Collections { get; } = new();

    /// <summary>Set to make the next Stripe calls answer this status (a refusal or an outage).</summary>
    public HttpStatusCode? StripeFailure { get; set; }

    private readonly ConcurrentDictionary<string, string> _sessionsByKey = new();

    public PaymentsStandIn()
    {
        Stripe.Responder = AnswerStripe;
        AfribaPay.Responder = AnswerAfribaPay;
        App = new TestApp(settings: new Dictionary<string, string?>
        {
            ["CareerNexus:Payments:Stripe:SecretKey"] = StripeKey,
            ["CareerNexus:Payments:Stripe:WebhookSecrets"] = $"{NewSecret}, {OldSecret}",
            ["CareerNexus:Payments:Stripe:ApiBase"] = Stripe.Url,
            ["CareerNexus:Payments:AfribaPay:BaseUrl"] = AfribaPay.Url,
            ["CareerNexus:Payments:AfribaPay:ApiUser"] = "afribapay-user",
            ["CareerNexus:Payments:AfribaPay:ApiKey"] = AfribaPayKey,
            ["CareerNexus:Payments:AfribaPay:MerchantKey"] = "merchant-key",
            ["CareerNexus:Payments:CallbackGraceSeconds"] = "0",
            ["CareerNexus:Payments:ReturnUrl"] = "https://app.example.com/payments/return",
            ["CareerNexus:Queues:PollMilliseconds"] = "100",
            ["CareerNexus:Queues:RetryDelayMilliseconds"] = "50",
        }, services: s => s.AddSingleton<Storage.IFaultPoints>(Faults));
        _ = App.Server;
    }

    public ApiClient Api() => App.Api();

    /// <summary>The Checkout Session creates Stripe received for a transaction.</summary>
    public List<Dictionary<string, string>> SessionCreates(string transactionId) => Stripe.Requests
        .Where(r => r is { Method: "POST", Path: "/v1/checkout/sessions" })
        .Select(r => QueryHelpers.ParseQuery(r.Body).ToDictionary(p => p.Key, p => p.Value.ToString()))
        .Where(form => form.GetValueOrDefault("client_reference_id") == transactionId).ToList();

    private (HttpStatusCode, string)? AnswerStripe(RecordedHttpRequest request)
    {
        if (StripeFailure is { } failure)
            return (failure, JsonSerializer.Serialize(new { error = new { type = "invalid_request_error", message = "Refused by the stand-in" } }));
        if (request is { Method: "POST", Path: "/v1/checkout/sessions" })
        {
            var form = QueryHelpers.ParseQuery(request.Body);
            // A repeated idempotency key answers the session the first request made, as Stripe does.
            var id = _sessionsByKey.GetOrAdd(request.Header("Idempotency-Key") ?? Guid.NewGuid().ToString(), _ => "cs_test_" + Guid.NewGuid().ToString("N"));
            Sessions.TryAdd(id, ("open", "unpaid"));
            return (HttpStatusCode.OK, Session(id, form["client_reference_id"].ToString(), long.Parse(form["expires_at"].ToString(), CultureInfo.InvariantCulture)));
        }
        if (request.Method == "GET" && request.Path.StartsWith("/v1/checkout/sessions/", StringComparison.Ordinal))
        {
            var id = request.Path["/v1/checkout/sessions/".Length..];
            return Sessions.ContainsKey(id) ? (HttpStatusCode.OK, Session(id, null, 0))
                : (HttpStatusCode.NotFound, JsonSerializer.Serialize(new { error = new { type = "invalid_request_error", message = "No such session" } }));
        }
        return null;
    }

    private string Session(string id, string? reference, long expiresAt)
    {
        var (status, paymentStatus) = Sessions[id];
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = id, ["object"] = "checkout.session", ["url"] = $"https://checkout.stripe.com/c/pay/{id}", ["status"] = status,
            ["payment_status"] = paymentStatus, ["client_reference_id"] = reference, ["expires_at"] = expiresAt, ["mode"] = "payment",
        });
    }

    private (HttpStatusCode, string)? AnswerAfribaPay(RecordedHttpRequest request)
    {
        if (request is { Method: "POST", Path: "/v1/token" })
            return (HttpStatusCode.OK, JsonSerializer.Serialize(new { data = new { access_token = "afribapay-token", expires_in = 3600 } }));
        if (request is { Method: "POST", Path: "/v1/pay/payin" })
        {
            using var body = JsonDocument.Parse(request.Body);
            var order = body.RootElement.GetProperty("order_id").GetString()!;
            Collections.TryAdd(order, "PENDING");
            return (HttpStatusCode.OK, JsonSerializer.Serialize(new { data = new { provider_id = "AFP-" + order, order_id = order, status = "PENDING" } }));
        }
        if (request is { Method: "GET", Path: "/v1/status" })
        {
            var order = QueryHelpers.ParseQuery(request.Query)["order_id"].ToString();
            return Collections.TryGetValue(order, out var status)
                ? (HttpStatusCode.OK, JsonSerializer.Serialize(new { data = new { order_id = order, status, transaction_id = "AFP-" + order } }))
                : (HttpStatusCode.NotFound, JsonSerializer.Serialize(new { error = new { message = "Unknown order" } }));
        }
        return null;
    }

    public void Dispose()
    {
        App.Dispose();
        Stripe.Dispose();
        AfribaPay.Dispose();
    }
}

/// <summary>Signed provider events, made as the providers make them, and the calls the tests repeat.</summary>
public static class PaymentsSupport
{
    public const string Initiate = "/payments/api/v1/payments/initiate/";
    public const string StripeWebhook = "/payments/api/v1/webhooks/stripe/";
    public const string AfribaPayWebhook = "/payments/api/v1/webhooks/afribapay/";
    public const string Me = "/subscriptions/api/v1/subscriptions/me/";
    public const string Subscribe = "/subscriptions/api/v1/subscriptions/subscribe/";

    public static string Status(string transactionId) => $"/payments/api/v1/payments/{transactionId}/status/";

    public static object StarterByCard => new { amount = 29.99, currency = "EUR", payment_method = "stripe", purpose = "subscription", subscription_plan = "starter" };

    /// <summary>A Stripe event about a transaction's Checkout Session, as Stripe sends it.</summary>
    public static string StripeEvent(string type, string transactionId, string sessionId, string paymentStatus = "paid", string? eventId = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = eventId ?? "evt_" + Guid.NewGuid().ToString("N")[..24], ["object"] = "event", ["api_version"] = "2025-01-27.acacia",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["type"] = type, ["livemode"] = false, ["pending_webhooks"] = 1,
            ["data"] = new Dictionary<string, object?>
            {
                ["object"] = new Dictionary<string, object?>
                {
                    ["id"] = sessionId, ["object"] = "checkout.session", ["client_reference_id"] = transactionId, ["mode"] = "payment",
                    ["status"] = type == "checkout.session.expired" ? "expired" : "complete", ["payment_status"] = paymentStatus,
                    ["metadata"] = new Dictionary<string, string> { ["transaction_id"] = transactionId },
                },
            },
        });

    /// <summary>Stripe's signature header: "t={timestamp},v1={hex HMAC-SHA256 of "{timestamp}.{body}" under the secret}" per secret.</summary>
    public static string StripeSignature(string body, DateTimeOffset at, params string[] secrets)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signatures = secrets.Select(secret =>
            "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"))));
        return $"t={timestamp},{string.Join(',', signatures)}";
    }

    public static Task<ApiResponse> PostStripe(this ApiClient api, string body, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, StripeWebhook) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Stripe-Signature", signature);
        return api.Send(request, null);
    }

    public static Task<ApiResponse> PostAfribaPay(this ApiClient api, string body, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, AfribaPayWebhook) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add("AfribaPAY-Sign", signature);
        return api.Send(request, null);
    }

    public static string AfribaPaySignature(string body, string key = PaymentsStandIn.AfribaPayKey) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(body)));

    /// <summary>Initiates a payment and answers its transaction id (and Stripe session, when paid by card).</summary>
    public static async Task<(string TransactionId, string? SessionId)> Pay(this PaymentsStandIn standIn, TestUser payer, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Initiate) { Content = JsonContent(body) };
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        var started = (await standIn.Api().Send(request, payer.Access)).Expect(HttpStatusCode.Created);
        var id = started["transaction_id"].GetString()!;
        return (id, (await standIn.Transaction(id)).ProviderRef);
    }

    /// <summary>Sends Stripe's completion of a transaction's session, signed, and waits until the worker settled it.</summary>
    public static async Task Complete(this PaymentsStandIn standIn, string transactionId, string sessionId)
    {
        var body = StripeEvent("checkout.session.completed", transactionId, sessionId);
        (await standIn.Api().PostStripe(body, StripeSignature(body, DateTimeOffset.UtcNow, PaymentsStandIn.NewSecret))).Expect(HttpStatusCode.OK);
        await standIn.Settled(transactionId, PaymentStatuses.Completed);
    }

    /// <summary>Waits until the transaction is in the status and, when completed, fulfilled.</summary>
    public static Task Settled(this PaymentsStandIn standIn, string transactionId, string status) => Eventually.True(async () =>
        await standIn.Transaction(transactionId) is { } t && t.Status == status && (status != PaymentStatuses.Completed || t.Fulfilled),
        $"{transactionId} did not become {status}");

    public static async Task<PaymentTransaction> Transaction(this PaymentsStandIn standIn, string transactionId) =>
        (await standIn.App.Store.ReadAsync<PaymentTransaction>(Containers.Payments, transactionId, transactionId))!.Document;

    public static async Task<Subscription?> Subscription(this TestApp app, long userId) =>
        (await app.Store.ReadAsync<Subscription>(Containers.Subscriptions, userId.ToString(CultureInfo.InvariantCulture),
            userId.ToString(CultureInfo.InvariantCulture)))?.Document;

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
