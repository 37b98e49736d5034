namespace CareerNexus.Assistant;

/// <summary>
/// What a conversation remembers between turns, so a follow-up ("and how many years of that?", "what about Django?", "only
/// remote ones") is read against the turn before: the last topic, the skills and role last talked about, and for the agent
/// search the criteria searched last.
/// </summary>
public sealed record ThreadContext
{
    public string? Topic { get; init; }
    public IReadOnlyList<string> Skills { get; init; } = [];
    public string? Role { get; init; }
    public SearchCriteria? Criteria { get; init; }
}

/// <summary>One answer and what the conversation remembers after it.</summary>
public sealed record AssistantReply(string Output, ThreadContext Context);

/// <summary>The topics a question can be about; a follow-up without one keeps the last.</summary>
public static class Topics
{
    public const string Skills = "skills";
    public const string HasSkill = "has_skill";
    public const string Years = "years";
    public const string Roles = "roles";
    public const string Education = "education";
    public const string Contact = "contact";
    public const string Languages = "languages";
    public const string Location = "location";
    public const string Preferences = "preferences";
    public const string Fit = "fit";
    public const string Notes = "notes";
    public const string Summary = "summary";

    public const string Gaps = "gaps";
    public const string Jobs = "jobs";
    public const string Resume = "resume";
    public const string Salary = "salary";
    public const string Plan = "plan";
}
