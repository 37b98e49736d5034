using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Companies;

public static class CompaniesServices
{
    public static IServiceCollection AddCompanies(this IServiceCollection services)
    {
        services.AddSingleton<CompanyService>();
        return services;
    }
}
