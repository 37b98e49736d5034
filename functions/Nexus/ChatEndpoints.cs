using System.Security.Claims;
using CareerNexus.Functions.Hosting;
using CareerNexus.Messaging;

namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002, under /chats/: chat sessions and their messages, over the platform's conversations.</summary>
public static class NexusChatEndpoints
{
    public static void MapNexusChats(this RouteGroupBuilder nexus)
    {
        var chats = nexus.MapGroup("/chats").RequireAuthorization();

        chats.MapGet("", async (NexusWindow window, ClaimsPrincipal user, ConversationService service, CancellationToken ct) =>
            (await service.ListConversationsAsync(user.UserId(), window.Request, ct)).Select(c => new ChatSession(
                PersonSnippet.Of(c.Initiator, c.Conversation.InitiatorId), PersonSnippet.Of(c.Contributor, c.Conversation.ContributorId),
                c.Conversation.ChatId)).ToList());

        chats.MapGet("/messages", async (string? chat_id, NexusWindow window, ClaimsPrincipal user, ConversationService service, CancellationToken ct) =>
            (await service.ListMessagesAsync(NexusIds.RequiredQuery(chat_id, "chat_id"), user.UserId(), window.Request, ct)).Select(m => new ChatMessageItem(
                PersonSnippet.Of(m.Sender, m.Message.SenderId), m.Message.Text, m.Message.SentAt)).ToList());
    }
}

public sealed record ChatSession(PersonSnippet Initiator, PersonSnippet Contributor, long ChatId);

public sealed record ChatMessageItem(PersonSnippet Person, string Message, DateTimeOffset Timestamp);
