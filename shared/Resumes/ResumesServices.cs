using CareerNexus.Matching;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Resumes;

public static class ResumesServices
{
    /// <summary>The offline resume parser, for the worker that fills a candidate profile's resume_data.</summary>
    public static IServiceCollection AddResumes(this IServiceCollection services)
    {
        services.AddSingleton(new ResumeLimits());
        services.AddSingleton(_ => new ResumeReader(ResumeVocabulary.Shared, MatchData.Shared));
        services.AddSingleton<ResumeParser>();
        return services;
    }
}
