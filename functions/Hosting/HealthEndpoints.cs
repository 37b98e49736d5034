using CareerNexus.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CareerNexus.Functions.Hosting;

/// <summary>One dependency in the readiness answer: its name, its status and how long the probe took.</summary>
public sealed record HealthEntry(string Name, string Status, long DurationMs, string? Description);

/// <summary>The readiness answer: the overall status and each dependency.</summary>
public sealed record HealthReportBody(string Status, IReadOnlyList<HealthEntry> Checks);

/// <summary>
/// Probes for Azure and operators, public and free of secrets: /health/live says the process answers,
/// /health/ready that Cosmos DB, Blob Storage, the queue transport and the SMTP relay answer too (503 otherwise).
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        var checks = services.AddHealthChecks();
        foreach (var (name, probe) in HealthProbes.All)
            checks.Add(new HealthCheckRegistration(name, sp => new ProbeHealthCheck(sp, probe), HealthStatus.Unhealthy, null, HealthProbes.Timeout));
        // The probes' time limit comes from the settings, read when the health service is first built.
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<HealthCheckServiceOptions>>(sp =>
            new Microsoft.Extensions.Options.ConfigureOptions<HealthCheckServiceOptions>(o =>
            {
                var limit = TimeSpan.FromSeconds(Math.Clamp(sp.GetRequiredService<CareerNexus.PlatformOptions>().HealthProbeSeconds, 1, 30));
                foreach (var registration in o.Registrations) registration.Timeout = limit;
            }));
        return services;
    }

    /// <summary>Operators' routes, not part of any surface's API document (the README describes them).</summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(LivePath, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Json(new HealthReportBody("healthy", []));
        }).ExcludeFromDescription();
        app.MapGet(ReadyPath, async (HealthCheckService health, HttpContext context) =>
        {
            var report = await health.CheckHealthAsync(context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            var body = new HealthReportBody(Status(report.Status), report.Entries
                .Select(e => new HealthEntry(e.Key, Status(e.Value.Status), (long)e.Value.Duration.TotalMilliseconds, e.Value.Description))
                .ToList());
            return Results.Json(body, statusCode: report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).ExcludeFromDescription();
    }

    private static string Status(HealthStatus status) => status.ToString().ToLowerInvariant();
}
