using System.Diagnostics;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using CareerNexus.Common;
using Microsoft.AspNetCore.WebUtilities;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CareerNexus.Functions.Telemetry;

/// <summary>
/// OpenTelemetry traces, metrics and logs: incoming requests, outgoing HTTP, the Cosmos SDK's operations, queue
/// deliveries and the platform's meter. Exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set and to
/// Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set; recorded but sent nowhere otherwise.
/// </summary>
public static partial class TelemetrySetup
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string AppInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string CosmosSource = "Azure.Cosmos.Operation";

    /// <summary>Query parameters whose values are secrets (socket tokens); their values never reach an attribute.</summary>
    private static readonly string[] SecretQueryParameters = ["token", "access_token"];

    public static WebApplicationBuilder AddCareerNexusTelemetry(this WebApplicationBuilder builder)
    {
        // The Azure SDKs (Cosmos among them) emit their activities only with this switch on.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]);
        var appInsights = !string.IsNullOrWhiteSpace(builder.Configuration[AppInsightsSetting]);

        builder.Logging.AddOpenTelemetry(o =>
        {
            o.IncludeScopes = true;
            o.IncludeFormattedMessage = true;
        });
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("careernexus"))
            .WithTracing(t =>
            {
                t.AddSource(PlatformMetrics.SourceName, CosmosSource)
                    .AddAspNetCoreInstrumentation(o => o.EnrichWithHttpRequest = (activity, request) => RedactQuery(activity, request.QueryString.Value))
                    .AddHttpClientInstrumentation(o => o.EnrichWithHttpRequestMessage = (activity, request) => RedactUrl(activity, request.RequestUri));
                if (otlp) t.AddOtlpExporter();
            })
            .WithMetrics(m =>
            {
                m.AddMeter(PlatformMetrics.MeterName).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (otlp) m.AddOtlpExporter();
            })
            .WithLogging(l =>
            {
                if (otlp) l.AddOtlpExporter();
            });
        if (appInsights) telemetry.UseAzureMonitor(o => o.ConnectionString = builder.Configuration[AppInsightsSetting]);
        return builder;
    }

    private static void RedactQuery(Activity activity, string? query)
    {
        if (string.IsNullOrEmpty(query)) return;
        activity.SetTag("url.query", Redact(query).TrimStart('?'));
    }

    /// <summary>
    /// Outgoing URLs lose their secret query values and their Cosmos document ids: some ids are made of personal data
    /// (the handle "email:a@b.c" that keeps emails unique).
    /// </summary>
    private static void RedactUrl(Activity activity, Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri) return;
        var path = DocumentId().Replace(url.AbsolutePath, "/docs/{id}");
        activity.SetTag("url.full", url.GetLeftPart(UriPartial.Authority) + path + (string.IsNullOrEmpty(url.Query) ? "" : Redact(url.Query)));
    }

    [System.Text.RegularExpressions.GeneratedRegex("/docs/[^/]+")]
    private static partial System.Text.RegularExpressions.Regex DocumentId();

    /// <summary>The query with the values of secret parameters replaced by "Redacted".</summary>
    public static string Redact(string query)
    {
        var parsed = QueryHelpers.ParseQuery(query);
        var parts = parsed.SelectMany(p => p.Value.Select(v => (p.Key, Value: SecretQueryParameters.Contains(p.Key, StringComparer.OrdinalIgnoreCase) ? "Redacted" : v)));
        return "?" + string.Join('&', parts.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value ?? "")}"));
    }
}
