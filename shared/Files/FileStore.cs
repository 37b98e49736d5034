namespace CareerNexus.Files;

/// <summary>What an upload is, which decides the content types and the size it may have.</summary>
public enum FileKind
{
    Image,
    Video,
    Document,
}

/// <summary>An uploaded file as the platform keeps it: where clients can GET it.</summary>
public sealed record StoredFile(string Url, string ContentType, long Length);

/// <summary>Stores uploads in Blob Storage and returns URLs clients can read.</summary>
public sealed class FileStore
{
    /// <summary>Checks the upload against its kind's limits (400 beyond them) and stores it under the folder.</summary>
    public Task<StoredFile> SaveAsync(FileKind kind, string folder, string fileName, string contentType, Stream content, long? length,
        CancellationToken ct = default) => throw new NotImplementedException("File store: being built");
}
