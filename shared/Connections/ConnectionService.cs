namespace CareerNexus.Connections;

/// <summary>Connection requests between accounts, and the confirmed connections they become.</summary>
public sealed class ConnectionService
{
    /// <summary>The accounts confirmed as connected to this one.</summary>
    public Task<IReadOnlyList<long>> ConnectedUserIdsAsync(long userId, CancellationToken ct = default) =>
        throw new NotImplementedException("Connections: being built");
}
