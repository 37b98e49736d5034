using System.Globalization;
using System.Text;
using System.Text.Json;
using CareerNexus.Common;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CareerNexus.Realtime;

/// <summary>
/// An Azure realtime service (SignalR Service, Web PubSub) as its access-key connection string names it:
/// "Endpoint=https://name.service...;AccessKey=...;Version=1.0;" with an optional Port and ClientEndpoint. Both services
/// take HS256 JWTs signed with the key's UTF-8 bytes (not its base64 decoding) whose audience is the URL they are used on.
/// </summary>
public sealed class AccessKeyConnection
{
    private readonly SigningCredentials _credentials;

    public AccessKeyConnection(string connectionString, string setting, string service)
    {
        InvalidOperationException Malformed(string reason) => new($"{setting} is not a usable {service} connection string: {reason}.");

        var parts = ConnectionStrings.Parse(connectionString, setting);
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
        Key = key;
        _credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256);
    }

    /// <summary>The endpoint as token audiences name it (without the port, as the services check it).</summary>
    public string Audience { get; }

    /// <summary>Where the app sends REST calls.</summary>
    public string ServerUrl { get; }

    /// <summary>Where clients connect (ClientEndpoint when the service sits behind another address).</summary>
    public string ClientUrl { get; }

    /// <summary>The access key itself, for checking what the service signs with it.</summary>
    public string Key { get; }

    /// <summary>A JWT for <paramref name="audience"/>, signed with the key, with the given claims besides its times.</summary>
    public string Token(string audience, DateTimeOffset now, TimeSpan lifetime, IReadOnlyDictionary<string, object> claims)
    {
        var payload = new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.Add(lifetime).ToUnixTimeSeconds(),
        };
        foreach (var (type, value) in claims) payload[type] = value;
        return new JsonWebTokenHandler().CreateToken(JsonSerializer.Serialize(payload), _credentials);
    }
}
