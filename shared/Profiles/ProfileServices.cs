using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Profiles;

public static class ProfileServices
{
    public static IServiceCollection AddProfiles(this IServiceCollection services)
    {
        services.AddSingleton<ProfileEntryService>();
        services.AddSingleton<ProfileService>();
        return services;
    }
}
