using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Assistant;

public static class AssistantServices
{
    /// <summary>Document 004's agent search, resume chat and career coach: the engines, their sources, threads and the optional model.</summary>
    public static IServiceCollection AddAssistant(this IServiceCollection services)
    {
        services.AddSingleton<SearchPool>();
        services.AddSingleton<OpenJobs>();
        services.AddSingleton<AssistantThreads>();
        services.AddSingleton<AssistantWriter>();
        services.AddSingleton<AssistantService>();
        return services;
    }
}
