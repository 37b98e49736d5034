using System.Globalization;
using System.Net.Http.Json;
using System.Net.Http.Headers;
using System.Text.Json.Serialization;
using Azure.Core;
using CareerNexus.Common;

namespace CareerNexus.Realtime;

/// <summary>
/// The redirect a client gets from negotiate in serverless mode: connect to the service at this URL with
/// this token. The property names are the SignalR client protocol's, not the platform's snake_case.
/// </summary>
public sealed record SignalRRedirect(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("accessToken")] string AccessToken);

/// <summary>
/// An Azure SignalR Service instance, as its connection string names it
/// ("Endpoint=https://name.service.signalr.net;AccessKey=...;Version=1.0;" with optional Port and
/// ClientEndpoint), or as its URI with a Microsoft Entra identity. With a key, tokens are HS256 JWTs signed with it,
/// whose audience is the URL they are used on (without the port, as the service checks it); with an identity, REST
/// calls carry Entra tokens and client tokens come from the service's generateToken API.
/// </summary>
public sealed class SignalRServiceEndpoint
{
    /// <summary>The scope of Entra tokens for the SignalR Service data plane.</summary>
    public const string EntraScope = "https://signalr.azure.com/.default";

    private readonly AccessKeyConnection? _key;
    private readonly TokenCredential? _identity;

    /// <summary>The service as the settings name it: its connection string, or its URI and identity.</summary>
    public static SignalRServiceEndpoint From(RealtimeOptions options)
    {
        if (options.Identity() is not { } identity) return new SignalRServiceEndpoint(options.SignalRConnectionString);
        if (!Uri.TryCreate(options.SignalRServiceUri, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException("CareerNexus:Realtime:SignalRServiceUri is not an http(s) URL.");
        return new SignalRServiceEndpoint(uri, identity.Create());
    }

    /// <summary>By identity: REST calls authenticate with Entra tokens for <see cref="EntraScope"/>.</summary>
    public SignalRServiceEndpoint(Uri serviceUri, TokenCredential identity)
    {
        _identity = identity;
        Audience = ServerUrl = ClientUrl = serviceUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>Whether calls authenticate with a Microsoft Entra identity rather than the access key.</summary>
    public bool UsesIdentity => _identity is not null;

    public SignalRServiceEndpoint(string connectionString)
    {
        _key = new AccessKeyConnection(connectionString, Setting, "Azure SignalR");
        (Audience, ServerUrl, ClientUrl) = (_key.Audience, _key.ServerUrl, _key.ClientUrl);
    }

    /// <summary>The endpoint as token audiences name it.</summary>
    public string Audience { get; }

    /// <summary>Where the app sends REST calls.</summary>
    public string ServerUrl { get; }

    /// <summary>Where clients connect (ClientEndpoint when the service sits behind another address).</summary>
    public string ClientUrl { get; }

    public static string ClientPath(string hub) => $"/client/?hub={Uri.EscapeDataString(hub.ToLowerInvariant())}";

    public static string UserPath(string hub, long userId) =>
        $"/api/v1/hubs/{Uri.EscapeDataString(hub.ToLowerInvariant())}/users/{userId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The bearer token for a REST call on the path: an Entra token by identity, a short JWT signed with the key otherwise.</summary>
    public async Task<string> ServerTokenAsync(string path, DateTimeOffset now, CancellationToken ct)
    {
        if (_identity is null) return Token(Audience + path, now, TimeSpan.FromMinutes(5), new Dictionary<string, object>());
        var token = await _identity.GetTokenAsync(new TokenRequestContext([EntraScope]), ct);
        return token.Token;
    }

    /// <summary>The negotiate redirect for a user: the service's client URL for the hub and a token naming the user.</summary>
    public SignalRRedirect Negotiate(string hub, long userId, DateTimeOffset now, TimeSpan lifetime)
    {
        var path = ClientPath(hub);
        var user = userId.ToString(CultureInfo.InvariantCulture);
        return new SignalRRedirect(ClientUrl + path, Token(Audience + path, now, lifetime, new Dictionary<string, object>
        {
            // The service reads the user id from asrs.s.uid, falling back to the name identifier.
            ["asrs.s.uid"] = user,
            ["nameid"] = user,
            ["sub"] = user,
        }));
    }

    private string Token(string audience, DateTimeOffset now, TimeSpan lifetime, Dictionary<string, object> claims) =>
        (_key ?? throw new InvalidOperationException("An identity-based SignalR connection signs no tokens itself.")).Token(audience, now, lifetime, claims);

    private const string Setting = "CareerNexus:Realtime:SignalRConnectionString";
}

/// <summary>
/// Pushes events through Azure SignalR Service's REST API (serverless mode), and negotiates client connections
/// to it. Its HTTP client has the standard resilience handler.
/// </summary>
public sealed class SignalRServiceNotifier(SignalRServiceEndpoint service, IHttpClientFactory clients, TimeProvider clock) : IRealtimeNotifier
{
    public const string HttpClientName = "signalr-service";

    /// <summary>The generateToken API version, for client tokens under an identity.</summary>
    public const string ApiVersion = "2022-11-01";

    public async Task SendToUserAsync(string hub, long userId, string target, object payload, CancellationToken ct = default)
    {
        var path = SignalRServiceEndpoint.UserPath(hub, userId);
        using var request = new HttpRequestMessage(HttpMethod.Post, service.ServerUrl + path)
        {
            Content = JsonContent.Create(new SignalRMessage(target, [payload]), options: PlatformJson.Options),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await service.ServerTokenAsync(path, clock.GetUtcNow(), ct));
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
        // 202: accepted for the user's connections (none connected is not an error). Anything else is retried by the caller.
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Azure SignalR Service refused a message to hub {hub}: {(int)response.StatusCode}",
                null, response.StatusCode);
    }

    /// <summary>
    /// Where a user's client connects: with the key, a token the app signs; by identity, one the service issues
    /// (POST /api/hubs/{hub}/:generateToken), since the app holds no key to sign with.
    /// </summary>
    public async Task<SignalRRedirect> NegotiateAsync(string hub, long userId, TimeSpan lifetime, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!service.UsesIdentity) return service.Negotiate(hub, userId, now, lifetime);
        var minutes = Math.Max(1, (int)lifetime.TotalMinutes);
        var path = $"/api/hubs/{Uri.EscapeDataString(hub.ToLowerInvariant())}/:generateToken?api-version={ApiVersion}" +
                   $"&userId={userId.ToString(CultureInfo.InvariantCulture)}&minutesToExpire={minutes.ToString(CultureInfo.InvariantCulture)}";
        using var request = new HttpRequestMessage(HttpMethod.Post, service.ServerUrl + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await service.ServerTokenAsync(path, now, ct));
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Azure SignalR Service refused a client token for hub {hub}: {(int)response.StatusCode}",
                null, response.StatusCode);
        var issued = await response.Content.ReadFromJsonAsync<IssuedToken>(ct);
        if (string.IsNullOrEmpty(issued?.Token)) throw new HttpRequestException("Azure SignalR Service issued no client token.");
        return new SignalRRedirect(service.ClientUrl + SignalRServiceEndpoint.ClientPath(hub), issued.Token);
    }

    private sealed record IssuedToken([property: JsonPropertyName("token")] string? Token);

    private sealed record SignalRMessage(
        [property: JsonPropertyName("target")] string Target,
        [property: JsonPropertyName("arguments")] object[] Arguments);
}
