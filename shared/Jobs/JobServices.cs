using CareerNexus.Companies;
using CareerNexus.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Jobs;

public static class JobServices
{
    public static IServiceCollection AddJobs(this IServiceCollection services)
    {
        services.AddSingleton<JobListings>();
        services.AddSingleton<JobService>();
        services.AddSingleton<JobAccess>();
        services.AddSingleton<JobPostingService>();
        services.AddSingleton<ICompanyObserver>(sp => sp.GetRequiredService<JobPostingService>());
        services.AddSingleton<JobPreferenceService>();
        services.AddQueueHandler<JobNotificationHandler>(QueueNames.JobNotifications);
        return services;
    }
}
