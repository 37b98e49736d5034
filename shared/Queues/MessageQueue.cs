namespace CareerNexus.Queues;

/// <summary>The queues of the platform. Each has one handler; Service Bus queues in Azure carry the same names.</summary>
public static class QueueNames
{
    public const string Email = "email";
    public const string JobNotifications = "job-notifications";

    /// <summary>Timeline writes of new posts and follows, and the cleanup of deleted posts.</summary>
    public const string Posts = "posts";

    /// <summary>Recalculation of stored match scores after a job, a profile or an application changed.</summary>
    public const string Matching = "matching";

    /// <summary>Verified payment provider events (Stripe, AfribaPay), applied to their transactions by the payments worker.</summary>
    public const string Payments = "payments";
    /// <summary>Notifications told to a whole audience a page at a time (a company's followers, a job's applicants).</summary>
    public const string Notifications = "notifications";

    /// <summary>Document 004: the candidate ranking of a job post.</summary>
    public const string Ranking = "ranking";

    /// <summary>Document 004: resume parsing of candidate profiles, and the notes of deleted profiles.</summary>
    public const string CandidateProfiles = "candidate-profiles";

    /// <summary>The erasure of a deleted account's personal data everywhere.</summary>
    public const string AccountErasure = "account-erasure";
}

/// <summary>
/// A message as a handler receives it: its body (ids, never whole documents), how often it was delivered, and the
/// W3C traceparent of the request that sent it, so that its delivery continues that trace.
/// </summary>
public sealed record QueueMessage(string Queue, string MessageId, string Body, int DeliveryCount, string? TraceParent = null);

/// <summary>
/// Sends messages to a queue. At-least-once: a message id is the idempotency key, and handlers must
/// tolerate a redelivery. Standalone this is the durable local queue; in Azure, Service Bus.
/// </summary>
public interface IMessageQueue
{
    Task SendAsync(string queue, string messageId, string body, CancellationToken ct = default);
}

/// <summary>
/// Processes the messages of one queue. Throwing means "try again later"; after the configured number
/// of attempts the message is dead-lettered. Handlers are idempotent.
/// </summary>
public interface IQueueHandler
{
    string Queue { get; }

    Task HandleAsync(QueueMessage message, CancellationToken ct);
}
