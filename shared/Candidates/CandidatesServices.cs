using CareerNexus.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Candidates;

public static class CandidatesServices
{
    public static IServiceCollection AddCandidates(this IServiceCollection services)
    {
        services.AddSingleton<CvRenderer>();
        services.AddSingleton<CandidateProfileService>();
        services.AddSingleton<IAccountObserver, CandidateAccountCopies>();
        return services;
    }
}
