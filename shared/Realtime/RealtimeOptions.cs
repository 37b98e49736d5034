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

    /// <summary>With a service URI: "managedidentity" for the system-assigned identity, empty for DefaultAzureCredential.</summary>
    public string Credential { get; set; } = "";

    /// <summary>With a service URI: the client id of a user-assigned managed identity.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>Whether Azure SignalR Service carries the realtime traffic instead of the app's own hubs.</summary>
    public bool UsesService => !string.IsNullOrWhiteSpace(SignalRConnectionString) || !string.IsNullOrWhiteSpace(SignalRServiceUri);

    /// <summary>The identity the service is reached with; null when a connection string (with its access key) is set.</summary>
    public CredentialChoice? Identity() =>
        string.IsNullOrWhiteSpace(SignalRConnectionString) ? AzureIdentity.Choose(Credential, ClientId) : null;

    // Document 003's chat socket through Azure Web PubSub (plain WebSocket clients).

    /// <summary>
    /// An Azure Web PubSub connection string ("Endpoint=https://acme.webpubsub.azure.com;AccessKey=...;Version=1.0;").
    /// When set, chat sockets connect to the service, their frames reach the app as events, and the app sends through
    /// the service's REST API; when empty (and no service URI), the app serves the sockets itself.
    /// </summary>
    public string WebPubSubConnectionString { get; set; } = "";

    /// <summary>
    /// The service's URI ("https://acme.webpubsub.azure.com"), reached by identity (<see cref="Credential"/>,
    /// <see cref="ClientId"/>; the "Web PubSub Service Owner" role) when no connection string is set.
    /// </summary>
    public string WebPubSubServiceUri { get; set; } = "";

    /// <summary>The hub chat sockets connect to; its event handler is the app's /webpubsub/messaging route.</summary>
    public string WebPubSubHub { get; set; } = "messaging";

    /// <summary>
    /// Access keys, comma-separated, that event signatures may also be made with: the other key of the pair during a
    /// rotation, or, by identity, the keys themselves (the service signs every event with its keys whatever the app uses).
    /// </summary>
    public string WebPubSubEventKeys { get; set; } = "";

    /// <summary>Whether Azure Web PubSub carries the chat sockets instead of the app.</summary>
    public bool UsesWebPubSub => !string.IsNullOrWhiteSpace(WebPubSubConnectionString) || !string.IsNullOrWhiteSpace(WebPubSubServiceUri);

    /// <summary>The identity Web PubSub is reached with; null when its connection string is set.</summary>
    public CredentialChoice? WebPubSubIdentity() =>
        string.IsNullOrWhiteSpace(WebPubSubConnectionString) ? AzureIdentity.Choose(Credential, ClientId) : null;
}
