using CareerNexus.Common;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.LinkedIn;

public static class LinkedInServices
{
    public static IServiceCollection AddLinkedIn(this IServiceCollection services)
    {
        services.AddPlatformHttpClient(LinkedInSignIn.HttpClientName);
        services.AddSingleton<LinkedInSignIn>();
        return services;
    }
}
