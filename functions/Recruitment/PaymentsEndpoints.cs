using System.Security.Claims;
using System.Text;
using CareerNexus.Functions.Hosting;
using CareerNexus.Payments;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// Document 003's payments module, under /payments/api/v1/: payments/initiate/ and payments/{transaction_id}/status/
/// (signed in), and the providers' webhooks webhooks/stripe/ and webhooks/afribapay/ (public: their signatures are
/// the authentication), which the document implies ("webhook updates transaction status") without naming.
/// </summary>
public static class RecruitmentPaymentsEndpoints
{
    private const string IdempotencyHeader = RecruitmentJobsEndpoints.IdempotencyHeader;

    public static void MapRecruitmentPayments(this RouteGroupBuilder group)
    {
        group.MapPost("/payments/initiate", async (RecruitmentBody body, HttpRequest request, ClaimsPrincipal user, PaymentService service,
                CancellationToken ct) =>
            {
                var payment = new PaymentRequest(body.Text("payment_method"), body.Text("purpose"), body.IdOrCode("subscription_plan"),
                    body.Decimal("amount", out _), body.Text("currency"), body.Number("credits", out _), body.Text("phone_number"), body.Text("operator"),
                    body.Text("country"));
                body.ThrowIfInvalid();
                var transaction = await service.InitiateAsync(user.UserId(), payment, request.Headers[IdempotencyHeader].ToString(), ct);
                return Results.Json(InitiatedPayment.Of(transaction), statusCode: StatusCodes.Status201Created);
            })
            .RequireAuthorization().Accepts<InitiatePaymentBody>("application/json").Produces<InitiatedPayment>(StatusCodes.Status201Created);

        group.MapGet("/payments/{transaction_id}/status", async (string transaction_id, ClaimsPrincipal user, PaymentService service, CancellationToken ct) =>
                PaymentStatus.Of(await service.StatusAsync(user.UserId(), transaction_id, ct)))
            .RequireAuthorization().Produces<PaymentStatus>();

        group.MapPost("/webhooks/stripe", async (HttpRequest request, PaymentWebhooks webhooks, CancellationToken ct) =>
                new WebhookReceipt(await webhooks.StripeAsync(await RawAsync(request, ct), request.Headers["Stripe-Signature"].ToString(), ct)))
            .Accepts<StripeEventBody>("application/json").Produces<WebhookReceipt>();

        group.MapPost("/webhooks/afribapay", async (HttpRequest request, PaymentWebhooks webhooks, CancellationToken ct) =>
                new WebhookReceipt(await webhooks.AfribaPayAsync(await RawAsync(request, ct), request.Headers[AfribaPayGateway.SignatureHeader].ToString(), ct)))
            .Accepts<AfribaPayCallbackBody>("application/json").Produces<WebhookReceipt>();
    }

    /// <summary>The body exactly as sent: signatures are over its bytes (the 1 MiB request limit applies).</summary>
    private static async Task<string> RawAsync(HttpRequest request, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(ct);
    }
}

/// <summary>The initiate body: document 003's fields, plus credits for a credits purchase and the mobile-money payer for AfribaPay.</summary>
public sealed record InitiatePaymentBody(decimal? Amount, string? Currency, string PaymentMethod, string Purpose, string? SubscriptionPlan, long? Credits,
    string? PhoneNumber, string? Operator, string? Country);

/// <summary>Document 003's initiate answer.</summary>
public sealed record InitiatedPayment(string TransactionId, string? PaymentUrl, string Status, DateTimeOffset ExpiresAt, decimal Amount, string Currency)
{
    public static InitiatedPayment Of(PaymentTransaction t) => new(t.Id, t.PaymentUrl, t.Status, t.ExpiresAt, t.Amount, t.Currency);
}

/// <summary>Document 003's status answer, with what was paid for and when the checkout expires.</summary>
public sealed record PaymentStatus(string TransactionId, string Status, decimal Amount, string Currency, string PaymentMethod, DateTimeOffset? CompletedAt,
    string Purpose, long? SubscriptionPlan, long? Credits, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
{
    public static PaymentStatus Of(PaymentTransaction t) =>
        new(t.Id, t.Status, t.Amount, t.Currency, t.PaymentMethod, t.CompletedAt, t.Purpose, t.PlanId, t.Credits, t.CreatedAt, t.ExpiresAt);
}

/// <summary>What a webhook answers once the event is safely queued (queued: false for an event with nothing to do).</summary>
public sealed record WebhookReceipt(bool Queued);

/// <summary>A Stripe event (signed in the Stripe-Signature header): the Checkout Session events settle transactions.</summary>
public sealed record StripeEventBody(string Id, string Type, StripeEventData Data);

public sealed record StripeEventData(StripeSessionBody Object);

public sealed record StripeSessionBody(string Id, string Object, string? ClientReferenceId, string? PaymentStatus, IReadOnlyDictionary<string, string>? Metadata);

/// <summary>AfribaPay's callback (signed in the AfribaPAY-Sign header): order_id is the transaction id.</summary>
public sealed record AfribaPayCallbackBody(string OrderId, string Status, string? TransactionId, string? ReferenceId);
