using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Queues;

public static class QueueServices
{
    public static IServiceCollection AddQueues(this IServiceCollection services)
    {

        return services;
    }
}
