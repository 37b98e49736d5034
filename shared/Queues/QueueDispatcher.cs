using System.Diagnostics;
using CareerNexus.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareerNexus.Queues;

/// <summary>
/// Names a queue that has a handler without building the handler (nor the stores it needs): the queue trigger
/// endpoints, and the function.json files generated from them, are mapped from these names alone.
/// </summary>
public sealed record QueueHandlerRegistration(string Queue);

/// <summary>What became of one delivery.</summary>
public enum DeliveryOutcome
{
    /// <summary>The handler succeeded; the message is done.</summary>
    Completed,

    /// <summary>The handler failed and attempts remain; deliver again later.</summary>
    RetryLater,

    /// <summary>The handler failed on the last allowed attempt; the message is now in the dead-letter store.</summary>
    DeadLettered,
}

public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Error = null);

/// <summary>
/// Runs the handler of a queue for one delivery and applies the platform's attempt limit, the same way
/// whether the local pump or a Service Bus trigger delivered the message.
/// </summary>
public sealed class QueueDispatcher
{
    private readonly Dictionary<string, IQueueHandler> _handlers;
    private readonly DeadLetters _deadLetters;
    private readonly QueueOptions _options;
    private readonly ILogger<QueueDispatcher> _logger;

    public QueueDispatcher(IEnumerable<IQueueHandler> handlers, DeadLetters deadLetters, QueueOptions options, ILogger<QueueDispatcher> logger)
    {
        _deadLetters = deadLetters;
        _options = options;
        _logger = logger;
        _handlers = new Dictionary<string, IQueueHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            QueueIds.CheckQueueName(handler.Queue);
            if (!_handlers.TryAdd(handler.Queue, handler))
                throw new InvalidOperationException($"Queue '{handler.Queue}' has two handlers");
        }
    }

    public IReadOnlyCollection<string> Queues => _handlers.Keys;

    public async Task<DeliveryResult> DeliverAsync(QueueMessage message, CancellationToken ct)
    {
        if (!_handlers.TryGetValue(message.Queue, out var handler))
            throw new InvalidOperationException($"Queue '{message.Queue}' has no handler");
        // The delivery continues the trace of the request that sent the message (when it carried one).
        using var activity = PlatformMetrics.Activities.StartActivity($"{message.Queue} process", ActivityKind.Consumer,
            ActivityContext.TryParse(message.TraceParent, null, out var parent) ? parent : default);
        activity?.SetTag("messaging.destination.name", message.Queue);
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.message.delivery_count", message.DeliveryCount);
        var result = await RunAsync(handler, message, ct);
        PlatformMetrics.Delivered(message.Queue);
        if (result.Outcome != DeliveryOutcome.Completed) activity?.SetStatus(ActivityStatusCode.Error, result.Error);
        return result;
    }

    private async Task<DeliveryResult> RunAsync(IQueueHandler handler, QueueMessage message, CancellationToken ct)
    {
        try
        {
            await handler.HandleAsync(message, ct);
            return new DeliveryResult(DeliveryOutcome.Completed);
        }
        catch (Exception error) when (!ct.IsCancellationRequested)
        {
            var text = Describe(error);
            if (message.DeliveryCount < _options.MaxAttempts)
            {
                _logger.LogWarning("Message {MessageId} of queue {Queue} failed on delivery {Delivery} of {MaxAttempts}, will retry: {Error}",
                    message.MessageId, message.Queue, message.DeliveryCount, _options.MaxAttempts, text);
                PlatformMetrics.Retried(message.Queue);
                return new DeliveryResult(DeliveryOutcome.RetryLater, text);
            }
            await DeadLetterAsync(message, text, ct);
            return new DeliveryResult(DeliveryOutcome.DeadLettered, text);
        }
    }

    public async Task DeadLetterAsync(QueueMessage message, string error, CancellationToken ct)
    {
        await _deadLetters.AddAsync(message, error, ct);
        PlatformMetrics.DeadLettered(message.Queue);
        _logger.LogError("Message {MessageId} of queue {Queue} dead-lettered after {Attempts} deliveries: {Error}",
            message.MessageId, message.Queue, message.DeliveryCount, error);
    }

    /// <summary>
    /// The error as stored and logged: the exception type and message only. Handlers keep personal data out of
    /// their messages; stack traces stay out of the store.
    /// </summary>
    public static string Describe(Exception error)
    {
        var text = $"{error.GetType().Name}: {error.Message}";
        return text.Length <= 500 ? text : text[..500];
    }
}

public static class QueueHandlerRegistrations
{
    /// <summary>Registers the handler of a queue: a singleton, built when the first message arrives.</summary>
    public static IServiceCollection AddQueueHandler<THandler>(this IServiceCollection services, string queue)
        where THandler : class, IQueueHandler
    {
        QueueIds.CheckQueueName(queue);
        services.AddSingleton<THandler>();
        services.AddSingleton<IQueueHandler>(sp =>
        {
            var handler = sp.GetRequiredService<THandler>();
            if (handler.Queue != queue)
                throw new InvalidOperationException($"{typeof(THandler).Name} handles '{handler.Queue}' but was registered for '{queue}'");
            return handler;
        });
        services.AddSingleton(new QueueHandlerRegistration(queue));
        return services;
    }

    /// <summary>Registers an already built handler.</summary>
    public static IServiceCollection AddQueueHandler(this IServiceCollection services, IQueueHandler handler)
    {
        QueueIds.CheckQueueName(handler.Queue);
        services.AddSingleton(handler);
        services.AddSingleton(new QueueHandlerRegistration(handler.Queue));
        return services;
    }
}
