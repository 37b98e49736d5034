using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using CareerNexus.Common;
using CareerNexus.Email;
using CareerNexus.Queues;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Adapters;

/// <summary>Stands in for Service Bus at the SDK's boundary: keeps every message the app would have sent.</summary>
public sealed class CapturingServiceBus : IServiceBusTransport
{
    public ConcurrentQueue<(string Queue, ServiceBusMessage Message)> Sent { get; } = new();

    public Task SendAsync(string queue, ServiceBusMessage message, CancellationToken ct)
    {
        Sent.Enqueue((queue, message));
        return Task.CompletedTask;
    }

    public Task CheckAsync(string queue, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// The Service Bus sender at its boundary (no Service Bus runs here): the messages the app builds, and the client
/// and credential the settings choose.
/// </summary>
public sealed class QueueServiceBusTests
{
    private const string ConnectionString = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0";

    /// <summary>An app whose Service Bus transport is the capture; everything above it is the app's own.</summary>
    private static QueueApp App(CapturingServiceBus bus, Dictionary<string, string?> settings) =>
        new([], settings, replace: s => s.AddSingleton<IServiceBusTransport>(bus));

    [Theory]
    [InlineData("CareerNexus:Queues:ServiceBusConnectionString")]
    [InlineData("ServiceBusConnection")]
    public async Task With_a_connection_string_messages_go_to_service_bus_with_the_message_id_body_and_properties(string setting)
    {
        var bus = new CapturingServiceBus();
        using var app = App(bus, new Dictionary<string, string?> { [setting] = ConnectionString });
        var queue = app.Get<IMessageQueue>();
        Assert.IsType<ServiceBusQueue>(queue);

        await queue.SendAsync("job-notifications", "job-17", "17");
        var (name, message) = Assert.Single(bus.Sent);
        Assert.Equal(("job-notifications", "job-17", "17", "text/plain"), (name, message.MessageId, message.Body.ToString(), message.ContentType));
        Assert.Equal("job-notifications", message.ApplicationProperties[ServiceBusQueue.QueueProperty]);
        Assert.Equal(default, message.ScheduledEnqueueTime);

        // The email outbox sends only the outbox id, under a message id derived from the email's id: a retry is a duplicate.
        var to = $"sb{Guid.NewGuid():N}@example.com";
        await app.Get<EmailOutbox>().EnqueueAsync("welcome:" + to, new EmailMessage(to, "Hi", "text", "<p>html</p>"));
        var email = bus.Sent.Last();
        Assert.Equal(("email", "welcome:" + to, "email-welcome:" + to), (email.Queue, email.Message.Body.ToString(), email.Message.MessageId));
    }

    private static string Invocation(string messageId, int deliveryCount, string body, object? properties = null) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            Data = new Dictionary<string, object> { ["message"] = body },
            Metadata = new Dictionary<string, object?>
            {
                ["MessageId"] = messageId, ["DeliveryCount"] = deliveryCount, ["ApplicationProperties"] = properties ?? new { },
            },
        });

    [Fact]
    public async Task A_failed_trigger_delivery_waits_its_back_off_as_a_scheduled_copy_counting_the_attempts()
    {
        var bus = new CapturingServiceBus();
        var handler = new RecordingHandler(fails: _ => true);
        using var app = new QueueApp([handler], new Dictionary<string, string?>
        {
            ["ServiceBusConnection"] = ConnectionString,
            ["CareerNexus:Queues:MaxAttempts"] = "3",
            ["CareerNexus:Queues:RetryDelayMilliseconds"] = "60000",
        }, replace: s => s.AddSingleton<IServiceBusTransport>(bus));
        var path = "/" + CareerNexus.Functions.Workers.QueueTrigger.FunctionNameOf(handler.Queue);

        // First delivery fails: completed (200), and a copy is scheduled a minute on, counting one attempt.
        var (status, _) = await app.Send("POST", path, "127.0.0.1", Invocation("order-7", 1, "7"));
        Assert.Equal(200, status);
        var (queue, retry) = Assert.Single(bus.Sent);
        Assert.Equal((handler.Queue, "order-7~retry-1", "7"), (queue, retry.MessageId, retry.Body.ToString()));
        Assert.Equal(1, retry.ApplicationProperties[ServiceBusQueue.AttemptsProperty]);
        Assert.Equal("order-7", retry.ApplicationProperties[ServiceBusQueue.OriginalIdProperty]);
        Assert.InRange(retry.ScheduledEnqueueTime, DateTimeOffset.UtcNow.AddSeconds(50), DateTimeOffset.UtcNow.AddSeconds(61));

        // The copy arrives as its own first delivery: the handler sees the message's id and its second attempt,
        // and the next copy waits twice as long.
        Assert.Equal(200, (await app.Send("POST", path, "127.0.0.1", Invocation(retry.MessageId, 1, "7",
            new Dictionary<string, object> { [ServiceBusQueue.AttemptsProperty] = 1, [ServiceBusQueue.OriginalIdProperty] = "order-7" }))).Status);
        Assert.Equal(new QueueMessage(handler.Queue, "order-7", "7", 2), handler.Deliveries.Last());
        var second = bus.Sent.Last().Message;
        Assert.Equal(("order-7~retry-2", 2), (second.MessageId, second.ApplicationProperties[ServiceBusQueue.AttemptsProperty]));
        Assert.InRange(second.ScheduledEnqueueTime, DateTimeOffset.UtcNow.AddSeconds(110), DateTimeOffset.UtcNow.AddSeconds(121));

        // The last attempt is dead-lettered under the message's own id, and nothing more is scheduled.
        Assert.Equal(200, (await app.Send("POST", path, "127.0.0.1", Invocation(second.MessageId, 1, "7",
            new Dictionary<string, object> { [ServiceBusQueue.AttemptsProperty] = 2, [ServiceBusQueue.OriginalIdProperty] = "order-7" }))).Status);
        Assert.Equal(2, bus.Sent.Count);
        var letter = Assert.Single(await app.Get<DeadLetters>().ListAsync(handler.Queue));
        Assert.Equal(("order-7", 3), (letter.MessageId, letter.Attempts));
    }

    [Fact]
    public async Task An_id_over_128_characters_is_hashed_the_same_way_each_time()
    {
        var bus = new CapturingServiceBus();
        var queue = new ServiceBusQueue(bus);
        var id = new string('x', 300);
        await queue.SendAsync("email", id, "a");
        await queue.SendAsync("email", id, "b");
        var ids = bus.Sent.Select(s => s.Message.MessageId).Distinct().ToList();
        Assert.True(ids.Single().Length <= 128);
        Assert.NotEqual(id[..128], ids.Single());
    }

    [Fact]
    public async Task A_failed_send_fails_the_call()
    {
        var queue = new ServiceBusQueue(new RefusingServiceBus());
        var error = await Assert.ThrowsAsync<ServiceBusException>(() => queue.SendAsync("email", "m", "body"));
        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, error.Reason);
    }

    private sealed class RefusingServiceBus : IServiceBusTransport
    {
        public Task SendAsync(string queue, ServiceBusMessage message, CancellationToken ct) =>
            throw new ServiceBusException("no such queue", ServiceBusFailureReason.MessagingEntityNotFound);

        public Task CheckAsync(string queue, CancellationToken ct) =>
            throw new ServiceBusException("no such queue", ServiceBusFailureReason.MessagingEntityNotFound);
    }

    [Fact]
    public async Task The_client_is_built_from_a_connection_string_with_the_platform_options()
    {
        var target = new QueueOptions { ServiceBusConnectionString = ConnectionString }.ServiceBus()!;
        Assert.Null(target.Identity);
        await using var client = target.CreateClient();
        Assert.Equal(("ns.servicebus.windows.net", "careernexus", ServiceBusTransportType.AmqpTcp),
            (client.FullyQualifiedNamespace, client.Identifier, client.TransportType));
        var retry = ServiceBusTarget.ClientOptions().RetryOptions;
        Assert.Equal((ServiceBusRetryMode.Exponential, 3, TimeSpan.FromSeconds(30)), (retry.Mode, retry.MaxRetries, retry.TryTimeout));
    }

    [Theory]
    [InlineData(null, null, CredentialKind.Default, null)]
    [InlineData("managedidentity", null, CredentialKind.ManagedIdentity, null)]
    [InlineData(null, "0000-client", CredentialKind.ManagedIdentity, "0000-client")]
    [InlineData("managedidentity", "0000-client", CredentialKind.ManagedIdentity, "0000-client")]
    public async Task The_functions_identity_settings_choose_the_credential(string? credential, string? clientId, CredentialKind kind, string? expectedId)
    {
        var bus = new CapturingServiceBus();
        var settings = new Dictionary<string, string?> { ["ServiceBusConnection:fullyQualifiedNamespace"] = "acme.servicebus.windows.net" };
        if (credential is not null) settings["ServiceBusConnection:credential"] = credential;
        if (clientId is not null) settings["ServiceBusConnection:clientId"] = clientId;
        using var app = App(bus, settings);

        var target = app.Get<QueueOptions>().ServiceBus()!;
        Assert.Equal((null, "acme.servicebus.windows.net"), (target.ConnectionString, target.FullyQualifiedNamespace));
        Assert.Equal(new CredentialChoice(kind, expectedId), target.Identity);
        Assert.IsType(kind == CredentialKind.Default ? typeof(Azure.Identity.DefaultAzureCredential) : typeof(Azure.Identity.ManagedIdentityCredential),
            target.Identity!.Create());
        await using var client = target.CreateClient();
        Assert.Equal("acme.servicebus.windows.net", client.FullyQualifiedNamespace);

        // The identity-based setting sends through Service Bus, not the local queue.
        await app.Get<IMessageQueue>().SendAsync("email", "m-1", "body");
        Assert.Equal("m-1", Assert.Single(bus.Sent).Message.MessageId);
    }

    [Fact]
    public void An_unknown_credential_is_refused_and_no_setting_means_the_local_queue()
    {
        Assert.Throws<InvalidOperationException>(() => AzureIdentity.Choose("clientsecret", null));
        Assert.Null(new QueueOptions().ServiceBus());
        Assert.True(new QueueOptions().UsesLocalQueue());
    }
}
