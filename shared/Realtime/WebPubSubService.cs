using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Azure.Core;

namespace CareerNexus.Realtime;

/// <summary>
/// An Azure Web PubSub hub as the settings name it: by its access-key connection string (REST calls and client tokens
/// are JWTs signed with the key, whose audience is the URL they are used on), or by its URI and a Microsoft Entra
/// identity (REST calls carry Entra tokens; client tokens come from the service's generateToken API). Whichever the app
/// uses, the service signs the events it posts to the app with its access keys: ce-signature is
/// "sha256={hex of HMAC-SHA256(key, connection id)}", once per key, comma-separated.
/// </summary>
public sealed class WebPubSubEndpoint
{
    /// <summary>The scope of Entra tokens for the Web PubSub data plane.</summary>
    public const string EntraScope = "https://webpubsub.azure.com/.default";

    private const string Setting = "CareerNexus:Realtime:WebPubSubConnectionString";

    private readonly AccessKeyConnection? _key;
    private readonly TokenCredential? _identity;
    private readonly IReadOnlyList<byte[]> _eventKeys;

    /// <summary>The hub as the settings name it; not configured is a programming error (check UsesWebPubSub first).</summary>
    public static WebPubSubEndpoint From(RealtimeOptions options)
    {
        var eventKeys = options.WebPubSubEventKeys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (options.WebPubSubIdentity() is not { } identity)
            return new WebPubSubEndpoint(options.WebPubSubConnectionString, options.WebPubSubHub, eventKeys);
        if (!Uri.TryCreate(options.WebPubSubServiceUri, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException("CareerNexus:Realtime:WebPubSubServiceUri is not an http(s) URL.");
        return new WebPubSubEndpoint(uri, identity.Create(), options.WebPubSubHub, eventKeys);
    }

    /// <summary>By access key: <paramref name="eventKeys"/> are further keys events may be signed with (the other of the pair).</summary>
    public WebPubSubEndpoint(string connectionString, string hub, IEnumerable<string> eventKeys)
    {
        _key = new AccessKeyConnection(connectionString, Setting, "Azure Web PubSub");
        (Audience, ServerUrl, ClientUrl, Hub) = (_key.Audience, _key.ServerUrl, _key.ClientUrl, CheckedHub(hub));
        Host = new Uri(Audience).Host;
        _eventKeys = eventKeys.Prepend(_key.Key).Select(Encoding.UTF8.GetBytes).ToList();
    }

    /// <summary>By identity: the access keys cannot be read from anywhere else, so the event signatures need them in <paramref name="eventKeys"/>.</summary>
    public WebPubSubEndpoint(Uri serviceUri, TokenCredential identity, string hub, IEnumerable<string> eventKeys)
    {
        _identity = identity;
        Audience = ServerUrl = ClientUrl = serviceUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        Hub = CheckedHub(hub);
        Host = serviceUri.Host;
        _eventKeys = eventKeys.Select(Encoding.UTF8.GetBytes).ToList();
        if (_eventKeys.Count == 0)
            throw new InvalidOperationException(
                "CareerNexus:Realtime:WebPubSubEventKeys is empty: with an identity, give the service's access keys to check its events with.");
    }

    /// <summary>The hub chat sockets connect to.</summary>
    public string Hub { get; }

    /// <summary>The endpoint as token audiences name it.</summary>
    public string Audience { get; }

    /// <summary>Where the app sends REST calls.</summary>
    public string ServerUrl { get; }

    /// <summary>Where clients connect, as an http(s) URL (the WebSocket URL swaps the scheme).</summary>
    public string ClientUrl { get; }

    /// <summary>The service's host name, which its abuse-protection requests name in WebHook-Request-Origin.</summary>
    public string Host { get; }

    /// <summary>Whether calls authenticate with a Microsoft Entra identity rather than the access key.</summary>
    public bool UsesIdentity => _identity is not null;

    /// <summary>The hub's client path, and the audience of client tokens.</summary>
    public string ClientPath => $"/client/hubs/{Hub}";

    /// <summary>The bearer token of a REST call on <paramref name="url"/>: a short JWT for that URL signed with the key, or an Entra token.</summary>
    public async Task<string> ServerTokenAsync(string url, DateTimeOffset now, CancellationToken ct)
    {
        if (_key is not null) return _key.Token(url, now, TimeSpan.FromMinutes(5), new Dictionary<string, object>());
        return (await _identity!.GetTokenAsync(new TokenRequestContext([EntraScope]), ct)).Token;
    }

    /// <summary>A client token for a user, signed with the key (by identity the service issues them: see WebPubSubService).</summary>
    public string SignClientToken(long userId, DateTimeOffset now, TimeSpan lifetime) =>
        (_key ?? throw new InvalidOperationException("An identity-based Web PubSub connection signs no tokens itself."))
        .Token(Audience + ClientPath, now, lifetime, new Dictionary<string, object> { ["sub"] = userId.ToString(CultureInfo.InvariantCulture) });

    /// <summary>Whether an event about <paramref name="connectionId"/> carries a signature made with one of the access keys.</summary>
    public bool IsSignedByService(string? connectionId, string? signatures)
    {
        if (string.IsNullOrEmpty(connectionId) || string.IsNullOrEmpty(signatures)) return false;
        var sent = signatures.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
            .Select(s => s["sha256=".Length..].ToLowerInvariant()).ToList();
        var data = Encoding.UTF8.GetBytes(connectionId);
        return _eventKeys.Any(key =>
        {
            var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(key, data)));
            return sent.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(s)));
        });
    }

    /// <summary>
    /// State the app gives a connection (the ce-connectionState of its connect answer), sealed with the first access key:
    /// events carry it back, and their signature covers only the connection id, so an event cannot bring a state the app
    /// did not give.
    /// </summary>
    public string Seal(byte[] state) =>
        Convert.ToBase64String(state) + "." + Convert.ToHexStringLower(HMACSHA256.HashData(_eventKeys[0], state));

    /// <summary>The state a connection was given, or null when the text is not one the app sealed.</summary>
    public byte[]? Unseal(string? sealedState)
    {
        var dot = sealedState?.LastIndexOf('.') ?? -1;
        if (dot <= 0) return null;
        var state = new byte[sealedState!.Length];
        if (!Convert.TryFromBase64String(sealedState[..dot], state, out var length)) return null;
        state = state[..length];
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(_eventKeys[0], state)));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sealedState[(dot + 1)..])) ? state : null;
    }

    /// <summary>Whether an abuse-protection request comes from this service (CloudEvents webhook validation).</summary>
    public bool IsAllowedOrigin(string? origin) => string.Equals(origin?.Trim(), Host, StringComparison.OrdinalIgnoreCase);

    /// <summary>A hub name the service accepts: a letter, then letters, digits or underscores.</summary>
    private static string CheckedHub(string hub) =>
        hub.Length is > 0 and <= 128 && char.IsAsciiLetter(hub[0]) && hub.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? hub.ToLowerInvariant()
            : throw new InvalidOperationException("CareerNexus:Realtime:WebPubSubHub must start with a letter and hold only letters, digits and '_'.");
}

/// <summary>
/// Azure Web PubSub's REST API (no SDK is served), for plain WebSocket clients: frames are sent as text. Its HTTP client
/// has the standard resilience handler; sends are not retried (a send may already have reached the sockets).
/// </summary>
public sealed class WebPubSubService(WebPubSubEndpoint service, IHttpClientFactory clients, TimeProvider clock)
{
    public const string HttpClientName = "web-pubsub";
    public const string ApiVersion = "2024-01-01";

    /// <summary>Sends a text frame to every connection of a group, but those of <paramref name="exceptUserId"/> when given.</summary>
    public Task SendToGroupAsync(string group, byte[] frame, long? exceptUserId, CancellationToken ct) =>
        CallAsync(HttpMethod.Post, $"/api/hubs/{service.Hub}/groups/{Uri.EscapeDataString(group)}/:send",
            exceptUserId is { } user ? "&filter=" + Uri.EscapeDataString($"userId ne '{user.ToString(CultureInfo.InvariantCulture)}'") : "",
            Text(frame), ct);

    /// <summary>Sends a text frame to one connection.</summary>
    public Task SendToConnectionAsync(string connectionId, byte[] frame, CancellationToken ct) =>
        CallAsync(HttpMethod.Post, $"/api/hubs/{service.Hub}/connections/{Uri.EscapeDataString(connectionId)}/:send", "", Text(frame), ct);

    /// <summary>Closes one connection, saying why.</summary>
    public Task CloseConnectionAsync(string connectionId, string reason, CancellationToken ct) =>
        CallAsync(HttpMethod.Delete, $"/api/hubs/{service.Hub}/connections/{Uri.EscapeDataString(connectionId)}",
            "&reason=" + Uri.EscapeDataString(reason), null, ct);

    /// <summary>
    /// The URL a user's plain WebSocket client opens: the hub's client endpoint with a client token naming the user,
    /// signed with the key or, by identity, issued by the service (POST /api/hubs/{hub}/:generateToken).
    /// </summary>
    public async Task<string> ClientUrlAsync(long userId, TimeSpan lifetime, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var token = service.UsesIdentity ? await IssuedTokenAsync(userId, lifetime, ct) : service.SignClientToken(userId, now, lifetime);
        return $"{SocketUrl(service.ClientUrl)}{service.ClientPath}?access_token={Uri.EscapeDataString(token)}";
    }

    /// <summary>An http(s) URL's WebSocket twin: ws for http, wss for https.</summary>
    public static string SocketUrl(string httpUrl) => httpUrl.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
        ? "wss:" + httpUrl["https:".Length..]
        : "ws:" + httpUrl["http:".Length..];

    private async Task<string> IssuedTokenAsync(long userId, TimeSpan lifetime, CancellationToken ct)
    {
        var minutes = Math.Max(1, (int)lifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        using var response = await SendAsync(HttpMethod.Post, $"/api/hubs/{service.Hub}/:generateToken",
            $"&userId={userId.ToString(CultureInfo.InvariantCulture)}&minutesToExpire={minutes}", null, ct);
        var issued = await response.Content.ReadFromJsonAsync<IssuedToken>(ct);
        return string.IsNullOrEmpty(issued?.Token) ? throw new HttpRequestException("Azure Web PubSub issued no client token.") : issued.Token;
    }

    private async Task CallAsync(HttpMethod method, string path, string query, HttpContent? content, CancellationToken ct)
    {
        using var response = await SendAsync(method, path, query, content, ct);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string query, HttpContent? content, CancellationToken ct)
    {
        // The token's audience is the URL as it is sent (the service compares the canonical form).
        var url = new Uri($"{service.ServerUrl}{path}?api-version={ApiVersion}{query}");
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await service.ServerTokenAsync(url.AbsoluteUri, clock.GetUtcNow(), ct));
        var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
        if (response.IsSuccessStatusCode) return response;
        response.Dispose();
        // The path names the hub and at most a group or connection id, never a person or a key.
        throw new HttpRequestException($"Azure Web PubSub refused {method} {path}: {(int)response.StatusCode}", null, response.StatusCode);
    }

    private static ByteArrayContent Text(byte[] frame)
    {
        var content = new ByteArrayContent(frame);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        return content;
    }

    private sealed record IssuedToken([property: JsonPropertyName("token")] string? Token);
}
