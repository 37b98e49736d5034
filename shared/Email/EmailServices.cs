using CareerNexus.Common;
using CareerNexus.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Email;

public static class EmailServices
{
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<PlatformOptions>().Smtp);
        services.AddSingleton<SmtpSender>();
        services.AddSingleton<EmailOutbox>();
        services.AddQueueHandler<EmailDelivery>(QueueNames.Email);
        return services;
    }
}
