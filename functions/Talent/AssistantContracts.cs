using System.Text.Json.Serialization;
using CareerNexus.Assistant;

namespace CareerNexus.Functions.Talent;

// Document 004's agent search, resume chat and career coach: their bodies (for the OpenAPI document; the endpoints read them
// field by field) and answers.

public sealed record AgentBody(string Query, string? ThreadId);

public sealed record AssistantBody(string InputText, string ResumeSlug, string? ThreadId);

/// <summary>The resume chat's and the coach's answer, as the document shows it.</summary>
public sealed record AssistantOutput(string Output, string ThreadId);

/// <summary>The agent search's answer: document 004's "results", and the thread to continue it with (ours).</summary>
public sealed record AgentResponse(AgentResults Results, string ThreadId)
{
    public static AgentResponse Of(AgentAnswer answer) =>
        new(new AgentResults(answer.Outcome.Matches.Select(AgentCandidate.Of).ToList(), answer.Reasoning, AgentCriteria.Of(answer.Outcome.Criteria),
            answer.Outcome.Considered), answer.ThreadId);
}

/// <summary>The candidates best first, the reasoning, and (ours) the criteria understood and how many profiles were searched.</summary>
public sealed record AgentResults(IReadOnlyList<AgentCandidate> Candidates, string Reasoning, AgentCriteria Criteria, int ProfilesSearched);

/// <summary>A candidate found: who, what the search weighed, why they fit; contact details only for callers who may see them.</summary>
public sealed record AgentCandidate(long Id, string Slug, long User, string Name, string? Headline, string Location, IReadOnlyList<string> Skills,
    IReadOnlyList<string> MatchedSkills, IReadOnlyList<string> MissingSkills, double YearsOfExperience, double? YearsWithSkill, bool MeetsYears,
    double Score, IReadOnlyList<string> Reasons, IReadOnlyList<string> WorkModePreferences, IReadOnlyList<string> EmploymentTypePreferences,
    bool WillingToRelocate, bool HasWorkvisa, string Basis,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Phone,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Linkedin)
{
    public static AgentCandidate Of(SearchMatch m)
    {
        var c = m.Candidate;
        return new AgentCandidate(c.CandidateId, c.Slug, c.UserId, c.Name, c.CurrentRole?.Describe() is { Length: > 0 } role ? role : null, c.Location,
            c.Skills, m.MatchedSkills, m.MissingSkills, m.Years, m.YearsWithSkill, m.MeetsYears, m.Score, m.Reasons, c.WorkModes, c.EmploymentTypes,
            c.WillingToRelocate, c.HasWorkVisa, c.Basis, c.Email, c.Phone, c.Linkedin);
    }
}

/// <summary>The criteria the query was read into.</summary>
public sealed record AgentCriteria(IReadOnlyList<string> Skills, double? MinimumYears, string? YearsSkill, string? Location, bool Relocation,
    string? WorkMode, string? ContractType, bool WorkVisa, bool AvailableNow, string? Level, string? Role, int? Count, string Language)
{
    public static AgentCriteria Of(SearchCriteria c) => new(c.Skills, c.MinimumYears, c.YearsSkill, c.Location, c.Relocation, c.WorkMode, c.ContractType,
        c.WorkVisa, c.AvailableNow, c.Level, c.Role, c.Count, c.Language);
}
