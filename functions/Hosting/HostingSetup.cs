using System.Text.Json;
using CareerNexus.Common;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using Microsoft.AspNetCore.Http.Json;

namespace CareerNexus.Functions.Hosting;

public static class HostingSetup
{
    public const string StandaloneUrl = "http://127.0.0.1:7071";

    /// <summary>
    /// Where to listen and where settings come from. Under the Functions host the handler listens on
    /// FUNCTIONS_CUSTOMHANDLER_PORT; standalone on 127.0.0.1:7071, also reading local.settings.json
    /// Values as `func start` would, with real environment variables taking precedence.
    /// </summary>
    public static WebApplicationBuilder AddCareerNexusHosting(this WebApplicationBuilder builder)
    {
        var functionsPort = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT");
        if (!string.IsNullOrEmpty(functionsPort))
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{functionsPort}");
        }
        else
        {
            var values = LocalSettings.Read(Path.Combine(builder.Environment.ContentRootPath, "local.settings.json"))
                         ?? LocalSettings.Read(Path.Combine(Directory.GetCurrentDirectory(), "local.settings.json"));
            if (values is not null)
            {
                var environment = builder.Configuration.Sources.ToList();
                builder.Configuration.Sources.Clear();
                builder.Configuration.AddInMemoryCollection(values);
                foreach (var source in environment) builder.Configuration.Sources.Add(source);
            }
            if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(StandaloneUrl);
        }
        return builder;
    }

    public static IServiceCollection AddCareerNexusHttp(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(o =>
        {
            PlatformJson.Configure(o.SerializerOptions);
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString;
        });
        // Unreadable bodies and parameters throw, so that the surface's own error body answers them.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddSingleton<ErrorDialects>();
        services.AddAuthentication(BearerAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerAuthentication>(BearerAuthentication.SchemeName, null);
        services.AddAuthorization();
        services.AddCredentialLimits();
        services.AddCors();
        services.AddHostedService<StoreInitializer>();
        return services;
    }

    public static WebApplication UseCareerNexusHttp(this WebApplication app)
    {
        app.UseMiddleware<CosmosMetering>();
        app.UseMiddleware<CorrelationIds>();
        app.UseMiddleware<ErrorHandling>();
        // After routing: the body limit depends on the matched endpoint's AcceptsUploads metadata.
        app.UseRouting();
        app.UseMiddleware<RequestLimits>();
        // Only endpoints that carry a CORS policy answer cross-origin (document 004's client origins).
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}

/// <summary>Reads the Values of a Functions local.settings.json as configuration keys ("A__B" becomes "A:B").</summary>
public static class LocalSettings
{
    public static Dictionary<string, string?>? Read(string path)
    {
        if (!File.Exists(path)) return null;
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object) return null;
        return values.EnumerateObject().ToDictionary(p => p.Name.Replace("__", ":"), p => (string?)p.Value.ToString());
    }
}

/// <summary>
/// Before serving: checks the token settings (a bad key should stop the app, not the first sign-in) and
/// creates the database and containers when missing, waiting for a local server that is still starting.
/// </summary>
public sealed class StoreInitializer(DocumentStore store, IServiceProvider services, ILogger<StoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<TokenService>();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await store.EnsureCreatedAsync(cancellationToken);
                WarmUpQueries();
                return;
            }
            catch (Exception e) when (attempt < 10 && e is HttpRequestException or Microsoft.Azure.Cosmos.CosmosException or TaskCanceledException)
            {
                logger.LogWarning("Cosmos DB not ready (attempt {Attempt}): {Message}", attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The SDK prepares its cross-partition query machinery on first use, which took 8-16 s on the local
    /// server: pay that in the background at startup rather than in the first list request.
    /// </summary>
    private void WarmUpQueries() => _ = Task.Run(async () =>
    {
        try
        {
            await store.QueryListAsync<string>(Containers.Posts,
                new Microsoft.Azure.Cosmos.QueryDefinition("SELECT TOP 1 VALUE c.id FROM c ORDER BY c.created_at DESC"), take: 1);
        }
        catch (Exception e)
        {
            logger.LogWarning("Query warm-up failed: {Message}", e.Message);
        }
    });
}
