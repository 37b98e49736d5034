using System.Security.Claims;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using CareerNexus.Messaging;
using Microsoft.OpenApi;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// Document 003's messaging module, under /messaging/api/v1/: the caller's conversations, a conversation's messages and
/// sending one, over the platform's conversations (the same ones as Nexus /chats/). The document has no route to open
/// a conversation, so POST conversations/ is ours. The chat socket, /ws/messaging/{conversation_id}/, is in
/// <see cref="Realtime.ChatSockets"/>.
/// </summary>
public static class RecruitmentMessagingEndpoints
{
    /// <summary>Document 003's default page of messages.</summary>
    public const int MessagesPageSize = 50;

    public static void MapRecruitmentMessaging(this RouteGroupBuilder group)
    {
        var conversations = group.MapGroup("/conversations").RequireAuthorization();

        conversations.MapGet("", async (string? unread_only, string? with_user, RecruitmentPage page, HttpRequest request, ClaimsPrincipal user,
                ConversationService service, CancellationToken ct) =>
            page.Envelope(request, await service.ListAsync(user.UserId(), Filter(unread_only, with_user), page.Request, ct), ConversationItem.Of))
            .WithMetadata(new Docs.QueryParameters([("unread_only", JsonSchemaType.Boolean), ("with_user", JsonSchemaType.Integer)]))
            .Produces<RecruitmentList<ConversationItem>>();

        conversations.MapPost("", async (RecruitmentBody body, ClaimsPrincipal user, ConversationService service, CancellationToken ct) =>
            {
                var participant = body.Id("participant_id");
                body.ThrowIfInvalid();
                var opened = await service.OpenAsync(user.UserId(), participant, ct);
                return Results.Json(ConversationItem.Of(opened.Summary), PlatformJson.Options,
                    statusCode: opened.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
            })
            .Accepts<NewConversation>("application/json")
            .Produces<ConversationItem>(StatusCodes.Status201Created).Produces<ConversationItem>();

        conversations.MapGet("/{id}/messages", async (string id, RecruitmentPage page, HttpRequest request, ClaimsPrincipal user,
                ConversationService service, CancellationToken ct) =>
            page.Envelope(request, await service.ReadMessagesAsync(RecruitmentIds.FromPath(id), user.UserId(), page.Request, ct), MessageItem.Of))
            .WithMetadata(new RecruitmentPageDefault(MessagesPageSize)).Produces<RecruitmentList<MessageItem>>();

        conversations.MapPost("/{id}/messages", async (string id, RecruitmentBody body, ClaimsPrincipal user, ConversationService service,
                CancellationToken ct) =>
            {
                var (content, clientMessageId) = (body.Text("content"), body.Text("client_message_id"));
                body.ThrowIfInvalid();
                var message = await service.SendMessageAsync(RecruitmentIds.FromPath(id), user.UserId(), content, clientMessageId, byPerson: true, ct);
                return Results.Json(MessageItem.Of(message), PlatformJson.Options, statusCode: StatusCodes.Status201Created);
            })
            .Accepts<NewMessage>("application/json").Produces<MessageItem>(StatusCodes.Status201Created);
    }

    private static ConversationFilter Filter(string? unreadOnly, string? withUser)
    {
        var errors = new FieldErrors();
        var unread = FilterValues.Boolean(unreadOnly, "unread_only", errors);
        errors.ThrowIfAny();
        return new ConversationFilter(unread ?? false, RecruitmentIds.FromQuery(withUser, "with_user"));
    }
}

/// <summary>POST conversations/: the account to talk to.</summary>
public sealed record NewConversation(long ParticipantId);

/// <summary>POST messages/: the text, and an optional id of the client's own that makes a retried send store one message.</summary>
public sealed record NewMessage(string Content, string? ClientMessageId);

/// <summary>A conversation's participant as document 003's list shows it.</summary>
public sealed record ConversationPerson(long Id, string Username, string FullName);

/// <summary>A message's sender: document 003's id and username, with the full name and picture its message list shows.</summary>
public sealed record MessageSender(long Id, string Username, string FullName, string? ProfilePicture)
{
    public static MessageSender Of(Participant? p, long id) => p is null
        ? new MessageSender(id, "", "", null)
        : new MessageSender(p.Id, p.Username, p.FullName, p.ProfilePicture);
}

/// <summary>A message, the same on every route and on the chat socket.</summary>
public sealed record MessageItem(long Id, string Content, MessageSender Sender, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt, bool IsRead)
{
    public static MessageItem Of(ChatMessage m) =>
        new(m.Id, m.Text, MessageSender.Of(m.Sender, m.SenderId), m.SentAt, m.ReadAt, m.ReadAt is not null);
}

/// <summary>A conversation's last message as the list shows it.</summary>
public sealed record LastMessageItem(long Id, string Content, MessageSender Sender, DateTimeOffset CreatedAt);

/// <summary>One conversation of the caller's list: its participants, last message, the caller's unread count and last activity.</summary>
public sealed record ConversationItem(long Id, IReadOnlyList<ConversationPerson> Participants, LastMessageItem? LastMessage, long UnreadCount,
    DateTimeOffset UpdatedAt)
{
    public static ConversationItem Of(ConversationSummary s) => new(s.Conversation.ChatId,
        s.Participants.Select(p => new ConversationPerson(p.Id, p.Username, p.FullName)).ToList(),
        s.LastMessage is { } m ? new LastMessageItem(m.Id, m.Text, MessageSender.Of(m.Sender, m.SenderId), m.SentAt) : null,
        s.UnreadCount, s.UpdatedAt);
}
