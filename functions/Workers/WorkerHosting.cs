namespace CareerNexus.Functions.Workers;

/// <summary>Queue workers: the local durable queue's pump standalone, the serviceBusTrigger invocations under Functions.</summary>
public static class WorkerHosting
{
    public static IServiceCollection AddWorkers(this IServiceCollection services) => services;

    public static void MapWorkers(this IEndpointRouteBuilder app)
    {
    }
}
