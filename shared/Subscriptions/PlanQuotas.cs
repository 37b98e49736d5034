using System.Globalization;
using System.Text.Json.Serialization;
using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Subscriptions;

/// <summary>What a plan limits per calendar month (UTC).</summary>
public enum QuotaKind
{
    JobPostings,
    Applications,
}

/// <summary>How much of a monthly quota an account used, out of its plan's limit.</summary>
public sealed record QuotaUsage(long Used, long Limit);

/// <summary>The limits of the plan an account is on. Until subscriptions exist every account is on the free plan.</summary>
public interface IPlanLimits
{
    Task<long> LimitAsync(long userId, QuotaKind kind, CancellationToken ct = default);
}

/// <summary>The free plan: 3 job postings and 20 applications a month.</summary>
public sealed class FreePlan : IPlanLimits
{
    public const long JobPostingsPerMonth = 3;
    public const long ApplicationsPerMonth = 20;

    public static long Limit(QuotaKind kind) => kind == QuotaKind.JobPostings ? JobPostingsPerMonth : ApplicationsPerMonth;

    public Task<long> LimitAsync(long userId, QuotaKind kind, CancellationToken ct = default) => Task.FromResult(Limit(kind));
}

/// <summary>
/// Monthly quotas of the plans. One usage document per account and month counts each fact (a job id, an application
/// id) once through <see cref="CountOnce"/>, so a retried request uses no second unit; a request over the limit is a
/// 402 and uses none. Two requests racing for the last unit may both be refused, never both let through.
/// </summary>
public sealed class PlanQuotas(DocumentStore store, CountOnce counts, IPlanLimits limits, TimeProvider clock)
{
    public async Task TakeAsync(long userId, QuotaKind kind, string factId, CancellationToken ct = default)
    {
        var id = UsageId(userId, clock.GetUtcNow());
        var limit = await limits.LimitAsync(userId, kind, ct);
        var usage = await ReadOrCreateAsync(id, ct);
        if (usage.CountedFacts.Contains(factId)) return;
        if (usage.Used(kind) >= limit) throw OverQuota(kind, limit);
        var target = new CounterTarget(Containers.QuotaUsage, id, id, [(Field(kind), 1)]);
        await counts.CountAsync(factId, [target], ct);
        if ((await ReadOrCreateAsync(id, ct)).Used(kind) <= limit) return;
        await counts.UncountAsync(factId, factWasCounted: true, [target], ct);
        throw OverQuota(kind, limit);
    }

    /// <summary>Gives a unit back (a job posting that failed after its quota was taken).</summary>
    public Task ReturnAsync(long userId, QuotaKind kind, string factId, CancellationToken ct = default)
    {
        var id = UsageId(userId, clock.GetUtcNow());
        return counts.UncountAsync(factId, factWasCounted: false, [new CounterTarget(Containers.QuotaUsage, id, id, [(Field(kind), 1)])], ct);
    }

    public async Task<QuotaUsage> UsageAsync(long userId, QuotaKind kind, CancellationToken ct = default)
    {
        var id = UsageId(userId, clock.GetUtcNow());
        var used = (await store.ReadAsync<MonthlyUsage>(Containers.QuotaUsage, id, id, ct))?.Document.Used(kind) ?? 0;
        return new QuotaUsage(used, await limits.LimitAsync(userId, kind, ct));
    }

    private async Task<MonthlyUsage> ReadOrCreateAsync(string id, CancellationToken ct)
    {
        if (await store.ReadAsync<MonthlyUsage>(Containers.QuotaUsage, id, id, ct) is { } stored) return stored.Document;
        var fresh = new MonthlyUsage { Id = id, Ttl = (int)TimeSpan.FromDays(62).TotalSeconds };
        await store.TryCreateAsync(Containers.QuotaUsage, fresh, id, ct);
        return (await store.ReadAsync<MonthlyUsage>(Containers.QuotaUsage, id, id, ct))!.Document;
    }

    private static string UsageId(long userId, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"usage:{userId}:{now.UtcDateTime:yyyy-MM}");

    private static string Field(QuotaKind kind) => kind == QuotaKind.JobPostings ? "/job_postings" : "/applications";

    private static PlatformException OverQuota(QuotaKind kind, long limit) => PlatformException.PaymentRequired(
        kind == QuotaKind.JobPostings ? "Job posting quota reached" : "Application quota reached",
        string.Create(CultureInfo.InvariantCulture,
            $"Your plan allows {limit} {(kind == QuotaKind.JobPostings ? "job postings" : "applications")} a month. Upgrade your subscription to post more."));

    private sealed class MonthlyUsage
    {
        public string Id { get; set; } = "";
        public long JobPostings { get; set; }
        public long Applications { get; set; }

        [JsonPropertyName("counted_facts")]
        public List<string> CountedFacts { get; set; } = [];

        [JsonPropertyName("ttl")]
        public int Ttl { get; set; }

        public long Used(QuotaKind kind) => kind == QuotaKind.JobPostings ? JobPostings : Applications;
    }
}

public static class SubscriptionServices
{
    public static IServiceCollection AddSubscriptions(this IServiceCollection services)
    {
        services.AddSingleton<IPlanLimits, FreePlan>();
        services.AddSingleton<PlanQuotas>();
        return services;
    }
}
