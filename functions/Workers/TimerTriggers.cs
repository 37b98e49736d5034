using CareerNexus.Queues;

namespace CareerNexus.Functions.Workers;

/// <summary>Marks the endpoint that receives a scheduled job's timerTrigger invocations; the manifest writes its function.json.</summary>
public sealed record TimerTrigger(string FunctionName, string Schedule)
{
    /// <summary>The trigger binding's name: the key of the timer's information in the invocation's Data.</summary>
    public const string BindingName = "timer";

    public static string FunctionNameOf(string job) => "timer_" + job;
}

/// <summary>
/// The scheduled jobs as the Functions host runs them: a timerTrigger function per job, which the host invokes as
/// POST /{FunctionName} (loopback only, like the queue triggers) with {"Data": {"timer": ...}, "Metadata": ...}, and
/// answered {"Outputs", "Logs", "ReturnValue"}. A failed run answers 500 for the host's log; the next run starts over.
/// Standalone, <see cref="ScheduledJobWorker"/> runs the same jobs on the same schedule.
/// </summary>
public static class TimerTriggerEndpoints
{
    public static void MapTimerTriggers(this IEndpointRouteBuilder app)
    {
        foreach (var job in app.ServiceProvider.GetServices<ScheduledJobRegistration>())
        {
            var trigger = new TimerTrigger(TimerTrigger.FunctionNameOf(job.Name), job.Schedule);
            app.MapPost("/" + trigger.FunctionName, async (HttpContext context, ILogger<ScheduledJobRegistration> logger) =>
                {
                    var scheduled = (IScheduledJob)context.RequestServices.GetRequiredService(job.JobType);
                    try
                    {
                        await scheduled.RunAsync(context.RequestAborted);
                        return QueueTriggerEndpoints.Response(StatusCodes.Status200OK, null);
                    }
                    catch (Exception error) when (!context.RequestAborted.IsCancellationRequested)
                    {
                        logger.LogError(error, "Scheduled job {Job} failed", job.Name);
                        return QueueTriggerEndpoints.Response(StatusCodes.Status500InternalServerError, $"{job.Name} failed: {QueueDispatcher.Describe(error)}");
                    }
                })
                .WithMetadata(trigger)
                .LoopbackOnly();
        }
    }
}

/// <summary>
/// Runs the scheduled jobs standalone, each at the times its timer trigger would (multiples of its interval since
/// midnight UTC). Not under the Functions host, where the timer triggers do it; nor where the local queue pump is off
/// (tests that drive the jobs themselves).
/// </summary>
public sealed class ScheduledJobWorker(IServiceProvider services, QueueOptions options, TimeProvider clock, ILogger<ScheduledJobWorker> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.UsesLocalQueue() || !options.PumpEnabled) return Task.CompletedTask;
        return Task.WhenAll(services.GetServices<ScheduledJobRegistration>().Select(job => Task.Run(() => RunAsync(job, stoppingToken), CancellationToken.None)));
    }

    private async Task RunAsync(ScheduledJobRegistration job, CancellationToken stoppingToken)
    {
        var scheduled = (IScheduledJob)services.GetRequiredService(job.JobType);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                await Task.Delay(job.NextAfter(now) - now, clock, stoppingToken);
                try
                {
                    await scheduled.RunAsync(stoppingToken);
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(error, "Scheduled job {Job} failed; it runs again at its next time", job.Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
