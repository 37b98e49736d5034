using System.Net.WebSockets;
using System.Security.Claims;
using CareerNexus.Common;
using CareerNexus.Functions.Docs;
using CareerNexus.Functions.Hosting;
using CareerNexus.Functions.Recruitment;
using CareerNexus.Messaging;
using CareerNexus.Realtime;

namespace CareerNexus.Functions.Realtime;

/// <summary>
/// Document 003's chat socket, /ws/messaging/{conversation_id}/, for plain WebSocket clients (no SignalR protocol; see
/// <see cref="ChatSocketProtocol"/>). Standalone the app holds the sockets itself (ASP.NET Core WebSockets). With Azure
/// Web PubSub configured the service holds them: clients connect to it, and the app answers its events at
/// /webpubsub/messaging (<see cref="WebPubSubChatEvents"/>). Both modes answer POST
/// /ws/messaging/{conversation_id}/negotiate/ with where to connect, and map the same routes, so the function set does
/// not depend on settings; the socket itself is no function.
/// </summary>
public static class ChatSockets
{
    public const string SocketPath = "/ws/messaging/{conversation_id}";
    public const string EventsPath = "/webpubsub/messaging";

    /// <summary>How long a negotiated Web PubSub client token lets a client connect, at most.</summary>
    public static readonly TimeSpan ClientTokenLifetime = TimeSpan.FromHours(1);

    public static IServiceCollection AddChatSockets(this IServiceCollection services)
    {
        services.AddSingleton<LocalChatRelay>();
        services.AddSingleton<WebPubSubChatRelay>();
        services.AddSingleton<IChatRelay>(sp => sp.GetRequiredService<PlatformOptions>().Realtime.UsesWebPubSub
            ? sp.GetRequiredService<WebPubSubChatRelay>()
            : sp.GetRequiredService<LocalChatRelay>());
        services.AddSingleton<IConversationObserver>(sp => sp.GetRequiredService<IChatRelay>());
        services.AddSingleton<ChatSocketProtocol>();
        services.AddSingleton<WebPubSubChatEvents>();
        return services;
    }

    public static void MapChatSockets(this IEndpointRouteBuilder app)
    {
        // The socket's own pipeline accepts WebSockets; it takes any method, as an upgrade request is a GET or a CONNECT.
        var sockets = app.CreateApplicationBuilder();
        sockets.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        sockets.Run(ConnectAsync);
        app.Map(SocketPath, sockets.Build()).RequireAuthorization().WithMetadata(RecruitmentDialect.Instance).ExcludeFromDescription();

        app.MapGroup("/ws/messaging").WithSurface(RecruitmentDialect.Instance)
            .MapPost("/{conversation_id}/negotiate", NegotiateAsync).RequireAuthorization().Produces<ChatSocketAddress>();

        // Web PubSub's event handler: the abuse-protection handshake, and the events, signed with the access key.
        app.MapMethods(EventsPath, [HttpMethods.Options], (HttpContext context, PlatformOptions options) =>
            Events(context, options).Validate(context)).ExcludeFromDescription();
        app.MapPost(EventsPath, (HttpContext context, PlatformOptions options, CancellationToken ct) =>
            Events(context, options).HandleAsync(context, ct)).ExcludeFromDescription();
    }

    /// <summary>
    /// Where the caller's client opens the conversation's socket; it adds its access token as the `token` query
    /// parameter. Standalone the app's own socket; with Web PubSub the hub's client URL with a client token.
    /// </summary>
    private static async Task<ChatSocketAddress> NegotiateAsync(string conversation_id, ClaimsPrincipal user, ChatSocketProtocol protocol,
        PlatformOptions options, IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var caller = user.Caller();
        var joined = await protocol.JoinAsync(RecruitmentIds.FromPath(conversation_id), caller.UserId, ct);
        var chat = joined.ChatId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!options.Realtime.UsesWebPubSub)
        {
            return new ChatSocketAddress($"{WebPubSubService.SocketUrl(options.PublicBaseUrl.TrimEnd('/'))}/ws/messaging/{chat}/");
        }
        var remaining = caller.TokenExpiresAt - clock.GetUtcNow();
        var url = await services.GetRequiredService<WebPubSubService>()
            .ClientUrlAsync(caller.UserId, remaining < ClientTokenLifetime ? remaining : ClientTokenLifetime, ct);
        return new ChatSocketAddress($"{url}&conversation_id={chat}");
    }

    /// <summary>Participants only, refused (401, 403, 404) before the upgrade completes.</summary>
    private static async Task ConnectAsync(HttpContext context)
    {
        var services = context.RequestServices;
        if (services.GetRequiredService<PlatformOptions>().Realtime.UsesWebPubSub)
            throw PlatformException.NotFound("Chat sockets are served by Azure Web PubSub: POST /ws/messaging/{conversation_id}/negotiate/ says where to connect.");
        if (!context.WebSockets.IsWebSocketRequest)
            throw PlatformException.Invalid("Open this URL as a WebSocket: ws://host/ws/messaging/{conversation_id}/?token=<access token>.");
        var caller = context.User.Caller();
        var protocol = services.GetRequiredService<ChatSocketProtocol>();
        var user = await protocol.JoinAsync(RecruitmentIds.FromPath(context.GetRouteValue("conversation_id")?.ToString() ?? ""), caller.UserId,
            context.RequestAborted);

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var connection = new ChatSocketConnection(socket, user);
        var relay = services.GetRequiredService<LocalChatRelay>();
        var clock = services.GetRequiredService<TimeProvider>();
        // Registered before the history is read, so nothing sent meanwhile is missed; it follows the history.
        relay.Add(connection);
        var sending = connection.SendAllAsync();
        try
        {
            using var expiry = new CancellationTokenSource(Positive(caller.TokenExpiresAt - clock.GetUtcNow()), clock);
            using var expired = expiry.Token.Register(() => connection.Close(WebSocketCloseStatus.PolicyViolation, "Token expired"));
            using var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping
                .Register(() => connection.Close(WebSocketCloseStatus.EndpointUnavailable, "Server stopping"));
            using var receiving = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, connection.Dropped);
            var (history, shown) = await protocol.HistoryAsync(user, receiving.Token);
            connection.Open(history, shown);
            await ReceiveAllAsync(socket, connection, protocol, receiving.Token);
            connection.Close(WebSocketCloseStatus.NormalClosure, "");
        }
        catch (Exception gone) when (gone is WebSocketException or OperationCanceledException)
        {
            // The client went away, or did not answer a close in time.
        }
        catch (Exception failure)
        {
            services.GetRequiredService<ILogger<ChatSocketConnection>>().LogError(failure, "The chat socket of conversation {ChatId} failed", user.ChatId);
            connection.Close(WebSocketCloseStatus.InternalServerError, "Server error");
        }
        finally
        {
            relay.Remove(connection);
            connection.Close(WebSocketCloseStatus.NormalClosure, "");
            await sending;
        }
    }

    /// <summary>Reads frames until the client closes: each whole text frame goes to the protocol, anything else is answered with an error frame.</summary>
    private static async Task ReceiveAllAsync(WebSocket socket, ChatSocketConnection connection, ChatSocketProtocol protocol, CancellationToken ct)
    {
        var buffer = new byte[8 * 1024];
        using var frame = new MemoryStream();
        var tooLarge = false;
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(), ct);
            if (received.MessageType == WebSocketMessageType.Close) return;
            if (!tooLarge && frame.Length + received.Count <= ChatSocketProtocol.MaxFrameBytes) frame.Write(buffer, 0, received.Count);
            else tooLarge = true;
            if (!received.EndOfMessage) continue;
            var reply = received.MessageType == WebSocketMessageType.Binary ? ChatSocketProtocol.Error("Send text frames holding JSON objects.")
                : tooLarge ? ChatSocketProtocol.Error($"A frame may hold at most {ChatSocketProtocol.MaxFrameBytes} bytes.")
                : await protocol.HandleAsync(connection.User, frame.GetBuffer().AsMemory(0, (int)frame.Length), ct);
            if (reply is not null) connection.Deliver(reply);
            frame.SetLength(0);
            tooLarge = false;
        }
    }

    private static TimeSpan Positive(TimeSpan span) => span > TimeSpan.Zero ? span : TimeSpan.Zero;

    private static WebPubSubChatEvents Events(HttpContext context, PlatformOptions options) => options.Realtime.UsesWebPubSub
        ? context.RequestServices.GetRequiredService<WebPubSubChatEvents>()
        : throw PlatformException.NotFound("Azure Web PubSub is not configured: this app serves chat sockets itself.");
}

/// <summary>Where a client opens a conversation's chat socket; it adds `token=<access token>` to the URL's query.</summary>
public sealed record ChatSocketAddress(string Url);
