using CareerNexus.Jobs;
using CareerNexus.Matching;
using CareerNexus.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Applications;

public static class ApplicationsServices
{
    public static IServiceCollection AddApplications(this IServiceCollection services)
    {
        services.AddSingleton<ApplicationService>();
        services.AddSingleton<JobTestService>();
        services.AddSingleton<IJobPostingObserver>(sp => sp.GetRequiredService<ApplicationService>());
        services.AddSingleton<IMatchScoreObserver>(sp => sp.GetRequiredService<ApplicationService>());
        services.AddSingleton<TestAssignments>();
        services.AddSingleton<IApplicationObserver>(sp => sp.GetRequiredService<TestAssignments>());
        services.AddSingleton<INotificationAudience>(sp => sp.GetRequiredService<TestAssignments>());
        return services;
    }
}
