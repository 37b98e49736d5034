using System.Security.Claims;
using CareerNexus.Functions.Hosting;
using CareerNexus.Jobs;

namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002: jobs, recommendations, preferences. Bodies may come as JSON or as a form.</summary>
public static class NexusJobEndpoints
{
    public static void MapNexusJobs(this RouteGroupBuilder nexus)
    {
        var jobs = nexus.MapGroup("/job").RequireAuthorization();

        jobs.MapPost("", async (HttpRequest request, ClaimsPrincipal user, JobService service, CancellationToken ct) =>
        {
            var form = await RequestForm.ReadAsync(request, ct);
            var job = await service.CreateAsync(user.UserId(), new NewJob(form.Text("title"), form.Text("organization"), form.Text("employment_type"),
                form.Text("work_type"), form.Text("country"), form.Text("salary"), form.Text("overview"), form.Text("description"),
                form.Text("experience_level")), ct);
            return Results.Json(JobResponse(job), statusCode: StatusCodes.Status201Created);
        });

        jobs.MapGet("", async (NexusPage page, HttpRequest request, ClaimsPrincipal user, JobService service, CancellationToken ct) =>
            page.Envelope(request, await service.PostedByAsync(user.UserId(), page.Request, ct), JobResponse));

        jobs.MapGet("/recommend", async (NexusPage page, HttpRequest request, ClaimsPrincipal user, JobService service, CancellationToken ct) =>
            page.Envelope(request, await service.RecommendedForAsync(user.UserId(), page.Request, ct), JobResponse));

        jobs.MapPut("/preference", async (HttpRequest request, ClaimsPrincipal user, JobPreferenceService service, CancellationToken ct) =>
        {
            var form = await RequestForm.ReadAsync(request, ct);
            var preference = await service.SetAsync(user.UserId(), new PreferenceRequest(form.Text("title"), form.Text("employment_type"),
                form.Text("work_type"), form.Text("industry"), form.Text("experience_level")), ct);
            return new
            {
                title = NexusPeople.OrMissing(preference.Title),
                employment_type = NexusPeople.OrMissing(preference.EmploymentType),
                work_type = NexusPeople.OrMissing(preference.WorkType),
                industry = preference.Industry,
                experience_level = NexusPeople.OrMissing(preference.ExperienceLevel),
            };
        });

        jobs.MapGet("/preference", async (ClaimsPrincipal user, JobPreferenceService service, CancellationToken ct) =>
        {
            var preference = await service.GetAsync(user.UserId(), ct);
            return new
            {
                title = NexusPeople.OrMissing(preference?.Title),
                employment_type = NexusPeople.OrMissing(preference?.EmploymentType),
                work_type = NexusPeople.OrMissing(preference?.WorkType),
                industry = NexusPeople.OrMissing(preference?.Industry),
                experience_level = NexusPeople.OrMissing(preference?.ExperienceLevel),
                preference_set = preference is not null,
            };
        });
    }

    /// <summary>A job as document 002 shows it, with its id.</summary>
    private static object JobResponse(Job job) => new
    {
        id = job.JobId,
        title = job.Title,
        organization = job.Organization,
        employment_type = job.EmploymentType,
        work_type = job.WorkType,
        country = job.Country,
        salary = job.Salary,
        overview = job.Overview,
        description = job.Description,
        industry = job.Industry,
        experience_level = job.ExperienceLevel,
    };
}
