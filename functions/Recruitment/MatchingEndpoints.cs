using System.Globalization;
using System.Security.Claims;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using CareerNexus.Matching;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// Document 003's matching module: a job's candidates and a candidate's jobs, read from the stored matches (no
/// scoring on a read), and the recalculation route.
/// </summary>
public static class RecruitmentMatchingEndpoints
{
    public static void MapRecruitmentMatching(this RouteGroupBuilder group)
    {
        var matches = group.MapGroup("/job-matches").RequireAuthorization();

        matches.MapGet("/job/{job_id}", async (string job_id, string? min_score, string? has_applied, string? ordering, RecruitmentPage page,
                HttpRequest request, ClaimsPrincipal user, MatchingService service, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var filter = new MatchFilter(FilterValues.Number(min_score, "min_score", errors), FilterValues.Boolean(has_applied, "has_applied", errors), Ordering: ordering);
            errors.ThrowIfAny();
            return page.Envelope(request, await service.ForJobAsync(user.UserId(), RecruitmentIds.FromPath(job_id), filter, page.Request, ct), CandidateMatch.Of);
        }).Produces<RecruitmentList<CandidateMatch>>();

        matches.MapGet("/candidate/me", async (string? min_score, string? is_active, string? location, RecruitmentPage page, HttpRequest request,
            ClaimsPrincipal user, MatchingService service, CancellationToken ct) =>
        {
            var errors = new FieldErrors();
            var filter = new MatchFilter(FilterValues.Number(min_score, "min_score", errors), IsActive: FilterValues.Boolean(is_active, "is_active", errors),
                Location: string.IsNullOrWhiteSpace(location) ? null : location);
            errors.ThrowIfAny();
            return page.Envelope(request, await service.ForCandidateAsync(user.Caller(), filter, page.Request, ct), JobMatch.Of);
        }).Produces<RecruitmentList<JobMatch>>();

        matches.MapPost("/recalculate", async (MatchRecalculation? body, ClaimsPrincipal user, MatchingService service, CancellationToken ct) =>
        {
            var done = await service.RecalculateAsync(user.Caller(), body ?? new MatchRecalculation(null, null, null), ct);
            return new RecalculatedMatches(done.Continues ? "Matches recalculated; the rest continue in the background." : "Matches recalculated successfully",
                done.MatchesUpdated, string.Create(CultureInfo.InvariantCulture, $"{done.Elapsed.TotalSeconds:0.###}s"), !done.Continues);
        }).Produces<RecalculatedMatches>();
    }
}

public sealed record MatchCandidateCard(long Id, string Username, string FullName, string? ProfilePicture);

public sealed record MatchCompany(string Name, string? Logo);

public sealed record MatchJobCard(long Id, string Title, MatchCompany Company, string Location, decimal? SalaryMin, decimal? SalaryMax);

/// <summary>
/// One candidate of a job's matches, as document 003 shows it; the four other sub-scores and the matched and missing
/// skills are our documented extensions.
/// </summary>
public sealed record CandidateMatch(long Id, MatchCandidateCard Candidate, double MatchScore, int SkillsMatch, int ExperienceMatch, int LocationMatch,
    int SalaryMatch, int TechnologiesMatch, int DescriptionMatch, int DomainMatch, int ContractTypeMatch, IReadOnlyList<string> MatchedSkills,
    IReadOnlyList<string> MissingSkills, string Summary, string RecruiterSummary, bool HasApplied, long? ApplicationId, DateTimeOffset LastCalculated)
{
    public static CandidateMatch Of(MatchScore m) => new(m.MatchId,
        new MatchCandidateCard(m.CandidateId, m.Candidate.Username, m.Candidate.FullName, m.Candidate.ProfilePicture), m.Score, m.SkillsMatch,
        m.ExperienceMatch, m.LocationMatch, m.SalaryMatch, m.TechnologiesMatch, m.DescriptionMatch, m.DomainMatch, m.ContractTypeMatch,
        m.MatchedSkills, m.MissingSkills, m.Summary, m.RecruiterSummary, m.HasApplied, m.ApplicationId, m.LastCalculated);
}

/// <summary>One job of a candidate's matches, as document 003 shows it; the matched and missing skills are our extensions.</summary>
public sealed record JobMatch(long Id, MatchJobCard Job, double MatchScore, IReadOnlyList<string> MatchedSkills, IReadOnlyList<string> MissingSkills,
    string Summary, bool HasApplied, DateTimeOffset LastCalculated)
{
    public static JobMatch Of(MatchScore m) => new(m.MatchId,
        new MatchJobCard(m.JobId, m.Job.Title, new MatchCompany(m.Job.CompanyName, m.Job.CompanyLogo), m.Job.Location, m.Job.SalaryMin, m.Job.SalaryMax),
        m.Score, m.MatchedSkills, m.MissingSkills, m.Summary, m.HasApplied, m.LastCalculated);
}

/// <summary>Document 003's recalculation answer; complete (false when the worker finishes the rest) is our extension.</summary>
public sealed record RecalculatedMatches(string Message, int MatchesUpdated, string CalculationTime, bool Complete);
