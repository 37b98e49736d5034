using System.Globalization;
using System.Security.Claims;
using CareerNexus.Accounts;
using CareerNexus.Applications;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using CareerNexus.Tokens;

namespace CareerNexus.Functions.Recruitment;

/// <summary>Document 003's applications module, and the job tests its test submissions answer.</summary>
public static class RecruitmentApplicationsEndpoints
{
    public static void MapRecruitmentApplications(this RouteGroupBuilder group)
    {
        var signedIn = group.MapGroup("").RequireAuthorization();

        signedIn.MapPost("/applications", async (NewApplication? body, ClaimsPrincipal user, AccountService accounts, ApplicationService service,
            CancellationToken ct) =>
        {
            var application = await service.ApplyAsync(await accounts.GetAsync(user.Caller(), ct), body ?? new NewApplication(null, null), ct);
            return Results.Json(CreatedApplication.Of(application), statusCode: StatusCodes.Status201Created);
        }).Produces<CreatedApplication>(StatusCodes.Status201Created);

        signedIn.MapGet("/applications/my-applications", async (string? status, string? job, RecruitmentPage page, HttpRequest request,
                ClaimsPrincipal user, AccountService accounts, ApplicationService service, CancellationToken ct) =>
            page.Envelope(request, await service.MyApplicationsAsync(await accounts.GetAsync(user.Caller(), ct),
                new ApplicationFilter(status, RecruitmentIds.FromQuery(job, "job"), null), page.Request, ct), MyApplication.Of))
            .Produces<RecruitmentList<MyApplication>>();

        signedIn.MapGet("/applications/job/{job_id}", async (string job_id, string? status, string? ordering, RecruitmentPage page,
                HttpRequest request, ClaimsPrincipal user, ApplicationService service, CancellationToken ct) =>
            page.Envelope(request, await service.JobApplicationsAsync(user.UserId(), RecruitmentIds.FromPath(job_id), new ApplicationFilter(status, null, ordering),
                page.Request, ct), JobApplication.Of))
            .Produces<RecruitmentList<JobApplication>>();

        signedIn.MapPatch("/applications/{id}/status", async (string id, StatusUpdate? body, ClaimsPrincipal user, ApplicationService service,
            CancellationToken ct) =>
        {
            var application = await service.ChangeStatusAsync(user.UserId(), RecruitmentIds.FromPath(id), body ?? new StatusUpdate(null, null), ct);
            return new ChangedStatus(application.ApplicationId, application.Status, application.Notes, application.UpdatedAt);
        }).Produces<ChangedStatus>();

        signedIn.MapPost("/test-submissions", async (SubmittedTest? body, ClaimsPrincipal user, JobTestService tests, CancellationToken ct) =>
        {
            var submission = await tests.SubmitAsync(user.UserId(), body ?? new SubmittedTest(null, null), ct);
            return Results.Json(new SubmissionResult(submission.SubmissionId, submission.ApplicationId, submission.Score, submission.TotalQuestions,
                submission.CorrectAnswers, submission.SubmittedAt), statusCode: StatusCodes.Status201Created);
        }).Produces<SubmissionResult>(StatusCodes.Status201Created);
    }

    /// <summary>
    /// A job's test, under the jobs module's prefix (/jobs/api/v1/jobs/{id}/test/): its recruiter or a company admin
    /// defines it with PUT; any signed-in account reads its questions, and only those who manage the job see the answers.
    /// </summary>
    public static void MapRecruitmentJobTests(this RouteGroupBuilder group)
    {
        var tests = group.MapGroup("/jobs/{id}/test").RequireAuthorization();

        tests.MapPut("", async (string id, TestDefinition? body, ClaimsPrincipal user, JobTestService service, CancellationToken ct) =>
            ManagedTest.Of(await service.DefineAsync(user.UserId(), RecruitmentIds.FromPath(id), body ?? new TestDefinition(null), ct)))
            .Produces<ManagedTest>();

        tests.MapGet("", async (string id, ClaimsPrincipal user, JobTestService service, CancellationToken ct) =>
        {
            var (test, withAnswers) = await service.GetAsync(user.UserId(), RecruitmentIds.FromPath(id), ct);
            return withAnswers ? Results.Json(ManagedTest.Of(test)) : Results.Json(CandidateTest.Of(test));
        }).Produces<CandidateTest>().Produces<ManagedTest>();
    }
}

public sealed record JobSummary(long Id, string Title);

public sealed record CompanyName(string Name);

public sealed record JobWithCompany(long Id, string Title, CompanyName Company);

public sealed record ApplicantSummary(long Id, string Username, string FullName);

public sealed record ApplicantProfile(long Id, string Username, string FullName, string? ProfilePicture);

public sealed record SubmissionSummary(long Id, int Score);

/// <summary>The application as document 003's create answers it.</summary>
public sealed record CreatedApplication(long Id, JobSummary Job, ApplicantSummary Candidate, string Status, string CoverLetter, double? MatchScore,
    DateTimeOffset AppliedAt)
{
    public static CreatedApplication Of(ApplicationDocument a) => new(a.ApplicationId, new JobSummary(a.JobId, a.JobTitle),
        new ApplicantSummary(a.Candidate.Id, a.Candidate.Username, a.Candidate.FullName), a.Status, a.CoverLetter, a.MatchScore, a.AppliedAt);
}

/// <summary>One of the candidate's applications.</summary>
public sealed record MyApplication(long Id, JobWithCompany Job, string Status, double? MatchScore, DateTimeOffset AppliedAt, DateTimeOffset UpdatedAt)
{
    public static MyApplication Of(ApplicationDocument a) =>
        new(a.ApplicationId, new JobWithCompany(a.JobId, a.JobTitle, new CompanyName(a.CompanyName)), a.Status, a.MatchScore, a.AppliedAt, a.UpdatedAt);
}

/// <summary>One application to a job, as its recruiter sees it.</summary>
public sealed record JobApplication(long Id, ApplicantProfile Candidate, string Status, double? MatchScore, string CoverLetter, DateTimeOffset AppliedAt,
    DateTimeOffset UpdatedAt, SubmissionSummary? TestSubmission)
{
    public static JobApplication Of(ApplicationDocument a) => new(a.ApplicationId,
        new ApplicantProfile(a.Candidate.Id, a.Candidate.Username, a.Candidate.FullName, a.Candidate.ProfilePicture), a.Status, a.MatchScore,
        a.CoverLetter, a.AppliedAt, a.UpdatedAt, a.TestSubmission is { } s ? new SubmissionSummary(s.Id, s.Score) : null);
}

public sealed record ChangedStatus(long Id, string Status, string Notes, DateTimeOffset UpdatedAt);

public sealed record SubmissionResult(long Id, long Application, int Score, int TotalQuestions, int CorrectAnswers, DateTimeOffset SubmittedAt);

public sealed record ManagedQuestion(long Id, string Text, string QuestionType, IReadOnlyList<string> Choices, string? CorrectAnswer);

public sealed record CandidateQuestion(long Id, string Text, string QuestionType, IReadOnlyList<string> Choices);

/// <summary>A job's test with its correct answers, for those who manage the job.</summary>
public sealed record ManagedTest(long Job, IReadOnlyList<ManagedQuestion> Questions, DateTimeOffset UpdatedAt)
{
    public static ManagedTest Of(JobTest t) =>
        new(t.JobId, t.Questions.Select(q => new ManagedQuestion(q.Id, q.Text, q.QuestionType, q.Choices, q.CorrectAnswer)).ToList(), t.UpdatedAt);
}

/// <summary>A job's test as a candidate sees it: the questions and choices, never the answers.</summary>
public sealed record CandidateTest(long Job, IReadOnlyList<CandidateQuestion> Questions, DateTimeOffset UpdatedAt)
{
    public static CandidateTest Of(JobTest t) =>
        new(t.JobId, t.Questions.Select(q => new CandidateQuestion(q.Id, q.Text, q.QuestionType, q.Choices)).ToList(), t.UpdatedAt);
}
