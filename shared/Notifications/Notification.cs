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
}

/// <summary>
/// A notification for one account, in that account's partition ("user:{id}") of the notifications container, beside
/// its job notifications. Its id is derived from the fact it tells of, so telling it twice stores it once, and its
/// number (<see cref="NotificationId"/>, document 003's integer "id") is derived from the same fact: the read mark is a
/// point read in the owner's partition. <see cref="Data"/> carries the ids a client follows (application, job).
/// </summary>
public sealed record Notification(string Id, string Partition, long NotificationId, long UserId, string Kind, string Title, string Message,
    string? RelatedObjectType, long? RelatedObjectId, IReadOnlyDictionary<string, long> Data, bool IsRead, DateTimeOffset? ReadAt,
    DateTimeOffset CreatedAt, bool Pushed);

/// <summary>A notification to tell: whom, about what, and the fact it stands for (the same fact always means the same notification).</summary>
public sealed record NewNotification(long UserId, string Fact, string Kind, string Title, string Message, string? RelatedObjectType = null,
    long? RelatedObjectId = null, IReadOnlyDictionary<string, long>? Data = null);
