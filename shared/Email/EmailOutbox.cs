namespace CareerNexus.Email;

/// <summary>An email to send: plain text and HTML bodies of the same message.</summary>
public sealed record EmailMessage(string To, string Subject, string Text, string Html);

/// <summary>
/// Accepts emails from features and hands them to the mail worker through the email queue, so that a
/// request never waits for (or fails with) the SMTP relay. The id makes a retried request send once.
/// </summary>
public sealed class EmailOutbox
{
    public Task EnqueueAsync(string id, EmailMessage message, CancellationToken ct = default) =>
        throw new NotImplementedException("Email outbox: being built");
}
