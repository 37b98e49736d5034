namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002: profile, industry, experience, education, certification, analytics, completion.</summary>
public static class NexusProfileEndpoints
{
    public static void MapNexusProfiles(this RouteGroupBuilder nexus)
    {
    }
}
