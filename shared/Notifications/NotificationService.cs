using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CareerNexus.Common;
using CareerNexus.Realtime;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Notifications;

/// <summary>One page of an account's notifications, with its unread count (the badge), both stored counters.</summary>
public sealed record NotificationPage(Page<Notification> Page, long UnreadCount);

/// <summary>
/// Stores, counts and pushes the platform's notifications, and serves an account's list and read marks. Each is created
/// once per fact (a deterministic id), counted once on the account's stored counters, pushed on the account's realtime
/// connections, then marked counted and pushed, so a retry does only what was not done yet.
/// </summary>
public sealed class NotificationService(DocumentStore store, CountOnce counting, IRealtimeNotifier notifier, TimeProvider clock)
{
    /// <summary>The realtime event a connected client receives; the job notifications hub carries it until a hub of its own exists.</summary>
    public const string Target = "notification";

    public async Task<Notification> NotifyAsync(NewNotification request, CancellationToken ct = default)
    {
        var number = NumberOf(request.Fact);
        var partition = DocumentKeys.UserPartition(request.UserId);
        var now = clock.GetUtcNow();
        var notification = new Notification(Key(number), partition, number, request.UserId, request.Kind, request.Title, request.Message,
            request.RelatedObjectType, request.RelatedObjectId, request.Data ?? new Dictionary<string, long>(), IsRead: false, ReadAt: null,
            now, Pushed: false) { Sort = DocumentKeys.TimeOrder(now, number), Counted = false };
        if (!await store.TryCreateAsync(Containers.Notifications, notification, partition, ct))
        {
            var stored = (await store.ReadAsync<Notification>(Containers.Notifications, notification.Id, partition, ct))?.Document;
            // Counted null: stored before notifications were counted, and never will be.
            if (stored is null || (stored.Pushed && stored.Counted != false)) return stored ?? notification;
            notification = stored;
        }
        var done = new List<PatchOperation> { PatchOperation.Set("/pushed", true) };
        if (notification.Counted == false)
        {
            await CountCreatedAsync(notification, ct);
            done.Add(PatchOperation.Set("/counted", true));
        }
        if (!notification.Pushed) await notifier.SendToUserAsync(Hubs.JobNotifications, request.UserId, Target, Payload(notification), ct);
        await store.PatchAsync<Notification>(Containers.Notifications, notification.Id, partition, done, ct);
        return notification with { Pushed = true, Counted = notification.Counted is null ? null : true };
    }

    /// <summary>The notification of one account by its number, or null (another account's number finds nothing: it is not in this partition).</summary>
    public async Task<Notification?> FindAsync(long userId, long notificationId, CancellationToken ct = default) =>
        notificationId <= 0 ? null
            : (await store.ReadAsync<Notification>(Containers.Notifications, Key(notificationId), DocumentKeys.UserPartition(userId), ct))?.Document;

    /// <summary>
    /// The account's notifications, newest first: the stored counters give the count (of the filter) and the unread
    /// count, and the page is one query in the account's partition, read no further than its end.
    /// </summary>
    public async Task<NotificationPage> ListAsync(long userId, NotificationFilter filter, PageRequest page, CancellationToken ct = default)
    {
        if (filter.Kind is { } kind && !NotificationKinds.All.Contains(kind))
            throw PlatformException.InvalidFields(new Dictionary<string, string>
            {
                ["type"] = $"Select a valid choice. {kind} is not one of the available choices: {string.Join(", ", NotificationKinds.All)}.",
            });
        var partition = DocumentKeys.UserPartition(userId);
        var counts = await CountsAsync(partition, ct);
        var where = new StringBuilder("c.partition = @partition AND IS_DEFINED(c.sort)");
        if (filter.Kind is not null) where.Append(" AND c.kind = @kind");
        if (filter.UnreadOnly) where.Append(" AND c.is_read = false AND c.sort > @readAllBefore");
        var query = new QueryDefinition($"SELECT * FROM c WHERE {where} ORDER BY c.sort DESC")
            .WithParameter("@partition", partition).WithParameter("@kind", filter.Kind ?? "").WithParameter("@readAllBefore", counts.ReadAllBefore);
        var found = await store.PartitionPageAsync<Notification>(Containers.Notifications, query, partition,
            counts.CountOf(filter.UnreadOnly, filter.Kind), page, ct);
        return new NotificationPage(found.Map(n => AsShown(n, counts)), counts.CountOf(true, null));
    }

    /// <summary>
    /// Marks one of the account's notifications read (404 for a number not in its partition). Marking a read one again
    /// changes nothing; a repeat after a stop finishes the counting the first attempt left.
    /// </summary>
    public async Task<Notification> MarkReadAsync(long userId, long notificationId, CancellationToken ct = default)
    {
        var partition = DocumentKeys.UserPartition(userId);
        for (var attempt = 1; ; attempt++)
        {
            var stored = notificationId <= 0 ? null
                : await store.ReadAsync<Notification>(Containers.Notifications, Key(notificationId), partition, ct);
            if (stored is null) throw PlatformException.NotFound("Not found.");
            var notification = stored.Document;
            // A creation not counted yet is counted first, so that its reading takes back what it added.
            var counted = notification.Counted == false;
            if (counted) await CountCreatedAsync(notification, ct);
            if (notification.IsRead)
            {
                if (notification.ReadCounted == false) await CountReadAsync(notification, ct);
                return notification;
            }
            var counts = await CountsAsync(partition, ct);
            if (counts.CoveredByReadAll(notification)) return AsShown(notification, counts);

            var readAt = clock.GetUtcNow();
            List<PatchOperation> marking =
                [PatchOperation.Set("/is_read", true), PatchOperation.Set("/read_at", readAt), PatchOperation.Set("/read_counted", false)];
            if (counted) marking.Add(PatchOperation.Set("/counted", true));
            var read = await store.TryPatchAsync<Notification>(Containers.Notifications, notification.Id, partition, marking, stored.ETag, ct);
            if (read is null)
            {
                await DocumentStore.ContendedAsync(attempt, ct);
                continue;
            }
            await CountReadAsync(read.Document, ct);
            return read.Document with { ReadCounted = true };
        }
    }

    /// <summary>
    /// Marks every notification of the account read with one write, whatever the backlog: the unread counters go to 0
    /// and the mark moves to the newest notification stored, so that every one sorted at or before it reads as read.
    /// Answers how many were unread; a repeat finds none and writes nothing.
    /// </summary>
    public async Task<long> MarkAllReadAsync(long userId, CancellationToken ct = default)
    {
        var partition = DocumentKeys.UserPartition(userId);
        var newest = new QueryDefinition("SELECT TOP 1 VALUE c.sort FROM c WHERE c.partition = @partition AND IS_DEFINED(c.sort) ORDER BY c.sort DESC")
            .WithParameter("@partition", partition);
        for (var attempt = 1; ; attempt++)
        {
            // The counters first: a notification counted after this read changes their ETag, and the write below is retried.
            var stored = await store.ReadAsync<NotificationCounts>(Containers.Notifications, NotificationCounts.Key, partition, ct);
            if (stored is null || stored.Document.Unread <= 0) return 0;
            var counts = stored.Document;
            var mark = (await store.QueryListAsync<string>(Containers.Notifications, newest, partition, take: 1, ct: ct)).FirstOrDefault() ?? "";
            if (string.CompareOrdinal(mark, counts.ReadAllBefore) < 0) mark = counts.ReadAllBefore;
            var marks = counts.ReadMarks.Append(new ReadMark(mark, clock.GetUtcNow())).TakeLast(NotificationCounts.MaxReadMarks).ToList();
            if (await store.TryPatchAsync<NotificationCounts>(Containers.Notifications, NotificationCounts.Key, partition,
                [
                    PatchOperation.Set("/unread", 0), PatchOperation.Set("/unread_by_kind", new Dictionary<string, long>()),
                    PatchOperation.Set("/read_all_before", mark), PatchOperation.Set("/read_marks", marks),
                ], stored.ETag, ct) is not null)
                return counts.Unread;
            await DocumentStore.ContendedAsync(attempt, ct);
        }
    }

    /// <summary>Rewrites the message of every notification of one kind about one object (a conversation with an account since erased).</summary>
    public async Task RewordAllAsync(long userId, string kind, long relatedObjectId, string message, CancellationToken ct = default)
    {
        var partition = DocumentKeys.UserPartition(userId);
        var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.partition = @partition AND c.kind = @kind AND c.related_object_id = @related")
            .WithParameter("@partition", partition).WithParameter("@kind", kind).WithParameter("@related", relatedObjectId);
        foreach (var id in await store.QueryListAsync<string>(Containers.Notifications, query, partition, ct: ct))
            await store.PatchAsync<Notification>(Containers.Notifications, id, partition, [PatchOperation.Set("/message", message)], ct);
    }

    /// <summary>Rewrites the message of the notification a fact made (one that named an account since erased); none is fine.</summary>
    public Task RewordAsync(long userId, string fact, string message, CancellationToken ct = default) =>
        store.PatchAsync<Notification>(Containers.Notifications, Key(NumberOf(fact)), DocumentKeys.UserPartition(userId),
            [PatchOperation.Set("/message", message)], ct);

    /// <summary>The notification number of a fact: 53 bits of its SHA-256, a JSON-safe integer, the same on every retry.</summary>
    public static long NumberOf(string fact)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(fact));
        var number = (long)(BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11);
        return number == 0 ? 1 : number;
    }

    private static string Key(long number) => "notification:" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Counts a new notification on the account's counters (made on its first notification): always in the totals,
    /// and as unread unless a mark-all-read already covers it.
    /// </summary>
    private async Task CountCreatedAsync(Notification n, CancellationToken ct)
    {
        IEnumerable<PatchOperation> Change(NotificationCounts counts)
        {
            yield return PatchOperation.Increment("/total", 1);
            yield return PatchOperation.Increment($"/total_by_kind/{n.Kind}", 1);
            if (n.IsRead || counts.CoveredByReadAll(n)) yield break;
            yield return PatchOperation.Increment("/unread", 1);
            yield return PatchOperation.Increment($"/unread_by_kind/{n.Kind}", 1);
        }
        var fact = "n:" + n.NotificationId.ToString(CultureInfo.InvariantCulture);
        if (await counting.ApplyAsync<NotificationCounts>(fact, Containers.Notifications, NotificationCounts.Key, n.Partition, Change, ct)) return;
        await store.TryCreateAsync(Containers.Notifications, NotificationCounts.Empty(n.Partition), n.Partition, ct);
        await counting.ApplyAsync<NotificationCounts>(fact, Containers.Notifications, NotificationCounts.Key, n.Partition, Change, ct);
    }

    /// <summary>Takes a notification read on its own off the unread counters, unless a mark-all-read has set them to 0 since.</summary>
    private async Task CountReadAsync(Notification n, CancellationToken ct)
    {
        if (n.Counted is not null)
            await counting.ApplyAsync<NotificationCounts>("r:" + n.NotificationId.ToString(CultureInfo.InvariantCulture), Containers.Notifications,
                NotificationCounts.Key, n.Partition, counts => counts.CoveredByReadAll(n)
                    ? null
                    : [PatchOperation.Increment("/unread", -1), PatchOperation.Increment($"/unread_by_kind/{n.Kind}", -1)], ct);
        await store.PatchAsync<Notification>(Containers.Notifications, n.Id, n.Partition, [PatchOperation.Set("/read_counted", true)], ct);
    }

    private async Task<NotificationCounts> CountsAsync(string partition, CancellationToken ct) =>
        (await store.ReadAsync<NotificationCounts>(Containers.Notifications, NotificationCounts.Key, partition, ct))?.Document
        ?? NotificationCounts.Empty(partition);

    /// <summary>A notification as its owner sees it: one a mark-all-read covered is read, since that mark's time.</summary>
    private static Notification AsShown(Notification n, NotificationCounts counts) =>
        n.IsRead || !counts.CoveredByReadAll(n) ? n : n with { IsRead = true, ReadAt = counts.ReadAllAt(n) };

    /// <summary>What a connected client receives: document 003's notification fields.</summary>
    public static object Payload(Notification n) => new
    {
        id = n.NotificationId,
        type = n.Kind,
        title = n.Title,
        message = n.Message,
        related_object_type = n.RelatedObjectType,
        related_object_id = n.RelatedObjectId,
        data = n.Data,
        is_read = n.IsRead,
        created_at = n.CreatedAt,
    };
}
