using System.Security.Claims;
using CareerNexus.Common;
using CareerNexus.Connections;
using CareerNexus.Functions.Hosting;

namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002, under /connection/: connection requests, statuses, recommendations.</summary>
public static class NexusConnectionEndpoints
{
    public static void MapNexusConnections(this RouteGroupBuilder nexus)
    {
        var connections = nexus.MapGroup("/connection").RequireAuthorization();

        connections.MapGet("", async (NexusWindow window, ClaimsPrincipal user, ConnectionService service, CancellationToken ct) =>
            (await service.ListAsync(user.UserId(), window.Request, ct)).Select(ConnectionEntry.Of).ToList());

        connections.MapPost("", async (FormBody<ConnectionRequestBody> body, ClaimsPrincipal user, ConnectionService service, CancellationToken ct) =>
        {
            var addressee = NexusIds.OptionalField(body.Value.Connection, "connection", signed: true)
                            ?? throw PlatformException.Invalid("connection is required: the id of the user to connect with");
            var connection = await service.RequestAsync(user.UserId(), addressee, ct);
            return Results.Json(new ConnectionRequested(connection.RequesterId, connection.AddresseeId, connection.Status),
                statusCode: StatusCodes.Status201Created);
        }).Produces<ConnectionRequested>(StatusCodes.Status201Created);

        connections.MapGet("/pending", async (NexusWindow window, ClaimsPrincipal user, ConnectionService service, CancellationToken ct) =>
            (await service.PendingAsync(user.UserId(), window.Request, ct)).Select(ConnectionEntry.Of).ToList());

        connections.MapPost("/status", async (FormBody<ConnectionStatusBody> body, ClaimsPrincipal user, ConnectionService service, CancellationToken ct) =>
        {
            var connectionId = NexusIds.OptionalField(body.Value.ConnectionId, "connection_id", signed: true)
                               ?? throw PlatformException.Invalid("connection_id is required");
            var status = await service.DecideAsync(user.UserId(), connectionId, ConnectionChoices.Decision(body.Value.Status), ct);
            return new ConnectionStatusResponse(status == ConnectionStatus.Confirmed ? "Accepted" : "Rejected");
        });

        connections.MapGet("/recommendation", async (string? criteria, NexusPage page, HttpRequest request, ClaimsPrincipal user,
            ConnectionService service, CancellationToken ct) =>
        {
            var accounts = await service.RecommendAsync(user.UserId(), ConnectionChoices.Criteria(criteria), page.Request, ct);
            return page.Envelope(request, accounts, a => new RecommendedPerson(a.UserId, NexusPeople.OrMissing(a.FullName()),
                NexusPeople.OrMissing(a.Qualification)));
        });
    }
}

public sealed record ConnectionRequestBody(string? Connection);

/// <summary>status is "Accept" or "Reject", in any case.</summary>
public sealed record ConnectionStatusBody(string? ConnectionId, string? Status);

public sealed record ConnectionRequested(long User, long Connection, string Status);

public sealed record ConnectionStatusResponse(string Status);

public sealed record RecommendedPerson(long Id, string Name, string Qualification);

/// <summary>{id, connection: {first_name, last_name, middle_name, profile_photo, qualification, status, user_id}}.</summary>
public sealed record ConnectionEntry(long Id, ConnectedPerson Connection)
{
    public static ConnectionEntry Of(ConnectionView view) => new(view.Id, new ConnectedPerson(
        NexusPeople.OrMissing(view.Other?.FirstName), NexusPeople.OrMissing(view.Other?.LastName), NexusPeople.OrMissing(view.Other?.MiddleName),
        NexusPeople.OrMissing(view.Other?.Avatar), NexusPeople.OrMissing(view.Other?.Qualification), view.Status, view.OtherUserId));
}

public sealed record ConnectedPerson(string FirstName, string LastName, string MiddleName, string ProfilePhoto, string Qualification, string Status,
    long UserId);
