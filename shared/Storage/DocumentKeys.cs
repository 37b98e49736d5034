using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CareerNexus.Storage;

/// <summary>Partition keys and ids that several features share, spelled in one place so their documents line up.</summary>
public static class DocumentKeys
{
    /// <summary>The partition of one account's own documents: profile entries, saved posts, notifications, its chat index.</summary>
    public static string UserPartition(long userId) => "user:" + userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The id that stands for two accounts together, the same whichever of them comes first.</summary>
    public static string PairId(long a, long b) =>
        string.Create(CultureInfo.InvariantCulture, $"pair:{Math.Min(a, b)}:{Math.Max(a, b)}");

    /// <summary>
    /// Which of <paramref name="shards"/> counter documents a key (a fact, a viewer) goes to: the same in every process
    /// (string.GetHashCode is not), so a retry elsewhere meets the counter that counted it.
    /// </summary>
    public static int Shard(string key, int shards) => (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0) % (uint)shards);

    /// <summary>A key that sorts by time, then by id, as text: views order their entries by it, newest first descending.</summary>
    public static string TimeOrder(DateTimeOffset at, long id) =>
        string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks:D19}:{id:D19}");
}
