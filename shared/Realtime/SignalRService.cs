using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using CareerNexus.Common;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareerNexus.Realtime;

/// <summary>
/// The redirect a client gets from negotiate in serverless mode: connect to the service at this URL with
/// this token. The property names are the SignalR client protocol's, not the platform's snake_case.
/// </summary>
public sealed record SignalRRedirect(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("accessToken")] string AccessToken);

/// <summary>
/// An Azure SignalR Service instance as its connection string names it
/// ("Endpoint=https://name.service.signalr.net;AccessKey=...;Version=1.0;" with optional Port and
/// ClientEndpoint). Tokens for it are HS256 JWTs signed with the access key, whose audience is the URL
/// they are used on (without the port, as the service checks it).
/// </summary>
public sealed class SignalRServiceEndpoint
{
    private readonly SigningCredentials _credentials;

    public SignalRServiceEndpoint(string connectionString)
    {
        var parts = ConnectionStrings.Parse(connectionString, Setting);
        if (!parts.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var endpointUri)
            || endpointUri.Scheme is not ("http" or "https"))
            throw Malformed("Endpoint is missing or not an http(s) URL");
        if (!parts.TryGetValue("AccessKey", out var key) || key.Length == 0)
            throw Malformed("AccessKey is missing (identity-based connection strings are not supported)");
        if (Encoding.UTF8.GetByteCount(key) < 32) throw Malformed("AccessKey is shorter than 32 bytes");

        Audience = endpointUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var server = new UriBuilder(endpointUri);
        if (parts.TryGetValue("Port", out var port))
            server.Port = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and < 65536
                ? number
                : throw Malformed("Port is not a port number");
        ServerUrl = server.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        ClientUrl = parts.TryGetValue("ClientEndpoint", out var client) && Uri.TryCreate(client, UriKind.Absolute, out var clientUri)
            ? clientUri.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : ServerUrl;
        // The service verifies with the key's UTF-8 bytes, not its base64 decoding.
        _credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256);
    }

    /// <summary>The endpoint as token audiences name it.</summary>
    public string Audience { get; }

    /// <summary>Where the app sends REST calls.</summary>
    public string ServerUrl { get; }

    /// <summary>Where clients connect (ClientEndpoint when the service sits behind another address).</summary>
    public string ClientUrl { get; }

    /// <summary>The negotiate redirect for a user: the service's client URL for the hub and a token naming the user.</summary>
    public SignalRRedirect Negotiate(string hub, long userId, DateTimeOffset now, TimeSpan lifetime)
    {
        var path = $"/client/?hub={Uri.EscapeDataString(hub.ToLowerInvariant())}";
        var user = userId.ToString(CultureInfo.InvariantCulture);
        return new SignalRRedirect(ClientUrl + path, Token(Audience + path, now, lifetime, new Dictionary<string, object>
        {
            // The service reads the user id from asrs.s.uid, falling back to the name identifier.
            ["asrs.s.uid"] = user,
            ["nameid"] = user,
            ["sub"] = user,
        }));
    }

    /// <summary>The REST call that reaches every connection of one user on a hub, with its bearer token.</summary>
    public (string Url, string Token) SendToUser(string hub, long userId, DateTimeOffset now)
    {
        var path = $"/api/v1/hubs/{Uri.EscapeDataString(hub.ToLowerInvariant())}/users/{userId.ToString(CultureInfo.InvariantCulture)}";
        return (ServerUrl + path, Token(Audience + path, now, TimeSpan.FromMinutes(5), new Dictionary<string, object>()));
    }

    private string Token(string audience, DateTimeOffset now, TimeSpan lifetime, Dictionary<string, object> claims)
    {
        var payload = new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.Add(lifetime).ToUnixTimeSeconds(),
        };
        foreach (var (type, value) in claims) payload[type] = value;
        return new JsonWebTokenHandler().CreateToken(System.Text.Json.JsonSerializer.Serialize(payload), _credentials);
    }

    private static InvalidOperationException Malformed(string reason) =>
        new($"{Setting} is not a usable Azure SignalR connection string: {reason}.");

    private const string Setting = "CareerNexus:Realtime:SignalRConnectionString";
}

/// <summary>Pushes events through Azure SignalR Service's REST API (serverless mode).</summary>
public sealed class SignalRServiceNotifier(SignalRServiceEndpoint service, TimeProvider clock) : IRealtimeNotifier, IDisposable
{
    private readonly HttpClient _http = PlatformHttp.Create(TimeSpan.FromSeconds(30));

    public async Task SendToUserAsync(string hub, long userId, string target, object payload, CancellationToken ct = default)
    {
        var (url, token) = service.SendToUser(hub, userId, clock.GetUtcNow());
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new SignalRMessage(target, [payload]), options: PlatformJson.Options),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, ct);
        // 202: accepted for the user's connections (none connected is not an error). Anything else is retried by the caller.
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Azure SignalR Service refused a message to hub {hub}: {(int)response.StatusCode}",
                null, response.StatusCode);
    }

    public void Dispose() => _http.Dispose();

    private sealed record SignalRMessage(
        [property: JsonPropertyName("target")] string Target,
        [property: JsonPropertyName("arguments")] object[] Arguments);
}
