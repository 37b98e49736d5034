using System.Globalization;
using System.Security.Claims;
using CareerNexus.Common;
using CareerNexus.Connections;
using CareerNexus.Functions.Hosting;

namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002: connection requests, statuses, recommendations.</summary>
public static class NexusConnectionEndpoints
{
    public static void MapNexusConnections(this RouteGroupBuilder nexus)
    {
        var connections = nexus.MapGroup("/connection").RequireAuthorization();

        connections.MapGet("", async (NexusWindow window, ClaimsPrincipal user, ConnectionService service, CancellationToken ct) =>
            (await service.ListAsync(user.UserId(), window.Request, ct)).Select(Entry).ToList());

        connections.MapPost("", async (HttpRequest request, ClaimsPrincipal user, ConnectionService service, CancellationToken ct) =>
        {
            var form = await RequestForm.ReadAsync(request, ct);
            var addressee = NexusIds.Optional(form, "connection", signed: true) ?? throw PlatformException.Invalid("connection is required: the id of the user to connect with");
            var connection = await service.RequestAsync(user.UserId(), addressee, ct);
            return Results.Json(new { user = connection.RequesterId, connection = connection.AddresseeId, status = connection.Status },
                statusCode: StatusCodes.Status201Created);
        });

        connections.MapGet("/pending", async (NexusWindow window, ClaimsPrincipal user, ConnectionService service, CancellationToken ct) =>
            (await service.PendingAsync(user.UserId(), window.Request, ct)).Select(Entry).ToList());

        connections.MapPost("/status", async (HttpRequest request, ClaimsPrincipal user, ConnectionService service, CancellationToken ct) =>
        {
            var form = await RequestForm.ReadAsync(request, ct);
            var connectionId = NexusIds.Optional(form, "connection_id", signed: true) ?? throw PlatformException.Invalid("connection_id is required");
            var decision = form.Text("status")?.Trim().ToLowerInvariant() switch
            {
                "accept" => ConnectionDecision.Accept,
                "reject" => ConnectionDecision.Reject,
                _ => throw PlatformException.Invalid("status must be Accept or Reject"),
            };
            var status = await service.DecideAsync(user.UserId(), connectionId, decision, ct);
            return new { status = status == ConnectionStatus.Confirmed ? "Accepted" : "Rejected" };
        });

        connections.MapGet("/recommendation", async (string? criteria, NexusPage page, HttpRequest request, ClaimsPrincipal user,
            ConnectionService service, CancellationToken ct) =>
        {
            var basis = criteria?.Trim().ToLowerInvariant() switch
            {
                "location" => RecommendationCriteria.Location,
                "industry" => RecommendationCriteria.Industry,
                _ => throw PlatformException.Invalid("criteria must be location or industry"),
            };
            var accounts = await service.RecommendAsync(user.UserId(), basis, page.Request, ct);
            return page.Envelope(request, accounts, a => new
            {
                id = a.UserId,
                name = NexusPeople.OrMissing($"{a.FirstName} {a.LastName}".Trim()),
                qualification = NexusPeople.OrMissing(a.Qualification),
            });
        });
    }

    /// <summary>{id, connection: {first_name, last_name, middle_name, profile_photo, qualification, status, user_id}}.</summary>
    private static object Entry(ConnectionView view) => new
    {
        id = view.Id,
        connection = new
        {
            first_name = NexusPeople.OrMissing(view.Other?.FirstName),
            last_name = NexusPeople.OrMissing(view.Other?.LastName),
            middle_name = NexusPeople.OrMissing(view.Other?.MiddleName),
            profile_photo = NexusPeople.OrMissing(view.Other?.Avatar),
            qualification = NexusPeople.OrMissing(view.Other?.Qualification),
            status = view.Status,
            user_id = view.OtherUserId,
        },
    };
}
