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

/// <summary>
/// A company in the public list; active_jobs_count and the ratings (average_rating, null before the first review, and
/// reviews_count) are its stored counters.
/// </summary>
public sealed record CompanyRow(long Id, string Name, string Slug, string? Logo, string Description, string Industry, string Location, string Website,
    string EmployeeCount, long ActiveJobsCount, double? AverageRating, long ReviewsCount)
{
    public static CompanyRow Of(Company c) =>
        new(c.CompanyId, c.Name, CompanyService.Slug(c.Name), c.Logo, c.Description, c.Industry, c.Location, c.Website, c.EmployeeCount, c.ActiveJobsCount,
            c.Ratings.Average, c.Ratings.Count);
}

public sealed record ActiveJob(long Id, string Title, string Location);

public sealed record TeamMemberItem(long Id, RecruiterCard User, string Role);

/// <summary>
/// A company's detail: its newest active jobs and its team, each bounded, its ratings with the count of each star, and
/// followers_count (stored; our extension).
/// </summary>
public sealed record CompanyDetailResponse(long Id, string Name, string Slug, string? Logo, string Description, string Industry, string Location,
    string Website, string EmployeeCount, int? FoundedYear, long ActiveJobsCount, long FollowersCount, IReadOnlyList<ActiveJob> ActiveJobs,
    IReadOnlyList<TeamMemberItem> TeamMembers, double? AverageRating, long ReviewsCount, IReadOnlyDictionary<string, long> RatingCounts)
{
    public static CompanyDetailResponse Of(CompanyDetail detail)
    {
        var c = detail.Company;
        return new(c.CompanyId, c.Name, CompanyService.Slug(c.Name), c.Logo, c.Description, c.Industry, c.Location, c.Website, c.EmployeeCount,
            c.FoundedYear, c.ActiveJobsCount, c.FollowersCount, detail.ActiveJobs.Select(j => new ActiveJob(j.JobId, j.Title, j.Posting?.Location ?? j.Country)).ToList(),
            detail.Team.Select(m => new TeamMemberItem(m.UserId, new RecruiterCard(m.UserId, m.Username, m.FullName), m.Role)).ToList(),
            c.Ratings.Average, c.Ratings.Count, c.Ratings.Stars);
    }
}
