using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Applications;

public static class ApplicationsServices
{
    public static IServiceCollection AddApplications(this IServiceCollection services)
    {
        return services;
    }
}
