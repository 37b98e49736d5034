using CareerNexus.Accounts;

namespace CareerNexus.Messaging;

/// <summary>A conversation between two accounts: the one who started it (initiator) and the other (contributor).</summary>
public sealed record Conversation(long ChatId, long InitiatorId, long ContributorId, DateTimeOffset CreatedAt)
{
    public bool Includes(long userId) => userId == InitiatorId || userId == ContributorId;

    /// <summary>The participant who is not <paramref name="userId"/>.</summary>
    public long Other(long userId) => userId == InitiatorId ? ContributorId : InitiatorId;

    public IReadOnlyList<long> ParticipantIds => [InitiatorId, ContributorId];
}

/// <summary>How an account appears in a conversation: a copy of its names and picture, refreshed whenever it sends a message.</summary>
public sealed record Participant(long Id, string Username, string FullName, string? ProfilePicture)
{
    public static Participant Of(Account account) => new(account.UserId, account.Username, account.FullName(), account.Avatar);

    /// <summary>An account that no longer exists.</summary>
    public static Participant Gone(long id) => new(id, "", "", null);
}

/// <summary>
/// One message of a conversation. The client message id makes a retried send change nothing. <see cref="ReadAt"/> is
/// when its recipient first listed it; <see cref="Sender"/> is the sender as the conversation shows them.
/// </summary>
public sealed record ChatMessage(long Id, long ChatId, long SenderId, string Text, string ClientMessageId, DateTimeOffset SentAt,
    DateTimeOffset? ReadAt = null, Participant? Sender = null);

/// <summary>A conversation as one participant's list shows it: who is in it, its last message, what they have not read yet.</summary>
public sealed record ConversationSummary(Conversation Conversation, IReadOnlyList<Participant> Participants, ChatMessage? LastMessage,
    long UnreadCount, DateTimeOffset UpdatedAt)
{
    public Participant Participant(long userId) => Participants.FirstOrDefault(p => p.Id == userId) ?? Messaging.Participant.Gone(userId);
}

/// <summary>Filters of one account's conversation list.</summary>
public sealed record ConversationFilter(bool UnreadOnly = false, long? WithUser = null);

/// <summary>The conversation of two accounts, and whether this call opened it.</summary>
public sealed record OpenedConversation(ConversationSummary Summary, bool Created);

/// <summary>A conversation with its two accounts (null where an account was deleted since).</summary>
public sealed record ConversationView(Conversation Conversation, DateTimeOffset LastActivityAt, Account? Initiator, Account? Contributor);

/// <summary>A message with its sender's account.</summary>
public sealed record MessageView(ChatMessage Message, Account? Sender);

/// <summary>
/// Told of every message stored, whichever surface or socket sent it, after it is stored and counted: the realtime
/// side delivers it to the participants' open chat sockets.
/// </summary>
public interface IConversationObserver
{
    Task MessageSentAsync(Conversation conversation, ChatMessage message, CancellationToken ct);
}
