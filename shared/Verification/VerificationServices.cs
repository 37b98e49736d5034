using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Verification;

public static class VerificationServices
{
    public static IServiceCollection AddVerification(this IServiceCollection services)
    {

        return services;
    }
}
