namespace CareerNexus.Applications;

public static class QuestionTypes
{
    public const string MultipleChoice = "multiple_choice";
    public const string OpenEnded = "open_ended";
}

/// <summary>One question of a job's test; <see cref="CorrectAnswer"/> is one of the choices, for multiple-choice questions only.</summary>
public sealed record TestQuestion(long Id, string Text, string QuestionType, IReadOnlyList<string> Choices, string? CorrectAnswer);

/// <summary>
/// A job's test, defined by its recruiter: a document of its own in the job's partition of the applications container
/// ("test"), so the job document stays small and a submission reads its test beside the application.
/// </summary>
public sealed record JobTest(string Id, string Partition, long JobId, IReadOnlyList<TestQuestion> Questions, DateTimeOffset UpdatedAt)
{
    public const string Key = "test";
}

/// <summary>A test as the recruiter sends it.</summary>
public sealed record TestDefinition(IReadOnlyList<QuestionDefinition?>? Questions);

public sealed record QuestionDefinition(long? Id, string? Text, string? QuestionType, IReadOnlyList<string?>? Choices, string? CorrectAnswer);

/// <summary>A candidate's answer to one question; open answers are stored for the recruiter to review.</summary>
public sealed record TestAnswer(long Question, string Answer, string QuestionType, bool? Correct);

/// <summary>
/// A candidate's answers to their application's test, one per application ("submission:{applicationId}" in the job's
/// partition). <see cref="Score"/> is the share of multiple-choice questions answered correctly, in percent.
/// </summary>
public sealed record TestSubmission(string Id, string Partition, long SubmissionId, long ApplicationId, long JobId, long CandidateId,
    IReadOnlyList<TestAnswer> Answers, int Score, int TotalQuestions, int CorrectAnswers, DateTimeOffset SubmittedAt)
{
    public static string KeyOf(long applicationId) => "submission:" + applicationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record SubmittedTest(long? Application, IReadOnlyList<SubmittedAnswer?>? Answers);

public sealed record SubmittedAnswer(long? Question, string? Answer, string? QuestionType);
