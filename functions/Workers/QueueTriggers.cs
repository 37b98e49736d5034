using System.Text.Json;
using System.Text.RegularExpressions;
using CareerNexus.Queues;

namespace CareerNexus.Functions.Workers;

/// <summary>Marks the endpoint that receives a queue's serviceBusTrigger invocations; the manifest writes its function.json.</summary>
public sealed partial record QueueTrigger(string FunctionName, string Queue)
{
    /// <summary>The key of the message in the invocation's Data: the trigger binding's name.</summary>
    public const string BindingName = "message";

    public static string FunctionNameOf(string queue) => "queue_" + NonWord().Replace(queue, "_");

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NonWord();
}

/// <summary>
/// The serviceBusTrigger functions as a custom handler receives them: the Functions host posts
/// {"Data": {"message": ...}, "Metadata": {"MessageId": ..., "DeliveryCount": ...}} to /{FunctionName} and
/// reads back {"Outputs", "Logs", "ReturnValue"}. A failure with attempts left is sent again as a scheduled copy
/// after the back-off and the delivery completed (500, so that Service Bus delivers again, only when that send
/// fails or the app sends through no Service Bus); the delivery that reaches the attempt limit is dead-lettered
/// here and completed.
/// </summary>
public static class QueueTriggerEndpoints
{
    private static readonly JsonSerializerOptions HostJson = new();

    public static void MapQueueTriggers(this IEndpointRouteBuilder app)
    {
        var queues = app.ServiceProvider.GetServices<QueueHandlerRegistration>().Select(r => r.Queue).ToList();
        var duplicate = queues.GroupBy(QueueTrigger.FunctionNameOf).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Queues {string.Join(", ", duplicate)} map to one function {duplicate.Key}");
        foreach (var queue in queues)
        {
            var trigger = new QueueTrigger(QueueTrigger.FunctionNameOf(queue), queue);
            app.MapPost("/" + trigger.FunctionName, (HttpContext context, QueueDispatcher dispatcher, IMessageQueue sender, QueueOptions options,
                    TimeProvider clock) => InvokeAsync(trigger, context, dispatcher, sender as ServiceBusQueue, options, clock))
                .WithMetadata(trigger)
                .LoopbackOnly();
        }
    }

    private static async Task<IResult> InvokeAsync(QueueTrigger trigger, HttpContext context, QueueDispatcher dispatcher,
        ServiceBusQueue? serviceBus, QueueOptions options, TimeProvider clock)
    {
        var message = await ReadAsync(trigger.Queue, context);
        if (message is null) return Response(StatusCodes.Status400BadRequest, "Not a serviceBusTrigger invocation payload");
        var result = await dispatcher.DeliverAsync(message, context.RequestAborted);
        if (result.Outcome != DeliveryOutcome.RetryLater)
            return Response(StatusCodes.Status200OK, result.Outcome == DeliveryOutcome.DeadLettered ? $"Dead-lettered: {result.Error}" : null);
        var failed = $"Delivery {message.DeliveryCount} failed: {result.Error}";
        if (serviceBus is null) return Response(StatusCodes.Status500InternalServerError, failed);
        try
        {
            await serviceBus.RetryLaterAsync(message, clock.GetUtcNow() + options.RetryDelay(message.DeliveryCount), context.RequestAborted);
            return Response(StatusCodes.Status200OK, failed + "; retry scheduled");
        }
        catch (Exception error) when (error is Azure.Messaging.ServiceBus.ServiceBusException or TimeoutException or UnauthorizedAccessException
                                          or Azure.RequestFailedException or Azure.Identity.AuthenticationFailedException)
        {
            return Response(StatusCodes.Status500InternalServerError, failed + "; the retry could not be scheduled");
        }
    }

    private static async Task<QueueMessage?> ReadAsync(string queue, HttpContext context)
    {
        try
        {
            using var payload = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            var root = payload.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("Data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty(QueueTrigger.BindingName, out var body)
                || !root.TryGetProperty("Metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
                || !metadata.TryGetProperty("MessageId", out var id) || id.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(id.GetString()))
                return null;
            var deliveryCount = 1;
            if (metadata.TryGetProperty("DeliveryCount", out var count))
            {
                if (count.ValueKind == JsonValueKind.Number && count.TryGetInt32(out var number)) deliveryCount = number;
                else if (count.ValueKind == JsonValueKind.String && int.TryParse(count.GetString(), out var parsed)) deliveryCount = parsed;
                else return null;
            }
            // A scheduled retry carries the attempts counted before it and the message's own id.
            var messageId = id.GetString()!;
            foreach (var name in new[] { "ApplicationProperties", "UserProperties" })
            {
                if (!metadata.TryGetProperty(name, out var properties) || properties.ValueKind != JsonValueKind.Object) continue;
                if (properties.TryGetProperty(ServiceBusQueue.AttemptsProperty, out var attempts) && attempts.ValueKind == JsonValueKind.Number
                    && attempts.TryGetInt32(out var before) && before > 0)
                    deliveryCount += before;
                if (properties.TryGetProperty(ServiceBusQueue.OriginalIdProperty, out var original) && original.ValueKind == JsonValueKind.String
                    && !string.IsNullOrWhiteSpace(original.GetString()))
                    messageId = original.GetString()!;
                break;
            }
            // The host passes a text body as a JSON string, and may pass a JSON body as the JSON itself.
            var text = body.ValueKind == JsonValueKind.String ? body.GetString()! : body.GetRawText();
            return new QueueMessage(queue, messageId, text, Math.Max(deliveryCount, 1), TraceParent(metadata));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The sender's traceparent, from the message's application properties (UserProperties in older hosts).</summary>
    private static string? TraceParent(JsonElement metadata)
    {
        foreach (var name in new[] { "ApplicationProperties", "UserProperties" })
            if (metadata.TryGetProperty(name, out var properties) && properties.ValueKind == JsonValueKind.Object
                && properties.TryGetProperty(QueueIds.TraceParentProperty, out var value) && value.ValueKind == JsonValueKind.String)
                return value.GetString();
        return null;
    }

    /// <summary>A custom handler's answer to an invocation, as the Functions host reads it (timer triggers answer the same).</summary>
    internal static IResult Response(int status, string? log) =>
        Results.Json(new { Outputs = new Dictionary<string, object>(), Logs = log is null ? Array.Empty<string>() : [log], ReturnValue = (object?)null },
            HostJson, statusCode: status);
}
