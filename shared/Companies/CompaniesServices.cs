using CareerNexus.Accounts;
using CareerNexus.Jobs;
using CareerNexus.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Companies;

public static class CompaniesServices
{
    public static IServiceCollection AddCompanies(this IServiceCollection services)
    {
        services.AddSingleton<CompanyService>();
        services.AddSingleton<RecruiterProfileService>();
        services.AddSingleton<ICompanyObserver>(sp => sp.GetRequiredService<RecruiterProfileService>());
        services.AddSingleton<IAccountObserver, RecruiterAccountCopies>();
        services.AddSingleton<CompanyFollowService>();
        services.AddSingleton<CompanyFollowerNotifications>();
        services.AddSingleton<IJobPostingObserver>(sp => sp.GetRequiredService<CompanyFollowerNotifications>());
        services.AddSingleton<INotificationAudience>(sp => sp.GetRequiredService<CompanyFollowerNotifications>());
        return services;
    }
}
