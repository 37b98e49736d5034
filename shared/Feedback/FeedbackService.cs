using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Feedback;

/// <summary>Feedback as a member sends it (document 004's add-feedback); the attachment is stored by the caller once the rest is valid.</summary>
public sealed record FeedbackFields(string? Urgency, string? Subject, string? Message, string? Emoji);

/// <summary>A feedback as stored, in the one "feedback" partition, with a copy of its sender (removed when the sender's account is erased).</summary>
public sealed class FeedbackEntry
{
    public const string Partition = "feedback";

    public string Id { get; set; } = "";
    public string PartitionKey { get; set; } = Partition;
    public long FeedbackId { get; set; }
    public long? SenderId { get; set; }
    public string SenderEmail { get; set; } = "";
    public string SenderName { get; set; } = "";
    public string Urgency { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Message { get; set; } = "";
    public string Emoji { get; set; } = "";
    public string? AttachmentUrl { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Newest first by one field (created_at, then the id).</summary>
    public string Sort { get; set; } = "";
}

/// <summary>
/// Members' feedback to the platform's team: stored with its sender, newest first in one partition (feedback is rare: the
/// partition's 20 GB hold millions), read by administrators only.
/// </summary>
public sealed class FeedbackService(DocumentStore store, IdAllocator ids, AdminPolicy admins, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Urgencies = ["low", "medium", "high", "critical"];
    public const int MaxSubjectLength = 200;
    public const int MaxMessageLength = 5000;
    public const int MaxEmojiLength = 16;

    /// <summary>Checks the fields (400 naming each bad one), so that an attachment is stored only for valid feedback.</summary>
    public static void Check(FeedbackFields fields)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(fields.Urgency)) errors.Add("urgency", "This field is required.");
        else if (!Urgencies.Contains(fields.Urgency.Trim().ToLowerInvariant()))
            errors.Add("urgency", $"\"{fields.Urgency}\" is not a valid choice: {string.Join(", ", Urgencies)}.");
        if (string.IsNullOrWhiteSpace(fields.Subject)) errors.Add("subject", "This field is required.");
        if (string.IsNullOrWhiteSpace(fields.Message)) errors.Add("message", "This field is required.");
        AccountRules.CheckText(fields.Subject?.Trim(), MaxSubjectLength, errors, "subject");
        AccountRules.CheckText(fields.Message?.Trim(), MaxMessageLength, errors, "message");
        AccountRules.CheckText(fields.Emoji?.Trim(), MaxEmojiLength, errors, "emoji");
        errors.ThrowIfAny();
    }

    public async Task<FeedbackEntry> SendAsync(Account sender, FeedbackFields fields, Func<Task<string?>> attachment, CancellationToken ct = default)
    {
        Check(fields);
        var now = clock.GetUtcNow();
        var id = await ids.NextAsync("feedback", ct);
        var url = await attachment();
        var entry = new FeedbackEntry
        {
            Id = Key(id), FeedbackId = id, SenderId = sender.UserId, SenderEmail = sender.Email, SenderName = sender.FullName(),
            Urgency = fields.Urgency!.Trim().ToLowerInvariant(), Subject = fields.Subject!.Trim(), Message = fields.Message!.Trim(),
            Emoji = fields.Emoji?.Trim() ?? "", AttachmentUrl = string.IsNullOrEmpty(url) ? null : url, CreatedAt = now,
            Sort = DocumentKeys.TimeOrder(now, id),
        };
        await store.UpsertAsync(Containers.Feedback, entry, FeedbackEntry.Partition, ct);
        return entry;
    }

    /// <summary>A page of feedback, newest first, for administrators (403 for anyone else): one single-partition query.</summary>
    public async Task<IReadOnlyList<FeedbackEntry>> ListAsync(Caller caller, PageRequest page, CancellationToken ct = default)
    {
        await admins.RequireAdminAsync(caller, "Only administrators read feedback.", ct);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.partition_key = @partition ORDER BY c.sort DESC")
            .WithParameter("@partition", FeedbackEntry.Partition);
        return (await store.PartitionPageAsync<FeedbackEntry>(Containers.Feedback, query, FeedbackEntry.Partition, 0, page, ct)).Items;
    }

    /// <summary>Every feedback of one sender (for the erasure of their account): one single-partition query.</summary>
    public Task<List<FeedbackEntry>> OfSenderAsync(long senderId, CancellationToken ct = default) =>
        store.QueryListAsync<FeedbackEntry>(Containers.Feedback,
            new QueryDefinition("SELECT * FROM c WHERE c.partition_key = @partition AND c.sender_id = @sender")
                .WithParameter("@partition", FeedbackEntry.Partition).WithParameter("@sender", senderId), FeedbackEntry.Partition, ct: ct);

    /// <summary>Keeps a feedback's text but not who sent it nor its attachment.</summary>
    public Task AnonymiseAsync(FeedbackEntry entry, CancellationToken ct = default) =>
        store.PatchAsync<FeedbackEntry>(Containers.Feedback, entry.Id, FeedbackEntry.Partition,
        [
            PatchOperation.Set<long?>("/sender_id", null), PatchOperation.Set("/sender_email", ""), PatchOperation.Set("/sender_name", ""),
            PatchOperation.Set<string?>("/attachment_url", null),
        ], ct);

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}

public static class FeedbackServices
{
    public static IServiceCollection AddFeedback(this IServiceCollection services) => services.AddSingleton<FeedbackService>();
}
