using System.Globalization;
using System.Security.Claims;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using CareerNexus.Messaging;

namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002: chat sessions and their messages, over the platform's conversations.</summary>
public static class NexusChatEndpoints
{
    public static void MapNexusChats(this RouteGroupBuilder nexus)
    {
        var chats = nexus.MapGroup("/chats").RequireAuthorization();

        chats.MapGet("", async (NexusWindow window, ClaimsPrincipal user, ConversationService service, CancellationToken ct) =>
            (await service.ListConversationsAsync(user.UserId(), window.Request, ct)).Select(c => new
            {
                initiator = NexusPeople.Snippet(c.Initiator, c.Conversation.InitiatorId),
                contributor = NexusPeople.Snippet(c.Contributor, c.Conversation.ContributorId),
                chat_id = c.Conversation.ChatId,
            }).ToList());

        chats.MapGet("/messages", async (HttpRequest request, NexusWindow window, ClaimsPrincipal user, ConversationService service,
            CancellationToken ct) =>
            (await service.ListMessagesAsync(NexusIds.Required(request, "chat_id"), user.UserId(), window.Request, ct)).Select(m => new
            {
                person = NexusPeople.Snippet(m.Sender, m.Message.SenderId),
                message = m.Message.Text,
                timestamp = m.Message.SentAt,
            }).ToList());
    }
}
