using CareerNexus.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Organizations;

public static class OrganizationsServices
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services)
    {
        services.AddSingleton<OrganizationService>();
        services.AddSingleton<OrganizationInvites>();
        services.AddSingleton<IAccountObserver, OrganizationMemberCopies>();
        return services;
    }
}
