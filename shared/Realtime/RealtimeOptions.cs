using CareerNexus.Common;

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

    /// <summary>
    /// The service's URI ("https://acme.service.signalr.net"), used by identity (Microsoft Entra tokens, the
    /// "SignalR REST API Owner" role) when no connection string is set.
    /// </summary>
    public string SignalRServiceUri { get; set; } = "";

    /// <summary>With the service URI: "managedidentity" for the system-assigned identity, empty for DefaultAzureCredential.</summary>
    public string Credential { get; set; } = "";

    /// <summary>With the service URI: the client id of a user-assigned managed identity.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Whether Azure SignalR Service carries the realtime traffic instead of the app's own hubs.</summary>
    public bool UsesService => !string.IsNullOrWhiteSpace(SignalRConnectionString) || !string.IsNullOrWhiteSpace(SignalRServiceUri);

    /// <summary>The identity the service is reached with; null when a connection string (with its access key) is set.</summary>
    public CredentialChoice? Identity() =>
        string.IsNullOrWhiteSpace(SignalRConnectionString) ? AzureIdentity.Choose(Credential, ClientId) : null;
}
