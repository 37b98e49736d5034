using CareerNexus.Accounts;
using CareerNexus.Erasure;

namespace CareerNexus.Messaging;

/// <summary>
/// An erased account's conversations stay with the other participant (their history), its messages with them; the copies
/// of its names and picture on the other's entries go, so it shows as a missing person; its own conversation list goes.
/// </summary>
public sealed class MessagingErasure(ConversationService conversations) : IPersonalData
{
    public int Order => 50;

    public Task EraseAsync(Account account, CancellationToken ct) => conversations.ForgetParticipantAsync(account.UserId, ct);
}
