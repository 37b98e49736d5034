namespace CareerNexus.Realtime;

/// <summary>The realtime hubs of the platform; Azure SignalR Service hubs carry the same names.</summary>
public static class Hubs
{
    /// <summary>Job notifications (document 002's /ws/notification/jobs/).</summary>
    public const string JobNotifications = "jobnotifications";
}

/// <summary>
/// Pushes an event to every connection of one account on a hub. Standalone this is ASP.NET Core SignalR
/// in the app; in Azure, the SignalR Service REST API.
/// </summary>
public interface IRealtimeNotifier
{
    Task SendToUserAsync(string hub, long userId, string target, object payload, CancellationToken ct = default);
}
