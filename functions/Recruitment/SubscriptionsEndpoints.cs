using System.Security.Claims;
using CareerNexus.Functions.Hosting;
using CareerNexus.Subscriptions;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// Document 003's subscriptions module, under /subscriptions/api/v1/: subscriptions/me/ and subscriptions/subscribe/;
/// and, under /accounts/api/v1/, candidate-profiles/{id}/, a recruiter opening a candidate's profile and CV, which is
/// what the plans' "CV views" count.
/// </summary>
public static class RecruitmentSubscriptionsEndpoints
{
    public static void MapRecruitmentSubscriptions(this RouteGroupBuilder group)
    {
        var signedIn = group.MapGroup("/subscriptions").RequireAuthorization();

        signedIn.MapGet("/me", async (ClaimsPrincipal user, SubscriptionService service, CancellationToken ct) =>
            MySubscription.Of(await service.MineAsync(user.UserId(), ct))).Produces<MySubscription>();

        signedIn.MapPost("/subscribe", async (RecruitmentBody body, HttpRequest request, ClaimsPrincipal user, SubscriptionService service,
                CancellationToken ct) =>
            {
                var subscribe = new SubscribeRequest(body.Id("plan_id"), body.Text("payment_method"), body.Text("phone_number"), body.Text("operator"),
                    body.Text("country"));
                body.ThrowIfInvalid();
                return Subscribed.Of(await service.SubscribeAsync(user.UserId(), subscribe,
                    request.Headers[RecruitmentJobsEndpoints.IdempotencyHeader].ToString(), ct));
            })
            .Accepts<SubscribeBody>("application/json").Produces<Subscribed>();
    }

    public static void MapRecruitmentCvViews(this RouteGroupBuilder group) =>
        group.MapGet("/candidate-profiles/{id}", async (string id, ClaimsPrincipal user, CvViewService views, CancellationToken ct) =>
                CandidateProfileResponse.Of(await views.OpenAsync(user.Caller(), RecruitmentIds.FromPath(id), ct)))
            .RequireAuthorization().Produces<CandidateProfileResponse>();
}

public sealed record SubscribeBody(long PlanId, string? PaymentMethod, string? PhoneNumber, string? Operator, string? Country);

public sealed record PlanCard(long Id, string Name);

/// <summary>A plan as document 003 shows it, with its limits.</summary>
public sealed record PlanDetail(long Id, string Name, decimal Price, string Currency, IReadOnlyList<string> Features, PlanLimits Limits)
{
    public static PlanDetail Of(Plan p) => new(p.Id, p.Name, p.PriceIn("EUR")?.Amount ?? 0, "EUR", p.Features,
        new PlanLimits(p.JobPostings, p.CvViews, p.Applications));
}

public sealed record PlanLimits(long JobPostings, long CvViews, long Applications);

public sealed record UsageFigure(long Used, long Limit);

public sealed record QuotaUsageFigures(UsageFigure JobPostings, UsageFigure CvViews, UsageFigure Applications);

public sealed record QuotaPeriodDates(DateTimeOffset Start, DateTimeOffset End);

public sealed record PendingPlan(long Id, string Name, string? TransactionId);

/// <summary>Document 003's subscription, with the quota period, applications, credits and the plan a payment in progress is for.</summary>
public sealed record MySubscription(long Id, PlanDetail Plan, string Status, DateTimeOffset StartDate, DateTimeOffset? EndDate, bool AutoRenew,
    QuotaUsageFigures QuotaUsage, QuotaPeriodDates QuotaPeriod, long Credits, PendingPlan? PendingPlan)
{
    public static MySubscription Of(SubscriptionView s)
    {
        UsageFigure Figure(QuotaKind kind) => new(s.Usage[kind].Used, s.Usage[kind].Limit);
        return new(s.Id, PlanDetail.Of(s.Plan), s.Status, s.StartDate, s.EndDate, s.AutoRenew,
            new QuotaUsageFigures(Figure(QuotaKind.JobPostings), Figure(QuotaKind.CvViews), Figure(QuotaKind.Applications)),
            new QuotaPeriodDates(s.Period.Start, s.Period.End), s.Credits,
            s.PendingPlan is { } p ? new PendingPlan(p.Id, p.Name, s.PendingTransaction) : null);
    }
}

/// <summary>Document 003's subscribe answer, with the transaction a paid plan waits for.</summary>
public sealed record Subscribed(long SubscriptionId, PlanCard Plan, string Status, string? PaymentUrl, string? TransactionId, DateTimeOffset? ExpiresAt)
{
    public static Subscribed Of(SubscribeResult r) => new(r.SubscriptionId, new PlanCard(r.Plan.Id, r.Plan.Name), r.Status, r.Payment?.PaymentUrl,
        r.Payment?.Id, r.Payment?.ExpiresAt);
}
