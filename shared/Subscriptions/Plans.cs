using System.Globalization;

namespace CareerNexus.Subscriptions;

/// <summary>A plan's price in one currency: the amount a payment for one month of it must carry.</summary>
public sealed record PlanPrice(string Currency, decimal Amount);

/// <summary>
/// A subscription plan: reference data with an integer id, its monthly price (none for the free plan) and what it
/// allows per period (job postings, CV views, applications).
/// </summary>
public sealed record Plan(long Id, string Name, string Code, IReadOnlyList<PlanPrice> Prices, long JobPostings, long CvViews, long Applications,
    IReadOnlyList<string> Features)
{
    public bool IsFree => Prices.Count == 0;

    public long Limit(QuotaKind kind) => kind switch
    {
        QuotaKind.JobPostings => JobPostings,
        QuotaKind.CvViews => CvViews,
        _ => Applications,
    };

    /// <summary>The price in a currency (EUR for cards, XOF for mobile money); null when the plan is not sold in it.</summary>
    public PlanPrice? PriceIn(string currency) => Prices.FirstOrDefault(p => string.Equals(p.Currency, currency, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The plans, by id. Ids are stable: subscriptions and payments store them. Starter is document 003's (29.99 EUR,
/// 5 job postings and 50 CV views a month); Free keeps the limits every account had before subscriptions existed.
/// </summary>
public static class Plans
{
    public static readonly Plan Starter = new(1, "Starter", "starter", [new("EUR", 29.99m), new("XOF", 19_700m)], 5, 50, 100,
        ["5 job postings/month", "50 CV views/month", "100 applications/month", "Basic support"]);

    public static readonly Plan Business = new(2, "Business", "business", [new("EUR", 99.99m), new("XOF", 65_600m)], 25, 300, 500,
        ["25 job postings/month", "300 CV views/month", "500 applications/month", "Priority support"]);

    public static readonly Plan Free = new(3, "Free", "free", [], FreePlan.JobPostingsPerMonth, FreePlan.CvViewsPerMonth, FreePlan.ApplicationsPerMonth,
        ["3 job postings/month", "10 CV views/month", "20 applications/month"]);

    public static readonly IReadOnlyList<Plan> All = [Starter, Business, Free];

    public static Plan? Find(long id) => All.FirstOrDefault(p => p.Id == id);

    /// <summary>A plan named by its code or name ("starter", "Starter") or its id as text.</summary>
    public static Plan? Named(string text)
    {
        var trimmed = text.Trim();
        if (long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return Find(id);
        return All.FirstOrDefault(p => string.Equals(p.Code, trimmed, StringComparison.OrdinalIgnoreCase)
                                       || string.Equals(p.Name, trimmed, StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The free plan's monthly limits: what every account may do without paying.</summary>
public static class FreePlan
{
    public const long JobPostingsPerMonth = 3;
    public const long ApplicationsPerMonth = 20;
    public const long CvViewsPerMonth = 10;
}

/// <summary>Credits bought one by one: their unit price in each currency a payment may use.</summary>
public static class CreditPrices
{
    public const int MaxPerPurchase = 1000;

    public static readonly IReadOnlyList<PlanPrice> Unit = [new("EUR", 1.00m), new("XOF", 650m)];

    public static PlanPrice? In(string currency) => Unit.FirstOrDefault(p => string.Equals(p.Currency, currency, StringComparison.OrdinalIgnoreCase));
}
