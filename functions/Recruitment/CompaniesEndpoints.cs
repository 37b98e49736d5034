using CareerNexus.Companies;
using Microsoft.OpenApi;

namespace CareerNexus.Functions.Recruitment;

/// <summary>Document 003's companies module, under /companies/api/v1/: companies/ (public search) and companies/{id}/ (public detail).</summary>
public static class RecruitmentCompaniesEndpoints
{
    public static void MapRecruitmentCompanies(this RouteGroupBuilder group)
    {
        group.MapGet("/companies", async (RecruitmentPage page, HttpRequest request, CompanyService service, CancellationToken ct) =>
        {
            var q = request.Query;
            var search = new CompanySearch(q["search"], q["industry"], q["location"]);
            return page.Envelope(request, await service.SearchAsync(search, page.Request, ct), CompanyRow.Of);
        }).WithMetadata(new Docs.QueryParameters([("search", JsonSchemaType.String), ("industry", JsonSchemaType.String), ("location", JsonSchemaType.String)]));

        group.MapGet("/companies/{id}", async (string id, CompanyService service, CancellationToken ct) =>
            CompanyDetailResponse.Of(await service.DetailAsync(RecruitmentIds.FromPath(id), ct)));
    }
}

/// <summary>A company in the public list; active_jobs_count is its stored counter.</summary>
public sealed record CompanyRow(long Id, string Name, string Slug, string? Logo, string Description, string Industry, string Location, string Website,
    string EmployeeCount, long ActiveJobsCount)
{
    public static CompanyRow Of(Company c) =>
        new(c.CompanyId, c.Name, CompanyService.Slug(c.Name), c.Logo, c.Description, c.Industry, c.Location, c.Website, c.EmployeeCount, c.ActiveJobsCount);
}

public sealed record ActiveJob(long Id, string Title, string Location);

public sealed record TeamMemberItem(long Id, RecruiterCard User, string Role);

/// <summary>A company's detail: its newest active jobs and its team, each bounded; followers_count (stored) is our extension.</summary>
public sealed record CompanyDetailResponse(long Id, string Name, string Slug, string? Logo, string Description, string Industry, string Location,
    string Website, string EmployeeCount, int? FoundedYear, long ActiveJobsCount, long FollowersCount, IReadOnlyList<ActiveJob> ActiveJobs,
    IReadOnlyList<TeamMemberItem> TeamMembers)
{
    public static CompanyDetailResponse Of(CompanyDetail detail)
    {
        var c = detail.Company;
        return new(c.CompanyId, c.Name, CompanyService.Slug(c.Name), c.Logo, c.Description, c.Industry, c.Location, c.Website, c.EmployeeCount,
            c.FoundedYear, c.ActiveJobsCount, c.FollowersCount, detail.ActiveJobs.Select(j => new ActiveJob(j.JobId, j.Title, j.Posting?.Location ?? j.Country)).ToList(),
            detail.Team.Select(m => new TeamMemberItem(m.UserId, new RecruiterCard(m.UserId, m.Username, m.FullName), m.Role)).ToList());
    }
}
