using CareerNexus.Queues;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace CareerNexus.Email;

/// <summary>
/// The email queue's handler: sends the outbox email the message names over SMTP, then marks it sent and drops
/// its bodies, so that a redelivery sends nothing. A failure throws, and the queue retries.
/// </summary>
public sealed class EmailDelivery(DocumentStore store, SmtpOptions smtp, SmtpSender sender, TimeProvider clock, ILogger<EmailDelivery> logger)
    : IQueueHandler
{
    public string Queue => QueueNames.Email;

    public async Task HandleAsync(QueueMessage message, CancellationToken ct)
    {
        var id = message.Body;
        var stored = await store.ReadAsync<OutboxEmail>(Containers.Outbox, id, id, ct);
        // The outbox email is written before its message is sent, so a missing one is a fault (a replica
        // behind, a deletion): fail, and the queue retries and then dead-letters rather than dropping the email.
        if (stored is null) throw new EmailDeliveryException($"Email message {message.MessageId} names no outbox email");
        var email = stored.Document;
        if (email.State == OutboxEmail.Sent) return;

        await SendAsync(email, ct);
        await store.PatchAsync<OutboxEmail>(Containers.Outbox, id, id,
        [
            PatchOperation.Set("/state", OutboxEmail.Sent),
            PatchOperation.Set("/sent_at", clock.GetUtcNow()),
            PatchOperation.Set("/text", (string?)null),
            PatchOperation.Set("/html", (string?)null),
        ], ct);
        logger.LogInformation("Email {MessageId} sent", message.MessageId);
    }

    private Task SendAsync(OutboxEmail email, CancellationToken ct)
    {
        var mail = new MimeMessage { Subject = email.Subject };
        mail.From.Add(MailboxAddress.Parse(smtp.From));
        mail.To.Add(MailboxAddress.Parse(email.To));
        // multipart/alternative: clients show the HTML part and fall back to the text part.
        mail.Body = new BodyBuilder { TextBody = email.Text ?? "", HtmlBody = email.Html ?? "" }.ToMessageBody();
        return sender.SendAsync(mail, ct);
    }
}
