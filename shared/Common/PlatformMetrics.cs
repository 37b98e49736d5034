using System.Diagnostics.Metrics;

namespace CareerNexus.Common;

/// <summary>
/// The platform's own metrics, in one meter ("CareerNexus") that telemetry exports. Tags name kinds (a queue,
/// a limit), never a person.
/// </summary>
public static class PlatformMetrics
{
    public const string MeterName = "CareerNexus";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> RateLimitRefusals = Meter.CreateCounter<long>("careernexus.rate_limit.refusals", description: "Requests refused with 429");
    private static readonly Counter<long> QueueDeliveries = Meter.CreateCounter<long>("careernexus.queue.deliveries", description: "Queue messages handed to their handler");
    private static readonly Counter<long> QueueRetries = Meter.CreateCounter<long>("careernexus.queue.retries", description: "Queue deliveries that failed and will be retried");
    private static readonly Counter<long> QueueDeadLetters = Meter.CreateCounter<long>("careernexus.queue.dead_letters", description: "Queue messages dead-lettered");
    private static readonly Counter<long> EmailsSent = Meter.CreateCounter<long>("careernexus.email.sent", description: "Emails handed to the relay");

    /// <summary>A request refused by a limit ("sign-in", "mail", "ip:credentials").</summary>
    public static void RateLimited(string limit) => RateLimitRefusals.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public static void Delivered(string queue) => QueueDeliveries.Add(1, new KeyValuePair<string, object?>("queue", queue));
    public static void Retried(string queue) => QueueRetries.Add(1, new KeyValuePair<string, object?>("queue", queue));
    public static void DeadLettered(string queue) => QueueDeadLetters.Add(1, new KeyValuePair<string, object?>("queue", queue));
    public static void EmailSent() => EmailsSent.Add(1);
}
