using System.Net.Mail;
using CareerNexus.Queues;
using CareerNexus.Storage;

namespace CareerNexus.Email;

/// <summary>An email to send: plain text and HTML bodies of the same message.</summary>
public sealed record EmailMessage(string To, string Subject, string Text, string Html);

/// <summary>An email in the outbox: pending until the mail worker has handed it to the relay, then only its trace.</summary>
public sealed class OutboxEmail
{
    public const string Pending = "pending";
    public const string Sent = "sent";

    public string Id { get; set; } = "";
    public string State { get; set; } = Pending;
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";

    /// <summary>The bodies, removed once sent: they may hold codes and links that must not outlive the mail.</summary>
    public string? Text { get; set; }
    public string? Html { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>
    /// Seconds the document lives (Cosmos TTL), sent or not: a mail still undelivered after a day is dead-lettered
    /// long before, and its code long expired, so nothing keeps a secret for ever.
    /// </summary>
    public int Ttl { get; set; } = LifetimeSeconds;

    public const int LifetimeSeconds = 24 * 60 * 60;
}

/// <summary>
/// Accepts emails from features and hands them to the mail worker through the email queue, so that a
/// request never waits for (or fails with) the SMTP relay. The id makes a retried request send once.
/// </summary>
public sealed class EmailOutbox(DocumentStore store, IMessageQueue queue, TimeProvider clock)
{
    public async Task EnqueueAsync(string id, EmailMessage message, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(message);
        // A bad address is the caller's mistake; found here it fails the call instead of every delivery attempt.
        _ = new MailAddress(message.To);
        var documentId = QueueIds.ToDocumentId(id);
        // An existing document means a retry: the first call's email stands, and sending its message again is harmless.
        await store.TryCreateAsync(Containers.Outbox, new OutboxEmail
        {
            Id = documentId,
            To = message.To,
            Subject = message.Subject,
            Text = message.Text,
            Html = message.Html,
            CreatedAt = clock.GetUtcNow(),
        }, documentId, ct);
        await queue.SendAsync(QueueNames.Email, "email-" + id, documentId, ct);
    }
}
