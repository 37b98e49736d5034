using System.Globalization;
using CareerNexus.Functions.Hosting;
using CareerNexus.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace CareerNexus.Functions.Realtime;

/// <summary>
/// Document 002's job notifications socket. Clients only listen: the platform pushes to them through
/// <see cref="IRealtimeNotifier"/>, so the hub has no methods to call.
/// </summary>
public sealed class JobNotificationsHub : Hub;

/// <summary>SignalR users are platform accounts: the "user_id" claim the access token carries.</summary>
public sealed class PlatformUserIds : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) => connection.User.FindFirst(CallerClaims.UserIdClaim)?.Value;
}

/// <summary>Standalone: events go to the user's connections on the app's own hubs.</summary>
public sealed class HubNotifier(IHubContext<JobNotificationsHub> jobNotifications) : IRealtimeNotifier
{
    public Task SendToUserAsync(string hub, long userId, string target, object payload, CancellationToken ct = default)
    {
        var clients = hub switch
        {
            Hubs.JobNotifications => jobNotifications.Clients,
            _ => throw new ArgumentException($"No realtime hub is named {hub}.", nameof(hub)),
        };
        return clients.User(userId.ToString(CultureInfo.InvariantCulture)).SendAsync(target, payload, ct);
    }
}
