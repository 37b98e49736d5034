using System.Globalization;
using System.Text.Json.Serialization;
using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Subscriptions;

/// <summary>What a plan limits per period.</summary>
public enum QuotaKind
{
    JobPostings,
    Applications,

    /// <summary>A recruiter opening a candidate's profile and CV, counted once per candidate and period.</summary>
    CvViews,
}

/// <summary>How much of a quota an account used in the current period, out of its plan's limit.</summary>
public sealed record QuotaUsage(long Used, long Limit);

/// <summary>
/// The plan an account is on now and the quota period it is in: a calendar month (UTC) on the free plan, a month from
/// the day a paid plan started otherwise (ending with the plan). <see cref="Key"/> names the period's usage document.
/// </summary>
public sealed record QuotaPeriod(Plan Plan, DateTimeOffset Start, DateTimeOffset End, string Key);

/// <summary>The plan and quota period of an account (its subscription).</summary>
public interface IPlanLimits
{
    Task<QuotaPeriod> CurrentAsync(long userId, CancellationToken ct = default);

    /// <summary>Spends one of the account's credits on a fact past its plan's limit, once per fact; false when none is left.</summary>
    Task<bool> SpendCreditAsync(long userId, string factId, CancellationToken ct = default);

    /// <summary>Gives back the credit a fact spent, if it spent one.</summary>
    Task RefundCreditAsync(long userId, string factId, CancellationToken ct = default);
}

/// <summary>
/// Quotas of the plans. One usage document per account and period counts each fact (a job id, an application id, a
/// viewed candidate) once through <see cref="CountOnce"/>, so a retried request uses no second unit. Past the limit, a
/// fact spends one of the account's credits (once: a retry spends no second) or, with none left, is a 402 and uses
/// nothing. Two requests racing for the last unit may both go to credits or be refused, never both let through on the
/// plan. A new period has a new document, so usage starts again from zero.
/// </summary>
public sealed class PlanQuotas(DocumentStore store, CountOnce counts, IPlanLimits limits)
{
    public async Task TakeAsync(long userId, QuotaKind kind, string factId, CancellationToken ct = default) =>
        await TakeAsync(userId, kind, factId, await limits.CurrentAsync(userId, ct), ct);

    /// <summary>
    /// Counts a fact that stays counted for the whole period (a recruiter viewing a candidate): the first time it uses a
    /// unit, later times none. A marker per fact and period remembers it beyond <see cref="CountOnce.Window"/>.
    /// </summary>
    public async Task TakeOncePerPeriodAsync(long userId, QuotaKind kind, string factId, CancellationToken ct = default)
    {
        var period = await limits.CurrentAsync(userId, ct);
        var markerId = SafeId($"once:{userId}:{period.Key}:{factId}");
        if (await store.ReadAsync<PeriodMarker>(Containers.QuotaUsage, markerId, markerId, ct) is not null) return;
        await TakeAsync(userId, kind, factId, period, ct);
        await store.TryCreateAsync(Containers.QuotaUsage, new PeriodMarker(markerId, Ttl), markerId, ct);
    }

    /// <summary>Gives a unit back, or the credit it spent (a job posting that failed after its quota was taken).</summary>
    public async Task ReturnAsync(long userId, QuotaKind kind, string factId, CancellationToken ct = default)
    {
        var period = await limits.CurrentAsync(userId, ct);
        var id = UsageId(userId, period);
        await counts.UncountAsync(factId, factWasCounted: false, [new CounterTarget(Containers.QuotaUsage, id, id, [(Field(kind), 1)])], ct);
        await limits.RefundCreditAsync(userId, CreditFact(period, factId), ct);
    }

    public async Task<QuotaUsage> UsageAsync(long userId, QuotaKind kind, CancellationToken ct = default)
    {
        var period = await limits.CurrentAsync(userId, ct);
        return (await UsageAsync(userId, period, ct))[kind];
    }

    /// <summary>Every quota of the period, from one read of its usage document.</summary>
    public async Task<IReadOnlyDictionary<QuotaKind, QuotaUsage>> UsageAsync(long userId, QuotaPeriod period, CancellationToken ct = default)
    {
        var id = UsageId(userId, period);
        var usage = (await store.ReadAsync<PeriodUsage>(Containers.QuotaUsage, id, id, ct))?.Document;
        return Enum.GetValues<QuotaKind>().ToDictionary(k => k, k => new QuotaUsage(usage?.Used(k) ?? 0, period.Plan.Limit(k)));
    }

    private async Task TakeAsync(long userId, QuotaKind kind, string factId, QuotaPeriod period, CancellationToken ct)
    {
        var id = UsageId(userId, period);
        var limit = period.Plan.Limit(kind);
        var usage = await ReadOrCreateAsync(id, ct);
        if (usage.CountedFacts.Contains(factId)) return;
        if (usage.Used(kind) >= limit)
        {
            await SpendCreditAsync(userId, kind, factId, period, limit, ct);
            return;
        }
        var target = new CounterTarget(Containers.QuotaUsage, id, id, [(Field(kind), 1)]);
        await counts.CountAsync(factId, [target], ct);
        if ((await ReadOrCreateAsync(id, ct)).Used(kind) <= limit) return;
        await counts.UncountAsync(factId, factWasCounted: true, [target], ct);
        await SpendCreditAsync(userId, kind, factId, period, limit, ct);
    }

    private async Task SpendCreditAsync(long userId, QuotaKind kind, string factId, QuotaPeriod period, long limit, CancellationToken ct)
    {
        if (!await limits.SpendCreditAsync(userId, CreditFact(period, factId), ct)) throw OverQuota(kind, period.Plan, limit);
    }

    /// <summary>A credit pays for a fact within one period: a candidate opened again next month is a new CV view.</summary>
    private static string CreditFact(QuotaPeriod period, string factId) => period.Key + ":" + factId;

    /// <summary>Usage documents and markers outlive the longest period (a month) by a month, then expire.</summary>
    private static readonly int Ttl = (int)TimeSpan.FromDays(62).TotalSeconds;

    private async Task<PeriodUsage> ReadOrCreateAsync(string id, CancellationToken ct)
    {
        if (await store.ReadAsync<PeriodUsage>(Containers.QuotaUsage, id, id, ct) is { } stored) return stored.Document;
        await store.TryCreateAsync(Containers.QuotaUsage, new PeriodUsage { Id = id, Ttl = Ttl }, id, ct);
        return (await store.ReadAsync<PeriodUsage>(Containers.QuotaUsage, id, id, ct))!.Document;
    }

    /// <summary>"usage:{user}:{yyyy-MM}" on the free plan (the ids of before subscriptions), "usage:{user}:p{start}" on a paid one.</summary>
    private static string UsageId(long userId, QuotaPeriod period) => string.Create(CultureInfo.InvariantCulture, $"usage:{userId}:{period.Key}");

    /// <summary>Fact ids are the platform's own ("application:job:1:candidate:2"); ids keep clear of Cosmos DB's reserved characters.</summary>
    private static string SafeId(string id) => Queues.QueueIds.ToDocumentId(id);

    private static string Field(QuotaKind kind) => kind switch
    {
        QuotaKind.JobPostings => "/job_postings",
        QuotaKind.CvViews => "/cv_views",
        _ => "/applications",
    };

    private static string Noun(QuotaKind kind) => kind switch
    {
        QuotaKind.JobPostings => "job postings",
        QuotaKind.CvViews => "CV views",
        _ => "applications",
    };

    private static PlatformException OverQuota(QuotaKind kind, Plan plan, long limit) => PlatformException.PaymentRequired(
        kind switch
        {
            QuotaKind.JobPostings => "Job posting quota reached",
            QuotaKind.CvViews => "CV view quota reached",
            _ => "Application quota reached",
        },
        string.Create(CultureInfo.InvariantCulture,
            $"Your {plan.Name} plan allows {limit} {Noun(kind)} a month. Upgrade your subscription, or buy credits (one credit pays for one more), to get more."));

    private sealed class PeriodUsage
    {
        public string Id { get; set; } = "";
        public long JobPostings { get; set; }
        public long Applications { get; set; }
        public long CvViews { get; set; }

        [JsonPropertyName("counted_facts")]
        public List<string> CountedFacts { get; set; } = [];

        [JsonPropertyName("ttl")]
        public int Ttl { get; set; }

        public long Used(QuotaKind kind) => kind switch
        {
            QuotaKind.JobPostings => JobPostings,
            QuotaKind.CvViews => CvViews,
            _ => Applications,
        };
    }

    private sealed record PeriodMarker(string Id, [property: JsonPropertyName("ttl")] int Ttl);
}

public static class SubscriptionServices
{
    public static IServiceCollection AddSubscriptions(this IServiceCollection services)
    {
        services.AddSingleton<SubscriptionStore>();
        services.AddSingleton<IPlanLimits>(sp => sp.GetRequiredService<SubscriptionStore>());
        services.AddSingleton<Payments.IPaymentFulfilment>(sp => sp.GetRequiredService<SubscriptionStore>());
        services.AddSingleton<PlanQuotas>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<CvViewService>();
        return services;
    }
}
