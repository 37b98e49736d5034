using System.Globalization;
using System.Net;
using System.Text.Json;
using CareerNexus.Common;
using CareerNexus.Messaging;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Nexus;

/// <summary>No route of document 002 writes messages: conversations are seeded through the platform's service, then read over HTTP.</summary>
public sealed class ChatsTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();
    private ConversationService Chats => _app.Services.GetRequiredService<ConversationService>();

    private static readonly string[] SnippetFields = ["first_name", "id", "last_name", "middle_name", "profile_photo", "qualification"];

    [Fact]
    public async Task My_chats_list_both_participants_most_recent_first()
    {
        var alice = await _api.Register("Alice");
        var bob = await _api.Register("Bob");
        var carol = await _api.Register("Carol");
        var dave = await _api.Register();
        await _app.SetProfileAsync(alice.Id, qualification: "Bachelor of Engineering (Civil Engineering)", middleName: "Abdul");

        var withBob = await Chats.StartOrGetConversationAsync(alice.Id, bob.Id);
        var withCarol = await Chats.StartOrGetConversationAsync(carol.Id, alice.Id);
        await Chats.SendMessageAsync(withBob.ChatId, bob.Id, "Hello friend", null);

        var list = (await _api.Get("/chats/", alice.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray().ToList();
        Assert.Equal([withBob.ChatId, withCarol.ChatId], list.Select(c => c.GetProperty("chat_id").GetInt64()));
        Assert.All(list, c => Assert.Equal(["chat_id", "contributor", "initiator"], c.EnumerateObject().Select(p => p.Name).Order()));

        var first = list[0];
        var initiator = first.GetProperty("initiator");
        Assert.Equal(SnippetFields, initiator.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(alice.Id, initiator.GetProperty("id").GetInt64());
        Assert.Equal("FirstAlice", initiator.GetProperty("first_name").GetString());
        Assert.Equal("LastAlice", initiator.GetProperty("last_name").GetString());
        Assert.Equal("Abdul", initiator.GetProperty("middle_name").GetString());
        Assert.Equal("N/A", initiator.GetProperty("profile_photo").GetString());
        Assert.Equal("Bachelor of Engineering (Civil Engineering)", initiator.GetProperty("qualification").GetString());
        Assert.Equal(bob.Id, first.GetProperty("contributor").GetProperty("id").GetInt64());
        Assert.Equal("N/A", first.GetProperty("contributor").GetProperty("qualification").GetString());
        Assert.Equal(carol.Id, list[1].GetProperty("initiator").GetProperty("id").GetInt64());
        Assert.Equal(alice.Id, list[1].GetProperty("contributor").GetProperty("id").GetInt64());

        // A message moves its chat to the top.
        await Chats.SendMessageAsync(withCarol.ChatId, alice.Id, "Hi Carol", null);
        Assert.Equal([withCarol.ChatId, withBob.ChatId],
            (await _api.Get("/chats", alice.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray().Select(c => c.GetProperty("chat_id").GetInt64()));

        Assert.Equal([withBob.ChatId], (await _api.Get("/chats/", bob.Access)).Body.EnumerateArray().Select(c => c.GetProperty("chat_id").GetInt64()));
        Assert.Empty((await _api.Get("/chats/", dave.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray());
        (await _api.Get("/chats/")).ExpectNexusError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_pair_has_one_conversation_whoever_starts_it_and_however_often()
    {
        var alice = await _api.Register();
        var bob = await _api.Register();
        var started = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            i % 2 == 0 ? Chats.StartOrGetConversationAsync(alice.Id, bob.Id) : Chats.StartOrGetConversationAsync(bob.Id, alice.Id)));
        var chatId = started[0].ChatId;
        Assert.All(started, c => Assert.Equal(chatId, c.ChatId));
        Assert.All(started, c => Assert.Equal(started[0].InitiatorId, c.InitiatorId));
        Assert.Single((await _api.Get("/chats/", alice.Access)).Body.EnumerateArray());
        Assert.Single((await _api.Get("/chats/", bob.Access)).Body.EnumerateArray());

        await Assert.ThrowsAsync<PlatformException>(() => Chats.StartOrGetConversationAsync(alice.Id, alice.Id));
        var unknown = await Assert.ThrowsAsync<PlatformException>(() => Chats.StartOrGetConversationAsync(alice.Id, 987654321));
        Assert.Equal(ErrorKind.NotFound, unknown.Kind);
    }

    [Fact]
    public async Task Messages_come_newest_first_with_the_sender_and_a_timestamp()
    {
        var alice = await _api.Register("Alice");
        var bob = await _api.Register("Bob");
        var chat = await Chats.StartOrGetConversationAsync(bob.Id, alice.Id);
        var hello = await Chats.SendMessageAsync(chat.ChatId, alice.Id, "Hello friend", "m-1");
        var reply = await Chats.SendMessageAsync(chat.ChatId, bob.Id, "What's good", "m-1");

        foreach (var reader in new[] { alice, bob })
        {
            var messages = (await _api.Get($"/chats/messages/?chat_id={chat.ChatId}", reader.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray().ToList();
            Assert.Equal(2, messages.Count);
            Assert.All(messages, m => Assert.Equal(["message", "person", "timestamp"], m.EnumerateObject().Select(p => p.Name).Order()));
            Assert.Equal("What's good", messages[0].GetProperty("message").GetString());
            Assert.Equal(bob.Id, messages[0].GetProperty("person").GetProperty("id").GetInt64());
            Assert.Equal("FirstBob", messages[0].GetProperty("person").GetProperty("first_name").GetString());
            Assert.Equal(SnippetFields, messages[0].GetProperty("person").EnumerateObject().Select(p => p.Name).Order());
            Assert.Equal("Hello friend", messages[1].GetProperty("message").GetString());
            Assert.Equal(alice.Id, messages[1].GetProperty("person").GetProperty("id").GetInt64());
            var stamp = messages[1].GetProperty("timestamp").GetString()!;
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", stamp);
            Assert.Equal(hello.SentAt.ToUnixTimeMilliseconds(),
                DateTimeOffset.Parse(stamp, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds());
        }
        Assert.True(reply.SentAt >= hello.SentAt);
        (await _api.Get($"/chats/messages?chat_id={chat.ChatId}", alice.Access)).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_retried_send_with_the_same_client_id_stores_one_message()
    {
        var alice = await _api.Register();
        var bob = await _api.Register();
        var chat = await Chats.StartOrGetConversationAsync(alice.Id, bob.Id);
        var sends = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Chats.SendMessageAsync(chat.ChatId, alice.Id, "Once", "client-42")));
        Assert.All(sends, m => Assert.Equal(sends[0].Id, m.Id));
        await Chats.SendMessageAsync(chat.ChatId, alice.Id, "Twice", null);
        await Chats.SendMessageAsync(chat.ChatId, alice.Id, "Twice", null);

        var messages = (await _api.Get($"/chats/messages/?chat_id={chat.ChatId}", bob.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray()
            .Select(m => m.GetProperty("message").GetString()).ToList();
        Assert.Equal(["Twice", "Twice", "Once"], messages);
    }

    [Fact]
    public async Task Sending_checks_the_sender_and_the_message()
    {
        var alice = await _api.Register();
        var bob = await _api.Register();
        var eve = await _api.Register();
        var chat = await Chats.StartOrGetConversationAsync(alice.Id, bob.Id);

        async Task<ErrorKind> Refused(Func<Task> send) => (await Assert.ThrowsAsync<PlatformException>(send)).Kind;
        Assert.Equal(ErrorKind.Forbidden, await Refused(() => Chats.SendMessageAsync(chat.ChatId, eve.Id, "Let me in", null)));
        Assert.Equal(ErrorKind.NotFound, await Refused(() => Chats.SendMessageAsync(987654321, alice.Id, "Anyone?", null)));
        Assert.Equal(ErrorKind.Invalid, await Refused(() => Chats.SendMessageAsync(chat.ChatId, alice.Id, "   ", null)));
        Assert.Equal(ErrorKind.Invalid, await Refused(() => Chats.SendMessageAsync(chat.ChatId, alice.Id, new string('x', 5001), null)));
        Assert.Equal(ErrorKind.Invalid, await Refused(() => Chats.SendMessageAsync(chat.ChatId, alice.Id, "Hi", "bad/id")));
        Assert.Empty((await _api.Get($"/chats/messages/?chat_id={chat.ChatId}", alice.Access)).Body.EnumerateArray());
    }

    [Fact]
    public async Task Only_participants_read_a_chat_and_bad_ids_are_refused()
    {
        var alice = await _api.Register();
        var bob = await _api.Register();
        var eve = await _api.Register();
        var chat = await Chats.StartOrGetConversationAsync(alice.Id, bob.Id);
        await Chats.SendMessageAsync(chat.ChatId, alice.Id, "Private", null);

        (await _api.Get($"/chats/messages/?chat_id={chat.ChatId}", eve.Access)).ExpectNexusError(HttpStatusCode.Forbidden);
        (await _api.Get("/chats/messages/?chat_id=987654321", alice.Access)).ExpectNexusError(HttpStatusCode.NotFound);
        (await _api.Get("/chats/messages/", alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        foreach (var bad in new[] { "", "abc", "0", "-1", "1.5", "99999999999999999999999" })
            (await _api.Get($"/chats/messages/?chat_id={bad}", alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Get($"/chats/messages/?chat_id={chat.ChatId}")).ExpectNexusError(HttpStatusCode.Unauthorized);
        Assert.Empty((await _api.Get("/chats/", eve.Access)).Body.EnumerateArray());
    }

    [Fact]
    public async Task Chat_history_and_conversation_lists_page_newest_first()
    {
        var alice = await _api.Register();
        var others = new List<TestUser>();
        for (var i = 0; i < 3; i++) others.Add(await _api.Register());
        var chats = new List<long>();
        foreach (var other in others)
        {
            var chat = await Chats.StartOrGetConversationAsync(alice.Id, other.Id);
            await Chats.SendMessageAsync(chat.ChatId, other.Id, "hello", null);
            chats.Add(chat.ChatId);
        }
        for (var i = 1; i <= 5; i++) await Chats.SendMessageAsync(chats[0], alice.Id, $"message {i}", null);

        List<long> ChatIds(ApiResponse r) => r.Expect(HttpStatusCode.OK).Body.EnumerateArray().Select(c => c.GetProperty("chat_id").GetInt64()).ToList();
        Assert.Equal([chats[0], chats[2]], ChatIds(await _api.Get("/chats/?limit=2", alice.Access)));
        Assert.Equal([chats[1]], ChatIds(await _api.Get("/chats/?limit=2&page=2", alice.Access)));
        Assert.Empty(ChatIds(await _api.Get("/chats/?limit=2&page=3", alice.Access)));

        List<string> Texts(ApiResponse r) => r.Expect(HttpStatusCode.OK).Body.EnumerateArray().Select(m => m.GetProperty("message").GetString()!).ToList();
        var history = $"/chats/messages/?chat_id={chats[0]}";
        Assert.Equal(["message 5", "message 4"], Texts(await _api.Get($"{history}&limit=2", alice.Access)));
        Assert.Equal(["message 1", "hello"], Texts(await _api.Get($"{history}&limit=2&page=3", alice.Access)));
        Assert.Empty(Texts(await _api.Get($"{history}&limit=2&page={int.MaxValue}", alice.Access)));
        Assert.Equal(6, Texts(await _api.Get(history, alice.Access)).Count);

        foreach (var bad in new[] { "limit=0", "limit=101", "limit=x", "page=0", "page=-1" })
        {
            (await _api.Get($"/chats/?{bad}", alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
            (await _api.Get($"{history}&{bad}", alice.Access)).ExpectNexusError(HttpStatusCode.BadRequest);
        }
    }
}
