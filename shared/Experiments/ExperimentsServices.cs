using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Experiments;

public static class ExperimentsServices
{
    public static IServiceCollection AddExperiments(this IServiceCollection services) => services.AddSingleton<ExperimentService>();
}
