using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CareerNexus.Common;
using CareerNexus.Functions.Realtime;
using CareerNexus.Messaging;

namespace CareerNexus.Functions.Recruitment;

/// <summary>Who holds a chat socket: a participant of one conversation, as the conversation shows them.</summary>
public sealed record ChatSocketUser(long ChatId, Participant Participant)
{
    public long UserId => Participant.Id;
}

/// <summary>
/// Document 003's chat socket protocol (ws/messaging/{conversation_id}/), whatever carries the socket: the app itself
/// standalone, Azure Web PubSub in Azure. Frames are JSON text. The client sends
/// {"type": "chat_message", "content", "client_message_id"?} and {"type": "typing", "is_typing"}; it receives
/// {"type": "message_history", "messages"} once on connect, {"type": "chat_message", "message"} for every message of the
/// conversation (its own included, whichever surface sent it), {"type": "typing", "user_id", "username", "is_typing"}
/// from the other participant, and {"type": "error", "detail", "errors"?} when one of its frames was refused, which
/// never closes the socket. A chat message is stored by the same service call as POST messages/; typing is stored nowhere.
/// </summary>
public sealed class ChatSocketProtocol(ConversationService conversations, IChatRelay relay, ILogger<ChatSocketProtocol> logger)
{
    /// <summary>How many of the newest messages the history on connect holds.</summary>
    public const int HistorySize = 50;

    /// <summary>The largest frame read: a message at its longest, every character escaped as \uXXXX, fits.</summary>
    public const int MaxFrameBytes = 64 * 1024;

    /// <summary>The caller on the conversation's socket; a stranger is refused (403), an unknown conversation is a 404.</summary>
    public async Task<ChatSocketUser> JoinAsync(long chatId, long userId, CancellationToken ct) =>
        new(chatId, (await conversations.GetAsync(chatId, userId, ct)).Participant(userId));

    /// <summary>The history frame (the newest messages, oldest first, now read by the caller) and the messages it holds.</summary>
    public async Task<(byte[] Frame, IReadOnlySet<long> MessageIds)> HistoryAsync(ChatSocketUser user, CancellationToken ct)
    {
        var messages = await conversations.RecentMessagesAsync(user.ChatId, user.UserId, HistorySize, ct);
        return (Serialize(new HistoryFrame("message_history", messages.Select(MessageItem.Of).ToList())), messages.Select(m => m.Id).ToHashSet());
    }

    /// <summary>Acts on one text frame from the client; answers the frame to send back to it (an error), or null.</summary>
    public async Task<byte[]?> HandleAsync(ChatSocketUser user, ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(frame.Span) as JsonObject;
            _ = json?.Count;
        }
        catch (Exception malformed) when (malformed is JsonException or ArgumentException or InvalidOperationException)
        {
            json = null;
        }
        if (json is null) return Error("Send a JSON object whose \"type\" is \"chat_message\" or \"typing\".");
        try
        {
            var body = RecruitmentBody.Of(json);
            switch (body.Text("type"))
            {
                case "chat_message":
                    var (content, clientMessageId) = (body.Text("content"), body.Text("client_message_id"));
                    body.ThrowIfInvalid();
                    await conversations.SendMessageAsync(user.ChatId, user.UserId, content, clientMessageId, byPerson: true, ct);
                    return null;
                case "typing":
                    var typing = body.Boolean("is_typing");
                    body.ThrowIfInvalid();
                    await relay.TypingAsync(user, typing ?? throw Required("is_typing"), ct);
                    return null;
                default:
                    body.ThrowIfInvalid();
                    return Error("Unknown \"type\": send \"chat_message\" or \"typing\".");
            }
        }
        catch (PlatformException refused)
        {
            return Error(refused.Details ?? refused.Message, refused.Fields);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogError(failure, "A chat frame of conversation {ChatId} failed", user.ChatId);
            return Error("The frame could not be handled; send it again.");
        }
    }

    public static byte[] MessageFrame(ChatMessage message) => Serialize(new ChatMessageFrame("chat_message", MessageItem.Of(message)));

    public static byte[] TypingFrame(Participant who, bool isTyping) => Serialize(new TypingFrame("typing", who.Id, who.Username, isTyping));

    public static byte[] Error(string detail, IReadOnlyDictionary<string, string>? fields = null) => Serialize(new ErrorFrame("error", detail,
        fields is { Count: > 0 } ? fields.ToDictionary(f => f.Key, f => new[] { f.Value }) : null));

    private static PlatformException Required(string field) =>
        PlatformException.InvalidFields(new Dictionary<string, string> { [field] = "This field is required." });

    private static byte[] Serialize<T>(T frame) => JsonSerializer.SerializeToUtf8Bytes(frame, PlatformJson.Options);
}

public sealed record ChatMessageFrame(string Type, MessageItem Message);

public sealed record HistoryFrame(string Type, IReadOnlyList<MessageItem> Messages);

public sealed record TypingFrame(string Type, long UserId, string Username, bool IsTyping);

public sealed record ErrorFrame(string Type, string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors);
