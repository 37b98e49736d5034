using System.Globalization;
using System.Net;
using System.Text.Json;
using CareerNexus.Payments;
using CareerNexus.Statistics;
using CareerNexus.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static CareerNexus.Tests.Recruitment.PaymentsSupport;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// Payments (document 003) against the Stripe and AfribaPay stand-ins: initiate and what reaches the providers, the
/// owner-only status, signed webhooks (duplicates, order, bad and stale signatures, rotated secrets), the worker stopped
/// between its writes, and the poller settling what no event settled.
/// </summary>
public sealed class PaymentsTests(PaymentsStandIn standIn) : IClassFixture<PaymentsStandIn>
{
    private readonly ApiClient _api = standIn.Api();

    [Fact]
    public async Task A_card_payment_stores_a_pending_transaction_and_opens_one_checkout_session_keyed_by_it()
    {
        var payer = await standIn.App.Recruiter();
        var started = (await _api.Post(Initiate, StarterByCard, payer.Access)).Expect(HttpStatusCode.Created);
        var id = started["transaction_id"].GetString()!;
        Assert.Matches("^txn_[0-9a-f]{24}$", id);
        Assert.Equal("pending", started["status"].GetString());
        var transaction = await standIn.Transaction(id);
        Assert.Equal($"https://checkout.stripe.com/c/pay/{transaction.ProviderRef}", started["payment_url"].GetString());
        var expiresAt = DateTimeOffset.Parse(started["expires_at"].GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(expiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(61));

        var create = Assert.Single(standIn.Stripe.Requests, r => r.Path == "/v1/checkout/sessions" && r.Body.Contains(id, StringComparison.Ordinal));
        Assert.Equal("POST", create.Method);
        Assert.Equal($"Bearer {PaymentsStandIn.StripeKey}", create.Authorization);
        Assert.Equal(id, create.Header("Idempotency-Key"));
        Assert.StartsWith("application/x-www-form-urlencoded", create.ContentType);
        var form = QueryHelpers.ParseQuery(create.Body);
        Assert.Equal(id, form["client_reference_id"].ToString());
        Assert.Equal(id, form["metadata[transaction_id]"].ToString());
        Assert.Equal(payer.Id.ToString(CultureInfo.InvariantCulture), form["metadata[user_id]"].ToString());
        Assert.Equal(id, form["payment_intent_data[metadata][transaction_id]"].ToString());
        Assert.Equal(expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), form["expires_at"].ToString());
        Assert.Equal("payment", form["mode"].ToString());
        Assert.Equal("eur", form["line_items[0][price_data][currency]"].ToString());
        Assert.Equal("2999", form["line_items[0][price_data][unit_amount]"].ToString());
        Assert.Equal($"https://app.example.com/payments/return?transaction_id={id}&result=success", form["success_url"].ToString());
    }

    [Fact]
    public async Task A_retried_initiate_with_the_same_key_is_the_same_transaction_and_a_different_body_with_it_is_a_409()
    {
        var payer = await standIn.App.Recruiter();
        var key = ApiClient.Unique("key-");
        var (first, _) = await standIn.Pay(payer, StarterByCard, key);
        var (again, _) = await standIn.Pay(payer, StarterByCard, key);
        Assert.Equal(first, again);
        Assert.Single(standIn.SessionCreates(first));

        var other = new HttpRequestMessage(HttpMethod.Post, Initiate)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { payment_method = "stripe", purpose = "credits", credits = 5 }), System.Text.Encoding.UTF8,
                "application/json"),
        };
        other.Headers.Add("Idempotency-Key", key);
        (await _api.Send(other, payer.Access)).ExpectRecruitmentError(HttpStatusCode.Conflict);

        // Without a key, the same body moments later is the same pending payment; another payer's is their own.
        var (unkeyed, _) = await standIn.Pay(payer, StarterByCard);
        Assert.Equal(unkeyed, (await standIn.Pay(payer, StarterByCard)).TransactionId);
        Assert.NotEqual(unkeyed, (await standIn.Pay(await standIn.App.Recruiter(), StarterByCard)).TransactionId);
    }

    [Fact]
    public async Task The_status_is_its_owners_only_and_a_completed_payment_activates_the_plan_once_whatever_the_duplicates()
    {
        var payer = await standIn.App.Recruiter();
        var statistics = standIn.App.Services.GetRequiredService<PlatformStatistics>();
        var revenue = (await statistics.ReadAsync()).MonthlyRevenue;
        var (id, session) = await standIn.Pay(payer, StarterByCard);
        var status = (await _api.Get(Status(id), payer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("pending", status["status"].GetString());
        Assert.Equal(29.99m, status["amount"].GetDecimal());
        Assert.Equal("EUR", status["currency"].GetString());
        Assert.Equal("stripe", status["payment_method"].GetString());
        Assert.Equal(JsonValueKind.Null, status["completed_at"].ValueKind);
        (await _api.Get(Status(id), (await standIn.App.Candidate()).Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Get(Status("txn_000000000000000000000000"), payer.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Get(Status("not-a-transaction"), payer.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Get(Status(id))).ExpectRecruitmentError(HttpStatusCode.Unauthorized);

        var body = StripeEvent("checkout.session.completed", id, session!);
        var signature = StripeSignature(body, DateTimeOffset.UtcNow, PaymentsStandIn.NewSecret);
        // The same event three times, and Stripe's own retry of it under another event id.
        foreach (var _ in Enumerable.Range(0, 3)) Assert.True((await _api.PostStripe(body, signature)).Expect(HttpStatusCode.OK)["queued"].GetBoolean());
        var retry = StripeEvent("checkout.session.completed", id, session!);
        (await _api.PostStripe(retry, StripeSignature(retry, DateTimeOffset.UtcNow, PaymentsStandIn.NewSecret))).Expect(HttpStatusCode.OK);
        await standIn.Settled(id, PaymentStatuses.Completed);
        await Task.Delay(500);

        var completed = (await _api.Get(Status(id), payer.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("completed", completed["status"].GetString());
        Assert.NotEqual(JsonValueKind.Null, completed["completed_at"].ValueKind);
        var subscription = (await standIn.App.Subscription(payer.Id))!;
        Assert.Equal(1, subscription.Months);
        Assert.Equal(Subscriptions.Plans.Starter.Id, subscription.PlanId);
        Assert.Equal(new[] { id }, subscription.AppliedPayments);
        // The dashboard's revenue counts the payment once (this class's app has a database of its own, and its tests run one at a time).
        Assert.Equal(revenue + 29.99m, (await statistics.ReadAsync()).MonthlyRevenue);
    }

    [Fact]
    public async Task A_late_failure_after_completion_changes_nothing_and_a_completion_after_expiry_is_honoured_once()
    {
        var payer = await standIn.App.Recruiter();
        var (id, session) = await standIn.Pay(payer, StarterByCard);
        await standIn.Complete(id, session!);
        var failed = StripeEvent("checkout.session.async_payment_failed", id, session!, "unpaid");
        var expired = StripeEvent("checkout.session.expired", id, session!, "unpaid");
        (await _api.PostStripe(failed, StripeSignature(failed, DateTimeOffset.UtcNow, PaymentsStandIn.NewSecret))).Expect(HttpStatusCode.OK);
        (await _api.PostStripe(expired, StripeSignature(expired, DateTimeOffset.UtcNow, PaymentsStandIn.NewSecret))).Expect(HttpStatusCode.OK);
        await Task.Delay(1000);
        Assert.Equal(PaymentStatuses.Completed, (await standIn.Transaction(id)).Status);
        Assert.Equal(1, (await standIn.App.Subscription(payer.Id))!.Months);

        // Out of order: the session's expiry reaches us first, then the payment Stripe took just before it.
        var late = await standIn.App.Recruiter();
        var (lateId, lateSession) = await standIn.Pay(late, new { payment_method = "stripe", purpose = "credits", credits = 12 });
        var first = StripeEvent("checkout.session.expired", lateId, lateSession!, "unpaid");
        (await _api.PostStripe(first, StripeSignature(first, DateTimeOffset.UtcNow, PaymentsStandIn.NewSecret))).Expect(HttpStatusCode.OK);
        await standIn.Settled(lateId, PaymentStatuses.Expired);
        await standIn.Complete(lateId, lateSession!);
        await standIn.Complete(lateId, lateSession!);
        Assert.Equal(12, (await standIn.App.Subscription(late.Id))!.Credits);
        Assert.Equal(12, (await _api.Get(Me, late.Access)).Expect(HttpStatusCode.OK)["credits"].GetInt64());
    }

    [Fact]
    public async Task A_bad_signature_a_stale_timestamp_or_no_signature_is_a_400_that_changes_nothing_and_both_rotated_secrets_verify()
    {
        var payer = await standIn.App.Recruiter();
        var (id, session) = await standIn.Pay(payer, StarterByCard);
        var body = StripeEvent("checkout.session.completed", id, session!);
        var now = DateTimeOffset.UtcNow;
        (await _api.PostStripe(body, StripeSignature(body, now, "whsec_someone_else"))).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostStripe(body.Replace("\"paid\"", "\"PAID\""), StripeSignature(body, now, PaymentsStandIn.NewSecret)))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostStripe(body, StripeSignature(body, now.AddSeconds(-400), PaymentsStandIn.NewSecret))).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw(StripeWebhook, body)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostStripe("not json", StripeSignature("not json", now, PaymentsStandIn.NewSecret))).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        await Task.Delay(500);
        Assert.Equal(PaymentStatuses.Pending, (await standIn.Transaction(id)).Status);
        Assert.False((await standIn.App.Subscription(payer.Id))?.Months > 0);

        // The old secret still verifies while it is configured, and a header signed by both (Stripe's own rotation) too.
        (await _api.PostStripe(body, StripeSignature(body, now.AddSeconds(-200), PaymentsStandIn.OldSecret))).Expect(HttpStatusCode.OK);
        (await _api.PostStripe(body, StripeSignature(body, now, "whsec_unknown", PaymentsStandIn.NewSecret))).Expect(HttpStatusCode.OK);
        await standIn.Settled(id, PaymentStatuses.Completed);
    }

    [Theory]
    [InlineData("payments:settled")]
    [InlineData("payments:fulfilled")]
    public async Task A_worker_stopped_between_its_writes_is_redelivered_and_applies_the_payment_once(string step)
    {
        var payer = await standIn.App.Recruiter();
        var (id, session) = await standIn.Pay(payer, StarterByCard);
        standIn.Faults.Arm(step);
        var body = StripeEvent("checkout.session.completed", id, session!);
        // The webhook answers once the event is queued, before the worker runs (and fails).
        (await _api.PostStripe(body, StripeSignature(body, DateTimeOffset.UtcNow, PaymentsStandIn.NewSecret))).Expect(HttpStatusCode.OK);
        await standIn.Settled(id, PaymentStatuses.Completed);
        var subscription = (await standIn.App.Subscription(payer.Id))!;
        Assert.Equal(1, subscription.Months);
        Assert.Single(subscription.AppliedPayments, id);
        Assert.True((await standIn.Transaction(id)).Fulfilled);
    }

    [Fact]
    public async Task A_mobile_money_payment_reaches_afribapay_and_its_signed_callback_completes_it()
    {
        var payer = await standIn.App.Candidate();
        var (id, _) = await standIn.Pay(payer, new
        {
            payment_method = "afribapay", purpose = "subscription", subscription_plan = 1, phone_number = "+2250700000000", @operator = "orange",
            country = "ci",
        });
        var token = standIn.AfribaPay.Requests.Last(r => r.Path == "/v1/token");
        Assert.Equal("Basic " + Convert.ToBase64String("afribapay-user:afribapay-api-key"u8.ToArray()), token.Authorization);
        var payin = standIn.AfribaPay.Requests.Single(r => r.Path == "/v1/pay/payin" && r.Body.Contains(id, StringComparison.Ordinal));
        Assert.Equal("Bearer afribapay-token", payin.Authorization);
        using (var sent = JsonDocument.Parse(payin.Body))
        {
            var root = sent.RootElement;
            Assert.Equal(id, root.GetProperty("order_id").GetString());
            Assert.Equal(19700m, root.GetProperty("amount").GetDecimal());
            Assert.Equal("XOF", root.GetProperty("currency").GetString());
            Assert.Equal("+2250700000000", root.GetProperty("phone_number").GetString());
            Assert.Equal("orange", root.GetProperty("operator").GetString());
            Assert.Equal("CI", root.GetProperty("country").GetString());
            Assert.Equal("merchant-key", root.GetProperty("merchant_key").GetString());
            Assert.Equal("http://127.0.0.1:7071/payments/api/v1/webhooks/afribapay/", root.GetProperty("notify_url").GetString());
        }
        Assert.Equal("AFP-" + id, (await standIn.Transaction(id)).ProviderRef);

        var callback = JsonSerializer.Serialize(new { order_id = id, status = "SUCCESS", transaction_id = "AFP-" + id, amount = 19700, currency = "XOF" });
        (await _api.PostAfribaPay(callback, AfribaPaySignature(callback, "wrong-key"))).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostAfribaPay(callback, null)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostAfribaPay(callback, "zz-not-hex")).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        await Task.Delay(300);
        Assert.Equal(PaymentStatuses.Pending, (await standIn.Transaction(id)).Status);
        (await _api.PostAfribaPay(callback, AfribaPaySignature(callback))).Expect(HttpStatusCode.OK);
        (await _api.PostAfribaPay(callback, AfribaPaySignature(callback))).Expect(HttpStatusCode.OK);
        await standIn.Settled(id, PaymentStatuses.Completed);
        Assert.Equal(1, (await standIn.App.Subscription(payer.Id))!.Months);
    }

    [Fact]
    public async Task The_poller_settles_a_lost_callback_through_the_timer_function_and_expires_stale_checkouts()
    {
        var payer = await standIn.App.Candidate();
        var mobile = new { payment_method = "afribapay", purpose = "credits", credits = 3, phone_number = "22670000000", @operator = "moov", country = "BF" };
        var (lost, _) = await standIn.Pay(payer, mobile);
        standIn.Collections[lost] = "SUCCESS";
        // The Functions host's timer invocation, from loopback.
        var (status, _, _) = await standIn.App.SendFrom("127.0.0.1", "POST", "/timer_payments_poll",
            new { Data = new { timer = new { IsPastDue = false } }, Metadata = new { } });
        Assert.Equal(200, status);
        await standIn.Settled(lost, PaymentStatuses.Completed);
        Assert.Equal(3, (await standIn.App.Subscription(payer.Id))!.Credits);

        // A card checkout nobody paid, and a mobile-money collection still pending, after their expiry.
        var (card, session) = await standIn.Pay(payer, new { payment_method = "stripe", purpose = "credits", credits = 4 });
        var (stuck, _) = await standIn.Pay(payer, mobile with { credits = 5 });
        var (paidLate, paidSession) = await standIn.Pay(payer, new { payment_method = "stripe", purpose = "credits", credits = 6 });
        standIn.Sessions[session!] = ("expired", "unpaid");
        standIn.Sessions[paidSession!] = ("complete", "paid");
        var poller = standIn.App.Services.GetRequiredService<PaymentPoller>();
        await poller.RunAsync(DateTimeOffset.UtcNow + PaymentService.CheckoutLifetime + TimeSpan.FromMinutes(1));
        Assert.Equal(PaymentStatuses.Expired, (await standIn.Transaction(card)).Status);
        Assert.Equal(PaymentStatuses.Expired, (await standIn.Transaction(stuck)).Status);
        Assert.Equal(PaymentStatuses.Completed, (await standIn.Transaction(paidLate)).Status);
        Assert.Equal(9, (await standIn.App.Subscription(payer.Id))!.Credits);
        Assert.Equal("expired", (await _api.Get(Status(card), payer.Access)).Expect(HttpStatusCode.OK)["status"].GetString());

        // Settled transactions leave the pending index: a second run finds none of them.
        await poller.RunAsync(DateTimeOffset.UtcNow + PaymentService.CheckoutLifetime + TimeSpan.FromMinutes(1));
        Assert.Equal(9, (await standIn.App.Subscription(payer.Id))!.Credits);
        Assert.Equal(404, (await standIn.App.SendFrom("203.0.113.9", "POST", "/timer_payments_poll")).Status);
    }

    [Fact]
    public async Task A_provider_refusal_fails_the_payment_and_an_outage_leaves_it_for_the_same_request_to_finish()
    {
        var payer = await standIn.App.Recruiter();
        var key = ApiClient.Unique("outage-");
        standIn.StripeFailure = HttpStatusCode.ServiceUnavailable;
        try
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Initiate)
            {
                Content = new StringContent(JsonSerializer.Serialize(StarterByCard), System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", key);
            (await _api.Send(request, payer.Access)).ExpectRecruitmentError(HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            standIn.StripeFailure = null;
        }
        var (id, session) = await standIn.Pay(payer, StarterByCard, key);
        Assert.NotNull(session);
        Assert.Equal("pending", (await _api.Get(Status(id), payer.Access)).Expect(HttpStatusCode.OK)["status"].GetString());

        standIn.StripeFailure = HttpStatusCode.BadRequest;
        try
        {
            var refused = (await _api.Post(Initiate, new { payment_method = "stripe", purpose = "credits", credits = 7 }, payer.Access))
                .ExpectRecruitmentError(HttpStatusCode.BadRequest);
            Assert.Contains("Stripe refused", refused["detail"].GetString());
        }
        finally
        {
            standIn.StripeFailure = null;
        }
    }

    [Fact]
    public async Task Bad_input_is_answered_field_by_field_in_the_recruitment_dialect()
    {
        var payer = await standIn.App.Recruiter();
        async Task<ApiResponse> Refused(object body) => (await _api.Post(Initiate, body, payer.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);

        Assert.NotEmpty((await Refused(new { purpose = "subscription" })).FieldErrors("payment_method"));
        Assert.NotEmpty((await Refused(new { payment_method = "paypal", purpose = "subscription" })).FieldErrors("payment_method"));
        Assert.NotEmpty((await Refused(new { payment_method = "stripe", purpose = "donation" })).FieldErrors("purpose"));
        Assert.NotEmpty((await Refused(new { payment_method = "stripe", purpose = "subscription", subscription_plan = "gold" })).FieldErrors("subscription_plan"));
        Assert.NotEmpty((await Refused(new { payment_method = "stripe", purpose = "subscription", subscription_plan = "free" })).FieldErrors("subscription_plan"));
        Assert.Contains("29.99 EUR", (await Refused(new { amount = 1, payment_method = "stripe", purpose = "subscription", subscription_plan = "starter" }))
            .FieldErrors("amount")[0]);
        Assert.NotEmpty((await Refused(new { payment_method = "stripe", purpose = "subscription", subscription_plan = "starter", currency = "USD" }))
            .FieldErrors("currency"));
        Assert.NotEmpty((await Refused(new { payment_method = "stripe", purpose = "credits", credits = 2.5 })).FieldErrors("credits"));
        Assert.NotEmpty((await Refused(new { payment_method = "stripe", purpose = "credits", credits = 5000 })).FieldErrors("credits"));
        var mobile = await Refused(new { payment_method = "afribapay", purpose = "subscription", subscription_plan = "starter", phone_number = "abc" });
        Assert.NotEmpty(mobile.FieldErrors("phone_number"));
        Assert.NotEmpty(mobile.FieldErrors("operator"));
        Assert.NotEmpty(mobile.FieldErrors("country"));
        Assert.Equal(["Not a valid string."], (await Refused(new { payment_method = 5, purpose = "credits", credits = 1 })).FieldErrors("payment_method"));
        (await _api.PostRaw(Initiate, "{not json", payer.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.Post(Initiate, StarterByCard)).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
    }
}
