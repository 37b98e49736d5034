using System.Net;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Talent;

/// <summary>CORS with credentials for the configured client origins on Talent routes only, on an app with that setting.</summary>
public sealed class TalentCorsTests : IAsyncLifetime
{
    private const string Client = "https://app.example.com";
    private readonly TestApp _app = new(settings: new Dictionary<string, string?> { ["CareerNexus:Talent:ClientOrigins"] = Client + "/, https://admin.example.com" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpResponseMessage> Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-csrftoken");
        return await _app.CreateClient().SendAsync(request);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    [Fact]
    public async Task Listed_client_origins_get_cors_with_credentials_on_talent_routes_and_nobody_else_does()
    {
        var allowed = await Preflight("/api/auth/token/", Client);
        Assert.True(allowed.IsSuccessStatusCode, $"{(int)allowed.StatusCode}");
        Assert.Equal(Client, Header(allowed, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(allowed, "Access-Control-Allow-Credentials"));
        Assert.Contains("x-csrftoken", Header(allowed, "Access-Control-Allow-Headers")!, StringComparison.OrdinalIgnoreCase);

        Assert.Null(Header(await Preflight("/api/auth/token/", "https://evil.example"), "Access-Control-Allow-Origin"));
        Assert.Null(Header(await Preflight("/careers/users/login/", Client), "Access-Control-Allow-Origin"));

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/csrf/");
        request.Headers.Add("Origin", "https://admin.example.com");
        var simple = await _app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, simple.StatusCode);
        Assert.Equal("https://admin.example.com", Header(simple, "Access-Control-Allow-Origin"));
        var other = new HttpRequestMessage(HttpMethod.Get, "/api/auth/csrf/");
        other.Headers.Add("Origin", "https://evil.example");
        Assert.Null(Header(await _app.CreateClient().SendAsync(other), "Access-Control-Allow-Origin"));
    }
}
