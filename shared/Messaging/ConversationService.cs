using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Messaging;

/// <summary>A conversation between two accounts: the one who started it (initiator) and the other (contributor).</summary>
public sealed record Conversation(long ChatId, long InitiatorId, long ContributorId, DateTimeOffset CreatedAt)
{
    public bool Includes(long userId) => userId == InitiatorId || userId == ContributorId;
}

/// <summary>One message of a conversation. The client message id makes a retried send change nothing.</summary>
public sealed record ChatMessage(long Id, long ChatId, long SenderId, string Text, string ClientMessageId, DateTimeOffset SentAt);

/// <summary>A conversation with its two accounts (null where an account was deleted since).</summary>
public sealed record ConversationView(Conversation Conversation, DateTimeOffset LastActivityAt, Account? Initiator, Account? Contributor);

/// <summary>A message with its sender's account.</summary>
public sealed record MessageView(ChatMessage Message, Account? Sender);

/// <summary>
/// The platform's conversations, shared by every surface. In the conversations container each pair of accounts has
/// a claim document ("pair:{low}:{high}", its own partition) naming its one conversation, each conversation a header
/// ("chat:{id}", its own partition), and each participant an index entry in their own partition ("user:{id}"), so
/// "my chats" is a single-partition query. Messages live in the messages container, in their conversation's partition.
/// </summary>
public sealed class ConversationService(DocumentStore store, IdAllocator ids, AccountService accounts, TimeProvider clock)
{
    public const int MaxMessageLength = 5000;
    public const int MaxClientMessageIdLength = 100;

    /// <summary>The conversation between two accounts, started by the first if they have none yet. One per pair, however often called.</summary>
    public async Task<Conversation> StartOrGetConversationAsync(long initiatorId, long contributorId, CancellationToken ct = default)
    {
        if (initiatorId == contributorId) throw PlatformException.Invalid("You cannot start a conversation with yourself");
        var contributor = contributorId > 0 ? await accounts.FindAsync(contributorId, ct) : null;
        if (contributor is null || !contributor.IsActive) throw PlatformException.NotFound("User not found");

        var pairId = DocumentKeys.PairId(initiatorId, contributorId);
        var claim = (await store.ReadAsync<PairClaim>(Containers.Conversations, pairId, pairId, ct))?.Document;
        if (claim is null)
        {
            var candidate = new PairClaim(pairId, pairId, await ids.NextAsync("conversations", ct), initiatorId, contributorId, clock.GetUtcNow());
            claim = await store.TryCreateAsync(Containers.Conversations, candidate, pairId, ct)
                ? candidate
                : (await store.ReadAsync<PairClaim>(Containers.Conversations, pairId, pairId, ct))?.Document
                  ?? throw new PlatformException(ErrorKind.Conflict, "The conversation is changing, try again");
        }
        var conversation = claim.ToConversation();
        // The header is written last, so a conversation with a header has both index entries; a missing header means
        // an earlier start stopped half-way, and the rest is written now.
        if (await FindAsync(conversation.ChatId, ct) is null)
        {
            foreach (var owner in new[] { conversation.InitiatorId, conversation.ContributorId })
                await store.TryCreateAsync(Containers.Conversations, IndexEntry.Of(conversation, owner), UserKey(owner), ct);
            var header = Header.Of(conversation);
            await store.TryCreateAsync(Containers.Conversations, header, header.Partition, ct);
        }
        return conversation;
    }

    /// <summary>The conversation with this id, or null.</summary>
    public async Task<Conversation?> FindAsync(long chatId, CancellationToken ct = default)
    {
        if (chatId <= 0) return null;
        var id = ChatKey(chatId);
        return (await store.ReadAsync<Header>(Containers.Conversations, id, id, ct))?.Document.ToConversation();
    }

    /// <summary>
    /// Adds a message from a participant. With the same client message id from the same sender, a retried send returns
    /// the message stored the first time; without one, every call is a new message.
    /// </summary>
    public async Task<ChatMessage> SendMessageAsync(long chatId, long senderId, string? text, string? clientMessageId, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var body = text?.Trim() ?? "";
        if (body.Length == 0) errors.Add("message", "The message cannot be empty.");
        else if (body.Length > MaxMessageLength) errors.Add("message", $"The message may hold at most {MaxMessageLength} characters.");
        if (clientMessageId is not null && !IsValidClientId(clientMessageId))
            errors.Add("client_message_id", $"Up to {MaxClientMessageIdLength} letters, digits, '-', '_', '.' or ':'.");
        errors.ThrowIfAny();

        var conversation = await ParticipantOfAsync(chatId, senderId, ct);
        var clientId = clientMessageId ?? Guid.NewGuid().ToString("N");
        var message = new ChatMessage(await ids.NextAsync("messages", ct), chatId, senderId, body, clientId, clock.GetUtcNow());
        var document = MessageDocument.Of(message);
        if (!await store.TryCreateAsync(Containers.Messages, document, document.Partition, ct))
        {
            var first = await store.ReadAsync<MessageDocument>(Containers.Messages, document.Id, document.Partition, ct)
                        ?? throw new PlatformException(ErrorKind.Conflict, "The message is changing, try again");
            message = first.Document.ToMessage();
        }
        // Also on a retry: an earlier attempt may have stopped before this.
        await Task.WhenAll(new[] { conversation.InitiatorId, conversation.ContributorId }.Select(owner =>
            store.PatchAsync<IndexEntry>(Containers.Conversations, ChatKey(chatId), UserKey(owner),
                [PatchOperation.Set("/last_activity_at", message.SentAt)], ct)));
        return message;
    }

    /// <summary>One page of the account's conversations, the most recently active first.</summary>
    public async Task<IReadOnlyList<ConversationView>> ListConversationsAsync(long userId, PageRequest page, CancellationToken ct = default)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.partition = @partition ORDER BY c.last_activity_at DESC")
            .WithParameter("@partition", UserKey(userId));
        var entries = (await store.PartitionPageAsync<IndexEntry>(Containers.Conversations, query, UserKey(userId), 0, page, ct)).Items;
        var people = await accounts.GetManyAsync(entries.SelectMany(e => new[] { e.InitiatorId, e.ContributorId }), ct);
        return entries.Select(e => new ConversationView(e.ToConversation(), e.LastActivityAt, people.GetValueOrDefault(e.InitiatorId),
            people.GetValueOrDefault(e.ContributorId))).ToList();
    }

    /// <summary>One page of a conversation's messages, newest first; only its participants may read them.</summary>
    public async Task<IReadOnlyList<MessageView>> ListMessagesAsync(long chatId, long userId, PageRequest page, CancellationToken ct = default)
    {
        var conversation = await ParticipantOfAsync(chatId, userId, ct);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.partition = @partition ORDER BY c.sent_at DESC")
            .WithParameter("@partition", ChatKey(chatId));
        var messages = (await store.PartitionPageAsync<MessageDocument>(Containers.Messages, query, ChatKey(chatId), 0, page, ct)).Items;
        var people = await accounts.GetManyAsync([conversation.InitiatorId, conversation.ContributorId], ct);
        return messages.Select(m => new MessageView(m.ToMessage(), people.GetValueOrDefault(m.SenderId))).ToList();
    }

    private async Task<Conversation> ParticipantOfAsync(long chatId, long userId, CancellationToken ct)
    {
        var conversation = await FindAsync(chatId, ct) ?? throw PlatformException.NotFound("Chat not found");
        if (!conversation.Includes(userId)) throw PlatformException.Forbidden("You are not a participant of this chat");
        return conversation;
    }

    private static bool IsValidClientId(string id) =>
        id.Length is > 0 and <= MaxClientMessageIdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
    private static string UserKey(long userId) => DocumentKeys.UserPartition(userId);
    private static string ChatKey(long chatId) => "chat:" + Key(chatId);

    private sealed record PairClaim(string Id, string Partition, long ChatId, long InitiatorId, long ContributorId, DateTimeOffset CreatedAt)
    {
        public Conversation ToConversation() => new(ChatId, InitiatorId, ContributorId, CreatedAt);
    }

    private sealed record Header(string Id, string Partition, long ChatId, long InitiatorId, long ContributorId, DateTimeOffset CreatedAt)
    {
        public static Header Of(Conversation c) => new(ChatKey(c.ChatId), ChatKey(c.ChatId), c.ChatId, c.InitiatorId, c.ContributorId, c.CreatedAt);

        public Conversation ToConversation() => new(ChatId, InitiatorId, ContributorId, CreatedAt);
    }

    private sealed record IndexEntry(string Id, string Partition, long ChatId, long InitiatorId, long ContributorId,
        DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt)
    {
        public static IndexEntry Of(Conversation c, long owner) =>
            new(ChatKey(c.ChatId), UserKey(owner), c.ChatId, c.InitiatorId, c.ContributorId, c.CreatedAt, c.CreatedAt);

        public Conversation ToConversation() => new(ChatId, InitiatorId, ContributorId, CreatedAt);
    }

    private sealed record MessageDocument(string Id, string Partition, long MessageId, long ChatId, long SenderId, string Text,
        string ClientMessageId, DateTimeOffset SentAt)
    {
        public static MessageDocument Of(ChatMessage m) =>
            new($"msg:{Key(m.SenderId)}:{m.ClientMessageId}", ChatKey(m.ChatId), m.Id, m.ChatId, m.SenderId, m.Text, m.ClientMessageId, m.SentAt);

        public ChatMessage ToMessage() => new(MessageId, ChatId, SenderId, Text, ClientMessageId, SentAt);
    }
}
