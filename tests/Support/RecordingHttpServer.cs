using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CareerNexus.Tests.Support;

/// <summary>One request as a <see cref="RecordingHttpServer"/> received it (<see cref="Headers"/>: every header, by lower-case name).</summary>
public sealed record RecordedHttpRequest(string Method, string Path, string ContentType, string Authorization, string Query, string Body,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public string? Header(string name) => Headers?.GetValueOrDefault(name.ToLowerInvariant());
}

/// <summary>
/// Stands in for a REST service (SignalR Service) on 127.0.0.1: records every request and answers
/// the queued statuses in turn, then <see cref="Status"/>.
/// </summary>
public sealed class RecordingHttpServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;

    public RecordingHttpServer(HttpStatusCode status, params HttpStatusCode[] answers)
    {
        Status = status;
        foreach (var answer in answers) Answers.Enqueue(answer);
        // HttpListener cannot take port 0: probe for a free port, and probe again if someone took it meanwhile.
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            _listener = new HttpListener();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                _listener.Close();
            }
        }
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";
    public HttpStatusCode Status { get; set; }

    /// <summary>A JSON body every answer carries, when set.</summary>
    public string ResponseBody { get; set; } = "";

    /// <summary>JSON bodies by request path, over <see cref="ResponseBody"/>: a stand-in for a service with several endpoints.</summary>
    public ConcurrentDictionary<string, string> ResponseBodies { get; } = new();
    public ConcurrentQueue<HttpStatusCode> Answers { get; } = new();

    /// <summary>Answers computed from the request (a stand-in with state), over the rest; null falls through to them.</summary>
    public Func<RecordedHttpRequest, (HttpStatusCode Status, string Body)?>? Responder { get; set; }
    public ConcurrentQueue<RecordedHttpRequest> Requests { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var headers = context.Request.Headers.AllKeys.OfType<string>()
                .ToDictionary(name => name.ToLowerInvariant(), name => context.Request.Headers[name] ?? "");
            var recorded = new RecordedHttpRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath,
                context.Request.ContentType ?? "", context.Request.Headers["Authorization"] ?? "",
                context.Request.Url!.Query, await reader.ReadToEndAsync(), headers);
            Requests.Enqueue(recorded);
            var (status, body) = Responder?.Invoke(recorded) is { } computed
                ? computed
                : (Answers.TryDequeue(out var answer) ? answer : Status,
                    ResponseBodies.TryGetValue(context.Request.Url!.AbsolutePath, out var forPath) ? forPath : ResponseBody);
            try
            {
                context.Response.StatusCode = (int)status;
                if (body.Length > 0)
                {
                    context.Response.ContentType = "application/json";
                    await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body));
                }
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
            {
                // The client gave up waiting (a timeout test): the listener goes on serving the next request.
            }
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}

/// <summary>A loopback port nothing listens on at the time of the call.</summary>
public static class FreePort
{
    public static int Next()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
