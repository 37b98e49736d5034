using System.Security.Claims;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using CareerNexus.Notifications;
using Microsoft.OpenApi;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// Document 003's notifications module, under /notifications/api/v1/: the caller's list with its stored counts, one
/// notification's read mark (the owner's only), and the mark-all-read.
/// </summary>
public static class RecruitmentNotificationsEndpoints
{
    public static void MapRecruitmentNotifications(this RouteGroupBuilder group)
    {
        var notifications = group.MapGroup("/notifications").RequireAuthorization();

        notifications.MapGet("", async (string? unread_only, string? type, RecruitmentPage page, HttpRequest request, ClaimsPrincipal user,
            NotificationService service, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var filter = new NotificationFilter(FilterValues.Boolean(unread_only, "unread_only", errors) ?? false,
                string.IsNullOrWhiteSpace(type) ? null : type.Trim());
            errors.ThrowIfAny();
            var found = await service.ListAsync(user.UserId(), filter, page.Request, ct);
            var list = page.Envelope(request, found.Page, NotificationItem.Of);
            return new NotificationList(list.Count, found.UnreadCount, list.Next, list.Previous, list.Results);
        }).WithMetadata(new Docs.QueryParameters([("unread_only", JsonSchemaType.Boolean), ("type", JsonSchemaType.String)]))
            .Produces<NotificationList>();

        notifications.MapPatch("/{id}/read", async (string id, ClaimsPrincipal user, NotificationService service, CancellationToken ct) =>
        {
            var read = await service.MarkReadAsync(user.UserId(), RecruitmentIds.FromPath(id), ct);
            return new ReadNotification(read.NotificationId, read.IsRead, read.ReadAt);
        }).Produces<ReadNotification>();

        notifications.MapPost("/mark-all-read", async (ClaimsPrincipal user, NotificationService service, CancellationToken ct) =>
            new AllRead("All notifications marked as read", await service.MarkAllReadAsync(user.UserId(), ct)))
            .Produces<AllRead>();
    }
}

/// <summary>A notification as document 003 lists it; data (the ids a client follows) and read_at are our extensions.</summary>
public sealed record NotificationItem(long Id, string Type, string Title, string Message, string? RelatedObjectType, long? RelatedObjectId,
    IReadOnlyDictionary<string, long> Data, bool IsRead, DateTimeOffset? ReadAt, DateTimeOffset CreatedAt)
{
    public static NotificationItem Of(Notification n) =>
        new(n.NotificationId, n.Kind, n.Title, n.Message, n.RelatedObjectType, n.RelatedObjectId, n.Data, n.IsRead, n.ReadAt, n.CreatedAt);
}

/// <summary>Document 003's list: its count (of the filter) and unread_count, both stored counters; next and previous as every 003 list.</summary>
public sealed record NotificationList(long Count, long UnreadCount, string? Next, string? Previous, IReadOnlyList<NotificationItem> Results);

public sealed record ReadNotification(long Id, bool IsRead, DateTimeOffset? ReadAt);

public sealed record AllRead(string Message, long UpdatedCount);
