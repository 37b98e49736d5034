using System.Globalization;
using CareerNexus.Queues;

namespace CareerNexus.Notifications;

/// <summary>
/// Whom a fact is told to, a page at a time (a company's followers, a job's applicants): the feature that knows them
/// registers one, and the notifications queue walks it. <paramref name="after"/> is the cursor the previous page
/// returned ("" for the first); a page answers its notifications and the cursor of the next page, or null at the end.
/// </summary>
public interface INotificationAudience
{
    /// <summary>The audience's name in queue messages: letters, digits and '-'.</summary>
    string Name { get; }

    Task<AudiencePage> PageAsync(long subject, string after, int size, CancellationToken ct);
}

public sealed record AudiencePage(IReadOnlyList<NewNotification> Notifications, string? Next);

/// <summary>
/// Starts telling an audience about a subject (a job id...) through the notifications queue, so that the request that
/// caused it sends one message whatever the audience's size. The first message's id is the audience and subject: a
/// repeated start within the queue's duplicate window sends nothing twice, and every notification is once per fact anyway.
/// </summary>
public sealed class NotificationFanOut(IMessageQueue queue)
{
    /// <summary>How many recipients one delivery tells.</summary>
    public const int PageSize = 100;

    public Task StartAsync(string audience, long subject, CancellationToken ct = default) => SendAsync(audience, subject, "", ct);

    internal Task SendAsync(string audience, long subject, string after, CancellationToken ct)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{audience}:{subject}:{after}");
        return queue.SendAsync(QueueNames.Notifications, body, body, ct);
    }
}

/// <summary>
/// The notifications queue ("{audience}:{subject}:{after}"): tells one page of the audience, then sends the message of
/// the next page. A redelivery tells the same page again, which stores and pushes nothing twice, and sends the same
/// next message (the same id); so each delivery costs one page, however large the audience.
/// </summary>
public sealed class NotificationFanOutHandler(IEnumerable<INotificationAudience> audiences, NotificationService notifications,
    NotificationFanOut fanOut) : IQueueHandler
{
    private const int Parallelism = 8;

    public string Queue => QueueNames.Notifications;

    public async Task HandleAsync(QueueMessage message, CancellationToken ct)
    {
        var parts = message.Body.Split(':', 3);
        if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var subject))
            throw new FormatException("The message body is not a notification fan-out.");
        var audience = audiences.FirstOrDefault(a => a.Name == parts[0]) ?? throw new FormatException($"No notification audience is named {parts[0]}.");
        var page = await audience.PageAsync(subject, parts[2], NotificationFanOut.PageSize, ct);
        await Parallel.ForEachAsync(page.Notifications, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
            async (notification, token) => await notifications.NotifyAsync(notification, token));
        if (page.Next is { } next) await fanOut.SendAsync(audience.Name, subject, next, ct);
    }
}
