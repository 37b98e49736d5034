using System.Collections.Concurrent;
using CareerNexus.Accounts;
using CareerNexus.Common;

namespace CareerNexus.Tokens;

/// <summary>
/// What this instance last read of each account's sign-ins, trusted for at most
/// <see cref="TokenOptions.SessionCacheSeconds"/> (30 by default): within that bound a token whose sign-in was
/// live at the last read needs no read of its own. Only positive answers are served from here, so a new sign-in on
/// another instance is never refused; a revocation made here drops the entry at once, one made elsewhere holds
/// here once the entry is older than the bound.
/// </summary>
public sealed class SessionCache(PlatformOptions options, TimeProvider clock)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly TimeSpan _lifetime = TimeSpan.FromSeconds(Math.Clamp(options.Tokens.SessionCacheSeconds, 0, 30));

    public bool IsLive(long userId, string sessionId) =>
        _lifetime > TimeSpan.Zero && _entries.TryGetValue(userId, out var entry)
        && clock.GetUtcNow() - entry.ReadAt < _lifetime && entry.Active && entry.SessionIds.Contains(sessionId);

    public void Remember(Account account, DateTimeOffset readAt)
    {
        if (_lifetime <= TimeSpan.Zero) return;
        // A full cache starts over rather than tracking ages: it only ever saves reads.
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[account.UserId] = new Entry(account.IsActive, account.Sessions.Select(s => s.Id).ToHashSet(), readAt);
    }

    public void Forget(long userId) => _entries.TryRemove(userId, out _);

    private sealed record Entry(bool Active, HashSet<string> SessionIds, DateTimeOffset ReadAt);
}
