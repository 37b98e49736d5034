using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CareerNexus.Common;
using CareerNexus.Functions.Recruitment;
using CareerNexus.Messaging;
using CareerNexus.Realtime;
using CareerNexus.Tokens;

namespace CareerNexus.Functions.Realtime;

/// <summary>
/// Azure Web PubSub's event handler for the chat hub (CloudEvents over HTTP, binary mode), the app's side of the chat
/// socket in Azure. Every event must carry a ce-signature made with an access key, or it is refused (401).
/// <list type="bullet">
/// <item><c>connect</c> (blocking): authenticates the client with the platform's access token (the `token` query parameter
/// of the URL it opened) and checks it takes part in `conversation_id`; the answer names the user and the conversation's
/// group, and gives the connection a sealed state (the conversation, the participant, the token's expiry). A refusal
/// (401, 403, 404) is the client's answer: the upgrade never completes.</item>
/// <item><c>connected</c>: records when the connection's token expires (the socket is closed then, see
/// <see cref="WebPubSubSocketExpiry"/>) and sends the history to the new connection.</item>
/// <item><c>disconnected</c>: forgets the connection.</item>
/// <item>user <c>message</c> (blocking): one client frame. The answer's body is sent back to that client as a text frame
/// (error frames); a non-2xx answer drops the connection, so a frame sent after the token expired closes its
/// connection at once.</item>
/// </list>
/// </summary>
public sealed class WebPubSubChatEvents(WebPubSubEndpoint endpoint, WebPubSubService service, TokenService tokens, ChatSocketProtocol protocol,
    WebPubSubSocketExpiry expiry, TimeProvider clock)
{
    public const string ConnectEvent = "azure.webpubsub.sys.connect";
    public const string ConnectedEvent = "azure.webpubsub.sys.connected";
    public const string DisconnectedEvent = "azure.webpubsub.sys.disconnected";
    public const string UserEventPrefix = "azure.webpubsub.user.";

    /// <summary>The abuse-protection handshake: only the configured service may deliver events here.</summary>
    public IResult Validate(HttpContext context)
    {
        var origin = context.Request.Headers["WebHook-Request-Origin"].ToString();
        if (!endpoint.IsAllowedOrigin(origin))
            throw PlatformException.Forbidden("This event handler takes events from the configured Azure Web PubSub service only.");
        context.Response.Headers["WebHook-Allowed-Origin"] = origin;
        return Results.Ok();
    }

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken ct)
    {
        var headers = context.Request.Headers;
        var connectionId = headers["ce-connectionId"].ToString();
        if (!endpoint.IsSignedByService(connectionId, headers["ce-signature"].ToString()))
            throw PlatformException.Unauthenticated("Invalid signature", "The event is not signed with the Azure Web PubSub access key.");
        if (!string.Equals(headers["ce-hub"].ToString(), endpoint.Hub, StringComparison.OrdinalIgnoreCase))
            throw PlatformException.Invalid("Unknown hub", $"This handler serves the hub {endpoint.Hub}.");
        var type = headers["ce-type"].ToString();
        return type switch
        {
            ConnectEvent => await ConnectAsync(context, ct),
            ConnectedEvent => await ConnectedAsync(connectionId, Stated(context), ct),
            DisconnectedEvent => await DisconnectedAsync(connectionId, context, ct),
            _ when type.StartsWith(UserEventPrefix, StringComparison.Ordinal) => await FrameAsync(context, ct),
            _ => throw PlatformException.Invalid("Unknown event", $"Events of type {type} are not handled here."),
        };
    }

    private async Task<IResult> ConnectAsync(HttpContext context, CancellationToken ct)
    {
        JsonObject? request;
        try
        {
            request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: ct) as JsonObject;
        }
        catch (JsonException malformed)
        {
            throw new BadHttpRequestException("Invalid JSON body", StatusCodes.Status400BadRequest, malformed);
        }
        var query = request?["query"] as JsonObject;
        string? First(string name) =>
            query?[name] is JsonArray { Count: > 0 } values && values[0] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

        var caller = First("token") is { Length: > 0 } token ? await tokens.ValidateAccessAsync(token, ct) : null;
        if (caller is null)
            throw PlatformException.Unauthenticated("Invalid or expired token", "Add your access token to the socket URL as the token query parameter.");
        var claimed = context.Request.Headers["ce-userId"].ToString();
        if (claimed.Length > 0 && claimed != caller.UserId.ToString(CultureInfo.InvariantCulture))
            throw PlatformException.Unauthenticated("Invalid or expired token", "The access token is another user's than the client token's.");
        var user = await protocol.JoinAsync(RecruitmentIds.FromPath(First("conversation_id") ?? ""), caller.UserId, ct);

        var state = new ConnectionState(user.ChatId, user.Participant, caller.TokenExpiresAt);
        context.Response.Headers["ce-connectionState"] = endpoint.Seal(JsonSerializer.SerializeToUtf8Bytes(state, PlatformJson.Options));
        return Results.Json(new ConnectAnswer(user.UserId.ToString(CultureInfo.InvariantCulture), [WebPubSubChatRelay.Group(user.ChatId)]));
    }

    private async Task<IResult> ConnectedAsync(string connectionId, ConnectionState state, CancellationToken ct)
    {
        await expiry.RecordAsync(connectionId, state.ExpiresAt, ct);
        var (history, _) = await protocol.HistoryAsync(state.User, ct);
        await service.SendToConnectionAsync(connectionId, history, ct);
        return Results.NoContent();
    }

    private async Task<IResult> DisconnectedAsync(string connectionId, HttpContext context, CancellationToken ct)
    {
        if (StateOf(context) is { } state) await expiry.ForgetAsync(connectionId, state.ExpiresAt, ct);
        return Results.NoContent();
    }

    private async Task<IResult> FrameAsync(HttpContext context, CancellationToken ct)
    {
        var state = Stated(context);
        if (state.ExpiresAt <= clock.GetUtcNow())
            throw PlatformException.Unauthenticated("Token expired", "The access token this socket was opened with has expired.");
        var reply = await ReadFrameAsync(context.Request, ct) is { } frame
            ? await protocol.HandleAsync(state.User, frame, ct)
            : ChatSocketProtocol.Error(context.Request.ContentType?.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase) == true
                ? "Send text frames holding JSON objects."
                : $"A frame may hold at most {ChatSocketProtocol.MaxFrameBytes} bytes.");
        return reply is null ? Results.NoContent() : Results.Bytes(reply, "text/plain; charset=utf-8");
    }

    /// <summary>A text frame's bytes; null for a binary frame or one over the size limit.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadFrameAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentType?.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase) == true) return null;
        using var body = new MemoryStream();
        var buffer = new byte[8 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > ChatSocketProtocol.MaxFrameBytes) return null;
            body.Write(buffer, 0, read);
        }
        return body.GetBuffer().AsMemory(0, (int)body.Length);
    }

    /// <summary>The state the connect answer gave the connection; an event without one the app sealed is refused (and its connection dropped).</summary>
    private ConnectionState Stated(HttpContext context) =>
        StateOf(context) ?? throw PlatformException.Unauthenticated("Unknown connection", "The event carries no connection state this app gave.");

    private ConnectionState? StateOf(HttpContext context)
    {
        var state = endpoint.Unseal(context.Request.Headers["ce-connectionState"].ToString());
        return state is null ? null : JsonSerializer.Deserialize<ConnectionState>(state, PlatformJson.Options);
    }

    /// <summary>What a connection keeps between events: its conversation, its participant, and when its access token expires.</summary>
    private sealed record ConnectionState(long ChatId, Participant Participant, DateTimeOffset ExpiresAt)
    {
        [JsonIgnore]
        public ChatSocketUser User => new(ChatId, Participant);
    }

    /// <summary>The connect answer, in the service's own property names.</summary>
    private sealed record ConnectAnswer(
        [property: JsonPropertyName("userId")] string UserId,
        [property: JsonPropertyName("groups")] IReadOnlyList<string> Groups);
}
