using CareerNexus.Queues;

namespace CareerNexus.Functions.Workers;

/// <summary>
/// Runs the local queue's pump in the background, standalone: woken at once by a send from this process,
/// otherwise polling (messages from other processes, retries that became due, leases that ran out).
/// </summary>
public sealed class LocalQueueWorker(QueueOptions options, LocalQueuePump pump, LocalQueueSignal signal, ILogger<LocalQueueWorker> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.UsesLocalQueue() || !options.PumpEnabled) return Task.CompletedTask;
        // One loop per queue, so that a slow handler (a relay that hangs) holds up only its own queue.
        return Task.WhenAll(pump.Queues.Select(queue => Task.Run(() => RunAsync(queue, stoppingToken), CancellationToken.None)));
    }

    /// <summary>Deliveries one queue may have running at once in this process.</summary>
    private const int MaxInFlight = 32;

    private async Task RunAsync(string queue, CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(Math.Max(options.PollMilliseconds, 10));
        var inFlight = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                inFlight.RemoveAll(delivery => delivery.IsCompleted);
                var room = MaxInFlight - inFlight.Count;
                if (room == 0)
                {
                    await Task.WhenAny(inFlight).WaitAsync(stoppingToken);
                    continue;
                }
                var started = 0;
                try
                {
                    var deliveries = await pump.StartRoundAsync(queue, room, stoppingToken);
                    inFlight.AddRange(deliveries);
                    started = deliveries.Count;
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(error, "The local queue pump failed a round of queue {Queue}; trying again", queue);
                }
                if (started == 0) await signal.WaitAsync(queue, poll, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the deliveries still running give their messages back.
        }
        await Task.WhenAll(inFlight);
    }
}
