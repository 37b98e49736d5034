using System.Security.Claims;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using CareerNexus.Functions.Recruitment;
using CareerNexus.Jobs;
using CareerNexus.Matching;
using CareerNexus.Ranking;
using CareerNexus.Tokens;

namespace CareerNexus.Functions.Talent;

// Routes: /api/channels/jobs/ (GET, POST), /api/channels/jobs/{id}/ (GET, PUT, PATCH, DELETE), /api/channels/jobs/{id}/rank-candidates/
// (POST), /api/channels/jobs/{id}/ranking-data/ (GET), /api/channels/skills/ (GET, ours).

/// <summary>
/// Document 004's job posts, for the members of the job's organization only, and their candidate ranking: a queued task
/// that ranks every candidate with the platform's matching engine.
/// </summary>
public static class TalentJobEndpoints
{
    public static void MapTalentJobs(this RouteGroupBuilder group)
    {
        var jobs = group.MapGroup("/jobs").RequireAuthorization();

        jobs.MapGet("", async (TalentPage page, ClaimsPrincipal user, AccountService accounts, TalentJobService service, RankingService rankings,
            CancellationToken ct) =>
        {
            var list = await service.ListAsync(await accounts.GetAsync(user.Caller(), ct), page.Request, ct);
            var ranked = list.Count == 0 ? new Dictionary<long, JobRanking>()
                : await rankings.OfJobsAsync(list[0].Posting!.CompanyId, list.Select(j => j.JobId).ToList(), ct);
            return list.Select(job => JobPostItem.Of(job, ranked.GetValueOrDefault(job.JobId))).ToList();
        }).Produces<List<JobPostItem>>();

        jobs.MapPost("", async (RecruitmentBody body, HttpRequest request, ClaimsPrincipal user, AccountService accounts, TalentJobService service,
            CancellationToken ct) =>
        {
            var fields = Fields(body);
            var job = await service.CreateAsync(await accounts.GetAsync(user.Caller(), ct), fields, request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key ? key : null, ct);
            return Results.Json(JobPostItem.Of(job, null), PlatformJson.Options, statusCode: StatusCodes.Status201Created);
        }).Accepts<JobPostBody>("application/json").Produces<JobPostItem>(StatusCodes.Status201Created);

        jobs.MapGet("/{id}", async (string id, ClaimsPrincipal user, AccountService accounts, TalentJobService service, RankingService rankings,
            CancellationToken ct) =>
        {
            var job = await service.GetAsync(await accounts.GetAsync(user.Caller(), ct), RecruitmentIds.FromPath(id), ct);
            return JobPostItem.Of(job, await rankings.FindAsync(job, ct));
        }).Produces<JobPostItem>();

        jobs.MapPut("/{id}", (string id, RecruitmentBody body, ClaimsPrincipal user, AccountService accounts, TalentJobService service,
            RankingService rankings, CancellationToken ct) => ChangeAsync(id, body, user, accounts, service, rankings, replace: true, ct))
            .Accepts<JobPostBody>("application/json").Produces<JobPostItem>();

        jobs.MapPatch("/{id}", (string id, RecruitmentBody body, ClaimsPrincipal user, AccountService accounts, TalentJobService service,
            RankingService rankings, CancellationToken ct) => ChangeAsync(id, body, user, accounts, service, rankings, replace: false, ct))
            .Accepts<JobPostBody>("application/json").Produces<JobPostItem>();

        jobs.MapDelete("/{id}", async (string id, ClaimsPrincipal user, AccountService accounts, TalentJobService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(await accounts.GetAsync(user.Caller(), ct), RecruitmentIds.FromPath(id), ct);
            return new TalentDetail("Job post deleted");
        }).Produces<TalentDetail>();

        jobs.MapPost("/{id}/rank-candidates", async (string id, ClaimsPrincipal user, AccountService accounts, TalentJobService service,
            RankingService rankings, CancellationToken ct) =>
        {
            var job = await service.GetAsync(await accounts.GetAsync(user.Caller(), ct), RecruitmentIds.FromPath(id), ct);
            var (outcome, ranking) = await rankings.StartAsync(job, ct);
            return outcome == RankingOutcome.AlreadyRanked
                ? Results.Json(new RankingCurrent("Candidates already ranked", RankingStatuses.Ranked, RankingData.Of(job, ranking)), PlatformJson.Options)
                : Results.Json(new RankingStarted(outcome == RankingOutcome.Started ? "Candidate ranking started" : "Candidate ranking already in progress",
                    RankingStatuses.Ranking, ranking.TaskId!), PlatformJson.Options, statusCode: StatusCodes.Status202Accepted);
        }).Produces<RankingStarted>(StatusCodes.Status202Accepted).Produces<RankingCurrent>();

        jobs.MapGet("/{id}/ranking-data", async (string id, ClaimsPrincipal user, AccountService accounts, TalentJobService service,
            RankingService rankings, CancellationToken ct) =>
        {
            var job = await service.GetAsync(await accounts.GetAsync(user.Caller(), ct), RecruitmentIds.FromPath(id), ct);
            return RankingData.Of(job, await rankings.FindAsync(job, ct));
        }).Produces<RankingData>();

        group.MapGet("/skills", () => MatchData.Shared.SkillNames.Select((name, index) => new SkillRef(index + 1, name)).ToList())
            .Produces<List<SkillRef>>();
    }

    private static async Task<JobPostItem> ChangeAsync(string id, RecruitmentBody body, ClaimsPrincipal user, AccountService accounts,
        TalentJobService service, RankingService rankings, bool replace, CancellationToken ct)
    {
        var fields = Fields(body);
        var job = await service.UpdateAsync(await accounts.GetAsync(user.Caller(), ct), RecruitmentIds.FromPath(id), fields, replace, ct);
        return JobPostItem.Of(job, await rankings.FindAsync(job, ct));
    }

    private static TalentJobFields Fields(RecruitmentBody body)
    {
        var fields = new TalentJobFields(body.Text("title"), body.Text("job_desc"), body.Text("workplace_type"), body.Text("location"),
            body.Text("job_type"), body.Text("estimated_salary"), body.Boolean("visa_required"), body.TextList("skills"));
        body.ThrowIfInvalid();
        return fields;
    }
}
