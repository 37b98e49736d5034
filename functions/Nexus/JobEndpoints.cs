namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002: jobs, recommendations, preferences.</summary>
public static class NexusJobEndpoints
{
    public static void MapNexusJobs(this RouteGroupBuilder nexus)
    {
    }
}
