using CareerNexus.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Matching;

public static class MatchingServices
{
    public static IServiceCollection AddMatching(this IServiceCollection services)
    {
        services.AddSingleton(new MatchScanBounds());
        services.AddSingleton<MatchIndex>();
        services.AddSingleton<MatchCalculator>();
        services.AddSingleton<MatchingService>();
        services.AddSingleton<IMatchRequests, MatchRequests>();
        services.AddSingleton<IMatchScores, StoredMatchScores>();
        services.AddSingleton<IMatchScoreObserver, JobMatchNotifications>();
        services.AddQueueHandler<MatchingHandler>(QueueNames.Matching);
        return services;
    }
}
