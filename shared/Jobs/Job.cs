namespace CareerNexus.Jobs;

/// <summary>A job post, stored in the jobs container by its id. Its industry is the poster's at the time of posting.</summary>
public sealed record Job(string Id, long JobId, long PosterId, string Title, string Organization, string EmploymentType, string WorkType,
    string Country, string Salary, string Overview, string Description, string Industry, string ExperienceLevel, DateTimeOffset CreatedAt)
{
    /// <summary>The Recruitment surface's details of the job, or null for a job posted on the Nexus surface.</summary>
    public JobPosting? Posting { get; init; }

    /// <summary>Stored counter of the job's applications (Recruitment jobs), moved once per application by CountOnce.</summary>
    public long ApplicationCount { get; init; }

    /// <summary>What a job posted on the Talent surface (document 004) carries beyond its posting; null for any other job.</summary>
    public TalentPost? Talent { get; init; }
}

/// <summary>
/// Document 004's fields of a job post that its posting does not hold: workplace type, the salary as the poster wrote it,
/// whether a visa is required, the skills (ids in the platform's skills list), and a copy of the poster's names.
/// </summary>
public sealed record TalentPost(string WorkplaceType, string EstimatedSalary, bool VisaRequired, IReadOnlyList<int> SkillIds, TalentPoster Poster);

/// <summary>The poster as a Talent job shows them, copied when the job is posted or edited.</summary>
public sealed record TalentPoster(long Id, string Email, string FirstName, string LastName);

/// <summary>A job as its poster sends it; every field is checked by <see cref="JobService"/>.</summary>
public sealed record NewJob(string? Title, string? Organization, string? EmploymentType, string? WorkType, string? Country, string? Salary,
    string? Overview, string? Description, string? ExperienceLevel);

/// <summary>
/// What jobs an account wants to hear about. The industry is always set; every other field is optional (null when
/// not set), and a job matches only if it agrees with each field that is set.
/// </summary>
public sealed record JobPreference(long UserId, string? Title, string? EmploymentType, string? WorkType, string Industry, string? ExperienceLevel,
    DateTimeOffset UpdatedAt);

/// <summary>A preference as the account sends it; it replaces the previous one whole.</summary>
public sealed record PreferenceRequest(string? Title, string? EmploymentType, string? WorkType, string? Industry, string? ExperienceLevel);

/// <summary>
/// What a job posted on the Recruitment surface (document 003) carries beyond a platform job: its company, reference
/// data ids, salary range, lists, and whether it is still open. A Nexus job has none (<see cref="Job.Posting"/> null).
/// </summary>
public sealed record JobPosting(long CompanyId, long CategoryId, long JobTypeId, string Slug, string Location, decimal? SalaryMin,
    decimal? SalaryMax, IReadOnlyList<string> Requirements, IReadOnlyList<string> Benefits, IReadOnlyList<string> Skills, bool IsActive,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Document 003's level (<see cref="JobCatalog.ExperienceLevels"/>); the platform job carries the Nexus one.</summary>
    public string ExperienceLevel { get; init; } = "";

    /// <summary>How the company and the recruiter appear on the job, copied when it is posted or edited, so the detail is one read.</summary>
    public JobCompany? Company { get; init; }
    public JobRecruiter? Recruiter { get; init; }

    /// <summary>
    /// CountOnce's flag for the job as a fact ("job:{id}") on the company's and the recruiter's active-job counters: true once
    /// both counted it, false again once closing took it back.
    /// </summary>
    public bool Counted { get; init; }
}

/// <summary>The company as a job shows it.</summary>
public sealed record JobCompany(long Id, string Name, string? Logo, string Description);

/// <summary>The recruiter who posted a job, as the job shows them.</summary>
public sealed record JobRecruiter(long Id, string Username, string FullName);

/// <summary>
/// Told when a Recruitment job closes (its soft delete): the applications feature cancels the pending applications
/// and tells each candidate; and when one is posted (the company's followers are told, its recruiter earns XP). Called
/// again on a retry, so it must change nothing twice.
/// </summary>
public interface IJobPostingObserver
{
    Task JobClosedAsync(Job job, CancellationToken ct = default);

    Task JobPostedAsync(Job job, CancellationToken ct = default) => Task.CompletedTask;
}
