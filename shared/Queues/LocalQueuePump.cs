using System.Globalization;
using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace CareerNexus.Queues;

/// <summary>
/// Delivers the local queue's messages. Each round claims the due messages of a handled queue with an
/// ETag-guarded patch (the lease: invisible until it ends, one more attempt counted), so several processes
/// over one database never deliver a message twice at once; then runs the handlers and records the verdict.
/// A process that stops mid-delivery leaves a lease that simply runs out, and the message comes back.
/// </summary>
public sealed class LocalQueuePump(DocumentStore store, QueueDispatcher dispatcher, QueueOptions options, TimeProvider clock,
    ILogger<LocalQueuePump> logger)
{
    /// <summary>The most messages one round claims.</summary>
    public const int BatchSize = 16;
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromMinutes(1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _nextPurge = new();

    /// <summary>The queues that have a handler in this process: the ones the pump serves.</summary>
    public IReadOnlyCollection<string> Queues => dispatcher.Queues;

    /// <summary>One round over every handled queue; the number of messages delivered.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct) =>
        (await Task.WhenAll(dispatcher.Queues.Select(queue => RunOnceAsync(queue, ct)))).Sum();

    /// <summary>
    /// One round over one queue: claims what is due (a batch at most), delivers it and records the verdicts.
    /// The number of messages delivered.
    /// </summary>
    public async Task<int> RunOnceAsync(string queue, CancellationToken ct)
    {
        var deliveries = await StartRoundAsync(queue, BatchSize, ct);
        await Task.WhenAll(deliveries);
        return deliveries.Count;
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due messages of one queue and starts their deliveries without waiting
    /// for them, so that a slow handler holds up only its own message. The deliveries, which never fail: each
    /// records its own verdict, or gives its message back when <paramref name="ct"/> stops it.
    /// </summary>
    public async Task<IReadOnlyList<Task>> StartRoundAsync(string queue, int limit, CancellationToken ct)
    {
        // Before the claims, so that a failed purge never strands deliveries already started.
        if (clock.GetUtcNow() >= _nextPurge.GetValueOrDefault(queue))
        {
            _nextPurge[queue] = clock.GetUtcNow() + PurgeInterval;
            await PurgeAsync(queue, ct);
        }
        var query = new QueryDefinition(
                $"SELECT TOP {Math.Clamp(limit, 1, BatchSize)} * FROM c WHERE c.partition = @queue AND c.state = @ready AND c.visible_at <= @now ORDER BY c.visible_at")
            .WithParameter("@queue", queue)
            .WithParameter("@ready", QueuedMessage.Ready)
            .WithParameter("@now", Timestamp(clock.GetUtcNow()));
        var due = await store.QueryListAsync<QueuedMessage>(Containers.QueueMessages, query, queue, ct: ct);
        var claimed = (await Task.WhenAll(due.Select(message => ClaimAsync(message, ct)))).OfType<QueuedMessage>().ToList();
        return claimed.Select(message => Task.Run(() => DeliverAsync(message, ct), CancellationToken.None)).ToList();
    }

    private async Task<QueuedMessage?> ClaimAsync(QueuedMessage due, CancellationToken ct)
    {
        // SELECT * returns each message's _etag: the claim is conditional on it without another read.
        if (due.ETag is null) return null;
        return await PatchAsync(due, due.ETag,
        [
            PatchOperation.Set("/visible_at", Timestamp(clock.GetUtcNow().AddSeconds(options.LeaseSeconds))),
            PatchOperation.Increment("/attempts", 1),
        ], ct);
    }

    private async Task DeliverAsync(QueuedMessage claimed, CancellationToken ct)
    {
        var message = new QueueMessage(claimed.Partition, claimed.MessageId, claimed.Body ?? "", claimed.Attempts, claimed.TraceParent);
        try
        {
            if (claimed.Attempts > options.MaxAttempts)
            {
                // The last allowed delivery never reported back (its process stopped): its lease ran out.
                await dispatcher.DeadLetterAsync(message with { DeliveryCount = claimed.Attempts - 1 },
                    claimed.LastError ?? "The last delivery did not finish before its lease ran out", ct);
                await EndAsync(claimed, QueuedMessage.Dead, ct);
                return;
            }
            var result = await DeliverWithinLeaseAsync(message, ct);
            switch (result.Outcome)
            {
                case DeliveryOutcome.Completed:
                    Recorded(claimed, await EndAsync(claimed, QueuedMessage.Done, ct));
                    break;
                case DeliveryOutcome.DeadLettered:
                    Recorded(claimed, await EndAsync(claimed, QueuedMessage.Dead, ct));
                    break;
                default:
                    Recorded(claimed, await PatchAsync(claimed, claimed.ETag!,
                    [
                        PatchOperation.Set("/visible_at", Timestamp(clock.GetUtcNow() + options.RetryDelay(claimed.Attempts))),
                        PatchOperation.Set("/last_error", result.Error),
                    ], ct));
                    break;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await ReleaseAsync(claimed);
        }
        catch (Exception error)
        {
            // The lease runs out and the message is delivered again.
            logger.LogError(error, "Could not record the delivery of message {MessageId} of queue {Queue}", claimed.MessageId, claimed.Partition);
        }
    }

    /// <summary>
    /// Runs the handler, cancelled a little before the lease ends: past it, another claim could deliver the
    /// message while this handler still runs. A handler cut short counts as a failed delivery.
    /// </summary>
    private async Task<DeliveryResult> DeliverWithinLeaseAsync(QueueMessage message, CancellationToken ct)
    {
        using var lease = CancellationTokenSource.CreateLinkedTokenSource(ct);
        lease.CancelAfter(HandlerBudget(options.LeaseSeconds));
        try
        {
            return await dispatcher.DeliverAsync(message, lease.Token);
        }
        catch (OperationCanceledException) when (lease.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            var error = $"The handler did not finish within its lease of {options.LeaseSeconds} s";
            logger.LogWarning("Message {MessageId} of queue {Queue}: {Error}", message.MessageId, message.Queue, error);
            return new DeliveryResult(DeliveryOutcome.RetryLater, error);
        }
    }

    /// <summary>The lease less a margin for recording the verdict (10 s, or a quarter of a short lease).</summary>
    public static TimeSpan HandlerBudget(int leaseSeconds)
    {
        var lease = TimeSpan.FromSeconds(Math.Max(1, leaseSeconds));
        var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(10).Ticks, lease.Ticks / 4));
        return lease - margin;
    }

    /// <summary>A verdict patch that finds the message changed means its lease ran out and another claim took it.</summary>
    private void Recorded(QueuedMessage claimed, QueuedMessage? patched)
    {
        if (patched is null)
            logger.LogWarning("Message {MessageId} of queue {Queue} was claimed again before its verdict was recorded; the later delivery decides",
                claimed.MessageId, claimed.Partition);
    }

    /// <summary>
    /// Keeps the ended message as a small marker for the duplicate window, so that the same id sent again is a
    /// no-op; the purge removes it afterwards.
    /// </summary>
    private Task<QueuedMessage?> EndAsync(QueuedMessage claimed, string state, CancellationToken ct) =>
        PatchAsync(claimed, claimed.ETag!,
        [
            PatchOperation.Set("/state", state),
            PatchOperation.Set("/done_at", Timestamp(clock.GetUtcNow())),
            PatchOperation.Remove("/body"),
        ], ct);

    /// <summary>Stopping mid-delivery: give the message back at once rather than when the lease ends.</summary>
    private async Task ReleaseAsync(QueuedMessage claimed)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await PatchAsync(claimed, claimed.ETag!,
            [
                PatchOperation.Set("/visible_at", Timestamp(clock.GetUtcNow())),
                PatchOperation.Increment("/attempts", -1),
            ], timeout.Token);
        }
        catch (Exception error) when (error is OperationCanceledException or CosmosException or HttpRequestException)
        {
            logger.LogWarning("Message {MessageId} of queue {Queue} stays leased until its lease ends: {Error}",
                claimed.MessageId, claimed.Partition, error.Message);
        }
    }

    /// <summary>Applies the patch if the message still has the ETag; the patched message, or null when someone else changed it.</summary>
    private async Task<QueuedMessage?> PatchAsync(QueuedMessage message, string etag, IReadOnlyList<PatchOperation> operations, CancellationToken ct)
    {
        var patched = await store.TryPatchAsync<QueuedMessage>(Containers.QueueMessages, message.Id, message.Partition, operations, etag, ct);
        if (patched is null) return null;
        patched.Document.ETag = patched.ETag;
        return patched.Document;
    }

    /// <summary>Removes the markers of ended messages once the duplicate window has passed.</summary>
    private async Task PurgeAsync(string queue, CancellationToken ct)
    {
        var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.partition = @queue AND c.state != @ready AND c.done_at < @cutoff")
            .WithParameter("@queue", queue)
            .WithParameter("@ready", QueuedMessage.Ready)
            .WithParameter("@cutoff", Timestamp(clock.GetUtcNow() - TimeSpan.FromMinutes(options.DuplicateWindowMinutes)));
        foreach (var id in await store.QueryListAsync<string>(Containers.QueueMessages, query, queue, take: 500, ct: ct))
            await store.DeleteAsync(Containers.QueueMessages, id, queue, ct: ct);
    }

    /// <summary>Timestamps as the documents store them, so that they compare as strings in the order of time.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(UtcTimestampConverter.Format, CultureInfo.InvariantCulture);
}
