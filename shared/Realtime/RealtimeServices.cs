using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Realtime;

public static class RealtimeServices
{
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {

        return services;
    }
}
