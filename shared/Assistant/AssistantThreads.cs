using System.Security.Cryptography;
using CareerNexus.Common;
using CareerNexus.Storage;
using CareerNexus.Verification;

namespace CareerNexus.Assistant;

/// <summary>The three assistants; a thread belongs to one of them.</summary>
public static class AssistantKinds
{
    public const string Agent = "agent";
    public const string ResumeChat = "resume-chat";
    public const string CareerCoach = "career-coach";
}

/// <summary>One question and its answer in a thread.</summary>
public sealed record ThreadTurn(string Input, string Output, DateTimeOffset At);

/// <summary>
/// A conversation with one assistant, in a partition of its own (the keyed digest of its thread id, which is never stored):
/// who may continue it (an account, or nobody's account: whoever holds the id, on the same profile), the profile it is about,
/// what it remembers (<see cref="ThreadContext"/>) and its last <see cref="AssistantThreads.KeptTurns"/> turns. It expires
/// <see cref="AssistantThreads.IdleDays"/> days after its last turn.
/// </summary>
public sealed class AssistantThread
{
    public string Id { get; set; } = "";
    public string Partition { get; set; } = "";
    public string Kind { get; set; } = "";

    /// <summary>The account that started it; null for a thread started without a token.</summary>
    public long? CallerId { get; set; }

    /// <summary>The profile a resume-chat or coaching thread is about, and its owner (for erasure).</summary>
    public string? Slug { get; set; }
    public long? SubjectUserId { get; set; }

    public ThreadContext Context { get; set; } = new();
    public List<ThreadTurn> Turns { get; set; } = [];
    public long TurnCount { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Ttl { get; set; }
}

/// <summary>
/// The assistants' threads. A thread id is 256 random bits (43 characters, base64url) handed to the caller once; the store
/// keeps only its keyed digest (with the assistant's kind, so an id names a thread of one assistant only). A signed-in
/// caller's thread is theirs alone; a thread started without a token belongs to no account: it may be continued only
/// without a token, and only on the profile it was started on, by whoever holds its id (the id is the secret). Any other
/// use is refused (403); an unknown id is a 404. A turn reads the thread (one point read) and writes it back (one replace
/// under its ETag), whatever the number of threads or turns.
/// </summary>
public sealed class AssistantThreads(DocumentStore store, OneTimeSecrets secrets, TimeProvider clock)
{
    /// <summary>Turns a thread keeps (the earlier ones go); what follow-ups need is in its context.</summary>
    public const int KeptTurns = 20;

    public const int IdleDays = 30;

    private const int IdLength = 43;

    /// <summary>Whether a text can be a thread id at all (anything else is a 400 on thread_id).</summary>
    public static bool IsThreadId(string text) => text.Length == IdLength && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>A new thread, not stored until its first turn is (<see cref="SaveAsync"/>): its id and document.</summary>
    public (string ThreadId, Stored<AssistantThread>? Stored, AssistantThread Thread) Start(string kind, long? callerId, string? slug, long? subjectUserId)
    {
        var threadId = Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = Key(kind, threadId);
        var now = clock.GetUtcNow();
        return (threadId, null, new AssistantThread
        {
            Id = key, Partition = key, Kind = kind, CallerId = callerId, Slug = slug, SubjectUserId = subjectUserId, CreatedAt = now, UpdatedAt = now,
        });
    }

    /// <summary>The caller's thread of this assistant, on this profile: one point read; refused when it is another caller's.</summary>
    public async Task<Stored<AssistantThread>> ContinueAsync(string kind, string threadId, long? callerId, string? slug, CancellationToken ct = default)
    {
        var key = Key(kind, threadId);
        var stored = await store.ReadAsync<AssistantThread>(Containers.AssistantThreads, key, key, ct)
                     ?? throw PlatformException.NotFound("Conversation not found: start one without thread_id.");
        var thread = stored.Document;
        if (thread.CallerId != callerId)
            throw PlatformException.Forbidden(thread.CallerId is null
                ? "This conversation was started without signing in: continue it without a token."
                : "This conversation belongs to another caller.");
        if (thread.Slug != slug) throw PlatformException.Forbidden("This conversation is about another profile.");
        return stored;
    }

    /// <summary>
    /// Stores the turn: creates the thread, or replaces it under the ETag it was read with. When another turn was stored in
    /// between, the thread is read again and this turn added to it, so no turn is lost.
    /// </summary>
    public async Task SaveAsync(AssistantThread thread, Stored<AssistantThread>? read, ThreadTurn turn, ThreadContext context, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            thread.Turns.Add(turn);
            if (thread.Turns.Count > KeptTurns) thread.Turns.RemoveRange(0, thread.Turns.Count - KeptTurns);
            thread.TurnCount++;
            thread.Context = context;
            thread.UpdatedAt = clock.GetUtcNow();
            thread.Ttl = IdleDays * 24 * 3600;
            var written = read is null
                ? await store.TryCreateAsync(Containers.AssistantThreads, thread, thread.Partition, ct)
                : await store.TryReplaceAsync(Containers.AssistantThreads, thread.Id, thread, thread.Partition, read.ETag, ct);
            if (written) return;
            read = await store.ReadAsync<AssistantThread>(Containers.AssistantThreads, thread.Id, thread.Partition, ct)
                   ?? throw new InvalidOperationException("The conversation went away while it was written.");
            thread = read.Document;
            await DocumentStore.ContendedAsync(attempt, ct);
        }
    }

    private string Key(string kind, string threadId) => "thread:" + secrets.Digest("assistant-thread:" + kind, threadId);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
