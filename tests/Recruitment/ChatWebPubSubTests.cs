using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using CareerNexus.Realtime;
using CareerNexus.Tests.Adapters;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

/// <summary>An app whose chat sockets go through Azure Web PubSub, with a local listener standing in for the service's REST API.</summary>
public sealed class WebPubSubApp : IAsyncLifetime
{
    public const string Connection = "conn-1";

    /// <summary>Chat messages an account may send a minute here: few, so that a test reaches the limit quickly.</summary>
    public const int Limit = 5;

    public string Key { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(33));
    public string SecondKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(33));
    public RecordingHttpServer Service { get; } = new(HttpStatusCode.Accepted);
    public TestApp App { get; private set; } = null!;
    public ApiClient Api { get; private set; } = null!;

    public Task InitializeAsync()
    {
        App = new TestApp(settings: new Dictionary<string, string?>
        {
            ["CareerNexus:Realtime:WebPubSubConnectionString"] = $"Endpoint={Service.Url};AccessKey={Key};Version=1.0;",
            ["CareerNexus:Realtime:WebPubSubEventKeys"] = SecondKey,
            ["CareerNexus:MessagesPerAccountPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Api = App.Api();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        Service.Dispose();
    }
}

/// <summary>
/// The chat socket in Azure, at Web PubSub's protocol boundary: the negotiate answer and its client token, the
/// abuse-protection handshake, CloudEvents requests built here and signed with the access key (connect with the
/// platform's token, connected, user messages), and what the app sends to the service's REST API in return.
/// </summary>
public sealed class ChatWebPubSubTests(WebPubSubApp fixture) : IClassFixture<WebPubSubApp>
{
    private const string Events = "/webpubsub/messaging";
    private readonly ApiClient _api = fixture.Api;

    private async Task<(TestUser Ada, TestUser Ben, long ChatId)> Pair()
    {
        var ada = await _api.Register("Ada");
        var ben = await _api.Register("Ben");
        var chat = (await _api.Post(MessagingTests.Conversations, new { participant_id = ben.Id }, ada.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        return (ada, ben, chat);
    }

    private static string Signature(string key, string connectionId) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(connectionId)));

    /// <summary>A CloudEvents request as the service posts it (binary mode), signed with both keys unless told otherwise.</summary>
    private HttpRequestMessage Event(string type, string eventName, HttpContent? body, string? state = null, string? userId = null,
        string connectionId = WebPubSubApp.Connection, string? signature = null, string hub = "messaging")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Events) { Content = body ?? new StringContent("{}", Encoding.UTF8, "application/json") };
        var headers = request.Headers;
        headers.Add("WebHook-Request-Origin", "127.0.0.1");
        headers.Add("ce-specversion", "1.0");
        headers.Add("ce-type", type);
        headers.Add("ce-source", $"/hubs/{hub}/client/{connectionId}");
        headers.Add("ce-id", Guid.NewGuid().ToString("N"));
        headers.Add("ce-time", DateTime.UtcNow.ToString("O"));
        headers.Add("ce-hub", hub);
        headers.Add("ce-connectionId", connectionId);
        headers.Add("ce-eventName", eventName);
        headers.Add("ce-signature", signature ?? $"{Signature(fixture.SecondKey, connectionId)},{Signature(fixture.Key, connectionId)}");
        if (userId is not null) headers.Add("ce-userId", userId);
        if (state is not null) headers.Add("ce-connectionState", state);
        return request;
    }

    private HttpRequestMessage Connect(long chatId, string? token, string? userId = null, string? signature = null) =>
        Event("azure.webpubsub.sys.connect", "connect", new StringContent(JsonSerializer.Serialize(new
        {
            claims = new { },
            query = token is null
                ? new Dictionary<string, string[]> { ["conversation_id"] = [chatId.ToString()] }
                : new Dictionary<string, string[]> { ["access_token"] = ["the-client-token"], ["conversation_id"] = [chatId.ToString()], ["token"] = [token] },
            headers = new { },
            subprotocols = Array.Empty<string>(),
            clientCertificates = Array.Empty<object>(),
        }), Encoding.UTF8, "application/json"), userId: userId, signature: signature);

    private HttpRequestMessage Frame(string state, string text, string contentType = "text/plain") =>
        Event("azure.webpubsub.user.message", "message", new StringContent(text, Encoding.UTF8, contentType), state);

    /// <summary>Connects the user's connection to the conversation and answers the state the service would keep for it.</summary>
    private async Task<string> Connected(long chatId, TestUser user)
    {
        var answer = (await _api.Send(Connect(chatId, user.Access, user.Id.ToString()), null)).Expect(HttpStatusCode.OK);
        return answer.Header("ce-connectionState") ?? throw new Xunit.Sdk.XunitException("No connection state in the connect answer");
    }

    private RecordedHttpRequest[] Sent(string path) => fixture.Service.Requests.Where(r => r.Path == path).ToArray();

    private static JsonElement Json(RecordedHttpRequest request) => JsonDocument.Parse(request.Body).RootElement;

    /// <summary>The REST call's bearer token is a JWT for the URL it was sent to, signed with the access key.</summary>
    private void ExpectSignedFor(RecordedHttpRequest request)
    {
        var url = new Uri($"{fixture.Service.Url}{request.Path}{request.Query}").AbsoluteUri;
        Assert.StartsWith("Bearer ", request.Authorization);
        RealtimeTests.Verify(request.Authorization["Bearer ".Length..], fixture.Key, url, out _);
        Assert.Contains("api-version=2024-01-01", request.Query);
        Assert.StartsWith("text/plain", request.ContentType);
    }

    [Fact]
    public async Task Negotiate_answers_the_hubs_client_url_with_a_client_token_for_participants_only()
    {
        var (ada, _, chatId) = await Pair();
        var eve = await _api.Register();
        var negotiated = (await _api.Post($"/ws/messaging/{chatId}/negotiate/", null, ada.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["url"], negotiated.Body.EnumerateObject().Select(p => p.Name));
        var url = new Uri(negotiated["url"].GetString()!);
        Assert.Equal("ws", url.Scheme);
        Assert.Equal(fixture.Service.Port, url.Port);
        Assert.Equal("/client/hubs/messaging", url.AbsolutePath);
        var query = HttpUtility.ParseQueryString(url.Query);
        Assert.Equal(chatId.ToString(), query["conversation_id"]);
        var claims = RealtimeTests.Verify(query["access_token"]!, fixture.Key, $"{fixture.Service.Url}/client/hubs/messaging", out var token);
        Assert.Equal(ada.Id.ToString(), claims.FindFirst("sub")?.Value);
        Assert.InRange(token.ValidTo, DateTime.UtcNow.AddMinutes(50), DateTime.UtcNow.AddMinutes(61));

        (await _api.Post($"/ws/messaging/{chatId}/negotiate/", null, eve.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Post("/ws/messaging/987654321/negotiate/", null, ada.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Post($"/ws/messaging/{chatId}/negotiate/")).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        // The app holds no sockets itself in this mode.
        (await _api.Get($"/ws/messaging/{chatId}/", ada.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_abuse_protection_handshake_allows_the_configured_service_only()
    {
        var allowed = new HttpRequestMessage(HttpMethod.Options, Events);
        allowed.Headers.Add("WebHook-Request-Origin", "127.0.0.1");
        var answer = (await _api.Send(allowed, null)).Expect(HttpStatusCode.OK);
        Assert.Equal("127.0.0.1", answer.Header("WebHook-Allowed-Origin"));

        foreach (var origin in new[] { "evil.webpubsub.azure.com", "" })
        {
            var refused = new HttpRequestMessage(HttpMethod.Options, Events);
            if (origin.Length > 0) refused.Headers.Add("WebHook-Request-Origin", origin);
            var response = await _api.Send(refused, null);
            Assert.Equal(HttpStatusCode.Forbidden, response.Status);
            Assert.Null(response.Header("WebHook-Allowed-Origin"));
        }
    }

    [Fact]
    public async Task Connect_authenticates_with_the_platforms_token_and_joins_the_conversations_group()
    {
        var (ada, _, chatId) = await Pair();
        var eve = await _api.Register();
        var answer = (await _api.Send(Connect(chatId, ada.Access, ada.Id.ToString()), null)).Expect(HttpStatusCode.OK);
        Assert.Equal(ada.Id.ToString(), answer["userId"].GetString());
        Assert.Equal([$"conversation-{chatId}"], answer["groups"].EnumerateArray().Select(g => g.GetString()));
        Assert.False(string.IsNullOrEmpty(answer.Header("ce-connectionState")));
        // Without a client token's user the platform's token alone names the user.
        (await _api.Send(Connect(chatId, ada.Access), null)).Expect(HttpStatusCode.OK);

        // Refusals are the client's answer: the upgrade never completes.
        Assert.Equal(HttpStatusCode.Forbidden, (await _api.Send(Connect(chatId, eve.Access), null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.Send(Connect(chatId, null), null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.Send(Connect(chatId, "forged"), null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.Send(Connect(chatId, ada.Access, eve.Id.ToString()), null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Send(Connect(987654321, ada.Access), null)).Status);
    }

    [Fact]
    public async Task Events_without_a_signature_made_with_an_access_key_are_refused()
    {
        var (ada, _, chatId) = await Pair();
        foreach (var signature in new[] { Signature("not-the-key-but-long-enough-to-look-like-one", WebPubSubApp.Connection),
                     Signature(fixture.Key, "another-connection"), "sha256=", "", "md5=abc" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await _api.Send(Connect(chatId, ada.Access, signature: signature), null)).Status);
        // Either key of the pair signs.
        (await _api.Send(Connect(chatId, ada.Access, signature: Signature(fixture.SecondKey, WebPubSubApp.Connection)), null)).Expect(HttpStatusCode.OK);

        var state = await Connected(chatId, ada);
        var wrongHub = Event("azure.webpubsub.user.message", "message", new StringContent("{}", Encoding.UTF8, "text/plain"), state, hub: "other");
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.Send(wrongHub, null)).Status);
        var tampered = state[..^4] + (state[^4..] == "0000" ? "1111" : "0000");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.Send(Frame(tampered, "{\"type\":\"typing\",\"is_typing\":true}"), null)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.Send(Frame("", "{\"type\":\"typing\",\"is_typing\":true}"), null)).Status);
    }

    [Fact]
    public async Task Connected_sends_the_history_to_the_new_connection()
    {
        var (ada, ben, chatId) = await Pair();
        (await _api.Post(MessagingTests.Messages(chatId), new { content = "Before you came" }, ben.Access)).Expect(HttpStatusCode.Created);
        var state = await Connected(chatId, ada);
        var connectionId = "conn-" + Guid.NewGuid().ToString("N");
        var connected = Event("azure.webpubsub.sys.connected", "connected", null, state, ada.Id.ToString(), connectionId);
        (await _api.Send(connected, null)).Expect(HttpStatusCode.NoContent);

        var sent = Assert.Single(Sent($"/api/hubs/messaging/connections/{connectionId}/:send"));
        ExpectSignedFor(sent);
        var history = Json(sent);
        Assert.Equal("message_history", history.GetProperty("type").GetString());
        Assert.Equal(["Before you came"], history.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()));
        (await _api.Send(Event("azure.webpubsub.sys.disconnected", "disconnected", null, state, ada.Id.ToString()), null))
            .Expect(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_user_message_is_stored_and_sent_to_the_conversations_group_and_typing_to_the_others()
    {
        var (ada, ben, chatId) = await Pair();
        var state = await Connected(chatId, ada);
        var group = $"/api/hubs/messaging/groups/conversation-{chatId}/:send";

        (await _api.Send(Frame(state, "{\"type\":\"chat_message\",\"content\":\"Via the service\"}"), null)).Expect(HttpStatusCode.NoContent);
        var broadcast = Assert.Single(Sent(group));
        ExpectSignedFor(broadcast);
        Assert.DoesNotContain("filter", broadcast.Query);
        var frame = Json(broadcast);
        Assert.Equal("chat_message", frame.GetProperty("type").GetString());
        Assert.Equal("Via the service", frame.GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(ada.Id, frame.GetProperty("message").GetProperty("sender").GetProperty("id").GetInt64());
        var stored = (await _api.Get(MessagingTests.Messages(chatId), ben.Access)).Expect(HttpStatusCode.OK)["results"][0];
        Assert.Equal(frame.GetProperty("message").GetProperty("id").GetInt64(), stored.GetProperty("id").GetInt64());

        (await _api.Send(Frame(state, "{\"type\":\"typing\",\"is_typing\":true}"), null)).Expect(HttpStatusCode.NoContent);
        var typing = Sent(group).Last();
        Assert.Equal($"userId ne '{ada.Id}'", HttpUtility.ParseQueryString(typing.Query)["filter"]);
        Assert.Equal("typing", Json(typing).GetProperty("type").GetString());
        Assert.Equal(ada.Id, Json(typing).GetProperty("user_id").GetInt64());
        Assert.Equal(1, (await _api.Get(MessagingTests.Messages(chatId), ben.Access)).Expect(HttpStatusCode.OK)["count"].GetInt64());

        // A message posted over HTTP reaches the group the same way.
        (await _api.Post(MessagingTests.Messages(chatId), new { content = "Posted" }, ben.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal("Posted", Json(Sent(group).Last()).GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_malformed_frame_is_answered_with_an_error_frame_which_keeps_the_connection()
    {
        var (ada, _, chatId) = await Pair();
        var state = await Connected(chatId, ada);
        foreach (var (text, contentType) in new[]
                 {
                     ("not json", "text/plain"), ("{\"type\":\"dance\"}", "text/plain"), ("{\"type\":\"chat_message\",\"content\":\"\"}", "text/plain"),
                     ("{\"type\":\"typing\",\"is_typing\":\"yes\"}", "text/plain"), ("binary", "application/octet-stream"),
                     (new string(' ', 70_000), "text/plain"),
                 })
        {
            var answer = await _api.Send(Frame(state, text, contentType), null);
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.StartsWith("text/plain", answer.Raw.Content.Headers.ContentType?.ToString());
            Assert.Equal("error", answer["type"].GetString());
            Assert.False(string.IsNullOrEmpty(answer["detail"].GetString()));
        }
        Assert.Equal(0, (await _api.Get(MessagingTests.Messages(chatId), ada.Access)).Expect(HttpStatusCode.OK)["count"].GetInt64());
    }

    [Fact]
    public async Task An_account_sends_a_limited_number_of_messages_a_minute_by_route_and_socket_together()
    {
        var (ada, _, chatId) = await Pair();
        var state = await Connected(chatId, ada);
        // Sends until refused; the limit's window is a fixed minute, so a run that straddles two may take up to twice the limit.
        async Task<int> Exhaust()
        {
            for (var sent = 0; sent < 2 * WebPubSubApp.Limit + 1; sent++)
            {
                var answer = await _api.Post(MessagingTests.Messages(chatId), new { content = $"Message {sent}" }, ada.Access);
                if (answer.Status == HttpStatusCode.TooManyRequests)
                {
                    Assert.StartsWith("Too many attempts", answer.ExpectRecruitmentError(HttpStatusCode.TooManyRequests)["detail"].GetString());
                    Assert.True(int.Parse(answer.Header("Retry-After")!, CultureInfo.InvariantCulture) is > 0 and <= 60);
                    return sent;
                }
                answer.Expect(HttpStatusCode.Created);
            }
            throw new Xunit.Sdk.XunitException("No message was refused");
        }

        var accepted = await Exhaust();
        Assert.InRange(accepted, WebPubSubApp.Limit, 2 * WebPubSubApp.Limit);
        var frame = await _api.Send(Frame(state, "{\"type\":\"chat_message\",\"content\":\"One more\"}"), null);
        if (frame.Status == HttpStatusCode.NoContent)
        {
            // The minute turned between the two: spend the new one and try again.
            await Exhaust();
            frame = await _api.Send(Frame(state, "{\"type\":\"chat_message\",\"content\":\"One more\"}"), null);
        }
        Assert.Equal(HttpStatusCode.OK, frame.Status);
        Assert.Equal("error", frame["type"].GetString());
        Assert.StartsWith("Too many attempts", frame["detail"].GetString());
        var messages = (await _api.Get(MessagingTests.Messages(chatId) + "?limit=1", ada.Access)).Expect(HttpStatusCode.OK);
        Assert.NotEqual("One more", messages["results"][0].GetProperty("content").GetString());
    }

    [Fact]
    public void The_settings_choose_the_key_or_an_identity_and_an_identity_needs_the_keys_that_sign_events()
    {
        var byKey = WebPubSubEndpoint.From(new RealtimeOptions
        {
            WebPubSubConnectionString = $"Endpoint=https://acme.webpubsub.azure.com;AccessKey={fixture.Key};Version=1.0;", WebPubSubHub = "Chat_1",
        });
        Assert.False(byKey.UsesIdentity);
        Assert.Equal("chat_1", byKey.Hub);
        Assert.Equal("acme.webpubsub.azure.com", byKey.Host);
        Assert.True(byKey.IsSignedByService("c1", Signature(fixture.Key, "c1")));
        Assert.False(byKey.IsSignedByService("c1", Signature(fixture.SecondKey, "c1")));

        var identity = new RealtimeOptions { WebPubSubServiceUri = "https://acme.webpubsub.azure.com", Credential = "managedidentity" };
        Assert.Contains("WebPubSubEventKeys", Assert.Throws<InvalidOperationException>(() => WebPubSubEndpoint.From(identity)).Message);
        identity.WebPubSubEventKeys = $"{fixture.Key}, {fixture.SecondKey}";
        var byIdentity = WebPubSubEndpoint.From(identity);
        Assert.True(byIdentity.UsesIdentity);
        Assert.True(byIdentity.IsSignedByService("c1", Signature(fixture.SecondKey, "c1")));
        Assert.Throws<InvalidOperationException>(() => byIdentity.SignClientToken(1, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));

        foreach (var hub in new[] { "", "1chat", "chat-room", "chat room" })
            Assert.Throws<InvalidOperationException>(() => WebPubSubEndpoint.From(new RealtimeOptions
            {
                WebPubSubConnectionString = $"Endpoint=https://acme.webpubsub.azure.com;AccessKey={fixture.Key};", WebPubSubHub = hub,
            }));
        var keyless = Assert.Throws<InvalidOperationException>(() => WebPubSubEndpoint.From(new RealtimeOptions
        {
            WebPubSubConnectionString = "Endpoint=https://acme.webpubsub.azure.com;Version=1.0;",
        }));
        Assert.Contains("WebPubSubConnectionString", keyless.Message);
    }

    [Fact]
    public async Task A_connection_is_closed_through_the_service_when_its_token_expires_unless_it_closed_first()
    {
        var (ada, ben, chatId) = await Pair();
        var expiry = fixture.App.Services.GetRequiredService<WebPubSubSocketExpiry>();
        var opened = DateTimeOffset.UtcNow;
        async Task<string> Open(TestUser user, string connectionId)
        {
            var state = await Connected(chatId, TestTokens.ShortLived(user, TimeSpan.FromMinutes(2)));
            (await _api.Send(Event("azure.webpubsub.sys.connected", "connected", null, state, user.Id.ToString(), connectionId), null))
                .Expect(HttpStatusCode.NoContent);
            return state;
        }
        RecordedHttpRequest[] Closed(string connectionId) =>
            Sent($"/api/hubs/messaging/connections/{connectionId}").Where(r => r.Method == "DELETE").ToArray();

        var staying = "conn-" + Guid.NewGuid().ToString("N");
        await Open(ada, staying);
        var leaving = "conn-" + Guid.NewGuid().ToString("N");
        var leavingState = await Open(ben, leaving);
        (await _api.Send(Event("azure.webpubsub.sys.disconnected", "disconnected", null, leavingState, ben.Id.ToString(), leaving), null))
            .Expect(HttpStatusCode.NoContent);

        await expiry.RunAsync(opened);
        Assert.Empty(Closed(staying));

        Assert.True(await expiry.RunAsync(opened + TimeSpan.FromMinutes(3)) >= 1);
        var close = Assert.Single(Closed(staying));
        Assert.StartsWith("Bearer ", close.Authorization);
        Assert.Contains("reason=Token%20expired", close.Query);
        Assert.Empty(Closed(leaving));
        // Closed once: the next run finds nothing left of it.
        await expiry.RunAsync(opened + TimeSpan.FromMinutes(4));
        Assert.Single(Closed(staying));

        // A service that cannot be reached leaves the connection to the next run.
        var retried = "conn-" + Guid.NewGuid().ToString("N");
        await Open(ada, retried);
        var failing = true;
        fixture.Service.Responder = r => failing && r.Method == "DELETE" && r.Path.EndsWith(retried, StringComparison.Ordinal)
            ? (HttpStatusCode.ServiceUnavailable, "") : null;
        try
        {
            await expiry.RunAsync(opened + TimeSpan.FromMinutes(3));
            var attempts = Closed(retried).Length;
            Assert.True(attempts >= 1);
            failing = false;
            await expiry.RunAsync(opened + TimeSpan.FromMinutes(4));
            Assert.Equal(attempts + 1, Closed(retried).Length);
            await expiry.RunAsync(opened + TimeSpan.FromMinutes(5));
            Assert.Equal(attempts + 1, Closed(retried).Length);
        }
        finally
        {
            fixture.Service.Responder = null;
        }
    }

    [Fact]
    public async Task A_frame_after_the_token_expired_drops_the_connection()
    {
        var (ada, _, chatId) = await Pair();
        var state = await Connected(chatId, TestTokens.ShortLived(ada, TimeSpan.FromSeconds(2)));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.Send(Frame(state, "{\"type\":\"chat_message\",\"content\":\"Too late\"}"), null)).Status);
        Assert.Equal(0, (await _api.Get(MessagingTests.Messages(chatId), ada.Access)).Expect(HttpStatusCode.OK)["count"].GetInt64());
    }
}
