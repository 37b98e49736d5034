using System.Security.Cryptography;
using System.Text;

namespace CareerNexus.Queues;

/// <summary>
/// Turns caller-chosen ids (message ids, outbox ids) into ids the stores accept. Cosmos DB ids may not hold
/// '/', '\', '?' or '#' and are limited in length; Service Bus message ids to 128 characters. The mapping is
/// deterministic, so a retried id still finds (and deduplicates against) the first one.
/// </summary>
public static class QueueIds
{
    private const int MaxDocumentId = 200;

    /// <summary>The application property a sent message carries its sender's W3C traceparent in.</summary>
    public const string TraceParentProperty = "traceparent";
    public const int MaxServiceBusMessageId = 128;

    public static string ToDocumentId(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        // '~' rather than '%': ids travel in request paths, where a percent sign invites a second decoding.
        var escaped = id.Replace("~", "~7E").Replace("%", "~25").Replace("/", "~2F").Replace("\\", "~5C").Replace("?", "~3F").Replace("#", "~23");
        return escaped.Length <= MaxDocumentId ? escaped : Hashed(id);
    }

    public static string ToServiceBusMessageId(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return id.Length <= MaxServiceBusMessageId ? id : Hashed(id);
    }

    /// <summary>Queue names as Service Bus allows them; no ':' so that the dead-letter partitions ("dead:{queue}") cannot collide.</summary>
    public static void CheckQueueName(string queue)
    {
        if (string.IsNullOrEmpty(queue) || queue.Length > 200 || !char.IsAsciiLetterOrDigit(queue[0])
            || !queue.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ArgumentException($"Invalid queue name '{queue}'", nameof(queue));
    }

    private static string Hashed(string id) => "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}
