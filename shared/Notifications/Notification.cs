using CareerNexus.Storage;

namespace CareerNexus.Notifications;

/// <summary>What a notification is about, as document 003's notification module names its types.</summary>
public static class NotificationKinds
{
    public const string ApplicationReceived = "application_received";
    public const string ApplicationStatusChanged = "application_status_changed";
    public const string NewMessage = "new_message";
    public const string NewJobMatch = "new_job_match";
    public const string JobPosted = "job_posted";
    public const string InterviewScheduled = "interview_scheduled";
    public const string TestAssigned = "test_assigned";

    /// <summary>Every type a list may be filtered on: document 003's six and the recruiter's application_received.</summary>
    public static readonly IReadOnlyList<string> All =
        [ApplicationStatusChanged, NewMessage, NewJobMatch, JobPosted, InterviewScheduled, TestAssigned, ApplicationReceived];
}

/// <summary>
/// A notification for one account, in that account's partition ("user:{id}") of the notifications container, beside
/// its job notifications. Its id is derived from the fact it tells of, so telling it twice stores it once, and its
/// number (<see cref="NotificationId"/>, document 003's integer "id") is derived from the same fact: the read mark is a
/// point read in the owner's partition. <see cref="Data"/> carries the ids a client follows (application, job).
/// </summary>
public sealed record Notification(string Id, string Partition, long NotificationId, long UserId, string Kind, string Title, string Message,
    string? RelatedObjectType, long? RelatedObjectId, IReadOnlyDictionary<string, long> Data, bool IsRead, DateTimeOffset? ReadAt,
    DateTimeOffset CreatedAt, bool Pushed)
{
    /// <summary>Creation time then number, as text: the list's order, newest first, and what a mark-all-read covers.</summary>
    public string Sort { get; init; } = "";

    /// <summary>CountOnce's flags: false until the account's counters have the notification, and (once read) its reading.</summary>
    public bool? Counted { get; init; }
    public bool? ReadCounted { get; init; }
}

/// <summary>A notification to tell: whom, about what, and the fact it stands for (the same fact always means the same notification).</summary>
public sealed record NewNotification(long UserId, string Fact, string Kind, string Title, string Message, string? RelatedObjectType = null,
    long? RelatedObjectId = null, IReadOnlyDictionary<string, long>? Data = null);

/// <summary>
/// The stored counters of one account's notifications ("counts" in its partition), moved once per fact by CountOnce:
/// every notification counts once on creation and once when read on its own. A mark-all-read is one write here: it
/// sets the unread counters to 0 and moves <see cref="ReadAllBefore"/>, and every notification sorted at or before
/// that mark reads as read, however many there are.
/// </summary>
public sealed class NotificationCounts : ICountedFacts
{
    public const string Key = "counts";

    /// <summary>How many mark-all-read times are kept, for the read_at of the notifications they covered.</summary>
    public const int MaxReadMarks = 10;

    public string Id { get; set; } = Key;
    public string Partition { get; set; } = "";
    public long Total { get; set; }
    public long Unread { get; set; }
    public Dictionary<string, long> TotalByKind { get; set; } = new();
    public Dictionary<string, long> UnreadByKind { get; set; } = new();

    /// <summary>The newest <see cref="Notification.Sort"/> the last mark-all-read covered ("" before any).</summary>
    public string ReadAllBefore { get; set; } = "";

    public List<ReadMark> ReadMarks { get; set; } = [];
    public List<string>? CountedFacts { get; set; }

    public static NotificationCounts Empty(string partition) => new() { Partition = partition, CountedFacts = [] };

    public bool CoveredByReadAll(Notification n) => string.CompareOrdinal(n.Sort, ReadAllBefore) <= 0;

    /// <summary>When the mark-all-read that covered the notification was made (the oldest kept, for one older than them all).</summary>
    public DateTimeOffset? ReadAllAt(Notification n) =>
        ReadMarks.FirstOrDefault(m => string.CompareOrdinal(n.Sort, m.Before) <= 0)?.At ?? ReadMarks.FirstOrDefault()?.At;

    /// <summary>The stored count a list shows: all, unread only, of one type, or both.</summary>
    public long CountOf(bool unreadOnly, string? kind) => Math.Max(0, (unreadOnly, kind) switch
    {
        (false, null) => Total,
        (true, null) => Unread,
        (false, { } k) => TotalByKind.GetValueOrDefault(k),
        (true, { } k) => UnreadByKind.GetValueOrDefault(k),
    });
}

/// <summary>A mark-all-read: the newest notification it covered, and when it was made.</summary>
public sealed record ReadMark(string Before, DateTimeOffset At);

/// <summary>A list's filters: unread only, one type (null: every type).</summary>
public sealed record NotificationFilter(bool UnreadOnly, string? Kind);
