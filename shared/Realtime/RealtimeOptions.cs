namespace CareerNexus.Realtime;

/// <summary>Settings under CareerNexus:Realtime.</summary>
public sealed class RealtimeOptions
{
    /// <summary>
    /// An Azure SignalR Service connection string ("Endpoint=https://...;AccessKey=...;Version=1.0;"). When set,
    /// clients negotiate to the service and events are sent through its REST API; when empty, the app's
    /// own hubs serve them.
    /// </summary>
    public string SignalRConnectionString { get; set; } = "";

    /// <summary>Whether Azure SignalR Service carries the realtime traffic instead of the app's own hubs.</summary>
    public bool UsesService => !string.IsNullOrWhiteSpace(SignalRConnectionString);
}
