using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Email;

public static class EmailServices
{
    public static IServiceCollection AddEmail(this IServiceCollection services)
    {
        services.AddSingleton<EmailOutbox>();
        return services;
    }
}
