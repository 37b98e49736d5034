using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Queues;

/// <summary>A message that failed on every allowed delivery, kept for an operator to look at.</summary>
public sealed class DeadLetter
{
    public string Id { get; set; } = "";

    /// <summary>"dead:{queue}", beside the queue's own messages.</summary>
    public string Partition { get; set; } = "";
    public string Queue { get; set; } = "";
    public string MessageId { get; set; } = "";
    public string Body { get; set; } = "";
    public int Attempts { get; set; }
    public string LastError { get; set; } = "";
    public DateTimeOffset DeadAt { get; set; }
}

/// <summary>
/// The dead-letter store of every queue, local or Service Bus: the platform counts the attempts and parks
/// the message here after the last one, so one place lists them whichever transport delivered.
/// </summary>
public sealed class DeadLetters(DocumentStore store, TimeProvider clock)
{
    public static string Partition(string queue) => "dead:" + queue;

    public Task AddAsync(QueueMessage message, string error, CancellationToken ct = default) =>
        // Upsert: a second dead-lettering of the same message (a crash before the message was removed) keeps one entry.
        store.UpsertAsync(Containers.QueueMessages, new DeadLetter
        {
            Id = QueueIds.ToDocumentId(message.MessageId),
            Partition = Partition(message.Queue),
            Queue = message.Queue,
            MessageId = message.MessageId,
            Body = message.Body,
            Attempts = message.DeliveryCount,
            LastError = error,
            DeadAt = clock.GetUtcNow(),
        }, Partition(message.Queue), ct);

    /// <summary>The dead letters of a queue, most recent first.</summary>
    public Task<List<DeadLetter>> ListAsync(string queue, int max = 100, CancellationToken ct = default)
    {
        QueueIds.CheckQueueName(queue);
        var query = new QueryDefinition($"SELECT TOP {Math.Clamp(max, 1, 1000)} * FROM c WHERE c.partition = @partition ORDER BY c.dead_at DESC")
            .WithParameter("@partition", Partition(queue));
        return store.QueryListAsync<DeadLetter>(Containers.QueueMessages, query, Partition(queue), ct: ct);
    }
}
