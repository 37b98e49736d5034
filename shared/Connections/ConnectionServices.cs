using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Connections;

public static class ConnectionServices
{
    public static IServiceCollection AddConnectionFeature(this IServiceCollection services)
    {
        services.AddSingleton<ConnectionService>();
        return services;
    }
}
