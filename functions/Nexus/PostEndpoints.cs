namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002: feed, posts, comments, replies, likes, reposts, saves, shares, following.</summary>
public static class NexusPostEndpoints
{
    public static void MapNexusPosts(this RouteGroupBuilder nexus)
    {
    }
}
