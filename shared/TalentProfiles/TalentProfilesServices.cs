using CareerNexus.Accounts;
using CareerNexus.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.TalentProfiles;

public static class TalentProfilesServices
{
    /// <summary>Document 004's candidate profiles, their resume parsing and notes; the ranking pool is registered with the ranking.</summary>
    public static IServiceCollection AddTalentProfiles(this IServiceCollection services)
    {
        services.AddSingleton<TalentProfileStore>();
        services.AddSingleton<CandidateNoteStore>();
        services.AddSingleton<TalentProfileService>();
        services.AddSingleton<CandidateNoteService>();
        services.AddSingleton<ResumeParsing>();
        services.AddSingleton<IAccountObserver, TalentProfileAccountCopies>();
        services.AddQueueHandler<CandidateProfilesHandler>(QueueNames.CandidateProfiles);
        return services;
    }
}
