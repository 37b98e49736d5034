using System.Security.Claims;
using CareerNexus.Companies;
using CareerNexus.Functions.Hosting;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// Following companies (ours, under /companies/api/v1/companies/{id}/follow/): document 003 tells candidates "following
/// companies" of their new jobs (job_posted) but has no route to follow one. Any signed-in account may follow.
/// </summary>
public static class RecruitmentCompanyFollowEndpoints
{
    public static void MapRecruitmentCompanyFollows(this RouteGroupBuilder group)
    {
        var follow = group.MapGroup("/companies/{id}/follow").RequireAuthorization();

        follow.MapPost("", async (string id, ClaimsPrincipal user, CompanyFollowService service, CancellationToken ct) =>
        {
            var (followed, started) = await service.FollowAsync(user.UserId(), RecruitmentIds.FromPath(id), ct);
            return Results.Json(new CompanyFollowing(followed.CompanyId, true, followed.FollowersCount, followed.FollowedAt),
                statusCode: started ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }).Produces<CompanyFollowing>(StatusCodes.Status201Created).Produces<CompanyFollowing>();

        follow.MapDelete("", async (string id, ClaimsPrincipal user, CompanyFollowService service, CancellationToken ct) =>
        {
            await service.UnfollowAsync(user.UserId(), RecruitmentIds.FromPath(id), ct);
            return Results.NoContent();
        }).Produces(StatusCodes.Status204NoContent);
    }
}

/// <summary>The caller's follow of a company, with the company's stored follower count.</summary>
public sealed record CompanyFollowing(long Company, bool Following, long FollowersCount, DateTimeOffset FollowedAt);
