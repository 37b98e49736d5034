namespace CareerNexus.Storage;

/// <summary>A Cosmos container and the path of its partition key.</summary>
public sealed record ContainerSpec(string Name, string PartitionKeyPath);

/// <summary>
/// Every container of the platform. Each partition key follows the hottest access path of its documents:
/// point reads by id where a document stands alone, one partition per owner where a list grows without bound.
/// </summary>
public static class Containers
{
    /// <summary>Accounts, by user id: every token check and profile read is a point read.</summary>
    public static readonly ContainerSpec Accounts = new("accounts", "/id");

    /// <summary>Unique usernames and emails ("username:alice"), each pointing at its account.</summary>
    public static readonly ContainerSpec Handles = new("account_handles", "/id");

    /// <summary>Refresh tokens and revoked access tokens, by token id.</summary>
    public static readonly ContainerSpec Tokens = new("tokens", "/id");

    /// <summary>Id sequences, from which each process reserves blocks.</summary>
    public static readonly ContainerSpec Counters = new("counters", "/id");

    /// <summary>Follow edges, in the partition of the account they belong to (both directions are stored).</summary>
    public static readonly ContainerSpec Follows = new("follows", "/partition");

    /// <summary>Posts, by post id.</summary>
    public static readonly ContainerSpec Posts = new("posts", "/id");

    /// <summary>Likes, comments and shares of a post, in that post's partition.</summary>
    public static readonly ContainerSpec PostActivity = new("post_activity", "/partition");

    public static readonly IReadOnlyList<ContainerSpec> All =
        [Accounts, Handles, Tokens, Counters, Follows, Posts, PostActivity];
}
