using CareerNexus.Functions.Docs;
using CareerNexus.Functions.Hosting;

namespace CareerNexus.Functions.Nexus;

/// <summary>The Nexus surface (document 002): /user/, /post/, /job/, /connection/, /chats/, /info/ and the job notifications socket.</summary>
public static class NexusSurface
{
    public static IServiceCollection AddNexusSurface(this IServiceCollection services) =>
        services.AddSingleton<ErrorDialect>(NexusDialect.Instance).AddSurfaceDocument(NexusDialect.Instance, "Career Nexus: Nexus");

    public static void MapNexus(this IEndpointRouteBuilder app)
    {
        var nexus = app.MapGroup("").WithSurface(NexusDialect.Instance);
        nexus.MapNexusAccounts();
        nexus.MapNexusProfiles();
        nexus.MapNexusPosts();
        nexus.MapNexusJobs();
        nexus.MapNexusChats();
        nexus.MapNexusConnections();
        nexus.MapNexusInfo();
    }
}
