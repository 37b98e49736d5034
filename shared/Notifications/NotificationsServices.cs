using CareerNexus.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Notifications;

public static class NotificationsServices
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddSingleton<NotificationService>();
        services.AddSingleton<NotificationFanOut>();
        services.AddQueueHandler<NotificationFanOutHandler>(QueueNames.Notifications);
        return services;
    }
}
