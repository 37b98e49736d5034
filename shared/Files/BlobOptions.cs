using CareerNexus.Common;

namespace CareerNexus.Files;

/// <summary>Settings under CareerNexus:Blob.</summary>
public sealed class BlobOptions
{
    /// <summary>A storage account connection string (AccountName, AccountKey and BlobEndpoint or EndpointSuffix).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The blob service URI ("https://acme.blob.core.windows.net"), used without a key, by identity, when
    /// <see cref="ConnectionString"/> is empty. Read-only links are then user-delegation SAS.
    /// </summary>
    public string ServiceUri { get; set; } = "";

    /// <summary>"managedidentity" for the system-assigned identity; empty for DefaultAzureCredential.</summary>
    public string Credential { get; set; } = "";

    /// <summary>The client id of a user-assigned managed identity.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The container uploads go to.</summary>
    public string Container { get; set; } = "media";

    /// <summary>
    /// Whether the container is created with public read access to its blobs, so that stored URLs can be
    /// read as they are. Accounts that forbid public access need false, and readers then get URLs from
    /// FileStore.ReadUrlAsync.
    /// </summary>
    public bool PublicRead { get; set; } = true;

    /// <summary>The identity the service is reached with; null when a connection string (with its key) is set.</summary>
    public CredentialChoice? Identity() =>
        ConnectionString.Trim().Length > 0 ? null : AzureIdentity.Choose(Credential, ClientId);
}
