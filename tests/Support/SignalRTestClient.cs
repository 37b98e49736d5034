using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Xunit;

namespace CareerNexus.Tests.Support;

/// <summary>A SignalR client over a raw WebSocket through the test server: JSON protocol, frames ending in 0x1E.</summary>
public sealed class SignalRTestClient(WebSocket socket) : IAsyncDisposable
{
    private const char Separator = '\u001e';
    private readonly Queue<JsonElement> _messages = new();
    private readonly StringBuilder _pending = new();
    private Task<WebSocketReceiveResult>? _receiving;
    private readonly byte[] _buffer = new byte[8192];
    private readonly char[] _chars = new char[8192];
    private readonly Decoder _utf8 = Encoding.UTF8.GetDecoder();

    /// <summary>Connects and completes the handshake; the token goes in the query or, given as bearer, in the header.</summary>
    public static async Task<SignalRTestClient> ConnectAsync(TestServer server, string pathAndQuery, string? bearer = null)
    {
        var webSockets = server.CreateWebSocketClient();
        if (bearer is not null) webSockets.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {bearer}";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var socket = await webSockets.ConnectAsync(new Uri(server.BaseAddress, pathAndQuery), timeout.Token);
        var client = new SignalRTestClient(socket);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + Separator), WebSocketMessageType.Text, true, timeout.Token);
        var handshake = await client.NextAsync(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException("No handshake answer");
        Assert.False(handshake.TryGetProperty("error", out var error), $"Handshake refused: {error}");
        await client.WaitUntilRegisteredAsync(timeout.Token);
        return client;
    }

    /// <summary>
    /// The server answers the handshake before it registers the connection for sends to its user, so an event sent
    /// at once could miss it. It reads invocations only after registering, so the answer to one (here: "no such
    /// method") proves the connection is reachable.
    /// </summary>
    private async Task WaitUntilRegisteredAsync(CancellationToken ct)
    {
        const string Probe = "registered";
        await socket.SendAsync(Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"{Probe}\",\"target\":\"probe\",\"arguments\":[]}}{Separator}"),
            WebSocketMessageType.Text, true, ct);
        _ = await NextMatchingAsync(m => m.GetProperty("type").GetInt32() == 3 && m.GetProperty("invocationId").GetString() == Probe,
                TimeSpan.FromSeconds(10))
            ?? throw new TimeoutException("The hub never answered the probe");
    }

    /// <summary>The next invocation (pings skipped); fails the test when none arrives within 10 s.</summary>
    public async Task<JsonElement> NextInvocationAsync() =>
        await NextInvocationAsync(TimeSpan.FromSeconds(10)) ?? throw new Xunit.Sdk.XunitException("No invocation arrived within 10 s");

    /// <summary>The next invocation (pings skipped), or null when none arrives in time.</summary>
    public Task<JsonElement?> NextInvocationAsync(TimeSpan wait) => NextMatchingAsync(m => m.GetProperty("type").GetInt32() == 1, wait);

    /// <summary>The next message that matches, skipping the others, or null when none arrives in time.</summary>
    private async Task<JsonElement?> NextMatchingAsync(Func<JsonElement, bool> matches, TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) return null;
            var message = await NextAsync(left);
            if (message is null) return null;
            if (matches(message.Value)) return message;
        }
    }

    private async Task<JsonElement?> NextAsync(TimeSpan wait)
    {
        var deadline = Task.Delay(wait);
        while (_messages.Count == 0)
        {
            // A receive that timed out stays pending and is picked up by the next call, so no frame is lost.
            _receiving ??= socket.ReceiveAsync(_buffer, CancellationToken.None);
            if (await Task.WhenAny(_receiving, deadline) == deadline) return null;
            var received = await _receiving;
            _receiving = null;
            if (received.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("The server closed the connection.");
            _pending.Append(_chars, 0, _utf8.GetChars(_buffer, 0, received.Count, _chars, 0));
            var text = _pending.ToString();
            var end = text.LastIndexOf(Separator);
            if (end < 0) continue;
            foreach (var frame in text[..end].Split(Separator))
                _messages.Enqueue(JsonDocument.Parse(frame).RootElement.Clone());
            _pending.Clear().Append(text[(end + 1)..]);
        }
        return _messages.Dequeue();
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
                // The server may close first; the socket is gone either way.
            }
        }
        socket.Dispose();
    }
}
