using System.Net;
using System.Threading.RateLimiting;
using CareerNexus.Common;
using CareerNexus.Verification;
using Microsoft.AspNetCore.RateLimiting;

namespace CareerNexus.Functions.Hosting;

/// <summary>
/// The per-client-IP limit on credential checks and mail-sending routes, kept in each instance (ASP.NET Core's
/// rate limiter; the per-account and per-address limits that must hold across instances are the platform's
/// <see cref="AttemptLimiter"/>). Over it: 429 with Retry-After, in the surface's dialect.
/// </summary>
public static class CredentialLimits
{
    public const string Policy = "credentials";

    /// <summary>Document 004's agent search, resume chat and career coach together (CareerNexus__Assistant__RequestsPerIpPerMinute).</summary>
    public const string AssistantPolicy = "assistant";

    public static IServiceCollection AddCredentialLimits(this IServiceCollection services) => services.AddRateLimiter(limiter =>
    {
        limiter.AddPolicy(Policy, context => PerIp(context, context.RequestServices.GetRequiredService<PlatformOptions>().CredentialRequestsPerIpPerMinute));
        limiter.AddPolicy(AssistantPolicy, context => PerIp(context, context.RequestServices.GetRequiredService<PlatformOptions>().Assistant.RequestsPerIpPerMinute));
        limiter.OnRejected = async (rejected, ct) =>
        {
            var context = rejected.HttpContext;
            var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(10);
            var policy = context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? Policy;
            PlatformMetrics.RateLimited("ip:" + policy);
            var secrets = context.RequestServices.GetRequiredService<OneTimeSecrets>();
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CredentialLimits))
                .LogWarning("Per-IP limit {Policy} reached for client {ClientHash}", policy, secrets.Digest("client-ip", ClientConnection.Address(context))[..16]);
            ErrorDialect.SetRetryAfter(context, wait);
            var what = policy == AssistantPolicy ? "assistant (agent search, resume chat, career coach)" : "sign-in or verification";
            await context.RequestServices.GetRequiredService<ErrorDialects>().For(context).WriteAsync(context, StatusCodes.Status429TooManyRequests,
                "Too many requests", $"Too many {what} requests from this address: try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds.");
        };
    });

    private static RateLimitPartition<string> PerIp(HttpContext context, int perMinute) =>
        RateLimitPartition.GetSlidingWindowLimiter(ClientConnection.Address(context), _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), SegmentsPerWindow = 6, QueueLimit = 0,
        });
}

/// <summary>What the client's own connection was, also when the Functions host forwarded the request.</summary>
public static class ClientConnection
{
    private static bool BehindFunctionsHost => Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 };

    /// <summary>
    /// The client's address: behind the Functions host the connection comes from the host on loopback, and its
    /// front end names the client first in X-Forwarded-For; standalone, the connection's own address.
    /// </summary>
    public static string Address(HttpContext context)
    {
        if (BehindFunctionsHost && context.Request.Headers["X-Forwarded-For"].ToString().Split(',')[0].Trim() is { Length: > 0 } forwarded)
            return forwarded;
        return context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString();
    }

    /// <summary>Whether the client reached us over https (behind the Functions host, as its front end says).</summary>
    public static bool CameOverHttps(HttpContext context) =>
        context.Request.IsHttps
        || (BehindFunctionsHost && string.Equals(context.Request.Headers["X-Forwarded-Proto"].ToString(), "https", StringComparison.OrdinalIgnoreCase));
}
