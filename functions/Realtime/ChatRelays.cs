using System.Net.WebSockets;
using System.Threading.Channels;
using CareerNexus.Functions.Recruitment;
using CareerNexus.Messaging;
using CareerNexus.Realtime;

namespace CareerNexus.Functions.Realtime;

/// <summary>
/// Where a conversation's live frames go: every open chat socket of its participants. Told of each stored message as an
/// <see cref="IConversationObserver"/> (whichever surface or socket sent it), and of typing by the socket protocol.
/// </summary>
public interface IChatRelay : IConversationObserver
{
    /// <summary>Sends a typing frame to the conversation's sockets, but not to the typer's own.</summary>
    Task TypingAsync(ChatSocketUser typer, bool isTyping, CancellationToken ct);
}

/// <summary>
/// Standalone: the chat sockets this process holds, by conversation. One process only: a message stored by another
/// instance of the app would not reach the sockets held here (see README, "where to connect").
/// </summary>
public sealed class LocalChatRelay : IChatRelay
{
    private readonly Dictionary<long, HashSet<ChatSocketConnection>> _rooms = [];
    private readonly Lock _gate = new();

    public void Add(ChatSocketConnection connection)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(connection.User.ChatId, out var room)) _rooms[connection.User.ChatId] = room = [];
            room.Add(connection);
        }
    }

    public void Remove(ChatSocketConnection connection)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(connection.User.ChatId, out var room)) return;
            room.Remove(connection);
            if (room.Count == 0) _rooms.Remove(connection.User.ChatId);
        }
    }

    public Task MessageSentAsync(Conversation conversation, ChatMessage message, CancellationToken ct)
    {
        var frame = ChatSocketProtocol.MessageFrame(message);
        foreach (var connection in Room(conversation.ChatId)) connection.Deliver(frame, message.Id);
        return Task.CompletedTask;
    }

    public Task TypingAsync(ChatSocketUser typer, bool isTyping, CancellationToken ct)
    {
        var frame = ChatSocketProtocol.TypingFrame(typer.Participant, isTyping);
        foreach (var connection in Room(typer.ChatId).Where(c => c.User.UserId != typer.UserId)) connection.Deliver(frame);
        return Task.CompletedTask;
    }

    private List<ChatSocketConnection> Room(long chatId)
    {
        lock (_gate) return _rooms.TryGetValue(chatId, out var room) ? [.. room] : [];
    }
}

/// <summary>
/// One chat socket the app holds. Frames to it go through a bounded queue that one loop sends from, so a slow client
/// holds up nobody else (a client that lets <see cref="Backlog"/> frames pile up is closed). Frames that arrive before
/// its history is sent are held and follow the history, without the messages the history already shows.
/// </summary>
public sealed class ChatSocketConnection(WebSocket socket, ChatSocketUser user) : IDisposable
{
    public const int Backlog = 256;

    /// <summary>How long a closing socket waits for the client's close frame before it is dropped.</summary>
    public static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    private readonly Channel<byte[]> _outgoing = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(Backlog) { SingleReader = true });
    private readonly CancellationTokenSource _dropped = new();
    private readonly Lock _gate = new();
    private List<(byte[] Frame, long? MessageId)>? _held = [];
    private (WebSocketCloseStatus Status, string Description)? _closing;

    public ChatSocketUser User => user;

    /// <summary>Cancelled when a close the server started got no answer in time: the receive loop stops there.</summary>
    public CancellationToken Dropped => _dropped.Token;

    /// <summary>Queues a frame; <paramref name="messageId"/> names the message it carries, so the history does not show it twice.</summary>
    public void Deliver(byte[] frame, long? messageId = null)
    {
        lock (_gate)
        {
            if (_held is not null)
            {
                _held.Add((frame, messageId));
                return;
            }
        }
        Write(frame);
    }

    /// <summary>Sends the history first, then the frames held meanwhile that it does not already show.</summary>
    public void Open(byte[] history, IReadOnlySet<long> shown)
    {
        lock (_gate)
        {
            Write(history);
            foreach (var (frame, messageId) in _held ?? [])
                if (messageId is not { } id || !shown.Contains(id)) Write(frame);
            _held = null;
        }
    }

    /// <summary>Ends the socket after the frames already queued: the first reason given is the one the client gets.</summary>
    public void Close(WebSocketCloseStatus status, string description)
    {
        lock (_gate)
        {
            if (_closing is not null) return;
            _closing = (status, description);
        }
        _outgoing.Writer.TryComplete();
        _dropped.CancelAfter(CloseWait);
    }

    /// <summary>Sends the queued frames until the socket is closed, then the close frame.</summary>
    public async Task SendAllAsync()
    {
        try
        {
            await foreach (var frame in _outgoing.Reader.ReadAllAsync(_dropped.Token))
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, _dropped.Token);
            var (status, description) = _closing ?? (WebSocketCloseStatus.NormalClosure, "");
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(status, description, _dropped.Token);
        }
        catch (Exception gone) when (gone is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or did not take its frames in time: nothing left to send to.
        }
    }

    public void Dispose() => _dropped.Dispose();

    private void Write(byte[] frame)
    {
        // Refused when full (the client is too slow) or once closing, when Close changes nothing.
        if (!_outgoing.Writer.TryWrite(frame)) Close(WebSocketCloseStatus.PolicyViolation, "The client does not read its frames");
    }
}

/// <summary>
/// In Azure: Azure Web PubSub holds the sockets. Each conversation is a group of the hub that its participants'
/// connections join on connect, and frames go out through the service's REST API.
/// </summary>
public sealed class WebPubSubChatRelay(WebPubSubService service) : IChatRelay
{
    public static string Group(long chatId) => "conversation-" + chatId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public Task MessageSentAsync(Conversation conversation, ChatMessage message, CancellationToken ct) =>
        service.SendToGroupAsync(Group(conversation.ChatId), ChatSocketProtocol.MessageFrame(message), null, ct);

    public Task TypingAsync(ChatSocketUser typer, bool isTyping, CancellationToken ct) =>
        service.SendToGroupAsync(Group(typer.ChatId), ChatSocketProtocol.TypingFrame(typer.Participant, isTyping), typer.UserId, ct);
}
