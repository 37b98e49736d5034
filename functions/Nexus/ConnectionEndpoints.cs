namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002: connection requests, statuses, recommendations.</summary>
public static class NexusConnectionEndpoints
{
    public static void MapNexusConnections(this RouteGroupBuilder nexus)
    {
    }
}
