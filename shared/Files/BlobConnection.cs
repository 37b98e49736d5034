using Azure.Storage.Blobs;
using CareerNexus.Common;

namespace CareerNexus.Files;

/// <summary>
/// Builds the Blob service client from the settings: a connection string with its account key, or a service
/// URI and a Microsoft Entra identity. Errors name the setting, never a value: connection strings hold keys.
/// </summary>
public static class BlobConnection
{
    private const string ConnectionSetting = "CareerNexus:Blob:ConnectionString";
    private const string UriSetting = "CareerNexus:Blob:ServiceUri";

    public static BlobServiceClient Create(BlobOptions options)
    {
        var clientOptions = new BlobClientOptions
        {
            Retry = { MaxRetries = 3, Mode = Azure.Core.RetryMode.Exponential, NetworkTimeout = TimeSpan.FromSeconds(100) },
        };
        if (options.Identity() is not { } identity)
        {
            // Parsed here first for a position-only error; the SDK's own messages may quote the string.
            ConnectionStrings.Parse(options.ConnectionString, ConnectionSetting);
            try
            {
                return new BlobServiceClient(options.ConnectionString, clientOptions);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                throw new InvalidOperationException($"{ConnectionSetting} is not a usable storage connection string.");
            }
        }
        if (!Uri.TryCreate(options.ServiceUri, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"Set {ConnectionSetting}, or {UriSetting} (an http(s) URL) to connect by identity.");
        return new BlobServiceClient(uri, identity.Create(), clientOptions);
    }
}
