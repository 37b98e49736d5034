using CareerNexus.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Companies;

public static class CompaniesServices
{
    public static IServiceCollection AddCompanies(this IServiceCollection services)
    {
        services.AddSingleton<RecruiterProfileService>();
        services.AddSingleton<ICompanyObserver>(sp => sp.GetRequiredService<RecruiterProfileService>());
        services.AddSingleton<IAccountObserver, RecruiterAccountCopies>();
        return services;
    }
}
