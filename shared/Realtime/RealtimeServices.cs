using CareerNexus.Common;
using CareerNexus.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Realtime;

public static class RealtimeServices
{
    /// <summary>
    /// The Azure SignalR Service and Web PubSub side. The app's own hubs and chat sockets, and the choice between them
    /// and the services, are registered by the hosting app (functions/Realtime), which owns the hubs and sockets.
    /// </summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddSingleton(sp => SignalRServiceEndpoint.From(sp.GetRequiredService<PlatformOptions>().Realtime));
        services.AddSingleton<SignalRServiceNotifier>();
        // A POST to a user may already have reached their sockets: it is never retried, but it is timed and breaks the circuit.
        services.AddPlatformHttpClient(SignalRServiceNotifier.HttpClientName);
        // Azure Web PubSub, for document 003's chat sockets; resolved only when configured.
        services.AddSingleton(sp => WebPubSubEndpoint.From(sp.GetRequiredService<PlatformOptions>().Realtime));
        services.AddSingleton<WebPubSubService>();
        services.AddPlatformHttpClient(WebPubSubService.HttpClientName);
        services.AddScheduledJob<WebPubSubSocketExpiry>(WebPubSubSocketExpiry.JobName, WebPubSubSocketExpiry.Every);
        return services;
    }
}
