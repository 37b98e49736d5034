namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002: countries, content pages, choice data.</summary>
public static class NexusInfoEndpoints
{
    public static void MapNexusInfo(this RouteGroupBuilder nexus)
    {
    }
}
