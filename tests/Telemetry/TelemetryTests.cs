using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net;
using CareerNexus.Common;
using CareerNexus.Functions.Telemetry;
using CareerNexus.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Xunit;

namespace CareerNexus.Tests.Telemetry;

/// <summary>Traces, metrics and logs as an exporter receives them, through the in-memory exporter.</summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private readonly LockedList<Activity> _activities = new();
    private readonly LockedList<Metric> _metrics = new();
    private readonly LockedList<LogLine> _logs = new();
    private readonly TestApp _app = new();
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _factory = null!;

    public Task InitializeAsync()
    {
        _factory = _app.WithWebHostBuilder(b =>
        {
            b.ConfigureLogging(l => l.AddFilter<OpenTelemetryLoggerProvider>("CareerNexus.Functions.Hosting.BearerAuthentication", LogLevel.Information));
            b.ConfigureServices(s =>
            {
                s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_activities));
                s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(_metrics));
                s.ConfigureOpenTelemetryLoggerProvider(l => l.AddProcessor(new LogCapture(_logs)));
            });
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_queue_delivery_continues_the_trace_of_the_request_that_sent_it_with_cosmos_spans_and_no_personal_data()
    {
        var api = new ApiClient(_factory.CreateClient());
        var email = $"{ApiClient.Unique("otel")}@example.com";
        var signup = new HttpRequestMessage(HttpMethod.Post, "/user/signup/")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email, password1 = "correct-horse-1", password2 = "correct-horse-1" }),
        };
        signup.Headers.Add("X-Correlation-Id", "otel-test-1");
        (await api.Send(signup, null)).Expect(HttpStatusCode.Created);

        Activity? server = null, delivery = null;
        await Eventually.True(() =>
        {
            server = _activities.Snapshot().FirstOrDefault(a => a.Kind == ActivityKind.Server && Equals(a.GetTagItem("careernexus.correlation_id"), "otel-test-1"));
            delivery = server is null ? null : _activities.Snapshot().FirstOrDefault(a =>
                a.Source.Name == PlatformMetrics.SourceName && Equals(a.GetTagItem("messaging.destination.name"), "email") && a.TraceId == server.TraceId);
            return delivery is not null;
        }, "the email delivery did not continue the signup's trace");
        Assert.Equal(ActivityKind.Consumer, delivery!.Kind);
        Assert.Contains(_activities.Snapshot(), a => a.Source.Name == TelemetrySetup.CosmosSource && a.TraceId == server!.TraceId);

        // A token in the query string is redacted from the url attributes.
        var refusedRequest = new HttpRequestMessage(HttpMethod.Get, "/user/retrieve-profile/?token=SECRET-otel-token&user_id=1");
        refusedRequest.Headers.Add("X-Correlation-Id", "otel-test-2");
        (await api.Send(refusedRequest, null)).Expect(HttpStatusCode.Unauthorized);
        Activity? refused = null;
        await Eventually.True(() => (refused = _activities.Snapshot().FirstOrDefault(a =>
            // Other test apps in this process record spans too: this request is the one with its correlation id.
            a.Kind == ActivityKind.Server && Equals(a.GetTagItem("careernexus.correlation_id"), "otel-test-2"))) is not null, "no span");
        Assert.Equal("token=Redacted&user_id=1", refused!.GetTagItem("url.query"));

        foreach (var activity in _activities.Snapshot())
        foreach (var (key, value) in activity.TagObjects)
        {
            var text = Convert.ToString(value) ?? "";
            Assert.False(text.Contains("SECRET-otel-token") || text.Contains(email, StringComparison.OrdinalIgnoreCase),
                $"{activity.Source.Name} {activity.DisplayName} {key}={text}");
        }

        // The platform's meter counted the delivery.
        _factory.Services.GetRequiredService<MeterProvider>().ForceFlush();
        Assert.Contains(_metrics.Snapshot(), m => m.Name == "careernexus.queue.deliveries");

        // Log lines written during a request carry its correlation id, and their message template.
        var lines = _logs.Snapshot();
        Assert.True(lines.Any(l => l.CorrelationId == "otel-test-2" && l.HasTemplate), string.Join("\n", lines));
    }

    private sealed record LogLine(string? Category, string? CorrelationId, bool HasTemplate);

    /// <summary>Keeps what the test needs of each record: exporters get pooled records that are reused after export.</summary>
    private sealed class LogCapture(LockedList<LogLine> lines) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord record)
        {
            string? correlationId = null;
            record.ForEachScope((scope, _) =>
            {
                foreach (var item in scope)
                    if (item.Key == "CorrelationId") correlationId = item.Value as string;
            }, (object?)null);
            lines.Add(new LogLine(record.CategoryName, correlationId, record.Attributes?.Any(a => a.Key == "{OriginalFormat}") == true));
        }
    }

    /// <summary>A collection the exporters may add to from any thread.</summary>
    private sealed class LockedList<T> : Collection<T>
    {
        protected override void InsertItem(int index, T item)
        {
            lock (this) base.InsertItem(index, item);
        }

        public List<T> Snapshot()
        {
            lock (this) return this.ToList();
        }
    }
}
