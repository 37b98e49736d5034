using CareerNexus.Queues;

namespace CareerNexus.Functions.Workers;

/// <summary>
/// Runs the local queue's pump in the background, standalone: woken at once by a send from this process,
/// otherwise polling (messages from other processes, retries that became due, leases that ran out).
/// </summary>
public sealed class LocalQueueWorker(QueueOptions options, LocalQueuePump pump, LocalQueueSignal signal, ILogger<LocalQueueWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.UsesLocalQueue() || !options.PumpEnabled) return;
        var poll = TimeSpan.FromMilliseconds(Math.Max(options.PollMilliseconds, 10));
        while (!stoppingToken.IsCancellationRequested)
        {
            var delivered = 0;
            try
            {
                delivered = await pump.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogError(error, "The local queue pump failed a round; trying again");
            }
            try
            {
                if (delivered == 0) await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
