namespace CareerNexus.Files;

/// <summary>Settings under CareerNexus:Blob.</summary>
public sealed class BlobOptions
{
    /// <summary>A storage account connection string (AccountName, AccountKey and BlobEndpoint or EndpointSuffix).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The container uploads go to.</summary>
    public string Container { get; set; } = "media";

    /// <summary>
    /// Whether the container is created with public read access to its blobs, so that stored URLs can be
    /// read as they are. Accounts that forbid public access need false, and readers then get URLs from
    /// FileStore.ReadUrl.
    /// </summary>
    public bool PublicRead { get; set; } = true;
}
