using System.Globalization;

namespace CareerNexus.Storage;

/// <summary>Partition keys and ids that several features share, spelled in one place so their documents line up.</summary>
public static class DocumentKeys
{
    /// <summary>The partition of one account's own documents: profile entries, saved posts, notifications, its chat index.</summary>
    public static string UserPartition(long userId) => "user:" + userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The id that stands for two accounts together, the same whichever of them comes first.</summary>
    public static string PairId(long a, long b) =>
        string.Create(CultureInfo.InvariantCulture, $"pair:{Math.Min(a, b)}:{Math.Max(a, b)}");

    /// <summary>A key that sorts by time, then by id, as text: views order their entries by it, newest first descending.</summary>
    public static string TimeOrder(DateTimeOffset at, long id) =>
        string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks:D19}:{id:D19}");
}
