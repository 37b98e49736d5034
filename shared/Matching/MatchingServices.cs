using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Matching;

public static class MatchingServices
{
    public static IServiceCollection AddMatching(this IServiceCollection services)
    {
        services.AddSingleton<IMatchRequests, NoMatching>();
        services.AddSingleton<IMatchScores, NoMatching>();
        return services;
    }

    private sealed class NoMatching : IMatchRequests, IMatchScores
    {
        public Task JobChangedAsync(long jobId, CancellationToken ct = default) => Task.CompletedTask;
        public Task CandidateChangedAsync(long candidateId, CancellationToken ct = default) => Task.CompletedTask;
        public Task ApplicationChangedAsync(long jobId, long candidateId, long? applicationId, CancellationToken ct = default) => Task.CompletedTask;
        public Task<double?> ScoreAsync(long jobId, long candidateId, CancellationToken ct = default) => Task.FromResult<double?>(null);
    }
}
