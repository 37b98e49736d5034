using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using CareerNexus.Common;

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

/// <summary>
/// Stores uploads in Blob Storage and returns URLs clients can read. Speaks the Blob REST protocol: writes
/// are signed with the account key (Shared Key). Reads go straight to a public-read container; for a private
/// one the stored URL is the app's own stable media URL, which redirects to a short-lived service SAS
/// (<see cref="ReadUrl"/>), so stored documents never hold a signature that expires.
/// </summary>
public sealed class FileStore(PlatformOptions options, TimeProvider clock) : IDisposable
{
    /// <summary>The Blob service version the requests and signatures follow.</summary>
    public const string ApiVersion = "2021-08-06";

    private readonly BlobOptions _options = options.Blob;
    private readonly HttpClient _http = PlatformHttp.Create(TimeSpan.FromMinutes(5));
    private readonly Lock _containerLock = new();
    private Task? _containerReady;
    private BlobAccount? _account;

    private BlobAccount Account => _account ??= string.IsNullOrWhiteSpace(_options.ConnectionString)
        ? throw new InvalidOperationException("CareerNexus:Blob:ConnectionString is not set.")
        : BlobAccount.Parse(_options.ConnectionString);

    /// <summary>The app's path for the blobs of a private container: {PublicBaseUrl}/media/{blob name}.</summary>
    public const string MediaPath = "media";

    /// <summary>How long the signed URL a media link redirects to may be used.</summary>
    public static readonly TimeSpan MediaLinkLifetime = TimeSpan.FromHours(1);

    /// <summary>Where the blobs of the configured container live, without a trailing slash.</summary>
    public string ContainerUrl => $"{Account.BaseUrl}/{_options.Container}";

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
            var url = $"{ContainerUrl}/{blobName}";
            using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new BorrowedStreamContent(source, size) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(type.ContentType);
            request.Headers.Add("x-ms-blob-type", "BlockBlob");
            await SendAsync(request, "store a file", ct);
            return new StoredFile(_options.PublicRead ? url : $"{options.PublicBaseUrl.TrimEnd('/')}/{MediaPath}/{blobName}", type.ContentType, size);
        }
        finally
        {
            if (buffered is not null) await buffered.DisposeAsync();
        }
    }

    /// <summary>
    /// A read-only URL for a blob of this account, signed with a service SAS that expires after the lifetime,
    /// for files kept in a private container. URLs elsewhere (media stored as given) are returned unchanged.
    /// </summary>
    public string ReadUrl(string url, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime), "The lifetime must be positive.");
        var account = Account;
        var prefix = account.BaseUrl + "/";
        var path = url.Split('?', 2)[0];
        if (!path.StartsWith(prefix, StringComparison.Ordinal)) return url;
        var segments = path[prefix.Length..].Split('/', 2);
        if (segments.Length < 2 || segments[0].Length == 0 || segments[1].Length == 0) return url;

        var now = clock.GetUtcNow();
        var fields = new SasFields(
            Permissions: "r",
            // A little in the past, so that a reader whose clock is behind the service's is not refused.
            Start: Timestamp(now.AddMinutes(-5)),
            Expiry: Timestamp(now.Add(lifetime)),
            Protocol: account.BlobEndpoint.Scheme == "https" ? "https" : "https,http");
        var resource = $"/blob/{account.Name}/{Uri.UnescapeDataString(segments[0])}/{Uri.UnescapeDataString(segments[1])}";
        var stringToSign = string.Join('\n',
            fields.Permissions, fields.Start, fields.Expiry, resource,
            "", // signed identifier
            "", // signed IP
            fields.Protocol, ApiVersion,
            "b", // signed resource: a blob
            "", // snapshot time
            "", // encryption scope
            "", "", "", "", ""); // response header overrides: cache-control, disposition, encoding, language, type
        var signature = Convert.ToBase64String(HMACSHA256.HashData(account.Key, Encoding.UTF8.GetBytes(stringToSign)));
        return $"{path}?sv={ApiVersion}&spr={Uri.EscapeDataString(fields.Protocol)}&st={Uri.EscapeDataString(fields.Start)}" +
               $"&se={Uri.EscapeDataString(fields.Expiry)}&sr=b&sp={fields.Permissions}&sig={Uri.EscapeDataString(signature)}";
    }

    /// <summary>
    /// Where a media link's blob can be read now: the blob itself in a public container, a signed URL valid for
    /// <see cref="MediaLinkLifetime"/> in a private one. Null for a name this store never gives out.
    /// </summary>
    public string? MediaReadUrl(string blobName)
    {
        var segments = blobName.Split('/');
        if (blobName.Length > 1024 || segments.Any(s => s.Trim('.').Length == 0 || !s.All(IsNameCharacter))) return null;
        var url = $"{ContainerUrl}/{blobName}";
        return _options.PublicRead ? url : ReadUrl(url, MediaLinkLifetime);
    }

    public void Dispose() => _http.Dispose();

    private sealed record SasFields(string Permissions, string Start, string Expiry, string Protocol);

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

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
        lock (_containerLock)
        {
            // A failed attempt is forgotten, so that the next upload tries again.
            if (_containerReady is not { IsFaulted: false, IsCanceled: false }) _containerReady = CreateContainerAsync();
            return _containerReady.WaitAsync(ct);
        }
    }

    private async Task CreateContainerAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{ContainerUrl}?restype=container");
        if (_options.PublicRead) request.Headers.Add("x-ms-blob-public-access", "blob");
        await SendAsync(request, "create the container", CancellationToken.None, alsoFine: "ContainerAlreadyExists");
    }

    private async Task SendAsync(HttpRequestMessage request, string purpose, CancellationToken ct, string? alsoFine = null)
    {
        Sign(request);
        using var response = await _http.SendAsync(request, ct);
        if (response.IsSuccessStatusCode) return;
        var code = response.Headers.TryGetValues("x-ms-error-code", out var codes) ? codes.FirstOrDefault() : null;
        if (code is not null && code == alsoFine) return;
        throw new HttpRequestException(
            $"Blob storage refused to {purpose}: {(int)response.StatusCode} {code ?? response.ReasonPhrase}", null, response.StatusCode);
    }

    /// <summary>Shared Key authorization: an HMAC of the request's canonical form with the account key.</summary>
    private void Sign(HttpRequestMessage request)
    {
        var account = Account;
        request.Headers.Add("x-ms-date", clock.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
        request.Headers.Add("x-ms-version", ApiVersion);

        var content = request.Content?.Headers;
        var length = content?.ContentLength is > 0 and var l ? l.ToString(CultureInfo.InvariantCulture) : "";
        var canonicalHeaders = request.Headers
            .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(',', h.Value).Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .Select(h => $"{h.Name}:{h.Value}\n");
        var uri = request.RequestUri!;
        var resource = new StringBuilder("/").Append(account.Name).Append(uri.AbsolutePath);
        foreach (var parameter in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
                     .Select(p => p.Split('=', 2))
                     .GroupBy(p => Uri.UnescapeDataString(p[0]).ToLowerInvariant())
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var values = parameter.Select(p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "").Order(StringComparer.Ordinal);
            resource.Append('\n').Append(parameter.Key).Append(':').Append(string.Join(',', values));
        }

        var stringToSign = string.Join('\n',
            request.Method.Method,
            content is null ? "" : string.Join(',', content.ContentEncoding),
            content is null ? "" : string.Join(',', content.ContentLanguage),
            length,
            content?.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : "",
            content?.ContentType?.ToString() ?? "",
            "", // Date: x-ms-date is used instead
            "", "", "", "", "") // If-Modified-Since, If-Match, If-None-Match, If-Unmodified-Since, Range
            + "\n" + string.Concat(canonicalHeaders) + resource;
        var signature = Convert.ToBase64String(HMACSHA256.HashData(account.Key, Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKey {account.Name}:{signature}");
    }

    /// <summary>Sends a stream the caller still owns, from its current position, with a known length.</summary>
    private sealed class BorrowedStreamContent(Stream stream, long length) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream target, System.Net.TransportContext? context) =>
            SerializeToStreamAsync(target, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream target, System.Net.TransportContext? context, CancellationToken ct)
        {
            var buffer = new byte[81920];
            var left = length;
            while (left > 0)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), ct);
                if (read == 0) throw new IOException("The upload ended before its declared length.");
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
                left -= read;
            }
        }

        protected override bool TryComputeLength(out long computed)
        {
            computed = length;
            return true;
        }
    }
}
