using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Queues;

public static class QueueServices
{
    public static IServiceCollection AddQueues(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<PlatformOptions>().Queues);
        services.AddSingleton<DeadLetters>();
        services.AddSingleton<QueueDispatcher>();
        services.AddSingleton<LocalQueueSignal>();
        services.AddSingleton<LocalQueuePump>();
        services.AddSingleton<IServiceBusTransport>(sp => new ServiceBusClientTransport(
            sp.GetRequiredService<QueueOptions>().ServiceBus() ?? throw new InvalidOperationException("No Service Bus is configured.")));
        services.AddSingleton<IMessageQueue>(sp =>
        {
            var options = sp.GetRequiredService<QueueOptions>();
            return options.UsesLocalQueue()
                ? new LocalMessageQueue(sp.GetRequiredService<Storage.DocumentStore>(), sp.GetRequiredService<LocalQueueSignal>(),
                    sp.GetRequiredService<TimeProvider>())
                : new ServiceBusQueue(sp.GetRequiredService<IServiceBusTransport>());
        });
        return services;
    }

    /// <summary>Whether messages travel through the app's own durable queue (standalone) rather than Service Bus.</summary>
    public static bool UsesLocalQueue(this QueueOptions options) => options.ServiceBus() is null;
}
