using CareerNexus.Accounts;
using CareerNexus.Erasure;

namespace CareerNexus.Connections;

/// <summary>An erased account's connections and requests end.</summary>
public sealed class ConnectionErasure(ConnectionService connections) : IPersonalData
{
    public int Order => 50;

    public Task EraseAsync(Account account, CancellationToken ct) => connections.EndAllAsync(account.UserId, ct);
}
