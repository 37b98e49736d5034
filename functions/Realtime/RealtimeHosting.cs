using System.Security.Claims;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using CareerNexus.Realtime;
using Microsoft.AspNetCore.Http.Connections;

namespace CareerNexus.Functions.Realtime;

/// <summary>
/// Realtime, under /ws/notification/jobs/: negotiate and, standalone, the in-app SignalR hubs. Both modes answer the same negotiate
/// route (an HTTP function under the Functions host), so the function set does not depend on settings:
/// standalone it is the hub's own negotiate, with Azure SignalR Service a redirect to the service.
/// </summary>
public static class RealtimeHosting
{
    /// <summary>Document 002's job notifications socket.</summary>
    public const string JobNotificationsPath = "/ws/notification/jobs";

    /// <summary>How long a negotiated service token lets a client connect, at most.</summary>
    public static readonly TimeSpan ServiceTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>
    /// Whether the path belongs to a realtime endpoint, where browsers cannot set headers and so may send
    /// the access token as a query parameter.
    /// </summary>
    public static bool IsRealtimePath(PathString path) => path.StartsWithSegments("/ws", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddRealtimeHosting(this IServiceCollection services)
    {
        services.AddSignalR(o => o.EnableDetailedErrors = false)
            .AddJsonProtocol(o => PlatformJson.Configure(o.PayloadSerializerOptions));
        services.AddSingleton<Microsoft.AspNetCore.SignalR.IUserIdProvider, PlatformUserIds>();
        services.AddSingleton<HubNotifier>();
        services.AddSingleton<IRealtimeNotifier>(sp => sp.GetRequiredService<PlatformOptions>().Realtime.UsesService
            ? sp.GetRequiredService<SignalRServiceNotifier>()
            : sp.GetRequiredService<HubNotifier>());
        services.AddChatSockets();
        return services;
    }

    public static void MapRealtime(this IEndpointRouteBuilder app)
    {
        app.MapChatSockets();
        if (app.ServiceProvider.GetRequiredService<PlatformOptions>().Realtime.UsesService)
        {
            app.MapPost(JobNotificationsPath + "/negotiate", (ClaimsPrincipal user, SignalRServiceNotifier service, TimeProvider clock,
                HttpContext context) =>
            {
                var caller = user.Caller();
                var remaining = caller.TokenExpiresAt - clock.GetUtcNow();
                return service.NegotiateAsync(Hubs.JobNotifications, caller.UserId,
                    remaining < ServiceTokenLifetime ? remaining : ServiceTokenLifetime, context.RequestAborted);
            }).RequireAuthorization().ExcludeFromDescription();
            return;
        }
        var hub = app.MapHub<JobNotificationsHub>(JobNotificationsPath, o =>
        {
            // A connection ends when the access token it was opened with expires.
            o.CloseOnAuthenticationExpiration = true;
            o.Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling;
        }).RequireAuthorization();
        // SignalR's own protocol, described by README and document 002 rather than by the surface's OpenAPI document.
        hub.Add(endpoint => endpoint.Metadata.Add(new Microsoft.AspNetCore.Routing.ExcludeFromDescriptionAttribute()));
        // The hub's negotiate endpoint carries no method of its own; declaring the POST it accepts makes it an HTTP
        // function like the service-mode one. The connection endpoint stays without methods: sockets are not functions.
        hub.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<NegotiateMetadata>().Any()) endpoint.Metadata.Add(new HttpMethodMetadata([HttpMethods.Post]));
        });
    }
}
