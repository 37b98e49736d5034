using System.Globalization;
using System.Text.Json;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Notifications;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Messaging;

/// <summary>
/// The platform's conversations, shared by every surface. In the conversations container each pair of accounts has
/// a claim document ("pair:{low}:{high}", its own partition) naming its one conversation, each conversation a header
/// ("chat:{id}", its own partition), and each participant an index entry in their own partition ("user:{id}") holding
/// what their list shows: both participants (copies of their names), the last message, their unread count, the
/// number of messages and the last activity. So "my conversations" is a single-partition query whatever the number of
/// messages, and one point read of the caller's own entry says whether they take part and how many messages there are.
/// Messages live in the messages container, in their conversation's partition.
/// A send counts the message once on the recipient's unread count and on both entries' message count, and moves both
/// entries' last message forward only (<see cref="CountOnce"/>, the message being the fact); it tells the recipient (a
/// new_message notification) and the <see cref="IConversationObserver"/>s. Reading the messages stamps the
/// recipient's ones read and zeroes their count.
/// </summary>
public sealed class ConversationService(DocumentStore store, IdAllocator ids, AccountService accounts, CountOnce counts,
    NotificationService notifications, MessageSendLimit sendLimit, IEnumerable<IConversationObserver> observers, TimeProvider clock)
{
    public const int MaxMessageLength = 5000;
    public const int MaxClientMessageIdLength = 100;
    private const int PreviewLength = 100;

    /// <summary>One turn per stripe of conversations (see <see cref="CountAsync"/>).</summary>
    private readonly SemaphoreSlim[] _turns = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>The conversation between two accounts, started by the first if they have none yet. One per pair, however often called.</summary>
    public async Task<Conversation> StartOrGetConversationAsync(long initiatorId, long contributorId, CancellationToken ct = default)
    {
        if (initiatorId == contributorId) throw PlatformException.Invalid("You cannot start a conversation with yourself");
        var contributor = contributorId > 0 ? await accounts.FindAsync(contributorId, ct) : null;
        if (contributor is null || !contributor.IsActive) throw PlatformException.NotFound("User not found");
        return (await ClaimAsync(initiatorId, contributorId, ct)).Conversation;
    }

    /// <summary>
    /// A member opens a conversation with another active account: the pair's conversation as the member's list shows
    /// it, and whether this call opened it. Refusals name the field, as document 003 reports a bad related id.
    /// </summary>
    public async Task<OpenedConversation> OpenAsync(long userId, long? participantId, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (participantId is null) errors.Add("participant_id", "This field is required.");
        else if (participantId == userId) errors.Add("participant_id", "You cannot start a conversation with yourself.");
        errors.ThrowIfAny();
        var other = await accounts.FindAsync(participantId!.Value, ct);
        if (other is null || !other.IsActive)
            throw PlatformException.InvalidFields(new Dictionary<string, string>
            {
                ["participant_id"] = $"Invalid pk \"{participantId}\" - object does not exist.",
            });
        var (conversation, created) = await ClaimAsync(userId, other.UserId, ct);
        return new OpenedConversation(await GetAsync(conversation.ChatId, userId, ct), created);
    }

    /// <summary>The conversation with this id, or null.</summary>
    public async Task<Conversation?> FindAsync(long chatId, CancellationToken ct = default)
    {
        if (chatId <= 0) return null;
        var id = ChatKey(chatId);
        return (await store.ReadAsync<Header>(Containers.Conversations, id, id, ct))?.Document.ToConversation();
    }

    /// <summary>A conversation as its participant's list shows it; 404 when there is none, 403 to anyone else.</summary>
    public async Task<ConversationSummary> GetAsync(long chatId, long userId, CancellationToken ct = default) =>
        (await SummariesAsync([(await EntryOfAsync(chatId, userId, ct)).Entry], ct))[0];

    /// <summary>
    /// Adds a message from a participant. With the same client message id from the same sender, a retried send returns
    /// the message stored the first time (and finishes whatever the first attempt left undone); without one, every
    /// call is a new message. The message carries its sender as the conversation now shows them. A message a person sends
    /// (<paramref name="byPerson"/>: a route or socket) takes one of their sends per minute once it is valid.
    /// </summary>
    public async Task<ChatMessage> SendMessageAsync(long chatId, long senderId, string? text, string? clientMessageId, bool byPerson = false,
        CancellationToken ct = default)
    {
        // Who may send comes first: a stranger learns nothing about what a participant could send. The sender's account
        // (their names as they are now) is read meanwhile.
        var reading = accounts.FindAsync(senderId, ct);
        var (conversation, _, _) = await EntryOfAsync(chatId, senderId, ct);
        var errors = new FieldErrors();
        var body = text?.Trim() ?? "";
        if (body.Length == 0) errors.Add("content", "This field may not be blank.");
        else if (body.Length > MaxMessageLength) errors.Add("content", $"Ensure this field has no more than {MaxMessageLength} characters.");
        if (clientMessageId is not null && !IsValidClientId(clientMessageId))
            errors.Add("client_message_id", $"Up to {MaxClientMessageIdLength} letters, digits, '-', '_', '.' or ':'.");
        errors.ThrowIfAny();
        if (byPerson) await sendLimit.TakeAsync(senderId, ct);

        var sender = await reading is { } account ? Participant.Of(account) : Participant.Gone(senderId);
        var clientId = clientMessageId ?? Guid.NewGuid().ToString("N");
        var message = new ChatMessage(await ids.NextAsync("messages", ct), chatId, senderId, body, clientId, clock.GetUtcNow());
        var document = MessageDocument.Of(message);
        if (!await store.TryCreateAsync(Containers.Messages, document, document.Partition, ct))
        {
            var first = await store.ReadAsync<MessageDocument>(Containers.Messages, document.Id, document.Partition, ct)
                        ?? throw new PlatformException(ErrorKind.Conflict, "The message is changing, try again");
            message = first.Document.ToMessage();
        }
        message = message with { Sender = sender };

        // Also on a retry: an earlier attempt may have stopped before any of this, and none of it counts twice. The
        // sockets hear of the message once it is counted, so a client that lists on their frame sees it counted.
        var recipient = conversation.Other(senderId);
        await Task.WhenAll(CountAsync(conversation, message, ct),
            notifications.NotifyAsync(new NewNotification(recipient, $"message:{Key(message.Id)}:to:{Key(recipient)}",
                NotificationKinds.NewMessage, "New Message", $"{NameOf(sender)}: {Preview(message.Text)}", "conversation", chatId,
                new Dictionary<string, long> { ["conversation_id"] = chatId, ["message_id"] = message.Id }), ct));
        foreach (var observer in observers) await observer.MessageSentAsync(conversation, message, ct);
        return message;
    }

    /// <summary>
    /// One page of the account's conversations, the most recently active first, each as its own entry holds it; the
    /// count stops at <see cref="PageRequest.MaxReach"/>. Nothing is read per message: the entry keeps the last one.
    /// </summary>
    public async Task<Page<ConversationSummary>> ListAsync(long userId, ConversationFilter filter, PageRequest page, CancellationToken ct = default)
    {
        if (filter.WithUser == userId) return new Page<ConversationSummary>([], 0, page);
        var partition = UserKey(userId);
        var where = (filter.UnreadOnly ? " AND c.unread_count > 0" : "")
                    + (filter.WithUser is null ? "" : " AND (c.initiator_id = @with OR c.contributor_id = @with)");
        QueryDefinition Query(string select, string order) =>
            new QueryDefinition($"{select} FROM c WHERE c.partition = @partition{where}{order}")
                .WithParameter("@partition", partition).WithParameter("@with", filter.WithUser ?? 0);
        var counting = store.QueryListAsync<string>(Containers.Conversations, Query($"SELECT TOP {PageRequest.MaxReach} VALUE c.id", ""), partition,
            take: PageRequest.MaxReach, ct: ct);
        var reading = store.PartitionPageAsync<IndexEntry>(Containers.Conversations, Query("SELECT *", " ORDER BY c.last_activity_at DESC"),
            partition, 0, page, ct);
        var (matching, entries) = (await counting, await reading);
        return new Page<ConversationSummary>(await SummariesAsync(entries.Items, ct), matching.Count, page);
    }

    /// <summary>Document 002's list: one page of the account's conversations, the most recently active first, with both accounts.</summary>
    public async Task<IReadOnlyList<ConversationView>> ListConversationsAsync(long userId, PageRequest page, CancellationToken ct = default)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.partition = @partition ORDER BY c.last_activity_at DESC")
            .WithParameter("@partition", UserKey(userId));
        var entries = (await store.PartitionPageAsync<IndexEntry>(Containers.Conversations, query, UserKey(userId), 0, page, ct)).Items;
        var people = await accounts.GetManyAsync(entries.SelectMany(e => new[] { e.InitiatorId, e.ContributorId }), ct);
        return entries.Select(e => new ConversationView(e.ToConversation(), e.LastActivityAt, people.GetValueOrDefault(e.InitiatorId),
            people.GetValueOrDefault(e.ContributorId))).ToList();
    }

    /// <summary>
    /// One page of a conversation's messages, newest first, for its participants only, with the number of messages
    /// the reader's entry counts. Reading marks read (see <see cref="ReadAsync"/>).
    /// </summary>
    public async Task<Page<ChatMessage>> ReadMessagesAsync(long chatId, long readerId, PageRequest page, CancellationToken ct = default) =>
        (await ReadAsync(chatId, readerId, page, counted: true, ct)).Messages;

    /// <summary>The newest messages of a conversation, oldest first (a socket's history), marked read like a page.</summary>
    public async Task<IReadOnlyList<ChatMessage>> RecentMessagesAsync(long chatId, long readerId, int count, CancellationToken ct = default) =>
        (await ReadAsync(chatId, readerId, new PageRequest(0, count), counted: false, ct)).Messages.Items.Reverse().ToList();

    /// <summary>Document 002's history: one page of a conversation's messages, newest first, with the sender's account.</summary>
    public async Task<IReadOnlyList<MessageView>> ListMessagesAsync(long chatId, long userId, PageRequest page, CancellationToken ct = default)
    {
        var (conversation, messages) = await ReadAsync(chatId, userId, page, counted: false, ct);
        var people = await accounts.GetManyAsync(conversation.ParticipantIds, ct);
        return messages.Items.Select(m => new MessageView(m, people.GetValueOrDefault(m.SenderId))).ToList();
    }

    /// <summary>
    /// A page of messages, newest first, and its reading: the page's messages from the other participant that had no
    /// read_at get it now, and the reader's unread count goes to 0, on condition that their entry has not changed since
    /// it was read before the page (a message that came in meanwhile stays unread until the next read). The writes are
    /// bounded by the page and happen once: a second read finds nothing left to mark.
    /// </summary>
    private async Task<(Conversation Conversation, Page<ChatMessage> Messages)> ReadAsync(long chatId, long readerId, PageRequest page, bool counted,
        CancellationToken ct)
    {
        var (conversation, entry, etag) = await EntryOfAsync(chatId, readerId, ct);
        var partition = ChatKey(chatId);
        QueryDefinition Query(string select, string order) => new QueryDefinition($"{select} FROM c WHERE c.partition = @partition{order}")
            .WithParameter("@partition", partition);
        // Entries written before they counted messages count them with a capped query instead.
        var counting = counted && entry.MessageCount is null
            ? store.QueryListAsync<string>(Containers.Messages, Query($"SELECT TOP {PageRequest.MaxReach} VALUE c.id", ""), partition,
                take: PageRequest.MaxReach, ct: ct)
            : Task.FromResult(new List<string>());
        var reading = store.PartitionPageAsync<MessageDocument>(Containers.Messages, Query("SELECT *", " ORDER BY c.sent_at DESC"), partition, 0,
            page, ct);
        var (all, documents) = (await counting, await reading);

        var now = clock.GetUtcNow();
        var unread = documents.Items.Where(m => m.SenderId != readerId && m.ReadAt is null).ToList();
        await Task.WhenAll(unread.Select(m =>
            store.PatchAsync<MessageDocument>(Containers.Messages, m.Id, m.Partition, [PatchOperation.Set("/read_at", now)], ct)));
        if (entry.UnreadCount > 0 && etag is not null)
            await store.TryPatchAsync<IndexEntry>(Containers.Conversations, entry.Id, entry.Partition, [PatchOperation.Set("/unread_count", 0)], etag, ct);

        var summary = (await SummariesAsync([entry], ct))[0];
        var messages = documents.Items.Select(m => m.ToMessage() with
        {
            ReadAt = m.ReadAt ?? (unread.Contains(m) ? now : null), Sender = summary.Participant(m.SenderId),
        }).ToList();
        return (conversation, new Page<ChatMessage>(messages, entry.MessageCount ?? all.Count, page));
    }

    /// <summary>
    /// The caller's own entry of the conversation (one point read), which exists only for its participants; without
    /// one, the header tells an unknown conversation (404) from someone else's (403).
    /// </summary>
    private async Task<(Conversation Conversation, IndexEntry Entry, string? ETag)> EntryOfAsync(long chatId, long userId, CancellationToken ct)
    {
        if (chatId > 0 && await store.ReadAsync<IndexEntry>(Containers.Conversations, ChatKey(chatId), UserKey(userId), ct) is { } stored)
            return (stored.Document.ToConversation(), stored.Document, stored.ETag);
        var conversation = await FindAsync(chatId, ct) ?? throw PlatformException.NotFound("Conversation not found.");
        if (!conversation.Includes(userId)) throw PlatformException.Forbidden("You are not a participant of this conversation.");
        // The header is written after both entries, so this is only a conversation whose entry was lost.
        return (conversation, IndexEntry.Of(conversation, userId, []), null);
    }

    /// <summary>
    /// Claims the pair's conversation. The header is written last, so a conversation with a header has both index
    /// entries; a missing header means an earlier start stopped half-way, and the rest is written now.
    /// </summary>
    private async Task<(Conversation Conversation, bool Created)> ClaimAsync(long initiatorId, long contributorId, CancellationToken ct)
    {
        var pairId = DocumentKeys.PairId(initiatorId, contributorId);
        var claim = (await store.ReadAsync<PairClaim>(Containers.Conversations, pairId, pairId, ct))?.Document;
        var created = false;
        if (claim is null)
        {
            var candidate = new PairClaim(pairId, pairId, await ids.NextAsync("conversations", ct), initiatorId, contributorId, clock.GetUtcNow());
            created = await store.TryCreateAsync(Containers.Conversations, candidate, pairId, ct);
            claim = created
                ? candidate
                : (await store.ReadAsync<PairClaim>(Containers.Conversations, pairId, pairId, ct))?.Document
                  ?? throw new PlatformException(ErrorKind.Conflict, "The conversation is changing, try again");
        }
        var conversation = claim.ToConversation();
        if (await FindAsync(conversation.ChatId, ct) is null)
        {
            var people = await accounts.GetManyAsync(conversation.ParticipantIds, ct);
            var participants = conversation.ParticipantIds
                .Select(id => people.TryGetValue(id, out var account) ? Participant.Of(account) : Participant.Gone(id)).ToList();
            foreach (var owner in conversation.ParticipantIds)
                await store.TryCreateAsync(Containers.Conversations, IndexEntry.Of(conversation, owner, participants), UserKey(owner), ct);
            var header = Header.Of(conversation);
            await store.TryCreateAsync(Containers.Conversations, header, header.Partition, ct);
        }
        return (conversation, created);
    }

    /// <summary>
    /// Forgets an erased account in its conversations: the other participant keeps each conversation and its messages, with
    /// its copy of the account's names and picture gone (the account then reads as gone); the account's own entries go.
    /// </summary>
    public async Task<IReadOnlyList<Conversation>> ForgetParticipantAsync(long userId, CancellationToken ct = default)
    {
        var partition = UserKey(userId);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.partition = @partition").WithParameter("@partition", partition);
        var forgotten = new List<Conversation>();
        foreach (var entry in await store.QueryListAsync<IndexEntry>(Containers.Conversations, query, partition, ct: ct))
        {
            forgotten.Add(entry.ToConversation());
            var other = entry.InitiatorId == userId ? entry.ContributorId : entry.InitiatorId;
            // A patch of the copies alone: the entry's counters and their counted facts stay as they are.
            _ = await store.UpdateAsync<IndexEntry>(Containers.Conversations, entry.Id, UserKey(other), current =>
                [PatchOperation.Set("/participants", (current.Participants ?? []).Select(p => p.Id == userId ? Participant.Gone(userId) : p).ToList())], ct);
            await store.DeleteAsync(Containers.Conversations, entry.Id, partition, ct: ct);
        }
        return forgotten;
    }

    /// <summary>Summaries from entries; entries written before participants were copied onto them read those accounts.</summary>
    private async Task<IReadOnlyList<ConversationSummary>> SummariesAsync(IReadOnlyList<IndexEntry> entries, CancellationToken ct)
    {
        var missing = entries.SelectMany(e => e.ToConversation().ParticipantIds.Where(id => e.CopyOf(id) is null)).Distinct().ToList();
        var people = missing.Count == 0 ? new Dictionary<long, Account>() : await accounts.GetManyAsync(missing, ct);
        return entries.Select(e =>
        {
            var conversation = e.ToConversation();
            var participants = conversation.ParticipantIds.Select(id =>
                e.CopyOf(id) ?? (people.TryGetValue(id, out var account) ? Participant.Of(account) : Participant.Gone(id))).ToList();
            var last = e.LastMessage?.ToMessage(conversation.ChatId);
            return new ConversationSummary(conversation, participants, last is null ? null : last with
            {
                Sender = participants.FirstOrDefault(p => p.Id == last.SenderId),
            }, e.UnreadCount, e.LastActivityAt);
        }).ToList();
    }

    /// <summary>
    /// Counts a message on both participants' entries. Sends to one conversation take turns in this process: they all
    /// write the same two entries, and a burst of them would otherwise keep losing the ETag race to each other (across
    /// instances they still race, which a conversation between two people seldom makes them do).
    /// </summary>
    private async Task CountAsync(Conversation conversation, ChatMessage message, CancellationToken ct)
    {
        var turn = _turns[(int)(conversation.ChatId % _turns.Length)];
        await turn.WaitAsync(ct);
        try
        {
            await Task.WhenAll(conversation.ParticipantIds.Select(owner =>
                counts.CountAsync(MessageFact(message), [EntryCounter(conversation, owner, message)], ct)));
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>A participant's entry moved by a message: the recipient's unread count, and on both the message count, the last message and the sender's names.</summary>
    private static CounterTarget EntryCounter(Conversation conversation, long owner, ChatMessage message) =>
        new(Containers.Conversations, ChatKey(conversation.ChatId), UserKey(owner), owner == message.SenderId ? [] : [("/unread_count", 1)])
        {
            Also = stored => IndexEntry.MovedBy(stored.Deserialize<IndexEntry>(PlatformJson.Options)!, message),
        };

    private static string MessageFact(ChatMessage message) => "message:" + Key(message.Id);

    private static string NameOf(Participant p) => p.FullName.Length > 0 ? p.FullName : p.Username;

    private static string Preview(string text) => text.Length <= PreviewLength ? text : text[..PreviewLength] + "…";

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

    /// <summary>One participant's entry of a conversation, in their own partition, with what their list shows.</summary>
    private sealed record IndexEntry(string Id, string Partition, long ChatId, long InitiatorId, long ContributorId,
        DateTimeOffset CreatedAt, DateTimeOffset LastActivityAt)
    {
        /// <summary>Both participants as copies; null on entries written before copies were kept.</summary>
        public IReadOnlyList<Participant>? Participants { get; init; }

        public LastMessageCopy? LastMessage { get; init; }

        /// <summary>Messages from the other participant since this one last read the conversation.</summary>
        public long UnreadCount { get; init; }

        /// <summary>Messages of the conversation; null on entries written before they counted them.</summary>
        public long? MessageCount { get; init; }

        public static IndexEntry Of(Conversation c, long owner, IReadOnlyList<Participant> participants) =>
            new(ChatKey(c.ChatId), UserKey(owner), c.ChatId, c.InitiatorId, c.ContributorId, c.CreatedAt, c.CreatedAt)
            {
                Participants = participants, MessageCount = 0,
            };

        public Conversation ToConversation() => new(ChatId, InitiatorId, ContributorId, CreatedAt);

        public Participant? CopyOf(long userId) => Participants?.FirstOrDefault(p => p.Id == userId && p.Username.Length > 0);

        /// <summary>
        /// What a message changes besides the unread count: the message count (on entries that keep one), the sender's
        /// copy (their names as they are now), and the last message and activity only when the message is newer than
        /// the last one, so sends patched out of order leave the newest.
        /// </summary>
        public static IEnumerable<PatchOperation> MovedBy(IndexEntry entry, ChatMessage message)
        {
            if (entry.MessageCount is not null) yield return PatchOperation.Increment("/message_count", 1);
            var participants = entry.ToConversation().ParticipantIds
                .Select(id => id == message.SenderId ? message.Sender ?? Participant.Gone(id) : entry.CopyOf(id))
                .Where(p => p is not null).ToList();
            yield return PatchOperation.Set("/participants", participants);
            var copy = LastMessageCopy.Of(message);
            if (string.CompareOrdinal(copy.Order, entry.LastMessage?.Order ?? "") <= 0) yield break;
            yield return PatchOperation.Set("/last_message", copy);
            yield return PatchOperation.Set("/last_activity_at", message.SentAt);
        }
    }

    /// <summary>The last message as an entry keeps it; its order sorts by time, then id.</summary>
    private sealed record LastMessageCopy(long MessageId, string Text, long SenderId, DateTimeOffset SentAt, string Order)
    {
        public static LastMessageCopy Of(ChatMessage m) => new(m.Id, m.Text, m.SenderId, m.SentAt, DocumentKeys.TimeOrder(m.SentAt, m.Id));

        public ChatMessage ToMessage(long chatId) => new(MessageId, chatId, SenderId, Text, "", SentAt);
    }

    private sealed record MessageDocument(string Id, string Partition, long MessageId, long ChatId, long SenderId, string Text,
        string ClientMessageId, DateTimeOffset SentAt)
    {
        /// <summary>When the recipient first listed the message; null while unread.</summary>
        public DateTimeOffset? ReadAt { get; init; }

        public static MessageDocument Of(ChatMessage m) =>
            new($"msg:{Key(m.SenderId)}:{m.ClientMessageId}", ChatKey(m.ChatId), m.Id, m.ChatId, m.SenderId, m.Text, m.ClientMessageId, m.SentAt);

        public ChatMessage ToMessage() => new(MessageId, ChatId, SenderId, Text, ClientMessageId, SentAt, ReadAt);
    }
}
