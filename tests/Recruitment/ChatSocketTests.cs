using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using CareerNexus.Messaging;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// Document 003's chat socket, standalone (the app holds the sockets), with a plain WebSocket client speaking the
/// document's frames: history on connect, chat messages to every participant, typing to the others only, errors as
/// frames, and refusals before the upgrade.
/// </summary>
public sealed class ChatSocketTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static string Socket(long chatId, string token) => $"/ws/messaging/{chatId}/?token={token}";

    private async Task<(TestUser Ada, TestUser Ben, long ChatId)> Pair()
    {
        var ada = await _api.Register("Ada");
        var ben = await _api.Register("Ben");
        var chat = (await _api.Post(MessagingTests.Conversations, new { participant_id = ben.Id }, ada.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        return (ada, ben, chat);
    }

    private async Task<ChatSocketClient> Open(long chatId, TestUser user)
    {
        var client = await ChatSocketClient.ConnectAsync(_app.Server, Socket(chatId, user.Access));
        Assert.Equal("message_history", (await client.NextAsync()).GetProperty("type").GetString());
        return client;
    }

    private async Task<List<string?>> StoredTexts(long chatId, TestUser reader) =>
        (await _api.Get(MessagingTests.Messages(chatId), reader.Access)).Expect(HttpStatusCode.OK)["results"].EnumerateArray()
        .Select(m => m.GetProperty("content").GetString()).ToList();

    [Fact]
    public async Task On_connect_the_socket_sends_the_recent_history_oldest_first()
    {
        var (ada, ben, chatId) = await Pair();
        var conversations = _app.Services.GetRequiredService<ConversationService>();
        for (var i = 1; i <= 3; i++) await conversations.SendMessageAsync(chatId, i == 2 ? ada.Id : ben.Id, $"message {i}", null);

        await using var socket = await ChatSocketClient.ConnectAsync(_app.Server, $"/ws/messaging/{chatId}?access_token={ada.Access}");
        var history = await socket.NextAsync();
        Assert.Equal(["messages", "type"], history.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("message_history", history.GetProperty("type").GetString());
        var messages = history.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["message 1", "message 2", "message 3"], messages.Select(m => m.GetProperty("content").GetString()));
        Assert.Equal(["content", "created_at", "id", "is_read", "read_at", "sender"], messages[0].EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(ben.Id, messages[0].GetProperty("sender").GetProperty("id").GetInt64());
        Assert.Equal(ben.Username, messages[0].GetProperty("sender").GetProperty("username").GetString());
        // Connecting is reading: Ben's messages are read and Ada's count is 0.
        Assert.True(messages[0].GetProperty("is_read").GetBoolean());
        Assert.False(messages[1].GetProperty("is_read").GetBoolean());
        var listed = (await _api.Get(MessagingTests.Conversations, ada.Access)).Expect(HttpStatusCode.OK)["results"][0];
        Assert.Equal(0, listed.GetProperty("unread_count").GetInt64());

        // An empty conversation has an empty history; a bearer header connects too.
        var (_, dora, empty) = await Pair();
        await using var other = await ChatSocketClient.ConnectAsync(_app.Server, $"/ws/messaging/{empty}/", bearer: dora.Access);
        Assert.Empty((await other.NextAsync()).GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task A_chat_message_from_one_participant_is_stored_and_reaches_both_sockets()
    {
        var (ada, ben, chatId) = await Pair();
        await using var adaSocket = await Open(chatId, ada);
        await using var benSocket = await Open(chatId, ben);

        await adaSocket.SendAsync(new { type = "chat_message", content = "Hello!" });
        foreach (var socket in new[] { benSocket, adaSocket })
        {
            var frame = await socket.NextAsync();
            Assert.Equal(["message", "type"], frame.EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal("chat_message", frame.GetProperty("type").GetString());
            var message = frame.GetProperty("message");
            Assert.Equal("Hello!", message.GetProperty("content").GetString());
            Assert.Equal(ada.Id, message.GetProperty("sender").GetProperty("id").GetInt64());
            Assert.Equal(ada.Username, message.GetProperty("sender").GetProperty("username").GetString());
            Assert.True(message.GetProperty("id").GetInt64() > 0);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", message.GetProperty("created_at").GetString());
        }
        Assert.Equal(["Hello!"], await StoredTexts(chatId, ben));

        // A client message id makes a resent frame store nothing twice.
        await benSocket.SendAsync(new { type = "chat_message", content = "Hi Ada", client_message_id = "b-1" });
        await benSocket.SendAsync(new { type = "chat_message", content = "Hi Ada", client_message_id = "b-1" });
        var first = await adaSocket.NextOfTypeAsync("chat_message");
        var second = await adaSocket.NextOfTypeAsync("chat_message");
        Assert.Equal(first.GetProperty("message").GetProperty("id").GetInt64(), second.GetProperty("message").GetProperty("id").GetInt64());
        Assert.Equal(["Hi Ada", "Hello!"], await StoredTexts(chatId, ada));
    }

    [Fact]
    public async Task Typing_reaches_the_other_participant_only_and_is_stored_nowhere()
    {
        var (ada, ben, chatId) = await Pair();
        await using var adaSocket = await Open(chatId, ada);
        await using var benSocket = await Open(chatId, ben);

        await adaSocket.SendAsync(new { type = "typing", is_typing = true });
        var typing = await benSocket.NextAsync();
        Assert.Equal(["is_typing", "type", "user_id", "username"], typing.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("typing", typing.GetProperty("type").GetString());
        Assert.True(typing.GetProperty("is_typing").GetBoolean());
        Assert.Equal(ada.Id, typing.GetProperty("user_id").GetInt64());
        Assert.Equal(ada.Username, typing.GetProperty("username").GetString());
        await adaSocket.SendAsync(new { type = "typing", is_typing = false });
        Assert.False((await benSocket.NextAsync()).GetProperty("is_typing").GetBoolean());

        // Ada's own socket got neither: the next frame she reads is the message sent after them.
        await benSocket.SendAsync(new { type = "chat_message", content = "After typing" });
        Assert.Equal("chat_message", (await adaSocket.NextAsync()).GetProperty("type").GetString());
        Assert.Equal(["After typing"], await StoredTexts(chatId, ada));
        Assert.Equal(1, (await _api.Get(MessagingTests.Messages(chatId), ben.Access)).Expect(HttpStatusCode.OK)["count"].GetInt64());
    }

    [Fact]
    public async Task Strangers_and_callers_without_a_valid_token_are_refused_before_the_upgrade()
    {
        var (ada, _, chatId) = await Pair();
        var eve = await _api.Register();
        async Task<string> Refused(string path, string? bearer = null) =>
            (await Assert.ThrowsAnyAsync<Exception>(() => ChatSocketClient.ConnectAsync(_app.Server, path, bearer))).Message;

        Assert.Contains("403", await Refused(Socket(chatId, eve.Access)));
        Assert.Contains("403", await Refused($"/ws/messaging/{chatId}/", eve.Access));
        Assert.Contains("401", await Refused($"/ws/messaging/{chatId}/"));
        Assert.Contains("401", await Refused(Socket(chatId, "not-a-token")));
        Assert.Contains("404", await Refused(Socket(987654321, ada.Access)));
        Assert.Contains("404", await Refused(Socket(0, ada.Access).Replace("/0/", "/abc/")));

        // Without an upgrade the route answers in the dialect.
        (await _api.Get($"/ws/messaging/{chatId}/", ada.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.Get($"/ws/messaging/{chatId}/")).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_malformed_frame_is_answered_with_an_error_frame_and_the_socket_stays_open()
    {
        var (ada, ben, chatId) = await Pair();
        await using var socket = await Open(chatId, ada);

        async Task<JsonElement> Answer(Func<Task> send)
        {
            await send();
            var frame = await socket.NextAsync();
            Assert.Equal("error", frame.GetProperty("type").GetString());
            Assert.False(string.IsNullOrWhiteSpace(frame.GetProperty("detail").GetString()));
            return frame;
        }

        await Answer(() => socket.SendTextAsync("not json"));
        await Answer(() => socket.SendTextAsync("[1, 2]"));
        await Answer(() => socket.SendTextAsync("{\"type\":"));
        await Answer(() => socket.SendAsync(new { type = "dance" }));
        await Answer(() => socket.SendAsync(new { content = "no type" }));
        Assert.Equal(["Not a valid string."], (await Answer(() => socket.SendAsync(new { type = 7 }))).GetProperty("errors").GetProperty("type")
            .EnumerateArray().Select(e => e.GetString()));
        var blank = await Answer(() => socket.SendAsync(new { type = "chat_message", content = "  " }));
        Assert.Equal(["This field may not be blank."], blank.GetProperty("errors").GetProperty("content").EnumerateArray().Select(e => e.GetString()));
        await Answer(() => socket.SendAsync(new { type = "chat_message", content = 5 }));
        await Answer(() => socket.SendAsync(new { type = "chat_message", content = new string('x', 5001) }));
        await Answer(() => socket.SendAsync(new { type = "chat_message", content = "Hi", client_message_id = "no spaces allowed" }));
        await Answer(() => socket.SendAsync(new { type = "typing" }));
        await Answer(() => socket.SendAsync(new { type = "typing", is_typing = "yes" }));
        await Answer(() => socket.SendBinaryAsync([1, 2, 3]));
        await Answer(() => socket.SendTextAsync(new string(' ', 70_000)));

        Assert.Equal(WebSocketState.Open, socket.Socket.State);
        await socket.SendAsync(new { type = "chat_message", content = "Still here" });
        Assert.Equal("Still here", (await socket.NextAsync()).GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(["Still here"], await StoredTexts(chatId, ben));
    }

    [Fact]
    public async Task A_message_sent_by_post_or_by_the_platforms_service_reaches_the_open_sockets()
    {
        var (ada, ben, chatId) = await Pair();
        await using var benSocket = await Open(chatId, ben);
        await using var adaSocket = await Open(chatId, ada);

        var posted = (await _api.Post(MessagingTests.Messages(chatId), new { content = "Posted" }, ada.Access)).Expect(HttpStatusCode.Created);
        var frame = await benSocket.NextAsync();
        Assert.Equal("chat_message", frame.GetProperty("type").GetString());
        Assert.Equal(posted["id"].GetInt64(), frame.GetProperty("message").GetProperty("id").GetInt64());
        Assert.Equal("Posted", (await adaSocket.NextAsync()).GetProperty("message").GetProperty("content").GetString());

        await _app.Services.GetRequiredService<ConversationService>().SendMessageAsync(chatId, ben.Id, "From the service", null);
        Assert.Equal("From the service", (await adaSocket.NextAsync()).GetProperty("message").GetProperty("content").GetString());

        // Another conversation of Ada's stays out of this one's sockets.
        var carl = await _api.Register();
        var other = await _app.Services.GetRequiredService<ConversationService>().StartOrGetConversationAsync(carl.Id, ada.Id);
        await _app.Services.GetRequiredService<ConversationService>().SendMessageAsync(other.ChatId, carl.Id, "Elsewhere", null);
        Assert.Null(await adaSocket.NextOrNullAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task The_socket_closes_when_its_token_expires()
    {
        var (ada, _, chatId) = await Pair();
        await using var socket = await Open(chatId, TestTokens.ShortLived(ada, TimeSpan.FromSeconds(3)));
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, await socket.ClosedAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("Token expired", socket.Socket.CloseStatusDescription);
    }
}
