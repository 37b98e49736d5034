namespace CareerNexus.Files;

/// <summary>Settings under CareerNexus:Blob.</summary>
public sealed class BlobOptions
{
    /// <summary>A storage account connection string (AccountName, AccountKey and BlobEndpoint or EndpointSuffix).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The container uploads go to.</summary>
    public string Container { get; set; } = "media";
}
