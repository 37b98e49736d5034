using CareerNexus.Common;
namespace CareerNexus.Files;

/// <summary>A storage account as its connection string names it: the account, its key and its blob endpoint.</summary>
public sealed record BlobAccount(string Name, byte[] Key, Uri BlobEndpoint)
{
    private const string DevelopmentAccount = "devstoreaccount1";

    // The storage emulator's documented key, published by Microsoft; not a secret.
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The blob endpoint without a trailing slash: blob URLs are this, "/", the container and the blob name.</summary>
    public string BaseUrl => BlobEndpoint.ToString().TrimEnd('/');

    /// <summary>
    /// Reads "AccountName=...;AccountKey=...;" with BlobEndpoint, or with DefaultEndpointsProtocol and
    /// EndpointSuffix (core.windows.net when absent); "UseDevelopmentStorage=true" is Azurite on its usual port.
    /// </summary>
    public static BlobAccount Parse(string connectionString)
    {
        var parts = ConnectionStrings.Parse(connectionString, Setting);
        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && development.Equals("true", StringComparison.OrdinalIgnoreCase))
            return new BlobAccount(DevelopmentAccount, Convert.FromBase64String(DevelopmentKey), new Uri($"http://127.0.0.1:10000/{DevelopmentAccount}"));

        if (!parts.TryGetValue("AccountName", out var name) || name.Length == 0) throw Malformed("AccountName is missing");
        if (!parts.TryGetValue("AccountKey", out var key) || key.Length == 0) throw Malformed("AccountKey is missing");
        byte[] keyBytes;
        try
        {
            keyBytes = Convert.FromBase64String(key);
        }
        catch (FormatException)
        {
            throw Malformed("AccountKey is not base64");
        }

        Uri endpoint;
        if (parts.TryGetValue("BlobEndpoint", out var blobEndpoint) && blobEndpoint.Length > 0)
        {
            if (!Uri.TryCreate(blobEndpoint, UriKind.Absolute, out endpoint!) || endpoint.Scheme is not ("http" or "https"))
                throw Malformed("BlobEndpoint is not an http(s) URL");
        }
        else
        {
            var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https").ToLowerInvariant();
            if (protocol is not ("http" or "https")) throw Malformed("DefaultEndpointsProtocol must be http or https");
            var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            endpoint = new Uri($"{protocol}://{name}.blob.{suffix}");
        }
        return new BlobAccount(name, keyBytes, endpoint);
    }

    private static InvalidOperationException Malformed(string reason) =>
        new($"{Setting} is not a usable storage connection string: {reason}.");

    private const string Setting = "CareerNexus:Blob:ConnectionString";
}
