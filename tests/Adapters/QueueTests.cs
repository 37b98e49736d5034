using System.Net;
using System.Text.Json;
using CareerNexus.Functions.Workers;
using CareerNexus.Queues;
using CareerNexus.Tests.Support;
using CareerNexus.Storage;
using Xunit;

namespace CareerNexus.Tests.Adapters;

public sealed class QueueTests
{
    private static readonly Dictionary<string, string?> ThreeAttempts = new() { ["CareerNexus:Queues:MaxAttempts"] = "3" };

    [Fact]
    public async Task A_message_sent_locally_is_handled_by_the_pump_once()
    {
        var handler = new RecordingHandler();
        using var app = new QueueApp([handler]);
        Assert.IsType<LocalMessageQueue>(app.Get<IMessageQueue>());

        await app.Get<IMessageQueue>().SendAsync(handler.Queue, "m-1", "42");
        await Eventually.True(() => handler.Deliveries.Count == 1, "the pump did not deliver the message");
        var delivery = Assert.Single(handler.Deliveries);
        Assert.Equal(new QueueMessage(handler.Queue, "m-1", "42", 1), delivery);

        // Done: remembered as a marker without its body, and never delivered again.
        await Eventually.True(async () => (await Marker(app, handler.Queue, "m-1"))?.State == QueuedMessage.Done, "the message was not marked done");
        Assert.Null((await Marker(app, handler.Queue, "m-1"))!.Body);
        await Task.Delay(500);
        Assert.Single(handler.Deliveries);
    }

    [Fact]
    public async Task Sending_the_same_id_again_changes_nothing_pending_or_handled()
    {
        var handler = new RecordingHandler();
        using var app = new QueueApp([handler]);
        var queue = app.Get<IMessageQueue>();

        await Task.WhenAll(queue.SendAsync(handler.Queue, "same/id?#1", "first"), queue.SendAsync(handler.Queue, "same/id?#1", "second"));
        await Eventually.True(() => handler.Deliveries.Count >= 1, "the pump did not deliver the message");
        await queue.SendAsync(handler.Queue, "same/id?#1", "third");
        await queue.SendAsync(handler.Queue, "other", "x");
        await Eventually.True(() => handler.Of("other").Count == 1, "the pump did not deliver the second message");
        await Task.Delay(500);

        var delivery = Assert.Single(handler.Of("same/id?#1"));
        Assert.Contains(delivery.Body, new[] { "first", "second" });
    }

    [Fact]
    public async Task A_message_written_before_the_app_stops_is_handled_after_the_restart()
    {
        var queueName = "test-" + Guid.NewGuid().ToString("N")[..10];
        var before = new RecordingHandler(queueName);
        string database;
        using (var first = new QueueApp([before], new Dictionary<string, string?> { ["CareerNexus:Queues:PumpEnabled"] = "false" }))
        {
            database = first.Database;
            await first.Get<IMessageQueue>().SendAsync(queueName, "survivor", "payload");
            await Task.Delay(400);
            Assert.Empty(before.Deliveries);
            Assert.Equal(QueuedMessage.Ready, (await Marker(first, queueName, "survivor"))!.State);
        }

        var after = new RecordingHandler(queueName);
        using var second = new QueueApp([after], database: database);
        await Eventually.True(() => after.Deliveries.Count == 1, "the restarted app did not deliver the stored message");
        Assert.Equal("payload", after.Deliveries.Single().Body);
    }

    [Fact]
    public async Task A_claim_whose_process_died_comes_back_when_its_lease_runs_out()
    {
        var queueName = "test-" + Guid.NewGuid().ToString("N")[..10];
        var handler = new RecordingHandler(queueName);
        using var app = new QueueApp([handler], new Dictionary<string, string?> { ["CareerNexus:Queues:PumpEnabled"] = "false" });
        await app.Get<IMessageQueue>().SendAsync(queueName, "crashed", "body");
        // What a pump that stopped mid-delivery leaves behind: one attempt counted, a lease that already ran out.
        await app.Get<DocumentStore>().PatchAsync<QueuedMessage>(Containers.QueueMessages, "crashed", queueName,
        [
            Microsoft.Azure.Cosmos.PatchOperation.Set("/attempts", 1),
            Microsoft.Azure.Cosmos.PatchOperation.Set("/visible_at", LocalQueuePump.Timestamp(DateTimeOffset.UtcNow.AddSeconds(-1))),
        ]);

        Assert.Equal(1, await app.Get<LocalQueuePump>().RunOnceAsync(CancellationToken.None));
        var delivery = Assert.Single(handler.Deliveries);
        Assert.Equal(2, delivery.DeliveryCount);
    }

    [Fact]
    public async Task A_poison_message_is_dead_lettered_after_the_maximum_attempts_and_listed()
    {
        var handler = new RecordingHandler(fails: _ => true);
        using var app = new QueueApp([handler], ThreeAttempts);

        await app.Get<IMessageQueue>().SendAsync(handler.Queue, "poison", "bad");
        var deadLetters = app.Get<DeadLetters>();
        await Eventually.True(async () => (await deadLetters.ListAsync(handler.Queue)).Count == 1, "the message was not dead-lettered");
        await Task.Delay(500);
        Assert.Equal([1, 2, 3], handler.Deliveries.Select(d => d.DeliveryCount));

        var letter = Assert.Single(await deadLetters.ListAsync(handler.Queue));
        Assert.Equal(("poison", "bad", 3), (letter.MessageId, letter.Body, letter.Attempts));
        Assert.Equal("InvalidOperationException: Handler refused delivery 3", letter.LastError);
        Assert.Equal(QueuedMessage.Dead, (await Marker(app, handler.Queue, "poison"))!.State);

        // The operator endpoint lists it to callers on this machine only.
        var (status, body) = await app.Send("GET", $"/_ops/dead-letters?queue={handler.Queue}", "127.0.0.1");
        Assert.Equal(200, status);
        Assert.Equal(1, body.GetProperty("count").GetInt32());
        var listed = body.GetProperty("dead_letters")[0];
        Assert.Equal("poison", listed.GetProperty("message_id").GetString());
        Assert.Equal(3, listed.GetProperty("attempts").GetInt32());
        Assert.Contains("Handler refused", listed.GetProperty("last_error").GetString());

        Assert.Equal(404, (await app.Send("GET", $"/_ops/dead-letters?queue={handler.Queue}", "203.0.113.9")).Status);
        Assert.Equal(404, (await app.Send("GET", $"/_ops/dead-letters?queue={handler.Queue}", "127.0.0.1",
            headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.9" })).Status);
        Assert.Equal(400, (await app.Send("GET", "/_ops/dead-letters?queue=nope", "127.0.0.1")).Status);
    }

    [Fact]
    public async Task A_handler_that_recovers_is_retried_with_the_delivery_count()
    {
        var handler = new RecordingHandler(fails: m => m.DeliveryCount < 2);
        using var app = new QueueApp([handler], ThreeAttempts);
        await app.Get<IMessageQueue>().SendAsync(handler.Queue, "flaky", "x");
        await Eventually.True(async () => (await Marker(app, handler.Queue, "flaky"))?.State == QueuedMessage.Done, "the retry did not succeed");
        Assert.Equal([1, 2], handler.Deliveries.Select(d => d.DeliveryCount));
        Assert.Empty(await app.Get<DeadLetters>().ListAsync(handler.Queue));
    }

    /// <summary>Hangs on its first delivery until cancelled; counts deliveries running at once.</summary>
    private sealed class HangingHandler : IQueueHandler
    {
        private int _running;
        public string Queue { get; } = "test-" + Guid.NewGuid().ToString("N")[..10];
        public int MostAtOnce;
        public int Cancelled;
        public System.Collections.Concurrent.ConcurrentQueue<int> Deliveries { get; } = new();

        public async Task HandleAsync(QueueMessage message, CancellationToken ct)
        {
            Deliveries.Enqueue(message.DeliveryCount);
            var running = Interlocked.Increment(ref _running);
            InterlockedMax(ref MostAtOnce, running);
            try
            {
                if (message.DeliveryCount == 1) await Task.Delay(TimeSpan.FromSeconds(8), ct);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref Cancelled);
                throw;
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            for (var seen = target; value > seen; seen = target)
                if (Interlocked.CompareExchange(ref target, value, seen) == seen) return;
        }
    }

    [Fact]
    public async Task A_handler_still_running_when_its_lease_ends_is_cancelled_and_never_runs_twice_at_once()
    {
        var handler = new HangingHandler();
        using var app = new QueueApp([handler], new Dictionary<string, string?> { ["CareerNexus:Queues:LeaseSeconds"] = "2" });
        await app.Get<IMessageQueue>().SendAsync(handler.Queue, "slow", "x");
        await Eventually.True(async () => (await Marker(app, handler.Queue, "slow"))?.State == QueuedMessage.Done, "the retry did not succeed",
            TimeSpan.FromSeconds(15));
        Assert.Equal(1, handler.Cancelled);
        Assert.Equal(1, handler.MostAtOnce);
        Assert.Equal([1, 2], handler.Deliveries);
    }

    /// <summary>Holds message "slow" until its gate opens; records what started and what finished.</summary>
    private sealed class GatedHandler : IQueueHandler
    {
        public string Queue { get; } = "test-" + Guid.NewGuid().ToString("N")[..10];
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public System.Collections.Concurrent.ConcurrentQueue<string> Started { get; } = new();
        public System.Collections.Concurrent.ConcurrentQueue<string> Finished { get; } = new();

        public async Task HandleAsync(QueueMessage message, CancellationToken ct)
        {
            Started.Enqueue(message.MessageId);
            if (message.MessageId == "slow") await Gate.Task.WaitAsync(ct);
            Finished.Enqueue(message.MessageId);
        }
    }

    [Fact]
    public async Task A_slow_message_does_not_hold_up_the_messages_sent_after_it()
    {
        var handler = new GatedHandler();
        using var app = new QueueApp([handler]);
        var queue = app.Get<IMessageQueue>();
        await queue.SendAsync(handler.Queue, "slow", "x");
        await Eventually.True(() => handler.Started.Contains("slow"), "the slow message was not delivered");

        await queue.SendAsync(handler.Queue, "quick", "y");
        // Well within the slow handler's budget (50 s of its 60 s lease), after which a blocked loop would move on.
        await Eventually.True(() => handler.Finished.Contains("quick"), "the quick message waited for the slow one",
            TimeSpan.FromSeconds(20));
        Assert.DoesNotContain("slow", handler.Finished);

        handler.Gate.SetResult();
        await Eventually.True(async () => (await Marker(app, handler.Queue, "slow"))?.State == QueuedMessage.Done, "the slow message did not finish");
        Assert.Equal(["slow", "quick"], handler.Started);
    }

    private static string Invocation(string messageId, int deliveryCount, object body) => JsonSerializer.Serialize(new
    {
        Data = new Dictionary<string, object> { ["message"] = body },
        Metadata = new Dictionary<string, object>
        {
            ["MessageId"] = messageId, ["DeliveryCount"] = deliveryCount, ["SequenceNumber"] = 7,
            ["EnqueuedTimeUtc"] = "2026-11-21T10:00:00Z", ["sys"] = new { MethodName = "queue_x", UtcNow = "2026-11-21T10:00:01Z" },
        },
    });

    [Fact]
    public async Task A_trigger_delivery_carries_the_senders_traceparent_from_the_application_properties()
    {
        var handler = new RecordingHandler();
        using var app = new QueueApp([handler], ThreeAttempts);
        const string traceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        var invocation = JsonSerializer.Serialize(new
        {
            Data = new Dictionary<string, object> { ["message"] = "traced" },
            Metadata = new Dictionary<string, object>
            {
                ["MessageId"] = "sb-traced", ["DeliveryCount"] = 1,
                ["ApplicationProperties"] = new Dictionary<string, string> { [QueueIds.TraceParentProperty] = traceParent },
            },
        });
        Assert.Equal(200, (await app.Send("POST", "/" + QueueTrigger.FunctionNameOf(handler.Queue), "127.0.0.1", invocation)).Status);
        Assert.Equal(traceParent, Assert.Single(handler.Of("sb-traced")).TraceParent);
    }

    [Fact]
    public async Task The_trigger_endpoint_runs_the_handler_for_the_custom_handler_invocation_from_loopback_only()
    {
        var handler = new RecordingHandler(fails: m => m.Body == "fail");
        using var app = new QueueApp([handler], ThreeAttempts);
        var path = "/" + QueueTrigger.FunctionNameOf(handler.Queue);

        var (status, body) = await app.Send("POST", path, "127.0.0.1", Invocation("sb-1", 2, "order-7"));
        Assert.Equal(200, status);
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Equal(0, body.GetProperty("Logs").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ReturnValue").ValueKind);
        Assert.Equal(new QueueMessage(handler.Queue, "sb-1", "order-7", 2), Assert.Single(handler.Deliveries));

        // A JSON body handed over as JSON reaches the handler as its text.
        Assert.Equal(200, (await app.Send("POST", path, "::1", Invocation("sb-2", 1, new { id = 5 }))).Status);
        Assert.Equal("{\"id\":5}", handler.Of("sb-2").Single().Body);

        // Nobody else reaches it, not even through a proxy on this machine; and nothing runs.
        Assert.Equal(404, (await app.Send("POST", path, "203.0.113.9", Invocation("sb-3", 1, "x"))).Status);
        Assert.Equal(404, (await app.Send("POST", path, "10.0.0.4", "not json")).Status);
        Assert.Equal(404, (await app.Send("POST", path, "127.0.0.1", Invocation("sb-3", 1, "x"),
            new Dictionary<string, string> { ["Forwarded"] = "for=203.0.113.9" })).Status);
        Assert.Empty(handler.Of("sb-3"));

        // Malformed invocations are refused without running anything.
        foreach (var bad in new[] { "not json", "[]", "{}", "{\"Data\":{\"message\":\"x\"},\"Metadata\":{}}",
                     "{\"Data\":{\"other\":\"x\"},\"Metadata\":{\"MessageId\":\"m\"}}",
                     "{\"Data\":{\"message\":\"x\"},\"Metadata\":{\"MessageId\":\"m\",\"DeliveryCount\":true}}" })
            Assert.Equal(400, (await app.Send("POST", path, "127.0.0.1", bad)).Status);
        Assert.Equal(2, handler.Deliveries.Count);

        // A failure answers 500 so that Service Bus delivers again, until the last attempt: dead-lettered and completed.
        (status, body) = await app.Send("POST", path, "127.0.0.1", Invocation("sb-4", 2, "fail"));
        Assert.Equal(500, status);
        Assert.Contains("Handler refused delivery 2", body.GetProperty("Logs")[0].GetString());
        Assert.Empty(await app.Get<DeadLetters>().ListAsync(handler.Queue));
        (status, _) = await app.Send("POST", path, "127.0.0.1", Invocation("sb-4", 3, "fail"));
        Assert.Equal(200, status);
        var letter = Assert.Single(await app.Get<DeadLetters>().ListAsync(handler.Queue));
        Assert.Equal(("sb-4", 3), (letter.MessageId, letter.Attempts));
    }

    private static async Task<QueuedMessage?> Marker(QueueApp app, string queue, string messageId) =>
        (await app.Get<DocumentStore>().ReadAsync<QueuedMessage>(Containers.QueueMessages, QueueIds.ToDocumentId(messageId), queue))?.Document;
}
