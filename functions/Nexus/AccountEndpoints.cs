namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002: signup, hash verify, signin, signout, forget-password.</summary>
public static class NexusAccountEndpoints
{
    public static void MapNexusAccounts(this RouteGroupBuilder nexus)
    {
    }
}
