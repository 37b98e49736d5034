using System.Diagnostics;
using System.Globalization;

namespace CareerNexus.Storage;

/// <summary>
/// What one request asked of Cosmos DB: every call the <see cref="DocumentStore"/> makes while a meter is current
/// (started per request by the host) is counted here. A query counts once per page Cosmos returns, so a query that
/// has to page through many results shows as many operations. Safe for the store's parallel calls.
/// </summary>
public sealed class CosmosMeter
{
    private static readonly AsyncLocal<CosmosMeter?> CurrentMeter = new();

    private readonly Lock _gate = new();
    private int _reads, _queries, _crossQueries, _writes, _items;
    private double _requestCharge;
    private long _elapsedTicks;

    /// <summary>The meter of the running request, if any (queue workers and startup run without one).</summary>
    public static CosmosMeter? Current => CurrentMeter.Value;

    /// <summary>Starts a meter for the current async flow: everything awaited from here on records into it.</summary>
    public static CosmosMeter Start() => CurrentMeter.Value = new CosmosMeter();

    public CosmosTotals Totals
    {
        get
        {
            lock (_gate)
                return new CosmosTotals(_reads, _queries, _crossQueries, _writes, _items, _requestCharge,
                    Stopwatch.GetElapsedTime(0, _elapsedTicks));
        }
    }

    internal void Record(CosmosOperation operation, int items, double requestCharge, long startedAt)
    {
        var elapsed = Stopwatch.GetTimestamp() - startedAt;
        lock (_gate)
        {
            switch (operation)
            {
                case CosmosOperation.Read: _reads++; break;
                case CosmosOperation.Query: _queries++; break;
                case CosmosOperation.CrossPartitionQuery: _crossQueries++; break;
                case CosmosOperation.Write: _writes++; break;
            }
            _items += items;
            _requestCharge += requestCharge;
            _elapsedTicks += elapsed;
        }
    }
}

internal enum CosmosOperation { Read, Query, CrossPartitionQuery, Write }

/// <summary>A request's Cosmos totals; <see cref="Duration"/> sums the calls, so parallel calls add up.</summary>
public sealed record CosmosTotals(int Reads, int Queries, int CrossPartitionQueries, int Writes, int Items, double RequestCharge,
    TimeSpan Duration)
{
    public int Operations => Reads + Queries + CrossPartitionQueries + Writes;

    /// <summary>
    /// The Server-Timing entry: <c>cosmos;dur=2.41;desc="reads=1 queries=0 xqueries=0 writes=0 items=1 ru=1.00"</c>.
    /// </summary>
    public string ToServerTiming() => string.Create(CultureInfo.InvariantCulture,
        $"cosmos;dur={Duration.TotalMilliseconds:0.##};desc=\"reads={Reads} queries={Queries} xqueries={CrossPartitionQueries} writes={Writes} items={Items} ru={RequestCharge:0.00}\"");

    /// <summary>Adds the totals to a telemetry span: counts only, nothing about what was read.</summary>
    public void Tag(Activity activity) => activity
        .SetTag("cosmos.reads", Reads)
        .SetTag("cosmos.queries", Queries)
        .SetTag("cosmos.cross_partition_queries", CrossPartitionQueries)
        .SetTag("cosmos.writes", Writes)
        .SetTag("cosmos.items", Items)
        .SetTag("cosmos.request_charge", Math.Round(RequestCharge, 2))
        .SetTag("cosmos.duration_ms", Math.Round(Duration.TotalMilliseconds, 2));
}
