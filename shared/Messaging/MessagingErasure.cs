using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Notifications;

namespace CareerNexus.Messaging;

/// <summary>
/// An erased account's conversations stay with the other participant (their history), its messages with them; the copies
/// of its names and picture on the other's entries go, so it shows as a missing person, and the other's new-message
/// notifications no longer name it; its own conversation list goes.
/// </summary>
public sealed class MessagingErasure(ConversationService conversations, NotificationService notifications) : IPersonalData
{
    public int Order => 50;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        foreach (var conversation in await conversations.ForgetParticipantAsync(account.UserId, ct))
            await notifications.RewordAllAsync(conversation.Other(account.UserId), NotificationKinds.NewMessage, conversation.ChatId,
                $"{Erasing.DeletedName}: a message", ct);
    }
}
