using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CareerNexus.Realtime;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Notifications;

/// <summary>
/// Stores and pushes the platform's notifications. Like job notifications, each is created once per fact (a
/// deterministic id), pushed on the account's realtime connections, then marked pushed, so a retry pushes only what
/// was not pushed yet.
/// </summary>
public sealed class NotificationService(DocumentStore store, IRealtimeNotifier notifier, TimeProvider clock)
{
    /// <summary>The realtime event a connected client receives; the job notifications hub carries it until a hub of its own exists.</summary>
    public const string Target = "notification";

    public async Task<Notification> NotifyAsync(NewNotification request, CancellationToken ct = default)
    {
        var number = NumberOf(request.Fact);
        var partition = DocumentKeys.UserPartition(request.UserId);
        var notification = new Notification(Key(number), partition, number, request.UserId, request.Kind, request.Title, request.Message,
            request.RelatedObjectType, request.RelatedObjectId, request.Data ?? new Dictionary<string, long>(), IsRead: false, ReadAt: null,
            clock.GetUtcNow(), Pushed: false);
        if (!await store.TryCreateAsync(Containers.Notifications, notification, partition, ct))
        {
            var stored = (await store.ReadAsync<Notification>(Containers.Notifications, notification.Id, partition, ct))?.Document;
            if (stored is null || stored.Pushed) return stored ?? notification;
            notification = stored;
        }
        await notifier.SendToUserAsync(Hubs.JobNotifications, request.UserId, Target, Payload(notification), ct);
        await store.PatchAsync<Notification>(Containers.Notifications, notification.Id, partition, [PatchOperation.Set("/pushed", true)], ct);
        return notification with { Pushed = true };
    }

    /// <summary>The notification of one account by its number, or null (another account's number finds nothing: it is not in this partition).</summary>
    public async Task<Notification?> FindAsync(long userId, long notificationId, CancellationToken ct = default) =>
        notificationId <= 0 ? null
            : (await store.ReadAsync<Notification>(Containers.Notifications, Key(notificationId), DocumentKeys.UserPartition(userId), ct))?.Document;

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

public static class NotificationsServices
{
    public static IServiceCollection AddNotifications(this IServiceCollection services) => services.AddSingleton<NotificationService>();
}
