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

    private async Task RunAsync(string queue, CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(Math.Max(options.PollMilliseconds, 10));
        while (!stoppingToken.IsCancellationRequested)
        {
            var delivered = 0;
            try
            {
                delivered = await pump.RunOnceAsync(queue, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogError(error, "The local queue pump failed a round of queue {Queue}; trying again", queue);
            }
            try
            {
                if (delivered == 0) await signal.WaitAsync(queue, poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
