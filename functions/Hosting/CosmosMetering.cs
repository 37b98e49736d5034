using System.Diagnostics;
using CareerNexus.Common;
using CareerNexus.Storage;

namespace CareerNexus.Functions.Hosting;

/// <summary>
/// Meters each request's Cosmos operations (authentication included): the totals become tags on the request's
/// telemetry span and, when CareerNexus:Cosmos:ServerTiming is on, a Server-Timing header, so a client or a test
/// sees what the route cost.
/// </summary>
public sealed class CosmosMetering(RequestDelegate next, PlatformOptions options)
{
    public const string Header = "Server-Timing";

    public async Task InvokeAsync(HttpContext context)
    {
        var meter = CosmosMeter.Start();
        if (options.Cosmos.ServerTiming)
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.Append(Header, meter.Totals.ToServerTiming());
                return Task.CompletedTask;
            });
        try
        {
            await next(context);
        }
        finally
        {
            if (Activity.Current is { } activity) meter.Totals.Tag(activity);
        }
    }
}
