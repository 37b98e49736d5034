using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Statistics;

public static class StatisticsServices
{
    public static IServiceCollection AddStatistics(this IServiceCollection services) =>
        services.AddSingleton<PlatformStatistics>().AddSingleton<DashboardService>();
}
