using CareerNexus.Accounts;
using CareerNexus.Common;

namespace CareerNexus.Social;

/// <summary>An account as a given viewer sees it: whether the viewer follows it.</summary>
public sealed record Person(Account Account, bool IsFollowing);

/// <summary>Profiles and lists of people, seen by a signed-in viewer.</summary>
public sealed class PeopleService(AccountService accounts, FollowService follows)
{
    public async Task<Person> ProfileAsync(long viewerId, string username, CancellationToken ct = default)
    {
        var account = await accounts.GetByUsernameAsync(username, ct);
        if (!account.IsActive) throw PlatformException.NotFound("User not found");
        var followed = await follows.FollowedAmongAsync(viewerId, [account.UserId], ct);
        return new Person(account, followed.Contains(account.UserId));
    }

    public async Task<Page<Person>> SearchAsync(long viewerId, AccountSearch search, PageRequest page, CancellationToken ct = default) =>
        await SeenByAsync(viewerId, await accounts.SearchAsync(search, page, ct), ct);

    /// <summary>The people following the named account.</summary>
    public async Task<Page<Person>> FollowersOfAsync(long viewerId, string username, PageRequest page, CancellationToken ct = default)
    {
        var account = await accounts.GetByUsernameAsync(username, ct);
        var edges = await follows.FollowersAsync(account, page, ct);
        return await PeopleAsync(viewerId, edges, edges.Items.Select(f => f.FollowerId), ct);
    }

    /// <summary>The people the named account follows.</summary>
    public async Task<Page<Person>> FollowingOfAsync(long viewerId, string username, PageRequest page, CancellationToken ct = default)
    {
        var account = await accounts.GetByUsernameAsync(username, ct);
        var edges = await follows.FollowingAsync(account, page, ct);
        return await PeopleAsync(viewerId, edges, edges.Items.Select(f => f.FollowingId), ct);
    }

    private async Task<Page<Person>> PeopleAsync(long viewerId, Page<Follow> edges, IEnumerable<long> ids, CancellationToken ct)
    {
        var order = ids.ToList();
        var found = await accounts.GetManyAsync(order, ct);
        var people = new Page<Account>(order.Where(found.ContainsKey).Select(id => found[id]).ToList(), edges.Total, edges.Request);
        return await SeenByAsync(viewerId, people, ct);
    }

    private async Task<Page<Person>> SeenByAsync(long viewerId, Page<Account> page, CancellationToken ct)
    {
        var followed = await follows.FollowedAmongAsync(viewerId, page.Items.Select(a => a.UserId), ct);
        return page.Map(a => new Person(a, followed.Contains(a.UserId)));
    }
}
