using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Posts;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Connections;

/// <summary>Where a connection request stands. A rejected request no longer counts, so a new one may be sent.</summary>
public static class ConnectionStatus
{
    public const string Pending = "PENDING";
    public const string Confirmed = "CONFIRMED";
    public const string Rejected = "REJECTED";
}

/// <summary>What the addressee decides about a pending request.</summary>
public enum ConnectionDecision
{
    Accept,
    Reject,
}

/// <summary>What connection recommendations are based on.</summary>
public enum RecommendationCriteria
{
    Location,
    Industry,
}

/// <summary>How clients name decisions and recommendation criteria (any case); anything else is a 400.</summary>
public static class ConnectionChoices
{
    public static ConnectionDecision Decision(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "accept" => ConnectionDecision.Accept,
        "reject" => ConnectionDecision.Reject,
        _ => throw PlatformException.Invalid("status must be Accept or Reject"),
    };

    public static RecommendationCriteria Criteria(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "location" => RecommendationCriteria.Location,
        "industry" => RecommendationCriteria.Industry,
        _ => throw PlatformException.Invalid("criteria must be location or industry"),
    };
}

/// <summary>One connection request: who asked whom, and where it stands.</summary>
public sealed record Connection(long Id, long RequesterId, long AddresseeId, string Status, DateTimeOffset CreatedAt);

/// <summary>A connection as one of its two accounts sees it: the other account (null if deleted since) and the status.</summary>
public sealed record ConnectionView(long Id, long OtherUserId, Account? Other, string Status);

/// <summary>
/// Connection requests between accounts, and the confirmed connections they become. Each pair of accounts has one
/// pair document (its own partition, "pair:{low}:{high}") that holds the pair's current request: creating it, or
/// replacing a rejected one, is the only way to ask, so a pair never has two live requests whichever side asks.
/// Every decision is an ETag-guarded change of that document. Each account also has an edge per pair in its own
/// partition ("peer:{other}"), a copy of the pair's state from its side, so that every list is a single-partition query.
/// </summary>
public sealed class ConnectionService(DocumentStore store, IdAllocator ids, AccountService accounts, CountOnce counting, PostWork work, TimeProvider clock)
{
    private const string Sent = "sent";
    private const string Received = "received";

    public async Task<Connection> RequestAsync(long requesterId, long addresseeId, CancellationToken ct = default)
    {
        if (addresseeId <= 0) throw PlatformException.NotFound("User not found");
        if (requesterId == addresseeId) throw PlatformException.Invalid("You cannot connect with yourself");
        var addressee = await accounts.FindAsync(addresseeId, ct);
        if (addressee is null || !addressee.IsActive) throw PlatformException.NotFound("User not found");

        var now = clock.GetUtcNow();
        var pair = Pair.Of(new Connection(await ids.NextAsync("connections", ct), requesterId, addresseeId, ConnectionStatus.Pending, now));
        var (placed, current) = await PlaceAsync(pair, ct);
        // Also when refused: a request whose copies were not all written (the process stopped) gets them now.
        await CopyAsync(current, ct);
        if (!placed) throw PlatformException.Conflict("A connection request between you and this user is already pending or confirmed");
        return pair.ToConnection();
    }

    /// <summary>
    /// Creates the pair's request, or replaces a rejected one; not placed when the pair has a live request.
    /// Either way, the pair as it now stands.
    /// </summary>
    private async Task<(bool Placed, Pair Current)> PlaceAsync(Pair pair, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (await store.TryCreateAsync(Containers.Connections, pair, pair.Partition, ct)) return (true, pair);
            var existing = await store.ReadAsync<Pair>(Containers.Connections, pair.Id, pair.Partition, ct);
            if (existing is null) continue;
            if (existing.Document.Status != ConnectionStatus.Rejected) return (false, existing.Document);
            if (await store.TryReplaceAsync(Containers.Connections, pair.Id, pair, pair.Partition, existing.ETag, ct)) return (true, pair);
        }
        throw Changing();
    }

    /// <summary>
    /// The addressee accepts or rejects a request. Repeating the same decision changes nothing. The write that moves
    /// the request from pending to confirmed is made once, so the connection is counted on both accounts once.
    /// </summary>
    public async Task<string> DecideAsync(long callerId, long connectionId, ConnectionDecision decision, CancellationToken ct = default)
    {
        var edge = await FindEdgeAsync(callerId, connectionId, ct) ?? throw NoSuchRequest();
        var pairId = Pair.IdOf(callerId, edge.OtherId);
        var target = decision == ConnectionDecision.Accept ? ConnectionStatus.Confirmed : ConnectionStatus.Rejected;
        Pair settled;
        for (var attempt = 0; ; attempt++)
        {
            var current = await store.ReadAsync<Pair>(Containers.Connections, pairId, pairId, ct);
            if (current is null || current.Document.ConnectionId != connectionId) throw NoSuchRequest();
            var pair = current.Document;
            if (pair.AddresseeId != callerId) throw PlatformException.Forbidden("Only the user this request was sent to can accept or reject it");
            if (pair.Status == target)
            {
                if (pair.Counted == false) await CountAsync(pair, ct);
                settled = pair;
                break;
            }
            if (pair.Status != ConnectionStatus.Pending)
                throw PlatformException.Invalid($"This connection request is already {pair.Status.ToLowerInvariant()}");
            var decided = pair with
            {
                Status = target, UpdatedAt = clock.GetUtcNow(), Counted = target == ConnectionStatus.Confirmed ? false : pair.Counted,
            };
            if (await store.TryReplaceAsync(Containers.Connections, pairId, decided, pairId, current.ETag, ct))
            {
                if (target == ConnectionStatus.Confirmed) await CountAsync(decided, ct);
                settled = decided;
                break;
            }
            if (attempt == 9) throw Changing();
        }
        await CopyAsync(settled, ct);
        if (target == ConnectionStatus.Confirmed)
        {
            // Each now reads the other's posts in their following timeline.
            await work.SubmitAsync(PostWork.Follow(settled.RequesterId, settled.AddresseeId), ct);
            await work.SubmitAsync(PostWork.Follow(settled.AddresseeId, settled.RequesterId), ct);
        }
        return target;
    }

    /// <summary>Counts a confirmed connection on both accounts (once, however often this runs), then marks the pair counted.</summary>
    private async Task CountAsync(Pair pair, CancellationToken ct)
    {
        await counting.CountAsync("connection:" + pair.ConnectionId.ToString(CultureInfo.InvariantCulture),
            [AccountService.Counter(pair.RequesterId, (AccountCounters.Connections, 1)), AccountService.Counter(pair.AddresseeId, (AccountCounters.Connections, 1))], ct);
        await store.PatchAsync<Pair>(Containers.Connections, pair.Id, pair.Partition, [PatchOperation.Set("/counted", true)], ct);
    }

    /// <summary>
    /// Ends every connection and request of the account (its erasure): each confirmed one is taken off the other account's
    /// count, and the pair and both copies go. A repeat finds less to do and changes nothing twice.
    /// </summary>
    public async Task EndAllAsync(long userId, CancellationToken ct = default)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.partition = @partition").WithParameter("@partition", Key(userId));
        foreach (var edge in await store.QueryListAsync<Edge>(Containers.Connections, query, Key(userId), ct: ct))
        {
            var pairId = Pair.IdOf(userId, edge.OtherId);
            if ((await store.ReadAsync<Pair>(Containers.Connections, pairId, pairId, ct))?.Document is { } pair)
            {
                if (pair.Status == ConnectionStatus.Confirmed)
                    await counting.UncountAsync("connection:" + pair.ConnectionId.ToString(CultureInfo.InvariantCulture), pair.Counted != false,
                        [AccountService.Counter(edge.OtherId, (AccountCounters.Connections, 1))], ct);
                await store.DeleteAsync(Containers.Connections, pairId, pairId, ct: ct);
            }
            await store.DeleteAsync(Containers.Connections, "peer:" + Key(userId), Key(edge.OtherId), ct: ct);
            await store.DeleteAsync(Containers.Connections, edge.Id, Key(userId), ct: ct);
        }
    }

    /// <summary>Whether the two accounts are connected (a point read of their pair).</summary>
    public async Task<bool> AreConnectedAsync(long a, long b, CancellationToken ct = default)
    {
        var pairId = Pair.IdOf(a, b);
        return (await store.ReadAsync<Pair>(Containers.Connections, pairId, pairId, ct))?.Document.Status == ConnectionStatus.Confirmed;
    }

    /// <summary>
    /// Brings both accounts' edges up to the pair's current state. Idempotent; each later request or decision on the
    /// pair repeats it, so edges a stopped process left behind catch up.
    /// </summary>
    private Task CopyAsync(Pair pair, CancellationToken ct) =>
        Task.WhenAll(CopyEdgeAsync(Edge.Of(pair, Sent), ct), CopyEdgeAsync(Edge.Of(pair, Received), ct));

    private async Task CopyEdgeAsync(Edge edge, CancellationToken ct)
    {
        var existing = await store.ReadAsync<Edge>(Containers.Connections, edge.Id, edge.Partition, ct);
        if (existing?.Document is { } copy && copy.ConnectionId == edge.ConnectionId && copy.Status == edge.Status && copy.Direction == edge.Direction)
            return;
        await store.UpsertAsync(Containers.Connections, edge, edge.Partition, ct);
    }

    private static PlatformException NoSuchRequest() => PlatformException.NotFound("Connection request not found");
    private static PlatformException Changing() => new(ErrorKind.Conflict, "The connection is changing, try again");

    /// <summary>The caller's connections: requests they sent (pending or confirmed) and confirmed requests they received, newest first.</summary>
    public Task<IReadOnlyList<ConnectionView>> ListAsync(long userId, PageRequest page, CancellationToken ct = default) =>
        ViewsAsync(userId, page,
            "(c.direction = @sent AND (c.status = @pending OR c.status = @confirmed)) OR (c.direction = @received AND c.status = @confirmed)", ct);

    /// <summary>Requests other accounts sent to the caller that are still waiting for an answer, newest first.</summary>
    public Task<IReadOnlyList<ConnectionView>> PendingAsync(long userId, PageRequest page, CancellationToken ct = default) =>
        ViewsAsync(userId, page, "c.direction = @received AND c.status = @pending", ct);

    /// <summary>The accounts confirmed as connected to this one.</summary>
    public async Task<IReadOnlyList<long>> ConnectedUserIdsAsync(long userId, CancellationToken ct = default)
    {
        var query = new QueryDefinition("SELECT VALUE c.other_id FROM c WHERE c.partition = @partition AND c.status = @confirmed")
            .WithParameter("@partition", Key(userId)).WithParameter("@confirmed", ConnectionStatus.Confirmed);
        return await store.QueryListAsync<long>(Containers.Connections, query, Key(userId), ct: ct);
    }

    /// <summary>
    /// Active accounts sharing the caller's location or industry, other than the caller and the accounts the caller
    /// is connected to or has a pending request with. A caller without that profile field gets an empty list.
    /// </summary>
    public async Task<Page<Account>> RecommendAsync(long userId, RecommendationCriteria criteria, PageRequest page, CancellationToken ct = default)
    {
        var me = await accounts.GetAsync(userId, ct);
        var (field, value) = criteria == RecommendationCriteria.Location ? ("location_key", me.LocationKey) : ("industry", me.Industry);
        if (string.IsNullOrWhiteSpace(value)) return new Page<Account>([], 0, page);

        var linkedQuery = new QueryDefinition("SELECT VALUE c.other_id FROM c WHERE c.partition = @partition AND c.status != @rejected")
            .WithParameter("@partition", Key(userId)).WithParameter("@rejected", ConnectionStatus.Rejected);
        var excluded = await store.QueryListAsync<long>(Containers.Connections, linkedQuery, Key(userId), ct: ct);
        excluded.Add(userId);
        return await store.PageAsync<Account>(Containers.Accounts,
            $"c.is_active = true AND c.{field} = @value AND NOT ARRAY_CONTAINS(@excluded, c.user_id)", "c.user_id ASC",
            [("@value", value), ("@excluded", excluded)], page, ct);
    }

    /// <summary>One page of the caller's edges matching the filter, newest first, with the other accounts.</summary>
    private async Task<IReadOnlyList<ConnectionView>> ViewsAsync(long userId, PageRequest page, string filter, CancellationToken ct)
    {
        var query = new QueryDefinition($"SELECT * FROM c WHERE c.partition = @partition AND ({filter}) ORDER BY c.created_at DESC")
            .WithParameter("@partition", Key(userId)).WithParameter("@sent", Sent).WithParameter("@received", Received)
            .WithParameter("@pending", ConnectionStatus.Pending).WithParameter("@confirmed", ConnectionStatus.Confirmed);
        var edges = (await store.PartitionPageAsync<Edge>(Containers.Connections, query, Key(userId), 0, page, ct)).Items;
        var others = await accounts.GetManyAsync(edges.Select(e => e.OtherId), ct);
        return edges.Select(e => new ConnectionView(e.ConnectionId, e.OtherId, others.GetValueOrDefault(e.OtherId), e.Status)).ToList();
    }

    private async Task<Edge?> FindEdgeAsync(long userId, long connectionId, CancellationToken ct)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.partition = @partition AND c.connection_id = @id")
            .WithParameter("@partition", Key(userId)).WithParameter("@id", connectionId);
        return (await store.QueryListAsync<Edge>(Containers.Connections, query, Key(userId), take: 1, ct: ct)).FirstOrDefault();
    }

    private static string Key(long userId) => userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The request between two accounts, in the pair's own partition. Counted is false from the confirmation until
    /// both accounts' counters have it; pairs confirmed before the flag existed have none and were counted.
    /// </summary>
    private sealed record Pair(string Id, string Partition, long ConnectionId, long RequesterId, long AddresseeId, string Status,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool? Counted = null)
    {
        public static string IdOf(long a, long b) => DocumentKeys.PairId(a, b);

        public static Pair Of(Connection c) =>
            new(IdOf(c.RequesterId, c.AddresseeId), IdOf(c.RequesterId, c.AddresseeId), c.Id, c.RequesterId, c.AddresseeId, c.Status, c.CreatedAt, c.CreatedAt);

        public Connection ToConnection() => new(ConnectionId, RequesterId, AddresseeId, Status, CreatedAt);
    }

    /// <summary>One account's copy of its pair's request.</summary>
    private sealed record Edge(string Id, string Partition, string Direction, long OtherId, long ConnectionId, string Status, DateTimeOffset CreatedAt)
    {
        public static Edge Of(Pair p, string direction)
        {
            var (owner, other) = direction == Sent ? (p.RequesterId, p.AddresseeId) : (p.AddresseeId, p.RequesterId);
            return new Edge("peer:" + Key(other), Key(owner), direction, other, p.ConnectionId, p.Status, p.CreatedAt);
        }
    }
}
