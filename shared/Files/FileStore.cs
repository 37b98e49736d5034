using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace CareerNexus.Files;

/// <summary>What an upload is, which decides the content types and the size it may have.</summary>
public enum FileKind
{
    Image,
    Video,
    Document,

    /// <summary>A candidate's CV: PDF or DOCX only.</summary>
    Cv,

    /// <summary>A Talent candidate's resume (document 004): PDF, Word 97-2003 DOC or DOCX.</summary>
    Resume,
}

/// <summary>An uploaded file as the platform keeps it: where clients can GET it.</summary>
public sealed record StoredFile(string Url, string ContentType, long Length);

/// <summary>
/// Stores uploads in Blob Storage through the Azure SDK and returns URLs clients can read. Reads go straight to a
/// public-read container; for a private one the stored URL is the app's own stable media URL, which redirects to
/// a short-lived read-only SAS (<see cref="ReadUrlAsync"/>): signed with the account key under a connection string,
/// a user-delegation SAS under an identity. Stored documents never hold a signature that expires.
/// </summary>
public sealed class FileStore(PlatformOptions options, TimeProvider clock)
{
    private readonly BlobOptions _options = options.Blob;
    private readonly Lock _lock = new();
    private Task? _containerReady;
    private BlobServiceClient? _service;
    private (UserDelegationKey Key, DateTimeOffset Expires)? _delegationKey;

    private BlobServiceClient Service
    {
        get
        {
            lock (_lock) return _service ??= BlobConnection.Create(_options);
        }
    }

    private BlobContainerClient Container => Service.GetBlobContainerClient(_options.Container);

    /// <summary>The app's path for the blobs of a private container: {PublicBaseUrl}/media/{blob name}.</summary>
    public const string MediaPath = "media";

    /// <summary>How long the signed URL a media link redirects to may be used.</summary>
    public static readonly TimeSpan MediaLinkLifetime = TimeSpan.FromHours(1);

    /// <summary>How long a user-delegation key is asked for; one key signs every link within that time.</summary>
    private static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromHours(6);

    /// <summary>Where the blobs of the configured container live, without a trailing slash.</summary>
    public string ContainerUrl => Container.Uri.ToString().TrimEnd('/');

    /// <summary>Checks the upload against its kind's limits (400 beyond them) and stores it under the folder.</summary>
    public async Task<StoredFile> SaveAsync(FileKind kind, string folder, string fileName, string contentType, Stream content, long? length,
        CancellationToken ct = default)
    {
        var type = FileLimits.CheckType(kind, contentType);
        if (length is { } declared) FileLimits.CheckSize(kind, declared);

        var buffered = content.CanSeek ? null : await BufferAsync(kind, content, ct);
        var source = buffered ?? content;
        try
        {
            var start = source.Position;
            var size = source.Length - start;
            FileLimits.CheckSize(kind, size);
            var leading = new byte[(int)Math.Min(FileLimits.SignatureLength, size)];
            await source.ReadExactlyAsync(leading, ct);
            FileLimits.CheckSignature(kind, type, leading);
            source.Position = start;

            await EnsureContainerAsync(ct);
            var blobName = BlobName(folder, fileName);
            var blob = Container.GetBlobClient(blobName);
            await blob.UploadAsync(source, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = type.ContentType } }, ct);
            return new StoredFile(_options.PublicRead ? $"{ContainerUrl}/{blobName}" : $"{options.PublicBaseUrl.TrimEnd('/')}/{MediaPath}/{blobName}",
                type.ContentType, size);
        }
        finally
        {
            if (buffered is not null) await buffered.DisposeAsync();
        }
    }

    /// <summary>
    /// A read-only URL for a blob of this account, signed with a SAS that expires after the lifetime, for files
    /// kept in a private container. URLs elsewhere (media stored as given) are returned unchanged.
    /// </summary>
    public async Task<string> ReadUrlAsync(string url, TimeSpan lifetime, CancellationToken ct = default)
    {
        if (lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime), "The lifetime must be positive.");
        var service = Service;
        var prefix = service.Uri.ToString().TrimEnd('/') + "/";
        var path = url.Split('?', 2)[0];
        if (!path.StartsWith(prefix, StringComparison.Ordinal)) return url;
        var segments = path[prefix.Length..].Split('/', 2);
        if (segments.Length < 2 || segments[0].Length == 0 || segments[1].Length == 0) return url;

        var blob = service.GetBlobContainerClient(Uri.UnescapeDataString(segments[0]))
            .GetBlobClient(Uri.UnescapeDataString(segments[1]));
        var now = clock.GetUtcNow();
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, now.Add(lifetime))
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            // A little in the past, so that a reader whose clock is behind the service's is not refused.
            StartsOn = now.AddMinutes(-5),
            Protocol = blob.Uri.Scheme == "https" ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        if (blob.CanGenerateSasUri) return blob.GenerateSasUri(sas).ToString();

        var key = await DelegationKeyAsync(service, now.Add(lifetime), ct);
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, blob.AccountName) }.ToUri().ToString();
    }

    /// <summary>
    /// Where a media link's blob can be read now: the blob itself in a public container, a signed URL valid for
    /// <see cref="MediaLinkLifetime"/> in a private one. Null for a name this store never gives out.
    /// </summary>
    public async Task<string?> MediaReadUrlAsync(string blobName, CancellationToken ct = default)
    {
        var segments = blobName.Split('/');
        if (blobName.Length > 1024 || segments.Any(s => s.Trim('.').Length == 0 || !s.All(IsNameCharacter))) return null;
        var url = $"{ContainerUrl}/{blobName}";
        return _options.PublicRead ? url : await ReadUrlAsync(url, MediaLinkLifetime, ct);
    }

    /// <summary>
    /// Deletes a file this store gave out (its blob URL or its media link); URLs stored as given (elsewhere) are left alone.
    /// Deleting a file already gone is fine.
    /// </summary>
    public async Task DeleteAsync(string? url, CancellationToken ct = default)
    {
        if (BlobNameOf(url) is { } name) await Container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: ct);
    }

    /// <summary>
    /// The content of a file this store gave out (its blob URL or its media link), for workers that read uploads (the resume
    /// parser): null when the URL is not one of ours or the blob is gone. A file longer than <paramref name="maxBytes"/> is
    /// read up to one byte past it, so the caller sees it is too large without holding all of it.
    /// </summary>
    public async Task<byte[]?> ReadAsync(string? url, long maxBytes, CancellationToken ct = default)
    {
        if (BlobNameOf(url) is not { } name) return null;
        try
        {
            var download = await Container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: ct);
            await using var content = download.Value.Content;
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(chunk, ct)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > maxBytes) break;
            }
            return buffer.ToArray();
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The blob name of a URL this store gave out (a blob URL or a media link); null for any other URL.</summary>
    private string? BlobNameOf(string? url)
    {
        if (string.IsNullOrEmpty(url)) return null;
        var path = url.Split('?', 2)[0];
        var mediaPrefix = $"{options.PublicBaseUrl.TrimEnd('/')}/{MediaPath}/";
        var blobPrefix = ContainerUrl + "/";
        var name = path.StartsWith(blobPrefix, StringComparison.Ordinal) ? path[blobPrefix.Length..]
            : path.StartsWith(mediaPrefix, StringComparison.Ordinal) ? path[mediaPrefix.Length..] : null;
        return string.IsNullOrEmpty(name) ? null : Uri.UnescapeDataString(name);
    }

    /// <summary>Whether the storage account answers: one cheap call, for the readiness probe.</summary>
    public async Task CheckAsync(CancellationToken ct) => await Container.ExistsAsync(ct);

    /// <summary>A user-delegation key that outlives the signature, asked for again only when it would not.</summary>
    private async Task<UserDelegationKey> DelegationKeyAsync(BlobServiceClient service, DateTimeOffset signatureExpiry, CancellationToken ct)
    {
        lock (_lock)
            if (_delegationKey is { } cached && cached.Expires > signatureExpiry) return cached.Key;
        var now = clock.GetUtcNow();
        var expires = now.Add(DelegationKeyLifetime);
        UserDelegationKey key = await service.GetUserDelegationKeyAsync(now.AddMinutes(-5), expires, ct);
        lock (_lock) _delegationKey = (key, expires);
        return key;
    }

    /// <summary>{folder}/{guid}-{file name}, both reduced to characters that need no escaping in a URL.</summary>
    internal static string BlobName(string folder, string fileName)
    {
        var folders = folder.Split('/', '\\').Select(Clean).Where(s => s.Length > 0 && s.Trim('.').Length > 0);
        var name = Clean(fileName.Split('/', '\\')[^1]).Trim('.');
        if (name.Length > 100) name = name[^100..].TrimStart('.', '-');
        var leaf = $"{Guid.NewGuid():N}-{(name.Length == 0 ? "file" : name)}";
        return string.Join('/', folders.Append(leaf));
    }

    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            if (IsNameCharacter(c)) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        return builder.ToString().Trim('-');
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    private static async Task<MemoryStream> BufferAsync(FileKind kind, Stream content, CancellationToken ct)
    {
        var limit = FileLimits.For(kind).MaxBytes;
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit) break;
        }
        buffer.Position = 0;
        return buffer;
    }

    /// <summary>Creates the container once per process; "already exists" is success.</summary>
    private Task EnsureContainerAsync(CancellationToken ct)
    {
        lock (_lock)
        {
            // A failed attempt is forgotten, so that the next upload tries again.
            if (_containerReady is not { IsFaulted: false, IsCanceled: false })
                _containerReady = Container.CreateIfNotExistsAsync(_options.PublicRead ? PublicAccessType.Blob : PublicAccessType.None);
            return _containerReady.WaitAsync(ct);
        }
    }
}
