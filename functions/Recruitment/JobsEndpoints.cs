using System.Security.Claims;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using CareerNexus.Jobs;
using Microsoft.OpenApi;

namespace CareerNexus.Functions.Recruitment;

/// <summary>Document 003's jobs module, under /jobs/api/v1/: jobs/ (public search, create), jobs/{id}/ (public detail, edit, close).</summary>
public static class RecruitmentJobsEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static void MapRecruitmentJobs(this RouteGroupBuilder group)
    {
        group.MapGet("/jobs", async (RecruitmentPage page, HttpRequest request, JobPostingService service, CancellationToken ct) =>
        {
            var q = request.Query;
            var filters = new JobFilters(q["search"], q["category"], q["job_type"], q["location"], q["experience_level"], q["min_salary"],
                q["max_salary"], q["is_active"]);
            return page.Envelope(request, await service.SearchAsync(filters, page.Request, ct), JobRow.Of);
        }).WithMetadata(new Docs.QueryParameters([
            ("search", JsonSchemaType.String), ("category", JsonSchemaType.Integer), ("job_type", JsonSchemaType.String),
            ("location", JsonSchemaType.String), ("experience_level", JsonSchemaType.String), ("min_salary", JsonSchemaType.Number),
            ("max_salary", JsonSchemaType.Number), ("is_active", JsonSchemaType.Boolean),
        ]));

        group.MapGet("/jobs/{id}", async (string id, JobPostingService service, CancellationToken ct) =>
            JobDetail.Of(await service.GetAsync(RecruitmentIds.FromPath(id), ct)));

        group.MapPost("/jobs", async (RecruitmentBody body, HttpRequest request, ClaimsPrincipal user, JobPostingService service, CancellationToken ct) =>
        {
            var job = await service.CreateAsync(user.UserId(), Request(body), request.Headers[IdempotencyHeader].ToString(), ct);
            return Results.Json(JobCreated.Of(job), PlatformJson.Options, statusCode: StatusCodes.Status201Created);
        }).RequireAuthorization().Accepts<JobPostingBody>("application/json").Produces<JobCreated>(StatusCodes.Status201Created);

        group.MapPatch("/jobs/{id}", async (string id, RecruitmentBody body, ClaimsPrincipal user, JobPostingService service, CancellationToken ct) =>
            JobDetail.Of(await service.UpdateAsync(user.UserId(), RecruitmentIds.FromPath(id), Request(body), ct)))
            .RequireAuthorization().Accepts<JobPostingBody>("application/json");

        group.MapDelete("/jobs/{id}", async (string id, ClaimsPrincipal user, JobPostingService service, CancellationToken ct) =>
        {
            await service.CloseAsync(user.UserId(), RecruitmentIds.FromPath(id), ct);
            return Results.NoContent();
        }).RequireAuthorization().Produces(StatusCodes.Status204NoContent);
    }

    private static JobPostingRequest Request(RecruitmentBody body)
    {
        var request = new JobPostingRequest(body.Text("title"), body.Id("company"), body.Id("category"), body.IdOrCode("job_type"), body.Text("location"),
            body.Decimal("salary_min", out _), body.Decimal("salary_max", out _), body.Text("experience_level"), body.Text("description"), body.TextList("requirements"),
            body.TextList("benefits"), body.TextList("skills"), body.Text("work_type"));
        body.ThrowIfInvalid();
        return request;
    }
}

/// <summary>A create or edit as document 003 shows it: category by id, job_type by id or code, company by id (defaults to the recruiter's).</summary>
public sealed record JobPostingBody(string Title, long? Company, long Category, long JobType, string Location, decimal? SalaryMin, decimal? SalaryMax,
    string ExperienceLevel, string Description, IReadOnlyList<string>? Requirements, IReadOnlyList<string>? Benefits, IReadOnlyList<string>? Skills,
    string? WorkType);

/// <summary>A reference entry as document 003 shows it; job types also carry their code, which the job_type filter takes.</summary>
public sealed record Reference(long Id, string Name, string? Code = null)
{
    public static Reference Category(long id) => JobCatalog.Category(id) is { } c ? new(c.Id, c.Name) : new(id, "");

    public static Reference JobType(long id) => JobCatalog.JobType(id) is { } t ? new(t.Id, t.Name, t.Code) : new(id, "");
}

public sealed record CompanyBrief(long Id, string Name, string? Logo);

public sealed record JobCompanyCard(long Id, string Name, string? Logo, string Description);

public sealed record RecruiterCard(long Id, string Username, string FullName);

/// <summary>A job in the public list.</summary>
public sealed record JobRow(long Id, string Title, string Slug, CompanyBrief Company, Reference Category, Reference JobType, string Location,
    decimal? SalaryMin, decimal? SalaryMax, string ExperienceLevel, string Description, IReadOnlyList<string> Requirements, bool IsActive,
    DateTimeOffset CreatedAt)
{
    public static JobRow Of(Job job)
    {
        var p = job.Posting!;
        return new(job.JobId, job.Title, p.Slug, new CompanyBrief(p.CompanyId, p.Company?.Name ?? job.Organization, p.Company?.Logo),
            Reference.Category(p.CategoryId), Reference.JobType(p.JobTypeId), p.Location, p.SalaryMin, p.SalaryMax, p.ExperienceLevel, job.Description,
            p.Requirements, p.IsActive, job.CreatedAt);
    }
}

/// <summary>A job's detail; what it shows of its company and recruiter is copied on the job, so it is one read.</summary>
public sealed record JobDetail(long Id, string Title, string Slug, JobCompanyCard Company, RecruiterCard Recruiter, Reference Category, Reference JobType,
    string Location, decimal? SalaryMin, decimal? SalaryMax, string ExperienceLevel, string WorkType, string Description, IReadOnlyList<string> Requirements,
    IReadOnlyList<string> Benefits, IReadOnlyList<string> Skills, long ApplicationCount, bool IsActive, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static JobDetail Of(Job job)
    {
        var p = job.Posting!;
        return new(job.JobId, job.Title, p.Slug,
            new JobCompanyCard(p.CompanyId, p.Company?.Name ?? job.Organization, p.Company?.Logo, p.Company?.Description ?? ""),
            new RecruiterCard(job.PosterId, p.Recruiter?.Username ?? "", p.Recruiter?.FullName ?? ""), Reference.Category(p.CategoryId),
            Reference.JobType(p.JobTypeId), p.Location, p.SalaryMin, p.SalaryMax, p.ExperienceLevel, job.WorkType, job.Description, p.Requirements,
            p.Benefits, p.Skills, job.ApplicationCount, p.IsActive, job.CreatedAt, p.UpdatedAt);
    }
}

/// <summary>Document 003's answer to a create.</summary>
public sealed record JobCreated(long Id, string Title, string Slug, bool IsActive, DateTimeOffset CreatedAt)
{
    public static JobCreated Of(Job job) => new(job.JobId, job.Title, job.Posting!.Slug, job.Posting.IsActive, job.CreatedAt);
}
