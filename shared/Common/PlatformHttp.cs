namespace CareerNexus.Common;

/// <summary>
/// The HTTP clients of the platform's REST adapters (Blob Storage, SignalR Service, Service Bus): one per
/// adapter, long-lived, with pooled connections renewed every few minutes so that DNS changes are seen.
/// </summary>
public static class PlatformHttp
{
    private static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(5);

    public static HttpClient Create(TimeSpan timeout) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = ConnectionLifetime }) { Timeout = timeout };
}
