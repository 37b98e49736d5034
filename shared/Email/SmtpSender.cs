using System.Collections.Concurrent;
using CareerNexus.Common;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace CareerNexus.Email;

/// <summary>The relay refused or could not be reached; the message says how without naming the recipient.</summary>
public sealed class EmailDeliveryException(string message) : Exception(message);

/// <summary>
/// Sends over SMTP with MailKit. A connection, once open (and signed in on an authenticated relay), is kept for
/// a short while and reused by the next emails, so a burst of mails opens one connection rather than one each.
/// </summary>
public sealed class SmtpSender(SmtpOptions options) : IAsyncDisposable
{
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(60);

    /// <summary>An idle connection older than this is closed rather than reused: relays drop idle clients.</summary>
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromSeconds(30);

    private const int MaxIdle = 4;

    private readonly ConcurrentQueue<(SmtpClient Client, DateTimeOffset Since)> _idle = new();
    private long _opened;

    /// <summary>How many connections this sender has opened, for tests and diagnostics.</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _opened);

    private string Relay => $"{options.Host}:{options.Port}";

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(SendTimeout);
        var client = await RentAsync(timeout.Token, ct);
        try
        {
            await client.SendAsync(message, timeout.Token);
        }
        catch (Exception error)
        {
            client.Dispose();
            throw Failed(error, ct);
        }
        Return(client);
        PlatformMetrics.EmailSent();
    }

    /// <summary>Whether the relay answers and, when one is set, accepts the sign-in: for the readiness probe.</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        var client = await RentAsync(ct, ct);
        try
        {
            await client.NoOpAsync(ct);
        }
        catch (Exception error)
        {
            client.Dispose();
            throw Failed(error, ct);
        }
        Return(client);
    }

    private async Task<SmtpClient> RentAsync(CancellationToken token, CancellationToken caller)
    {
        while (_idle.TryDequeue(out var idle))
        {
            if (idle.Client.IsConnected && DateTimeOffset.UtcNow - idle.Since < IdleLifetime) return idle.Client;
            idle.Client.Dispose();
        }
        var client = new SmtpClient { Timeout = (int)SendTimeout.TotalMilliseconds };
        try
        {
            var security = options.Protection switch
            {
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(options.Host, options.Port, security, token);
            Interlocked.Increment(ref _opened);
            if (options.UserName.Length > 0) await client.AuthenticateAsync(options.UserName, options.Password, token);
            return client;
        }
        catch (Exception error)
        {
            client.Dispose();
            throw Failed(error, caller);
        }
    }

    private void Return(SmtpClient client)
    {
        if (client.IsConnected && _idle.Count < MaxIdle) _idle.Enqueue((client, DateTimeOffset.UtcNow));
        else client.Dispose();
    }

    /// <summary>MailKit messages may quote the recipient or the relay's reply; only the kind of failure and the relay are kept.</summary>
    private Exception Failed(Exception error, CancellationToken caller) => error switch
    {
        OperationCanceledException when caller.IsCancellationRequested => error,
        OperationCanceledException or TimeoutException => new EmailDeliveryException(
            $"The SMTP relay {Relay} did not answer within {SendTimeout.TotalSeconds} s"),
        AuthenticationException => new EmailDeliveryException($"The SMTP relay {Relay} refused the sign-in"),
        SmtpCommandException command => new EmailDeliveryException(
            $"The SMTP relay {Relay} failed the delivery ({(int)command.StatusCode} {command.ErrorCode})"),
        SslHandshakeException => new EmailDeliveryException($"The SMTP relay {Relay} failed the TLS handshake"),
        _ => new EmailDeliveryException($"The SMTP relay {Relay} could not be reached ({error.GetType().Name})"),
    };

    public ValueTask DisposeAsync()
    {
        while (_idle.TryDequeue(out var idle)) idle.Client.Dispose();
        return ValueTask.CompletedTask;
    }
}
