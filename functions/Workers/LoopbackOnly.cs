using System.Net;

namespace CareerNexus.Functions.Workers;

/// <summary>
/// Marks an endpoint for callers on this machine only (the Functions host, an operator's shell): it is never
/// published as an HTTP function, and answers anyone else as if it did not exist.
/// </summary>
public sealed class LoopbackOnly
{
    public static readonly LoopbackOnly Instance = new();

    private LoopbackOnly()
    {
    }

    /// <summary>
    /// A loopback connection that no proxy forwarded: a reverse proxy on the same machine connects from
    /// loopback too, but says whom it speaks for.
    /// </summary>
    public static bool IsLocalCaller(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return IPAddress.IsLoopback(address)
               && !context.Request.Headers.ContainsKey("X-Forwarded-For")
               && !context.Request.Headers.ContainsKey("Forwarded");
    }
}

public static class LoopbackOnlyEndpoints
{
    public static TBuilder LoopbackOnly<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder
            .WithMetadata(Workers.LoopbackOnly.Instance)
            .AddEndpointFilter(async (context, next) =>
                Workers.LoopbackOnly.IsLocalCaller(context.HttpContext) ? await next(context) : Results.StatusCode(StatusCodes.Status404NotFound));
}
