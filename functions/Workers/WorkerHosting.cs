using CareerNexus.Accounts;
using CareerNexus.Functions.Hosting;
using CareerNexus.Posts;
using CareerNexus.Queues;

namespace CareerNexus.Functions.Workers;

/// <summary>Queue workers and scheduled jobs (routes /queue_{queue}, /timer_{job} and /_ops/dead-letters, loopback only): the local durable queue's pump standalone, the serviceBusTrigger invocations under Functions.</summary>
public static class WorkerHosting
{
    public static IServiceCollection AddWorkers(this IServiceCollection services) =>
        services.AddHostedService<LocalQueueWorker>().AddHostedService<ScheduledJobWorker>();

    public static void MapWorkers(this IEndpointRouteBuilder app)
    {
        app.MapQueueTriggers();
        app.MapTimerTriggers();

        // For operators on the machine: GET /_ops/dead-letters?queue=email lists a queue's dead letters.
        app.MapGet("/_ops/dead-letters", async (HttpContext context, DeadLetters deadLetters) =>
            {
                var queue = context.Request.Query["queue"].ToString();
                var known = context.RequestServices.GetServices<QueueHandlerRegistration>().Select(r => r.Queue);
                if (!known.Contains(queue))
                    return Results.Json(new { error = "Unknown queue", queues = known }, statusCode: StatusCodes.Status400BadRequest);
                var letters = await deadLetters.ListAsync(queue, ct: context.RequestAborted);
                return Results.Json(new
                {
                    queue,
                    count = letters.Count,
                    dead_letters = letters.Select(l => new
                    {
                        message_id = l.MessageId, body = l.Body, attempts = l.Attempts, last_error = l.LastError, dead_at = l.DeadAt,
                    }),
                });
            })
            .LoopbackOnly();

        // For operators on the machine: grants (or with "admin": false, removes) the admin role of a verified address.
        app.MapPost("/_ops/admins", async (FormBody<AdminGrant> body, AdminPolicy admins, CancellationToken ct) =>
            {
                var account = await admins.SetRoleAsync(body.Value.Email, !string.Equals(body.Value.Admin, "false", StringComparison.OrdinalIgnoreCase), ct);
                return Results.Json(new AdminGranted(account.UserId, account.Email, admins.IsAdmin(account)));
            })
            .LoopbackOnly();

        // For operators: POST /_ops/timelines/rebuild?user_id=42 recomputes that account's own and following timelines.
        app.MapPost("/_ops/timelines/rebuild", async (HttpContext context, PostWorkHandler posts) =>
            {
                if (!long.TryParse(context.Request.Query["user_id"], System.Globalization.NumberStyles.None,
                        System.Globalization.CultureInfo.InvariantCulture, out var userId) || userId <= 0)
                    return Results.Json(new { error = "user_id must be an account id" }, statusCode: StatusCodes.Status400BadRequest);
                await posts.RunAsync(PostWork.Rebuild(userId), inline: false, context.RequestAborted);
                return Results.Json(new { rebuilt = userId });
            })
            .LoopbackOnly();
    }
}

/// <summary>The operator's request: an email, and "admin": false to remove the role (form values arrive as text).</summary>
public sealed record AdminGrant(string? Email, string? Admin);

public sealed record AdminGranted(long UserId, string Email, bool IsAdmin);
