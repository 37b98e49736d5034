using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Serialization;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Statistics;

/// <summary>The platform's figures, each a stored counter moved once per fact by the feature where the fact happens.</summary>
public static class Figures
{
    /// <summary>Accounts made on any surface.</summary>
    public const string Users = "users";

    /// <summary>Accounts that are active: made active (Careers, Nexus, LinkedIn), or activated by their Recruitment link.</summary>
    public const string ActiveUsers = "active_users";

    /// <summary>Accounts that took the Recruitment candidate or recruiter role (their profile was made).</summary>
    public const string Candidates = "candidates";
    public const string Recruiters = "recruiters";

    /// <summary>Jobs posted on any surface; of them, the open ones (a Nexus job never closes, a Recruitment job until its delete).</summary>
    public const string Jobs = "jobs";
    public const string ActiveJobs = "active_jobs";

    /// <summary>Applications to Recruitment jobs.</summary>
    public const string Applications = "applications";

    public const string Companies = "companies";
    public const string Reviews = "reviews";
    public const string Ngos = "ngos";

    /// <summary>Revenue in cents, kept per calendar month and year (UTC) of the payment.</summary>
    public const string Revenue = "revenue";
}

/// <summary>
/// One of <see cref="PlatformStatistics.Shards"/> counter documents of one period ("all" for the totals, "2025-01" or
/// "2025" for revenue), all in the partition "platform". Facts are spread over the shards by a hash of their id, so
/// concurrent registrations, postings and applications rarely meet on one document; a figure is the sum of its shards.
/// </summary>
public sealed class FigureShard
{
    public string Id { get; set; } = "";
    public string Partition { get; set; } = PlatformStatistics.Partition;
    public string Period { get; set; } = PlatformStatistics.AllTime;
    public Dictionary<string, long> Figures { get; set; } = [];

    [JsonPropertyName("counted_facts")]
    public List<string>? CountedFacts { get; set; }
}

/// <summary>The figures as they stand: the totals, and this month's and this year's revenue (UTC).</summary>
public sealed record PlatformFigures(IReadOnlyDictionary<string, long> Totals, decimal MonthlyRevenue, decimal YearlyRevenue)
{
    public long this[string figure] => Totals.GetValueOrDefault(figure);
}

/// <summary>
/// The admin dashboard's figures (document 003), never counted on read: every feature that makes a fact (an account, a
/// profile, a job posted or closed, an application, a company, a review, an NGO, a payment) moves its figures here once,
/// with <see cref="CountOnce"/>, under the fact's own id. Reading them is one single-partition query of at most
/// 3 x <see cref="Shards"/> small documents, whatever the size of the platform.
/// </summary>
public sealed class PlatformStatistics(DocumentStore store, CountOnce counts, TimeProvider clock)
{
    public const string Partition = "platform";
    public const string AllTime = "all";

    /// <summary>How many documents each period's figures are spread over (writers contend on one in eight).</summary>
    public const int Shards = 8;

    private readonly ConcurrentDictionary<string, Task> _existing = new();

    /// <summary>Counts a fact on the totals: each figure moves by its delta, once however often the fact is told.</summary>
    public async Task CountAsync(string factId, IReadOnlyList<(string Figure, long Delta)> deltas, CancellationToken ct = default) =>
        await counts.CountAsync(factId, [await TargetAsync(AllTime, factId, deltas, ct)], ct);

    /// <summary>Takes back a fact counted with <see cref="CountAsync"/> (see <see cref="CountOnce.UncountAsync"/>).</summary>
    public async Task UncountAsync(string factId, bool factWasCounted, IReadOnlyList<(string Figure, long Delta)> deltas, CancellationToken ct = default) =>
        await counts.UncountAsync(factId, factWasCounted, [await TargetAsync(AllTime, factId, deltas, ct)], ct);

    /// <summary>
    /// A payment received (a negative amount for a refund, under a fact id of its own), in the platform's reporting
    /// currency: it counts in the revenue of its UTC month and year. The payments feature calls it once per payment.
    /// </summary>
    public async Task RecordRevenueAsync(string factId, decimal amount, DateTimeOffset paidAt, CancellationToken ct = default)
    {
        var cents = (long)Math.Round(amount * 100, MidpointRounding.AwayFromZero);
        var deltas = new[] { (Figures.Revenue, cents) };
        await counts.CountAsync(factId, [await TargetAsync(Month(paidAt), factId, deltas, ct), await TargetAsync(Year(paidAt), factId, deltas, ct)], ct);
    }

    /// <summary>The figures now: one single-partition query over the shards of the totals, this month and this year.</summary>
    public async Task<PlatformFigures> ReadAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var (month, year) = (Month(now), Year(now));
        var shards = await store.QueryListAsync<FigureShard>(Containers.Statistics,
            new QueryDefinition("SELECT * FROM c WHERE c.partition = @partition AND ARRAY_CONTAINS(@periods, c.period)")
                .WithParameter("@partition", Partition).WithParameter("@periods", new[] { AllTime, month, year }),
            Partition, ct: ct);
        var totals = shards.Where(s => s.Period == AllTime).SelectMany(s => s.Figures)
            .GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.Sum(f => f.Value));
        decimal Revenue(string period) => shards.Where(s => s.Period == period).Sum(s => s.Figures.GetValueOrDefault(Figures.Revenue)) / 100m;
        return new PlatformFigures(totals, Revenue(month), Revenue(year));
    }

    /// <summary>The fact's shard of a period, made the first time this process needs it (a create that may find it there).</summary>
    private async Task<CounterTarget> TargetAsync(string period, string factId, IReadOnlyList<(string Figure, long Delta)> deltas, CancellationToken ct)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"figures:{period}:{DocumentKeys.Shard(factId, Shards)}");
        var made = _existing.GetOrAdd(id, key => store.TryCreateAsync(Containers.Statistics, new FigureShard { Id = key, Period = period }, Partition));
        try
        {
            await made.WaitAsync(ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // A failed create is tried again by the next fact rather than remembered.
            _existing.TryRemove(new KeyValuePair<string, Task>(id, made));
            throw;
        }
        return new CounterTarget(Containers.Statistics, id, Partition, deltas.Select(d => ($"/figures/{d.Figure}", d.Delta)).ToList());
    }

    private static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    private static string Year(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy", CultureInfo.InvariantCulture);
}
