using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;

namespace CareerNexus.Tests.Support;

/// <summary>
/// A plain WebSocket client of document 003's chat socket through the test server: JSON text frames, no SignalR
/// protocol. Frames are read one at a time; a read that times out stays pending for the next call, so none is lost.
/// </summary>
public sealed class ChatSocketClient(WebSocket socket) : IAsyncDisposable
{
    private readonly byte[] _buffer = new byte[8192];
    private readonly MemoryStream _frame = new();
    private Task<ValueWebSocketReceiveResult>? _receiving;

    public WebSocket Socket => socket;

    /// <summary>Opens the socket; the token goes in the query, or, given as bearer, in the Authorization header.</summary>
    public static async Task<ChatSocketClient> ConnectAsync(TestServer server, string pathAndQuery, string? bearer = null)
    {
        var client = server.CreateWebSocketClient();
        if (bearer is not null) client.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {bearer}";
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return new ChatSocketClient(await client.ConnectAsync(new Uri(server.BaseAddress, pathAndQuery), timeout.Token));
    }

    public Task SendAsync(object frame) => SendTextAsync(JsonSerializer.Serialize(frame));

    public Task SendTextAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    public Task SendBinaryAsync(byte[] bytes) => socket.SendAsync(bytes, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);

    /// <summary>The next frame; fails the test when none arrives in time (10 s by default).</summary>
    public async Task<JsonElement> NextAsync(TimeSpan? wait = null) =>
        await NextOrNullAsync(wait ?? TimeSpan.FromSeconds(10)) ?? throw new Xunit.Sdk.XunitException("No frame arrived in time");

    /// <summary>The next frame of the type, skipping others; fails the test when none arrives in 10 s.</summary>
    public async Task<JsonElement> NextOfTypeAsync(string type)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var frame = left > TimeSpan.Zero ? await NextOrNullAsync(left) : null;
            if (frame is null) throw new Xunit.Sdk.XunitException($"No {type} frame arrived in time");
            if (frame.Value.GetProperty("type").GetString() == type) return frame.Value;
        }
    }

    /// <summary>The next frame, or null when none arrives in time or the server closed the socket.</summary>
    public async Task<JsonElement?> NextOrNullAsync(TimeSpan wait)
    {
        var deadline = Task.Delay(wait);
        while (true)
        {
            _receiving ??= socket.ReceiveAsync(_buffer.AsMemory(), CancellationToken.None).AsTask();
            if (await Task.WhenAny(_receiving, deadline) == deadline) return null;
            var received = await _receiving;
            _receiving = null;
            if (received.MessageType == WebSocketMessageType.Close) return null;
            _frame.Write(_buffer, 0, received.Count);
            if (!received.EndOfMessage) continue;
            var frame = JsonDocument.Parse(_frame.ToArray()).RootElement.Clone();
            _frame.SetLength(0);
            return frame;
        }
    }

    /// <summary>Waits for the server to close the socket, reading past any frames; the close status, or null when it stays open.</summary>
    public async Task<WebSocketCloseStatus?> ClosedAsync(TimeSpan wait)
    {
        var deadline = DateTime.UtcNow + wait;
        while (socket.State is WebSocketState.Open && DateTime.UtcNow < deadline)
            if (await NextOrNullAsync(deadline - DateTime.UtcNow) is null && socket.State is WebSocketState.Open) return null;
        return socket.CloseStatus;
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or InvalidOperationException)
            {
                // Gone already.
            }
        }
        socket.Dispose();
        _frame.Dispose();
    }
}
