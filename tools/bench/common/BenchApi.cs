using System.Net.Http.Json;
using System.Text.Json;
using CareerNexus;
using CareerNexus.Storage;

namespace CareerNexus.Bench;

/// <summary>
/// What the benchmarks that seed data share (compiled into each of them): the app's database, from the CareerNexus__Cosmos__*
/// settings ./bench.sh exports, and the running app's API, with an employer (a registered account with an organization).
/// </summary>
public sealed class BenchApi(HttpClient http)
{
    public static DocumentStore Store()
    {
        var options = new CosmosOptions
        {
            Endpoint = Environment.GetEnvironmentVariable("CareerNexus__Cosmos__Endpoint") ?? throw new InvalidOperationException("CareerNexus__Cosmos__Endpoint is not set"),
            Key = Environment.GetEnvironmentVariable("CareerNexus__Cosmos__Key") ?? "",
            Database = Environment.GetEnvironmentVariable("CareerNexus__Cosmos__Database") ?? "careernexus",
        };
        return new DocumentStore(PlatformServices.CreateCosmosClient(options), options);
    }

    /// <summary>A new account with an organization of its own: its access token.</summary>
    public async Task<string> EmployerAsync(string name, string tag)
    {
        var registered = await SendAsync(HttpMethod.Post, "/careers/users/register/", new
        {
            username = name.ToLowerInvariant() + tag, email = $"{name.ToLowerInvariant()}{tag}@bench.example.com", password = "Bench-pass-42",
            password_confirm = "Bench-pass-42", first_name = name, last_name = "Bench",
        }, null);
        var token = registered.Body.GetProperty("access").GetString()!;
        await SendAsync(HttpMethod.Post, "/api/organization/organizations/", new { name = $"{name} Bench Org {tag}", industry = "Technology" }, token);
        return token;
    }

    /// <summary>Sends a request; anything but a success stops the benchmark. The body, and the Cosmos cost the app reported.</summary>
    public async Task<(JsonElement Body, string Cost)> SendAsync(HttpMethod method, string path, object? body, string? bearer)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        var timing = response.Headers.TryGetValues("Server-Timing", out var values) ? string.Join(",", values) : "";
        var at = timing.IndexOf("desc=\"", StringComparison.Ordinal);
        return (JsonDocument.Parse(text).RootElement.Clone(), at >= 0 ? timing[(at + 6)..].TrimEnd('"') : "not reported");
    }
}
