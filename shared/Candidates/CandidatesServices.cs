using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Candidates;

public static class CandidatesServices
{
    public static IServiceCollection AddCandidates(this IServiceCollection services)
    {
        return services;
    }
}
