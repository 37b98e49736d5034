using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Messaging;

public static class MessagingServices
{
    public static IServiceCollection AddMessaging(this IServiceCollection services)
    {
        services.AddSingleton<ConversationService>();
        services.AddSingleton<MessageSendLimit>();
        return services;
    }
}
