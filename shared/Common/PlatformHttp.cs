using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace CareerNexus.Common;

/// <summary>
/// The HTTP clients of the platform's REST adapters (those without an SDK, such as SignalR Service), from the
/// client factory with the standard resilience handler: a total and a per-attempt timeout, a circuit breaker, and
/// retries with jittered exponential back-off for idempotent methods only (a repeated POST could act twice).
/// </summary>
public static class PlatformHttp
{
    public static IHttpClientBuilder AddPlatformHttpClient(this IServiceCollection services, string name)
    {
        var client = services.AddHttpClient(name);
        client.AddStandardResilienceHandler(options =>
        {
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(30);
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
            options.Retry.MaxRetryAttempts = 3;
            options.Retry.UseJitter = true;
            options.Retry.DisableForUnsafeHttpMethods();
        });
        return client;
    }
}
