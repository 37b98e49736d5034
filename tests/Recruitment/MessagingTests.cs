using System.Net;
using System.Text.Json;
using CareerNexus.Messaging;
using CareerNexus.Notifications;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

/// <summary>Document 003's messaging routes, over the platform's conversations (the same ones as Nexus /chats/).</summary>
public sealed class MessagingTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    public const string Conversations = "/messaging/api/v1/conversations/";
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    public static string Messages(long chatId) => $"{Conversations}{chatId}/messages/";

    private static IEnumerable<string> Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).Order();

    /// <summary>Two fresh accounts and their conversation, opened by the first.</summary>
    private async Task<(TestUser Ada, TestUser Ben, long ChatId)> Pair()
    {
        var ada = await _api.Register("Ada");
        var ben = await _api.Register("Ben");
        var chat = (await _api.Post(Conversations, new { participant_id = ben.Id }, ada.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        return (ada, ben, chat);
    }

    private async Task<JsonElement> Send(TestUser sender, long chatId, string content, string? clientMessageId = null) =>
        (await _api.Post(Messages(chatId), clientMessageId is null ? new { content } : new { content, client_message_id = clientMessageId },
            sender.Access)).Expect(HttpStatusCode.Created).Body;

    private async Task<JsonElement> Listed(TestUser who, long chatId, string query = "") =>
        (await _api.Get(Conversations + query, who.Access)).Expect(HttpStatusCode.OK)["results"].EnumerateArray()
        .Single(c => c.GetProperty("id").GetInt64() == chatId);

    [Fact]
    public async Task Opening_a_conversation_answers_201_then_200_with_the_pairs_one_conversation()
    {
        var ada = await _api.Register("Ada");
        var ben = await _api.Register("Ben");
        var opened = (await _api.Post(Conversations, new { participant_id = ben.Id }, ada.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(["id", "last_message", "participants", "unread_count", "updated_at"], Names(opened.Body));
        var chatId = opened["id"].GetInt64();
        Assert.Equal(JsonValueKind.Null, opened["last_message"].ValueKind);
        Assert.Equal(0, opened["unread_count"].GetInt64());
        var participants = opened["participants"].EnumerateArray().ToList();
        Assert.All(participants, p => Assert.Equal(["full_name", "id", "username"], Names(p)));
        Assert.Equal([ada.Id, ben.Id], participants.Select(p => p.GetProperty("id").GetInt64()));
        Assert.Equal([ada.Username, ben.Username], participants.Select(p => p.GetProperty("username").GetString()));
        Assert.Equal("FirstBen LastBen", participants[1].GetProperty("full_name").GetString());

        // The same pair, whoever asks and however often: the same conversation, 200.
        Assert.Equal(chatId, (await _api.Post(Conversations, new { participant_id = ben.Id }, ada.Access)).Expect(HttpStatusCode.OK)["id"].GetInt64());
        Assert.Equal(chatId, (await _api.Post(Conversations.TrimEnd('/'), new { participant_id = ada.Id.ToString() }, ben.Access))
            .Expect(HttpStatusCode.OK)["id"].GetInt64());
        var carl = await _api.Register();
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _api.Post(Conversations, new { participant_id = ada.Id }, carl.Access)));
        Assert.Single(racing, r => r.Status == HttpStatusCode.Created);
        Assert.All(racing, r => Assert.True(r.Status is HttpStatusCode.Created or HttpStatusCode.OK, r.Body.ToString()));
        Assert.Single(racing.Select(r => r["id"].GetInt64()).Distinct());
        Assert.NotEqual(chatId, racing[0]["id"].GetInt64());

        // Both see it in their lists, from both surfaces.
        Assert.Equal(chatId, (await Listed(ben, chatId)).GetProperty("id").GetInt64());
        Assert.Contains((await _api.Get("/chats/", ben.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray(),
            c => c.GetProperty("chat_id").GetInt64() == chatId);
    }

    [Fact]
    public async Task Opening_refuses_bad_participants_in_the_dialect()
    {
        var ada = await _api.Register();
        Assert.NotEmpty((await _api.Post(Conversations, new { }, ada.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("participant_id"));
        Assert.Contains("yourself", (await _api.Post(Conversations, new { participant_id = ada.Id }, ada.Access))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("participant_id")[0]);
        Assert.Equal("Invalid pk \"987654321\" - object does not exist.", (await _api.Post(Conversations, new { participant_id = 987654321 }, ada.Access))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("participant_id")[0]);
        Assert.Equal("Incorrect type. Expected pk value, received str.", (await _api.Post(Conversations, new { participant_id = "ben" }, ada.Access))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("participant_id")[0]);
        (await _api.Post(Conversations, new { participant_id = 0 }, ada.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw(Conversations, "{\"participant_id\":", ada.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw(Conversations, "participant_id=1", ada.Access, "application/x-www-form-urlencoded"))
            .ExpectRecruitmentError(HttpStatusCode.UnsupportedMediaType);
        (await _api.Post(Conversations, new { participant_id = ada.Id })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Get(Conversations)).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_sent_message_is_unread_for_its_recipient_until_they_list_the_messages()
    {
        var (ada, ben, chatId) = await Pair();
        var sent = await Send(ada, chatId, "  Thank you for your interest in the position.  ");
        Assert.Equal(["content", "created_at", "id", "is_read", "read_at", "sender"], Names(sent));
        Assert.Equal("Thank you for your interest in the position.", sent.GetProperty("content").GetString());
        Assert.Equal(["full_name", "id", "profile_picture", "username"], Names(sent.GetProperty("sender")));
        Assert.Equal(ada.Id, sent.GetProperty("sender").GetProperty("id").GetInt64());
        Assert.Equal(ada.Username, sent.GetProperty("sender").GetProperty("username").GetString());
        Assert.False(sent.GetProperty("is_read").GetBoolean());
        Assert.Equal(JsonValueKind.Null, sent.GetProperty("read_at").ValueKind);
        var messageId = sent.GetProperty("id").GetInt64();

        // The recipient's list counts it; the sender's does not.
        var forBen = await Listed(ben, chatId);
        Assert.Equal(1, forBen.GetProperty("unread_count").GetInt64());
        var last = forBen.GetProperty("last_message");
        Assert.Equal(["content", "created_at", "id", "sender"], Names(last));
        Assert.Equal(messageId, last.GetProperty("id").GetInt64());
        Assert.Equal(ada.Username, last.GetProperty("sender").GetProperty("username").GetString());
        Assert.Equal(sent.GetProperty("created_at").GetString(), forBen.GetProperty("updated_at").GetString());
        Assert.Equal(0, (await Listed(ada, chatId)).GetProperty("unread_count").GetInt64());
        Assert.Equal(chatId, (await Listed(ben, chatId, "?unread_only=true")).GetProperty("id").GetInt64());

        // Reading marks it read for everyone, once.
        var page = (await _api.Get(Messages(chatId), ben.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["count", "next", "previous", "results"], Names(page.Body));
        Assert.Equal(1, page["count"].GetInt64());
        var read = page["results"][0];
        Assert.Equal(["content", "created_at", "id", "is_read", "read_at", "sender"], Names(read));
        Assert.True(read.GetProperty("is_read").GetBoolean());
        var readAt = read.GetProperty("read_at").GetString();
        Assert.NotNull(readAt);
        Assert.Equal("FirstAda LastAda", read.GetProperty("sender").GetProperty("full_name").GetString());
        Assert.Equal(0, (await Listed(ben, chatId)).GetProperty("unread_count").GetInt64());
        Assert.DoesNotContain((await _api.Get(Conversations + "?unread_only=1", ben.Access)).Body.GetProperty("results").EnumerateArray(),
            c => c.GetProperty("id").GetInt64() == chatId);
        var seenBySender = (await _api.Get(Messages(chatId), ada.Access)).Expect(HttpStatusCode.OK)["results"][0];
        Assert.Equal(readAt, seenBySender.GetProperty("read_at").GetString());
        Assert.Equal(readAt, (await _api.Get(Messages(chatId), ben.Access)).Expect(HttpStatusCode.OK)["results"][0].GetProperty("read_at").GetString());

        // A reply is the sender's own: it leaves Ben's count at 0 and counts for Ada.
        await Send(ben, chatId, "When can we talk?");
        Assert.Equal(0, (await Listed(ben, chatId)).GetProperty("unread_count").GetInt64());
        var forAda = await Listed(ada, chatId);
        Assert.Equal(1, forAda.GetProperty("unread_count").GetInt64());
        Assert.Equal("When can we talk?", forAda.GetProperty("last_message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_client_message_id_makes_a_retried_send_store_and_count_one_message()
    {
        var (ada, ben, chatId) = await Pair();
        var sends = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Send(ada, chatId, "Once", "client-42")));
        Assert.Single(sends.Select(s => s.GetProperty("id").GetInt64()).Distinct());
        // Another sender's same client id is another message; no client id, a new message every time.
        await Send(ben, chatId, "Mine", "client-42");
        await Send(ada, chatId, "Twice");
        await Send(ada, chatId, "Twice");

        Assert.Equal(3, (await Listed(ben, chatId)).GetProperty("unread_count").GetInt64());
        var page = (await _api.Get(Messages(chatId), ben.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(4, page["count"].GetInt64());
        Assert.Equal(["Twice", "Twice", "Mine", "Once"], page["results"].EnumerateArray().Select(m => m.GetProperty("content").GetString()));

        // Sent again after it was read: the same message, still read, and counted once.
        var again = await Send(ada, chatId, "Once", "client-42");
        Assert.Equal(sends[0].GetProperty("id").GetInt64(), again.GetProperty("id").GetInt64());
        Assert.Equal(0, (await Listed(ben, chatId)).GetProperty("unread_count").GetInt64());
        Assert.Equal(4, (await _api.Get(Messages(chatId), ben.Access)).Expect(HttpStatusCode.OK)["count"].GetInt64());
    }

    [Fact]
    public async Task A_burst_of_sends_in_one_conversation_counts_every_message_once_and_keeps_the_newest_last()
    {
        var (ada, ben, chatId) = await Pair();
        var conversations = _app.Services.GetRequiredService<ConversationService>();
        var sent = await Task.WhenAll(Enumerable.Range(1, 30).Select(i => conversations.SendMessageAsync(chatId, ada.Id, $"burst {i}", null)));
        var newest = sent.MaxBy(m => (m.SentAt, m.Id))!;
        var listed = await Listed(ben, chatId);
        Assert.Equal(30, listed.GetProperty("unread_count").GetInt64());
        Assert.Equal(newest.Id, listed.GetProperty("last_message").GetProperty("id").GetInt64());
        Assert.Equal(newest.Id, (await Listed(ada, chatId)).GetProperty("last_message").GetProperty("id").GetInt64());
        Assert.Equal(30, (await _api.Get(Messages(chatId), ben.Access)).Expect(HttpStatusCode.OK)["count"].GetInt64());
    }

    [Fact]
    public async Task Each_message_notifies_its_recipient_once_and_reaches_their_signalr_connection()
    {
        var (ada, ben, chatId) = await Pair();
        await using var bensNotifications = await SignalRTestClient.ConnectAsync(_app.Server, $"/ws/notification/jobs?access_token={ben.Access}");
        var sent = await Send(ada, chatId, "Are you free on Monday?", "monday");
        await Send(ada, chatId, "Are you free on Monday?", "monday");
        var messageId = sent.GetProperty("id").GetInt64();

        var pushed = await bensNotifications.NextInvocationAsync();
        Assert.Equal(NotificationService.Target, pushed.GetProperty("target").GetString());
        var payload = pushed.GetProperty("arguments")[0];
        Assert.Equal(NotificationKinds.NewMessage, payload.GetProperty("type").GetString());
        Assert.Equal("conversation", payload.GetProperty("related_object_type").GetString());
        Assert.Equal(chatId, payload.GetProperty("related_object_id").GetInt64());
        Assert.Equal(messageId, payload.GetProperty("data").GetProperty("message_id").GetInt64());
        Assert.Contains("Are you free on Monday?", payload.GetProperty("message").GetString());
        Assert.Null(await bensNotifications.NextInvocationAsync(TimeSpan.FromSeconds(1)));

        var notifications = _app.Services.GetRequiredService<NotificationService>();
        var stored = await notifications.FindAsync(ben.Id, NotificationService.NumberOf($"message:{messageId}:to:{ben.Id}"));
        Assert.NotNull(stored);
        Assert.Equal(NotificationKinds.NewMessage, stored.Kind);
        Assert.Null(await notifications.FindAsync(ada.Id, NotificationService.NumberOf($"message:{messageId}:to:{ada.Id}")));
    }

    [Fact]
    public async Task Only_participants_read_or_write_a_conversation()
    {
        var (ada, _, chatId) = await Pair();
        await Send(ada, chatId, "Private");
        var eve = await _api.Register();
        (await _api.Get(Messages(chatId), eve.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Post(Messages(chatId), new { content = "Let me in" }, eve.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        // A stranger is refused before the body is looked at.
        (await _api.Post(Messages(chatId), new { }, eve.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        Assert.Empty((await _api.Get(Conversations, eve.Access)).Expect(HttpStatusCode.OK)["results"].EnumerateArray());
        foreach (var unknown in new[] { "987654321", "0", "abc", "-3" })
        {
            (await _api.Get(Messages(0).Replace("/0/", $"/{unknown}/"), ada.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
            (await _api.Post(Messages(0).Replace("/0/", $"/{unknown}/"), new { content = "Anyone?" }, ada.Access))
                .ExpectRecruitmentError(HttpStatusCode.NotFound);
        }
        (await _api.Get(Messages(chatId))).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Post(Messages(chatId), new { content = "Hi" })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        Assert.Equal(1, (await _api.Get(Messages(chatId), ada.Access)).Expect(HttpStatusCode.OK)["count"].GetInt64());
    }

    [Fact]
    public async Task Bad_messages_are_refused_field_by_field()
    {
        var (ada, _, chatId) = await Pair();
        async Task<IReadOnlyList<string>> Refused(object body, string field) =>
            (await _api.Post(Messages(chatId), body, ada.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors(field);

        Assert.Equal(["This field may not be blank."], await Refused(new { }, "content"));
        Assert.Equal(["This field may not be blank."], await Refused(new { content = "   " }, "content"));
        Assert.Equal(["Ensure this field has no more than 5000 characters."], await Refused(new { content = new string('x', 5001) }, "content"));
        Assert.Equal(["Not a valid string."], await Refused(new { content = 42 }, "content"));
        Assert.Equal(["Not a valid string."], await Refused(new { content = new[] { "a" } }, "content"));
        Assert.NotEmpty(await Refused(new { content = "Hi", client_message_id = "bad/id" }, "client_message_id"));
        Assert.NotEmpty(await Refused(new { content = "Hi", client_message_id = new string('a', 101) }, "client_message_id"));
        (await _api.PostRaw(Messages(chatId), "[1]", ada.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw(Messages(chatId), "{", ada.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw(Messages(chatId), "content=Hi", ada.Access, "application/x-www-form-urlencoded"))
            .ExpectRecruitmentError(HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, (await _api.Get(Messages(chatId), ada.Access)).Expect(HttpStatusCode.OK)["count"].GetInt64());
        // A message at the limit is taken.
        Assert.Equal(5000, (await Send(ada, chatId, new string('y', 5000))).GetProperty("content").GetString()!.Length);
    }

    [Fact]
    public async Task The_list_filters_by_unread_and_by_person_and_pages_newest_first()
    {
        var ada = await _api.Register();
        var others = new List<TestUser>();
        var chats = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var other = await _api.Register();
            others.Add(other);
            chats.Add((await _api.Post(Conversations, new { participant_id = ada.Id }, other.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64());
            await Send(other, chats[i], $"hello {i}");
        }
        await _api.Get(Messages(chats[1]), ada.Access);
        await Send(ada, chats[0], "Newest");

        List<long> Ids(ApiResponse r) => r.Expect(HttpStatusCode.OK)["results"].EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([chats[0], chats[2], chats[1]], Ids(await _api.Get(Conversations, ada.Access)));
        Assert.Equal([chats[0], chats[2]], Ids(await _api.Get(Conversations + "?unread_only=true", ada.Access)));
        Assert.Equal([chats[0], chats[2], chats[1]], Ids(await _api.Get(Conversations + "?unread_only=false", ada.Access)));
        Assert.Equal([chats[2]], Ids(await _api.Get($"{Conversations}?with_user={others[2].Id}", ada.Access)));
        Assert.Empty(Ids(await _api.Get($"{Conversations}?with_user={others[2].Id}&unread_only=true&page=1", others[1].Access)));
        Assert.Empty(Ids(await _api.Get($"{Conversations}?with_user={ada.Id}", ada.Access)));

        var first = (await _api.Get(Conversations + "?limit=2", ada.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(3, first["count"].GetInt64());
        Assert.Equal([chats[0], chats[2]], Ids(first));
        Assert.EndsWith("/messaging/api/v1/conversations/?limit=2&page=2", first["next"].GetString());
        Assert.Equal([chats[1]], Ids(await _api.Get(Conversations + "?limit=2&page=2", ada.Access)));
        (await _api.Get(Conversations + "?limit=2&page=3", ada.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);

        foreach (var bad in new[] { "unread_only=maybe", "with_user=abc", "with_user=0", "limit=0", "limit=101", "page=0" })
            (await _api.Get($"{Conversations}?{bad}", ada.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Messages_page_fifty_at_a_time_newest_first()
    {
        var (ada, ben, chatId) = await Pair();
        var conversations = _app.Services.GetRequiredService<ConversationService>();
        for (var i = 1; i <= 53; i++) await conversations.SendMessageAsync(chatId, i % 2 == 0 ? ben.Id : ada.Id, $"message {i}", null);

        var first = (await _api.Get(Messages(chatId), ada.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(53, first["count"].GetInt64());
        Assert.Equal(50, first["results"].GetArrayLength());
        Assert.Equal("message 53", first["results"][0].GetProperty("content").GetString());
        Assert.Equal("message 4", first["results"][49].GetProperty("content").GetString());
        Assert.EndsWith($"/messaging/api/v1/conversations/{chatId}/messages/?page=2", first["next"].GetString());
        var second = (await _api.Get(Messages(chatId) + "?page=2", ada.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(["message 3", "message 2", "message 1"], second["results"].EnumerateArray().Select(m => m.GetProperty("content").GetString()));
        Assert.Equal(["message 5", "message 4"],
            (await _api.Get(Messages(chatId) + "?limit=2&page=25", ada.Access)).Expect(HttpStatusCode.OK)["results"].EnumerateArray()
            .Select(m => m.GetProperty("content").GetString()));
        (await _api.Get(Messages(chatId) + "?page=3", ada.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Get(Messages(chatId) + "?limit=x", ada.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        // Ada read only her pages: Ben's messages on them are read, and her count is 0.
        Assert.Equal(0, (await Listed(ada, chatId)).GetProperty("unread_count").GetInt64());
    }

    [Fact]
    public async Task The_same_conversation_shows_on_nexus_chats_and_what_either_surface_opens_or_sends_is_on_both()
    {
        var (ada, ben, chatId) = await Pair();
        await Send(ada, chatId, "From Recruitment");
        // A message sent by the platform's service (as the other surfaces and the socket do) shows on Recruitment.
        await _app.Services.GetRequiredService<ConversationService>().SendMessageAsync(chatId, ben.Id, "From elsewhere", null);

        var onNexus = (await _api.Get($"/chats/messages/?chat_id={chatId}", ada.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray().ToList();
        Assert.Equal(["From elsewhere", "From Recruitment"], onNexus.Select(m => m.GetProperty("message").GetString()));
        Assert.Equal(ben.Id, onNexus[0].GetProperty("person").GetProperty("id").GetInt64());
        var chats = (await _api.Get("/chats/", ben.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray().ToList();
        var chat = chats.Single(c => c.GetProperty("chat_id").GetInt64() == chatId);
        Assert.Equal(ada.Id, chat.GetProperty("initiator").GetProperty("id").GetInt64());
        Assert.Equal(ben.Id, chat.GetProperty("contributor").GetProperty("id").GetInt64());

        // Ada read it on Nexus: one platform, so it is read on Recruitment too.
        Assert.Equal(0, (await Listed(ada, chatId)).GetProperty("unread_count").GetInt64());
        var recruitment = (await _api.Get(Messages(chatId), ben.Access)).Expect(HttpStatusCode.OK)["results"].EnumerateArray().ToList();
        Assert.Equal(["From elsewhere", "From Recruitment"], recruitment.Select(m => m.GetProperty("content").GetString()));
        Assert.True(recruitment[0].GetProperty("is_read").GetBoolean());
    }

    [Fact]
    public async Task A_sender_shows_with_their_names_as_they_were_when_they_last_sent()
    {
        var (ada, ben, chatId) = await Pair();
        (await _api.Patch("/accounts/api/v1/users/me/", new { first_name = "Adaline" }, ada.Access)).Expect(HttpStatusCode.OK);
        await Send(ada, chatId, "New name");
        var listed = await Listed(ben, chatId);
        Assert.Equal("Adaline LastAda", listed.GetProperty("participants").EnumerateArray().Single(p => p.GetProperty("id").GetInt64() == ada.Id)
            .GetProperty("full_name").GetString());
        Assert.Equal("Adaline LastAda", (await _api.Get(Messages(chatId), ben.Access)).Expect(HttpStatusCode.OK)["results"][0]
            .GetProperty("sender").GetProperty("full_name").GetString());
    }
}
