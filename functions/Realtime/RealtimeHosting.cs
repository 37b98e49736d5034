namespace CareerNexus.Functions.Realtime;

/// <summary>Realtime: negotiate and, standalone, the in-app SignalR hubs.</summary>
public static class RealtimeHosting
{
    public static IServiceCollection AddRealtimeHosting(this IServiceCollection services) => services;

    public static void MapRealtime(this IEndpointRouteBuilder app)
    {
    }
}
