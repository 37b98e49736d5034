using System.Net;
using System.Net.Mail;
using System.Text;
using CareerNexus.Common;
using CareerNexus.Queues;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace CareerNexus.Email;

/// <summary>The relay refused or could not be reached; the message says how without naming the recipient.</summary>
public sealed class EmailDeliveryException(string message) : Exception(message);

/// <summary>
/// The email queue's handler: sends the outbox email the message names over SMTP, then marks it sent and drops
/// its bodies, so that a redelivery sends nothing. A failure throws, and the queue retries.
/// </summary>
public sealed class EmailDelivery(DocumentStore store, SmtpOptions smtp, TimeProvider clock, ILogger<EmailDelivery> logger) : IQueueHandler
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(60);

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
        PlatformMetrics.EmailSent();
        logger.LogInformation("Email {MessageId} sent", message.MessageId);
    }

    private async Task SendAsync(OutboxEmail email, CancellationToken ct)
    {
        using var mail = new MailMessage
        {
            From = new MailAddress(smtp.From),
            Subject = email.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        mail.To.Add(new MailAddress(email.To));
        // multipart/alternative: clients show the HTML part and fall back to the text part.
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.Text ?? "", Encoding.UTF8, "text/plain"));
        mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(email.Html ?? "", Encoding.UTF8, "text/html"));

        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (smtp.UserName.Length > 0) client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(SendTimeout);
        try
        {
            await client.SendMailAsync(mail, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new EmailDeliveryException($"The SMTP relay {smtp.Host}:{smtp.Port} did not answer within {SendTimeout.TotalSeconds} s");
        }
        catch (SmtpException error)
        {
            // SmtpException messages may quote the recipient; only the status and the relay are kept.
            throw new EmailDeliveryException($"The SMTP relay {smtp.Host}:{smtp.Port} failed the delivery ({error.StatusCode})");
        }
    }
}
