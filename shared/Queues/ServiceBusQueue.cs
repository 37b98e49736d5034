using Azure.Messaging.ServiceBus;
using CareerNexus.Common;

namespace CareerNexus.Queues;

/// <summary>How the app reaches Service Bus: a connection string, or a namespace and a Microsoft Entra identity.</summary>
public sealed record ServiceBusTarget(string? ConnectionString, string? FullyQualifiedNamespace, CredentialChoice? Identity)
{
    /// <summary>The client options every sender uses: AMQP over TCP, exponential retries within a bounded try.</summary>
    public static ServiceBusClientOptions ClientOptions() => new()
    {
        Identifier = "careernexus",
        TransportType = ServiceBusTransportType.AmqpTcp,
        RetryOptions = new ServiceBusRetryOptions
        {
            Mode = ServiceBusRetryMode.Exponential,
            MaxRetries = 3,
            Delay = TimeSpan.FromMilliseconds(800),
            MaxDelay = TimeSpan.FromSeconds(10),
            TryTimeout = TimeSpan.FromSeconds(30),
        },
    };

    /// <summary>A client for the target; it opens its connection on the first send.</summary>
    public ServiceBusClient CreateClient() => ConnectionString is { } connectionString
        ? new ServiceBusClient(connectionString, ClientOptions())
        : new ServiceBusClient(FullyQualifiedNamespace, Identity!.Create(), ClientOptions());
}

/// <summary>Where messages leave the app for Service Bus; a seam, so that tests see exactly what would be sent.</summary>
public interface IServiceBusTransport
{
    Task SendAsync(string queue, ServiceBusMessage message, CancellationToken ct);

    /// <summary>Proves the namespace answers and accepts the credential, without sending anything.</summary>
    Task CheckAsync(string queue, CancellationToken ct);
}

/// <summary>Sends with one long-lived <see cref="ServiceBusSender"/> per queue over one client connection.</summary>
public sealed class ServiceBusClientTransport(ServiceBusTarget target) : IServiceBusTransport, IAsyncDisposable
{
    private readonly Lazy<ServiceBusClient> _client = new(target.CreateClient);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ServiceBusSender> _senders = new();

    public Task SendAsync(string queue, ServiceBusMessage message, CancellationToken ct) => Sender(queue).SendMessageAsync(message, ct);

    /// <summary>Creating a batch opens the sender's link, which needs the namespace, the queue and the send right.</summary>
    public async Task CheckAsync(string queue, CancellationToken ct)
    {
        using var batch = await Sender(queue).CreateMessageBatchAsync(ct);
    }

    private ServiceBusSender Sender(string queue) => _senders.GetOrAdd(queue, name => _client.Value.CreateSender(name));

    public async ValueTask DisposeAsync()
    {
        if (_client.IsValueCreated) await _client.Value.DisposeAsync();
    }
}

/// <summary>
/// Sends to Service Bus through the Azure SDK. The message id is the platform's (hashed when over 128 characters),
/// so that duplicate detection on the queue turns a re-send into a no-op. Messages come back through the
/// serviceBusTrigger functions.
/// </summary>
public sealed class ServiceBusQueue(IServiceBusTransport transport) : IMessageQueue
{
    /// <summary>The application property naming the queue, for operators reading a dead-lettered message.</summary>
    public const string QueueProperty = "queue";

    /// <summary>On a scheduled retry: the deliveries the platform counted before it, and the message's own id.</summary>
    public const string AttemptsProperty = "attempts";
    public const string OriginalIdProperty = "original_message_id";

    public async Task SendAsync(string queue, string messageId, string body, CancellationToken ct = default)
    {
        QueueIds.CheckQueueName(queue);
        ArgumentNullException.ThrowIfNull(body);
        await transport.SendAsync(queue, Message(queue, messageId, body), ct);
    }

    /// <summary>
    /// A failed delivery with attempts left waits its back-off as a copy scheduled for <paramref name="at"/>
    /// (ScheduledEnqueueTime) that carries the attempts so far, rather than coming straight back; the caller then
    /// completes the delivery it holds.
    /// </summary>
    public Task RetryLaterAsync(QueueMessage failed, DateTimeOffset at, CancellationToken ct)
    {
        var retry = Message(failed.Queue, $"{failed.MessageId}~retry-{failed.DeliveryCount}", failed.Body);
        retry.ApplicationProperties[AttemptsProperty] = failed.DeliveryCount;
        retry.ApplicationProperties[OriginalIdProperty] = failed.MessageId;
        retry.ScheduledEnqueueTime = at;
        return transport.SendAsync(failed.Queue, retry, ct);
    }

    public static ServiceBusMessage Message(string queue, string messageId, string body)
    {
        var message = new ServiceBusMessage(BinaryData.FromString(body))
        {
            MessageId = QueueIds.ToServiceBusMessageId(messageId),
            ContentType = "text/plain",
            ApplicationProperties = { [QueueProperty] = queue },
        };
        // The trigger reads the trace back from the application properties, so the delivery continues this request's trace.
        if (PlatformMetrics.CurrentTraceParent() is { } traceParent) message.ApplicationProperties[QueueIds.TraceParentProperty] = traceParent;
        return message;
    }
}
