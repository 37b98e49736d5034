using System.Text.Json.Serialization;
using CareerNexus.Common;
using CareerNexus.Storage;

namespace CareerNexus.Queues;

/// <summary>A message of the local queue, in its queue's partition of queue_messages.</summary>
public sealed class QueuedMessage
{
    public const string Ready = "ready";
    public const string Done = "done";
    public const string Dead = "dead";

    public string Id { get; set; } = "";

    /// <summary>The queue name.</summary>
    public string Partition { get; set; } = "";
    public string MessageId { get; set; } = "";

    /// <summary>Ready to be delivered (when visible), or kept after the end as a duplicate-detection marker.</summary>
    public string State { get; set; } = Ready;
    public string? Body { get; set; }

    /// <summary>Deliveries so far, counted when a pump claims the message.</summary>
    public int Attempts { get; set; }

    /// <summary>When the message may be claimed: now for a new one, the end of the lease or of the back-off otherwise.</summary>
    public DateTimeOffset VisibleAt { get; set; }
    public DateTimeOffset EnqueuedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>The sender's traceparent.</summary>
    public string? TraceParent { get; set; }

    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; set; }
}

/// <summary>Wakes a queue's pump when this process sends to it, so that a message does not wait for the next poll.</summary>
public sealed class LocalQueueSignal
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _queues = new();

    public void Notify(string queue)
    {
        try
        {
            Of(queue).Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every message sent meanwhile.
        }
    }

    public Task<bool> WaitAsync(string queue, TimeSpan timeout, CancellationToken ct) => Of(queue).WaitAsync(timeout, ct);

    private SemaphoreSlim Of(string queue) => _queues.GetOrAdd(queue, _ => new SemaphoreSlim(0, 1));
}

/// <summary>
/// The standalone queue: durable messages in Cosmos DB, delivered by <see cref="LocalQueuePump"/>. The message
/// id is the document id, so sending an id again while it is pending or remembered changes nothing.
/// </summary>
public sealed class LocalMessageQueue(DocumentStore store, LocalQueueSignal signal, TimeProvider clock) : IMessageQueue
{
    public async Task SendAsync(string queue, string messageId, string body, CancellationToken ct = default)
    {
        QueueIds.CheckQueueName(queue);
        ArgumentNullException.ThrowIfNull(body);
        var now = clock.GetUtcNow();
        await store.TryCreateAsync(Containers.QueueMessages, new QueuedMessage
        {
            Id = QueueIds.ToDocumentId(messageId),
            Partition = queue,
            MessageId = messageId,
            Body = body,
            VisibleAt = now,
            EnqueuedAt = now,
            TraceParent = PlatformMetrics.CurrentTraceParent(),
        }, queue, ct);
        signal.Notify(queue);
    }
}
