using System.Globalization;
using System.Text.Json.Serialization;

namespace CareerNexus.Storage;

/// <summary>
/// An index of things that fall due, one partition per hour ("{prefix}:{yyyyMMddHH}"), read by a scheduled job hour by
/// hour from a cursor stored beside it ("{prefix}:cursor"): a few single-partition queries a run, whatever the number of
/// entries ever written. The pending payments and the Web PubSub chat sockets use it.
/// </summary>
public sealed class HourlyIndex(ContainerSpec container, string prefix)
{
    private string CursorId => prefix + ":cursor";

    public static DateTimeOffset HourOf(DateTimeOffset time) =>
        new(time.UtcDateTime.Year, time.UtcDateTime.Month, time.UtcDateTime.Day, time.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);

    /// <summary>The partition of the hour <paramref name="time"/> falls in.</summary>
    public string BucketOf(DateTimeOffset time) => prefix + ":" + HourOf(time).ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    /// <summary>
    /// Visits the hours from the cursor (or, on a first run, the hour of <paramref name="firstFrom"/>) to the hour of
    /// <paramref name="last"/>, while <paramref name="more"/> holds. <paramref name="visit"/> handles one hour's bucket and
    /// answers whether it left it empty. The cursor moves past the hours left empty, in order, that ended before
    /// <paramref name="settledBefore"/>, so an hour is read again until nothing is left in it.
    /// </summary>
    public async Task SweepAsync(DocumentStore store, DateTimeOffset firstFrom, DateTimeOffset last, DateTimeOffset settledBefore, Func<string, Task<bool>> visit,
        Func<bool> more, CancellationToken ct = default)
    {
        var cursor = await store.ReadAsync<Cursor>(container, CursorId, CursorId, ct);
        var from = cursor?.Document.Hour ?? HourOf(firstFrom);
        var settledUpTo = from;
        var advancing = true;
        for (var hour = from; hour <= HourOf(last) && more(); hour = hour.AddHours(1))
        {
            var emptied = await visit(BucketOf(hour));
            if (advancing && emptied && hour.AddHours(1) <= settledBefore) settledUpTo = hour.AddHours(1);
            else advancing = false;
        }
        if (settledUpTo > from) await store.UpsertAsync(container, new Cursor(CursorId, CursorId, settledUpTo), CursorId, ct);
    }

    private sealed record Cursor(string Id, string Partition, [property: JsonPropertyName("hour")] DateTimeOffset Hour);
}
