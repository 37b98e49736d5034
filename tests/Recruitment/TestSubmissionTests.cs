using System.Net;
using System.Text.Json;
using CareerNexus.Companies;
using CareerNexus.Jobs;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

public sealed class TestSubmissionTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const string Submissions = "/applications/api/v1/test-submissions/";
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static string TestPath(Job job) => $"/jobs/api/v1/jobs/{job.JobId}/test/";

    /// <summary>Four questions: three multiple-choice, one open.</summary>
    public static object Test() => new
    {
        questions = new object[]
        {
            new { id = 1, text = "Which language is Django written in?", question_type = "multiple_choice", choices = new[] { "Python", "Ruby" }, correct_answer = "Python" },
            new { id = 2, text = "Describe Django.", question_type = "open_ended" },
            new { id = 3, text = "2 + 2?", question_type = "multiple_choice", choices = new[] { "3", "4", "5" }, correct_answer = "4" },
            new { id = 4, text = "Best database?", question_type = "multiple_choice", choices = new[] { "PostgreSQL", "Excel" }, correct_answer = "PostgreSQL" },
        },
    };

    private async Task<(TestUser Recruiter, TestUser Candidate, Job Job, long Application)> Applied()
    {
        var recruiter = await _app.Recruiter();
        var candidate = await _app.Candidate();
        var job = await _app.RecruitmentJob(recruiter);
        var application = (await _api.Post("/applications/api/v1/applications/", new { job = job.JobId }, candidate.Access))
            .Expect(HttpStatusCode.Created)["id"].GetInt64();
        return (recruiter, candidate, job, application);
    }

    [Fact]
    public async Task The_recruiter_defines_the_test_and_candidates_see_it_without_its_answers()
    {
        var (recruiter, candidate, job, _) = await Applied();
        var defined = (await _api.Put(TestPath(job), Test(), recruiter.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(job.JobId, defined["job"].GetInt64());
        var first = defined["questions"].EnumerateArray().First();
        Assert.Equal("Python", first.GetProperty("correct_answer").GetString());
        Assert.Equal(["Python", "Ruby"], first.GetProperty("choices").EnumerateArray().Select(c => c.GetString()));

        var seen = (await _api.Get(TestPath(job), candidate.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(4, seen["questions"].GetArrayLength());
        Assert.DoesNotContain("correct_answer", seen.Body.GetRawText());
        Assert.Contains("correct_answer", (await _api.Get(TestPath(job), recruiter.Access)).Expect(HttpStatusCode.OK).Body.GetRawText());

        // A company admin may define it too; another recruiter or a candidate may not.
        var admin = await _app.Recruiter();
        await _app.JoinCompany(recruiter, admin, CompanyRoles.Admin);
        (await _api.Put(TestPath(job), Test(), admin.Access)).Expect(HttpStatusCode.OK);
        (await _api.Put(TestPath(job), Test(), (await _app.Recruiter()).Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Put(TestPath(job), Test(), candidate.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Put(TestPath(job), Test())).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Get(TestPath(job))).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Put("/jobs/api/v1/jobs/999999999/test/", Test(), recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Get($"/jobs/api/v1/jobs/{(await _app.RecruitmentJob(recruiter)).JobId}/test/", candidate.Access))
            .ExpectRecruitmentError(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_bad_test_definition_is_a_400_naming_the_questions()
    {
        var recruiter = await _app.Recruiter();
        var job = await _app.RecruitmentJob(recruiter);
        foreach (var body in new object[]
                 {
                     new { },
                     new { questions = Array.Empty<object>() },
                     new { questions = new[] { new { id = 1, text = "Q", question_type = "multiple_choice", choices = new[] { "a", "b" }, correct_answer = "c" } } },
                     new { questions = new[] { new { id = 1, text = "Q", question_type = "essay", choices = Array.Empty<string>(), correct_answer = (string?)null } } },
                     new { questions = new[] { new { id = 0, text = "Q", question_type = "open_ended" } } },
                     new { questions = new[] { new { id = 1, text = "Q", question_type = "open_ended" }, new { id = 1, text = "R", question_type = "open_ended" } } },
                     new { questions = new[] { new { id = 1, text = "", question_type = "open_ended" } } },
                 })
            Assert.NotEmpty((await _api.Put(TestPath(job), body, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("questions"));
        (await _api.Put(TestPath(job), new { questions = "all" }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_candidate_submits_once_multiple_choice_is_scored_and_the_recruiter_sees_the_score()
    {
        var (recruiter, candidate, job, application) = await Applied();
        (await _api.Put(TestPath(job), Test(), recruiter.Access)).Expect(HttpStatusCode.OK);
        var answers = new object[]
        {
            new { question = 1, answer = "python", question_type = "multiple_choice" },
            new { question = 2, answer = "Django is a web framework...", question_type = "open_ended" },
            new { question = 3, answer = "5", question_type = "multiple_choice" },
            new { question = 4, answer = "PostgreSQL", question_type = "multiple_choice" },
        };

        var submitted = (await _api.Post(Submissions, new { application, answers }, candidate.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(application, submitted["application"].GetInt64());
        Assert.Equal(67, submitted["score"].GetInt32());
        Assert.Equal(4, submitted["total_questions"].GetInt32());
        Assert.Equal(2, submitted["correct_answers"].GetInt32());
        Assert.Equal(JsonValueKind.String, submitted["submitted_at"].ValueKind);
        var id = submitted["id"].GetInt64();

        // A retry answers the first submission; other answers are a second submission, refused.
        Assert.Equal(id, (await _api.Post(Submissions, new { application, answers }, candidate.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64());
        (await _api.Post(Submissions, new { application, answers = answers[..1] }, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.Conflict);

        var row = Assert.Single((await _api.Get($"/applications/api/v1/applications/job/{job.JobId}/", recruiter.Access)).Expect(HttpStatusCode.OK)
            ["results"].EnumerateArray());
        Assert.Equal(id, row.GetProperty("test_submission").GetProperty("id").GetInt64());
        Assert.Equal(67, row.GetProperty("test_submission").GetProperty("score").GetInt32());
        var (_, inCandidate) = await _app.ApplicationCopies(job.JobId, candidate.Id);
        Assert.Equal(id, inCandidate.TestSubmission!.Id);
    }

    [Fact]
    public async Task Only_the_applicant_submits_and_bad_answers_are_refused_in_the_dialect()
    {
        var (recruiter, candidate, job, application) = await Applied();
        var answer = new[] { new { question = 1, answer = "Python", question_type = "multiple_choice" } };
        // No test yet.
        (await _api.Post(Submissions, new { application, answers = answer }, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.Put(TestPath(job), Test(), recruiter.Access)).Expect(HttpStatusCode.OK);

        (await _api.Post(Submissions, new { application, answers = answer })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Post(Submissions, new { application, answers = answer }, (await _app.Candidate()).Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Post(Submissions, new { application, answers = answer }, recruiter.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Post(Submissions, new { application = 999999999, answers = answer }, candidate.Access))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("application");
        (await _api.Post(Submissions, new { answers = answer }, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("application");
        (await _api.Post(Submissions, new { application }, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("answers");
        (await _api.Post(Submissions, new { application = "one", answers = answer }, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        foreach (var bad in new object[]
                 {
                     new[] { new { question = 9, answer = "x", question_type = "multiple_choice" } },
                     new[] { new { question = 2, answer = "x", question_type = "multiple_choice" } },
                     new[] { new { question = 1, answer = "x", question_type = "multiple_choice" }, new { question = 1, answer = "y", question_type = "multiple_choice" } },
                     new[] { new { question = 1, answer = (string?)null, question_type = "multiple_choice" } },
                 })
            (await _api.Post(Submissions, new { application, answers = bad }, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("answers");
        // Nothing was stored by the refusals: the applicant's submission is still the first.
        (await _api.Post(Submissions, new { application, answers = answer }, candidate.Access)).Expect(HttpStatusCode.Created);
    }
}
