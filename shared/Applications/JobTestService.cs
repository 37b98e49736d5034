using CareerNexus.Common;
using CareerNexus.Jobs;
using CareerNexus.Storage;

namespace CareerNexus.Applications;

/// <summary>
/// Jobs' tests and candidates' submissions. A recruiter defines a job's test (it replaces the previous one; submissions
/// already made keep their scores); a candidate submits answers once per application: multiple-choice answers are
/// scored against the test, open answers are stored for review. The same answers sent again answer the first
/// submission; different ones are a 409.
/// </summary>
public sealed class JobTestService(DocumentStore store, IdAllocator ids, JobAccess access, ApplicationService applications, TestAssignments assignments,
    IEnumerable<IApplicationObserver> observers, TimeProvider clock)
{
    public const int MaxQuestions = 100;
    public const int MaxChoices = 20;
    public const int MaxTextLength = 2_000;
    public const int MaxAnswerLength = 10_000;

    public async Task<JobTest> DefineAsync(long userId, long jobId, TestDefinition definition, CancellationToken ct = default)
    {
        var questions = Validate(definition);
        await access.ManagedJobAsync(userId, jobId, ct);
        var partition = ApplicationDocument.JobPartition(jobId);
        var test = new JobTest(JobTest.Key, partition, jobId, questions, clock.GetUtcNow());
        await store.UpsertAsync(Containers.Applications, test, partition, ct);
        await assignments.TestDefinedAsync(jobId, ct);
        return test;
    }

    /// <summary>The job's test and whether this account may see its correct answers (the job's managers only).</summary>
    public async Task<(JobTest Test, bool WithAnswers)> GetAsync(long userId, long jobId, CancellationToken ct = default)
    {
        var job = await access.RecruitmentJobAsync(jobId, ct);
        var test = await FindAsync(jobId, ct) ?? throw PlatformException.NotFound("This job has no test.");
        return (test, await access.MayManageAsync(userId, job.PosterId, job.Posting!.CompanyId, ct));
    }

    public async Task<TestSubmission> SubmitAsync(long candidateId, SubmittedTest submitted, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (submitted.Application is null) errors.Add("application", "This field is required.");
        if (submitted.Answers is null) errors.Add("answers", "This field is required.");
        else if (submitted.Answers.Count > MaxQuestions) errors.Add("answers", $"Ensure this field has no more than {MaxQuestions} elements.");
        else if (submitted.Answers.Any(a => a?.Question is null || a.Answer is null || a.QuestionType is null))
            errors.Add("answers", "Each answer needs question, answer and question_type.");
        else if (submitted.Answers.Any(a => a!.Answer!.Length > MaxAnswerLength))
            errors.Add("answers", $"Ensure each answer has no more than {MaxAnswerLength} characters.");
        else if (submitted.Answers.Select(a => a!.Question).Distinct().Count() != submitted.Answers.Count)
            errors.Add("answers", "Each question may be answered once.");
        errors.ThrowIfAny();

        var application = await applications.FindAsync(submitted.Application!.Value, ct)
                          ?? throw ApplicationService.Field("application", $"Invalid pk \"{submitted.Application}\" - object does not exist.");
        if (application.CandidateId != candidateId) throw PlatformException.Forbidden("You can only submit tests for your own applications.");
        if (application.Status == ApplicationStatuses.Cancelled) throw ApplicationService.Field("application", "This application was cancelled.");
        var test = await FindAsync(application.JobId, ct) ?? throw ApplicationService.Field("application", "This job has no test.");

        var answers = Score(test, submitted.Answers!.Select(a => a!).ToList());
        var multipleChoice = test.Questions.Count(q => q.QuestionType == QuestionTypes.MultipleChoice);
        var correct = answers.Count(a => a.Correct == true);
        var key = TestSubmission.KeyOf(application.ApplicationId);
        var submission = new TestSubmission(key, application.Partition, await ids.NextAsync("test_submissions", ct), application.ApplicationId,
            application.JobId, candidateId, answers, multipleChoice == 0 ? 0 : (int)Math.Round(100.0 * correct / multipleChoice),
            test.Questions.Count, correct, clock.GetUtcNow());
        if (!await store.TryCreateAsync(Containers.Applications, submission, submission.Partition, ct))
        {
            var first = (await store.ReadAsync<TestSubmission>(Containers.Applications, key, submission.Partition, ct))?.Document
                        ?? throw PlatformException.Conflict("The submission is changing, try again.");
            if (!first.Answers.Select(a => (a.Question, a.Answer)).SequenceEqual(answers.Select(a => (a.Question, a.Answer))))
                throw PlatformException.Conflict("A test was already submitted for this application.");
            submission = first;
        }
        // Also on a retry: the first attempt may have stopped before linking.
        var link = new SubmissionLink(submission.SubmissionId, submission.Score);
        if (application.TestSubmission != link) application = await applications.ChangeAsync(application, doc => doc with { TestSubmission = link }, ct);
        foreach (var observer in observers) await observer.TestSubmittedAsync(application, submission, ct);
        return submission;
    }

    private async Task<JobTest?> FindAsync(long jobId, CancellationToken ct) =>
        (await store.ReadAsync<JobTest>(Containers.Applications, JobTest.Key, ApplicationDocument.JobPartition(jobId), ct))?.Document;

    /// <summary>Every answer names a question of the test with its type; multiple-choice ones are marked right or wrong.</summary>
    private static List<TestAnswer> Score(JobTest test, IReadOnlyList<SubmittedAnswer> submitted)
    {
        var questions = test.Questions.ToDictionary(q => q.Id);
        var answers = new List<TestAnswer>();
        foreach (var answer in submitted)
        {
            if (!questions.TryGetValue(answer.Question!.Value, out var question))
                throw ApplicationService.Field("answers", $"Question {answer.Question} is not part of this job's test.");
            if (question.QuestionType != answer.QuestionType)
                throw ApplicationService.Field("answers", $"Question {question.Id} is {question.QuestionType}, not {answer.QuestionType}.");
            var text = answer.Answer!.Trim();
            answers.Add(new TestAnswer(question.Id, text, question.QuestionType, question.QuestionType == QuestionTypes.MultipleChoice
                ? string.Equals(text, question.CorrectAnswer, StringComparison.OrdinalIgnoreCase)
                : null));
        }
        return answers.OrderBy(a => a.Question).ToList();
    }

    private static List<TestQuestion> Validate(TestDefinition definition)
    {
        var errors = new FieldErrors();
        var sent = definition.Questions;
        if (sent is null || sent.Count == 0) errors.Add("questions", "This field is required.");
        else if (sent.Count > MaxQuestions) errors.Add("questions", $"Ensure this field has no more than {MaxQuestions} elements.");
        errors.ThrowIfAny();
        var questions = new List<TestQuestion>();
        foreach (var q in sent!)
        {
            var text = q?.Text?.Trim() ?? "";
            var choices = q?.Choices?.Select(c => c?.Trim() ?? "").ToList() ?? [];
            var correct = q?.CorrectAnswer?.Trim();
            string? problem = q switch
            {
                null => "Each question must be an object.",
                { Id: null or <= 0 } => "Each question needs a positive integer id.",
                _ when questions.Any(other => other.Id == q.Id) => $"Question id {q.Id} is used twice.",
                _ when text.Length is 0 or > MaxTextLength => $"Question {q.Id} needs a text of 1 to {MaxTextLength} characters.",
                { QuestionType: QuestionTypes.MultipleChoice } when choices.Count is < 2 or > MaxChoices
                                                                   || choices.Any(c => c.Length is 0 or > MaxTextLength)
                    => $"Question {q.Id} needs 2 to {MaxChoices} non-empty choices.",
                { QuestionType: QuestionTypes.MultipleChoice } when correct is null || !choices.Contains(correct)
                    => $"The correct answer of question {q.Id} must be one of its choices.",
                { QuestionType: QuestionTypes.OpenEnded } when choices.Count > 0 || correct is not null
                    => $"Open-ended question {q.Id} takes no choices and no correct answer.",
                { QuestionType: not (QuestionTypes.MultipleChoice or QuestionTypes.OpenEnded) }
                    => $"The question_type of question {q.Id} must be {QuestionTypes.MultipleChoice} or {QuestionTypes.OpenEnded}.",
                _ => null,
            };
            if (problem is not null) throw ApplicationService.Field("questions", problem);
            questions.Add(new TestQuestion(q!.Id!.Value, text, q.QuestionType!, choices, correct));
        }
        return questions;
    }
}
