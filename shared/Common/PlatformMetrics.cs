using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CareerNexus.Common;

/// <summary>
/// The platform's own metrics, in one meter ("CareerNexus") that telemetry exports, and its activity source for
/// work outside HTTP requests (queue deliveries). Tags name kinds (a queue, a limit, an outcome), never a person.
/// </summary>
public static class PlatformMetrics
{
    public const string MeterName = "CareerNexus";

    /// <summary>The activity source's name, the meter's too.</summary>
    public const string SourceName = MeterName;

    public static readonly ActivitySource Activities = new(SourceName);

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

    /// <summary>The W3C traceparent of the current activity, which a queued message carries so that its delivery continues the trace.</summary>
    public static string? CurrentTraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? id : null;
}
