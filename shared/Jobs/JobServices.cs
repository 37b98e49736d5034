using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Jobs;

public static class JobServices
{
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {

        return services;
    }
}
