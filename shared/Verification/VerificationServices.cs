using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Verification;

public static class VerificationServices
{
    public static IServiceCollection AddVerification(this IServiceCollection services)
    {
        services.AddSingleton<OneTimeSecrets>();
        services.AddSingleton<AttemptLimiter>();
        services.AddSingleton<SignupService>();
        services.AddSingleton<PasswordResetService>();
        services.AddSingleton<ActivationService>();
        services.AddSingleton<CodeVerificationService>();
        return services;
    }
}
