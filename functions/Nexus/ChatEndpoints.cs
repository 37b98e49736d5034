namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002: chat sessions and their messages.</summary>
public static class NexusChatEndpoints
{
    public static void MapNexusChats(this RouteGroupBuilder nexus)
    {
    }
}
