using CareerNexus.Applications;
using CareerNexus.Candidates;
using CareerNexus.Jobs;
using CareerNexus.Posts;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Gamification;

public static class GamificationServices
{
    public static IServiceCollection AddGamification(this IServiceCollection services)
    {
        services.AddSingleton<GamificationService>();
        services.AddSingleton<GamificationObservers>();
        services.AddSingleton<IApplicationObserver>(sp => sp.GetRequiredService<GamificationObservers>());
        services.AddSingleton<IJobPostingObserver>(sp => sp.GetRequiredService<GamificationObservers>());
        services.AddSingleton<IPostObserver>(sp => sp.GetRequiredService<GamificationObservers>());
        services.AddSingleton<ICandidateProfileObserver>(sp => sp.GetRequiredService<GamificationObservers>());
        return services;
    }
}
