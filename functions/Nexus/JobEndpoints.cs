using System.Security.Claims;
using CareerNexus.Functions.Hosting;
using CareerNexus.Jobs;

namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002, under /job/: jobs, recommendations, preferences. Bodies may come as JSON or as a form.</summary>
public static class NexusJobEndpoints
{
    public static void MapNexusJobs(this RouteGroupBuilder nexus)
    {
        var jobs = nexus.MapGroup("/job").RequireAuthorization();

        // The platform's own request records are the bodies: the document names the same fields.
        jobs.MapPost("", async (FormBody<NewJob> body, ClaimsPrincipal user, JobService service, CancellationToken ct) =>
        {
            var job = await service.CreateAsync(user.UserId(), body.Value, ct);
            return Results.Json(JobItem.Of(job), statusCode: StatusCodes.Status201Created);
        }).Produces<JobItem>(StatusCodes.Status201Created);

        jobs.MapGet("", async (NexusPage page, HttpRequest request, ClaimsPrincipal user, JobService service, CancellationToken ct) =>
            page.Envelope(request, await service.PostedByAsync(user.UserId(), page.Request, ct), JobItem.Of));

        jobs.MapGet("/recommend", async (NexusPage page, HttpRequest request, ClaimsPrincipal user, JobService service, CancellationToken ct) =>
            page.Envelope(request, await service.RecommendedForAsync(user.UserId(), page.Request, ct), JobItem.Of));

        jobs.MapPut("/preference", async (FormBody<PreferenceRequest> body, ClaimsPrincipal user, JobPreferenceService service, CancellationToken ct) =>
        {
            var preference = await service.SetAsync(user.UserId(), body.Value, ct);
            return new PreferenceItem(NexusPeople.OrMissing(preference.Title), NexusPeople.OrMissing(preference.EmploymentType),
                NexusPeople.OrMissing(preference.WorkType), preference.Industry, NexusPeople.OrMissing(preference.ExperienceLevel));
        });

        jobs.MapGet("/preference", async (ClaimsPrincipal user, JobPreferenceService service, CancellationToken ct) =>
        {
            var preference = await service.GetAsync(user.UserId(), ct);
            return new StoredPreference(NexusPeople.OrMissing(preference?.Title), NexusPeople.OrMissing(preference?.EmploymentType),
                NexusPeople.OrMissing(preference?.WorkType), NexusPeople.OrMissing(preference?.Industry),
                NexusPeople.OrMissing(preference?.ExperienceLevel), preference is not null);
        });
    }
}

/// <summary>A job as document 002 shows it, with its id.</summary>
public sealed record JobItem(long Id, string Title, string Organization, string EmploymentType, string WorkType, string Country, string Salary,
    string Overview, string Description, string Industry, string ExperienceLevel)
{
    public static JobItem Of(Job job) => new(job.JobId, job.Title, job.Organization, job.EmploymentType, job.WorkType, job.Country, job.Salary,
        job.Overview, job.Description, job.Industry, job.ExperienceLevel);
}

public sealed record PreferenceItem(string Title, string EmploymentType, string WorkType, string Industry, string ExperienceLevel);

public sealed record StoredPreference(string Title, string EmploymentType, string WorkType, string Industry, string ExperienceLevel,
    bool PreferenceSet);
