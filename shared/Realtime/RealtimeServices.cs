using CareerNexus.Common;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Realtime;

public static class RealtimeServices
{
    /// <summary>
    /// The Azure SignalR Service side. The app's own hubs, and the choice of <see cref="IRealtimeNotifier"/>
    /// between the two, are registered by the hosting app (functions/Realtime), which owns the hubs.
    /// </summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddSingleton(sp => SignalRServiceEndpoint.From(sp.GetRequiredService<PlatformOptions>().Realtime));
        services.AddSingleton<SignalRServiceNotifier>();
        // A POST to a user may already have reached their sockets: it is never retried, but it is timed and breaks the circuit.
        services.AddPlatformHttpClient(SignalRServiceNotifier.HttpClientName);
        return services;
    }
}
