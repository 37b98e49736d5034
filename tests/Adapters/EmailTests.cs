using CareerNexus.Email;
using CareerNexus.Queues;
using CareerNexus.Storage;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Adapters;

public sealed class EmailTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;

    private static string Address() => $"mail{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task An_email_arrives_with_its_text_and_html_bodies_and_leaves_no_bodies_behind()
    {
        var to = Address();
        var outbox = _app.Services.GetRequiredService<EmailOutbox>();
        await outbox.EnqueueAsync("code:" + to, new EmailMessage(to, "Your Career Nexus code",
            "Your code is:\n\n482913\n\nIt expires in 10 minutes.", "<p>Your code is <strong>482913</strong>.</p>"));

        var mail = Assert.Single(await MailCatcher.WaitForAsync(to));
        Assert.Equal("Your Career Nexus code", mail.Subject);
        Assert.Equal("482913", MailCatcher.Code(mail));
        Assert.Contains("It expires in 10 minutes.", mail.Text);
        Assert.Contains("<strong>482913</strong>", mail.Html);

        var id = QueueIds.ToDocumentId("code:" + to);
        await Eventually.True(async () => (await _app.Store.ReadAsync<OutboxEmail>(Containers.Outbox, id, id))?.Document.State == OutboxEmail.Sent,
            "the outbox email was not marked sent");
        var stored = (await _app.Store.ReadAsync<OutboxEmail>(Containers.Outbox, id, id))!.Document;
        Assert.Null(stored.Text);
        Assert.Null(stored.Html);
        Assert.NotNull(stored.SentAt);
    }

    [Fact]
    public async Task The_same_id_sent_twice_or_again_later_gives_one_mail()
    {
        var to = Address();
        var outbox = _app.Services.GetRequiredService<EmailOutbox>();
        var message = new EmailMessage(to, "Once", "only once", "<p>only once</p>");
        await Task.WhenAll(outbox.EnqueueAsync("once:" + to, message), outbox.EnqueueAsync("once:" + to, message));
        await MailCatcher.WaitForAsync(to);
        await outbox.EnqueueAsync("once:" + to, message with { Subject = "Twice" });
        await outbox.EnqueueAsync("other:" + to, message with { Subject = "Other" });
        await MailCatcher.WaitForAsync(to, 2);
        await Task.Delay(700);

        var mails = await MailCatcher.ListAsync(to);
        Assert.Equal(["Once", "Other"], mails.Select(m => m.Subject).Order());
    }

    [Fact]
    public async Task A_batch_of_emails_reuses_one_connection_to_the_relay()
    {
        await using var sender = new SmtpSender(_app.Services.GetRequiredService<SmtpOptions>());
        var to = Address();
        foreach (var n in Enumerable.Range(1, 3))
        {
            var mail = new MimeKit.MimeMessage { Subject = $"Batch {n}" };
            mail.From.Add(MimeKit.MailboxAddress.Parse("Career Nexus <no-reply@careernexus.local>"));
            mail.To.Add(MimeKit.MailboxAddress.Parse(to));
            mail.Body = new MimeKit.TextPart("plain") { Text = $"mail {n}" };
            await sender.SendAsync(mail, CancellationToken.None);
        }
        Assert.Equal(1, sender.ConnectionsOpened);
        await MailCatcher.WaitForAsync(to, 3);
        Assert.Equal(["Batch 1", "Batch 2", "Batch 3"], (await MailCatcher.ListAsync(to)).Select(m => m.Subject).Order());
    }

    [Theory]
    [InlineData("", false, SmtpSecurity.None)]
    [InlineData("", true, SmtpSecurity.StartTls)]
    [InlineData("starttls", false, SmtpSecurity.StartTls)]
    [InlineData("TLS", false, SmtpSecurity.Tls)]
    [InlineData("none", true, SmtpSecurity.None)]
    public void The_security_setting_chooses_starttls_or_implicit_tls(string security, bool enableSsl, SmtpSecurity expected) =>
        Assert.Equal(expected, new SmtpOptions { Security = security, EnableSsl = enableSsl }.Protection);

    [Fact]
    public async Task A_relay_that_speaks_no_tls_fails_an_implicit_tls_connection_without_quoting_anyone()
    {
        var smtp = _app.Services.GetRequiredService<SmtpOptions>();
        await using var sender = new SmtpSender(new SmtpOptions { Host = smtp.Host, Port = smtp.Port, Security = "tls" });
        var error = await Assert.ThrowsAsync<EmailDeliveryException>(() => sender.CheckAsync(CancellationToken.None));
        Assert.Contains($"SMTP relay {smtp.Host}:{smtp.Port}", error.Message);
    }

    [Fact]
    public async Task A_bad_address_fails_the_call_not_the_worker()
    {
        var outbox = _app.Services.GetRequiredService<EmailOutbox>();
        await Assert.ThrowsAsync<FormatException>(() => outbox.EnqueueAsync("bad", new EmailMessage("not an address", "s", "t", "h")));
    }

    [Fact]
    public async Task With_the_relay_down_the_email_is_retried_then_dead_lettered_and_kept()
    {
        var closedPort = FreePort.Next();
        using var app = new QueueApp([], new Dictionary<string, string?>
        {
            ["CareerNexus:Smtp:Port"] = closedPort.ToString(),
            ["CareerNexus:Queues:MaxAttempts"] = "2",
        });
        var to = Address();

        // The caller is not held up or failed by the relay.
        await app.Get<EmailOutbox>().EnqueueAsync("down:" + to, new EmailMessage(to, "Lost?", "text 123456", "<p>html</p>"));

        var deadLetters = app.Get<DeadLetters>();
        await Eventually.True(async () => (await deadLetters.ListAsync(QueueNames.Email)).Count == 1, "the email was not dead-lettered");
        var letter = Assert.Single(await deadLetters.ListAsync(QueueNames.Email));
        Assert.Equal(2, letter.Attempts);
        Assert.Contains($"SMTP relay 127.0.0.1:{closedPort}", letter.LastError);
        Assert.DoesNotContain(to, letter.LastError);
        Assert.DoesNotContain("123456", letter.LastError);

        // Not lost: the email waits in the outbox, bodies and all, for an operator to send again.
        var id = QueueIds.ToDocumentId("down:" + to);
        var stored = (await app.Get<DocumentStore>().ReadAsync<OutboxEmail>(Containers.Outbox, id, id))!.Document;
        Assert.Equal((OutboxEmail.Pending, "text 123456"), (stored.State, stored.Text));
        Assert.Empty(await MailCatcher.ListAsync(to));
    }

    [Fact]
    public async Task A_message_whose_outbox_email_is_missing_is_retried_then_dead_lettered_not_dropped()
    {
        using var app = new QueueApp([], new Dictionary<string, string?> { ["CareerNexus:Queues:MaxAttempts"] = "2" });
        var messageId = "missing-" + Guid.NewGuid().ToString("N");
        await app.Get<IMessageQueue>().SendAsync(QueueNames.Email, messageId, QueueIds.ToDocumentId(messageId));

        var deadLetters = app.Get<DeadLetters>();
        await Eventually.True(async () => (await deadLetters.ListAsync(QueueNames.Email)).Any(l => l.MessageId == messageId),
            "the email message was not dead-lettered");
        var letter = (await deadLetters.ListAsync(QueueNames.Email)).Single(l => l.MessageId == messageId);
        Assert.Equal(2, letter.Attempts);
        Assert.Contains("names no outbox email", letter.LastError);
    }
}
