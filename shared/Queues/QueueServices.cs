using CareerNexus.Common;
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
        services.AddSingleton<IMessageQueue>(sp =>
        {
            var options = sp.GetRequiredService<QueueOptions>();
            var clock = sp.GetRequiredService<TimeProvider>();
            return options.UsesLocalQueue()
                ? new LocalMessageQueue(sp.GetRequiredService<Storage.DocumentStore>(), sp.GetRequiredService<LocalQueueSignal>(), clock)
                : new ServiceBusQueue(ServiceBusConnection.Parse(options.ServiceBusConnectionString), PlatformHttp.Create(TimeSpan.FromSeconds(30)), clock);
        });
        return services;
    }

    /// <summary>Whether messages travel through the app's own durable queue (standalone) rather than Service Bus.</summary>
    public static bool UsesLocalQueue(this QueueOptions options) => string.IsNullOrWhiteSpace(options.ServiceBusConnectionString);
}
