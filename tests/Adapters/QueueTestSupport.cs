using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using CareerNexus.Queues;
using CareerNexus.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Adapters;

/// <summary>A test-only handler on a queue of its own: records every delivery, and fails as told.</summary>
public sealed class RecordingHandler(string? queue = null, Func<QueueMessage, bool>? fails = null) : IQueueHandler
{
    public string Queue { get; } = queue ?? "test-" + Guid.NewGuid().ToString("N")[..10];

    public ConcurrentQueue<QueueMessage> Deliveries { get; } = new();

    public Task HandleAsync(QueueMessage message, CancellationToken ct)
    {
        Deliveries.Enqueue(message);
        if (fails?.Invoke(message) == true) throw new InvalidOperationException($"Handler refused delivery {message.DeliveryCount}");
        return Task.CompletedTask;
    }

    public IReadOnlyList<QueueMessage> Of(string messageId) => Deliveries.Where(d => d.MessageId == messageId).ToList();
}

/// <summary>An app of its own with test handlers added, fast queue timings, and the given settings.</summary>
public sealed class QueueApp : IDisposable
{
    private readonly TestApp _app;

    /// <param name="replace">Services that replace the app's own (e.g. a transport that captures instead of sending).</param>
    public QueueApp(IEnumerable<IQueueHandler> handlers, IReadOnlyDictionary<string, string?>? settings = null, string? database = null,
        Action<IServiceCollection>? replace = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["CareerNexus:Queues:PollMilliseconds"] = "100",
            ["CareerNexus:Queues:RetryDelayMilliseconds"] = "50",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        _app = new TestApp(database, settings: all);
        var list = handlers.ToList();
        Factory = _app.WithWebHostBuilder(b => b.ConfigureServices(services =>
        {
            foreach (var handler in list) services.AddQueueHandler(handler);
        }).ConfigureTestServices(services => replace?.Invoke(services)));
        // Build the host now, so that its pump starts.
        _ = Factory.Server;
    }

    public WebApplicationFactory<Program> Factory { get; }
    public string Database => _app.Database;
    public IServiceProvider Services => Factory.Services;
    public T Get<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    /// <summary>Sends a request as if from the given address (the TestServer has no real connection).</summary>
    public async Task<(int Status, JsonElement Body)> Send(string method, string pathAndQuery, string remoteAddress,
        string? json = null, IDictionary<string, string>? headers = null)
    {
        var context = await Factory.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
            c.Request.Method = method;
            var query = pathAndQuery.IndexOf('?');
            c.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
            if (query >= 0) c.Request.QueryString = new QueryString(pathAndQuery[query..]);
            foreach (var (name, value) in headers ?? new Dictionary<string, string>()) c.Request.Headers[name] = value;
            if (json is not null)
            {
                c.Request.ContentType = "application/json";
                c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
            }
        });
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return (context.Response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public void Dispose() => _app.Dispose();
}
