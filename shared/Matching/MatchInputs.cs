using CareerNexus.Accounts;
using CareerNexus.Candidates;
using CareerNexus.Companies;
using CareerNexus.Jobs;

namespace CareerNexus.Matching;

/// <summary>
/// What the engine scores a job by: the engine's own shape, so it does not depend on how jobs are stored.
/// <paramref name="JobTypeCode"/> is a contract type code (full_time, part_time, contract, internship, freelance);
/// <paramref name="Domain"/> the job's industry or category.
/// </summary>
public sealed record MatchJob(long JobId, string Title, string Description, IReadOnlyList<string> Requirements, IReadOnlyList<string> Skills,
    string Location, decimal? SalaryMin, decimal? SalaryMax, string ExperienceLevel, string JobTypeCode, string Domain,
    double? Latitude = null, double? Longitude = null);

/// <summary>What the engine scores a candidate by.</summary>
public sealed record MatchCandidate(long CandidateId, IReadOnlyList<string> Skills, IReadOnlyList<MatchExperience> Experiences,
    IReadOnlyList<string> Studies, IReadOnlyList<MatchProject> Projects, string Bio, string Location, double? Latitude, double? Longitude,
    decimal? ExpectedSalary, IReadOnlyList<string> PreferredContractTypes, string Industry = "");

public sealed record MatchExperience(string Position, DateOnly Start, DateOnly? End, string ContractType, string Description);

public sealed record MatchProject(string Name, string Description, IReadOnlyList<string> Technologies);

/// <summary>The adapters from the platform's documents to the engine's inputs.</summary>
public static class MatchInputs
{
    /// <summary>A Recruitment job (one with a posting); the domain is its industry, else its company's.</summary>
    public static MatchJob From(Job job, Company? company)
    {
        var posting = job.Posting ?? throw new ArgumentException("Only Recruitment jobs are matched", nameof(job));
        var domain = job.Industry.Length > 0 ? job.Industry : company?.Industry ?? "";
        return new MatchJob(job.JobId, job.Title, string.Join('\n', job.Overview, job.Description), posting.Requirements, posting.Skills,
            posting.Location.Length > 0 ? posting.Location : job.Country, posting.SalaryMin, posting.SalaryMax, job.ExperienceLevel,
            job.EmploymentType, domain);
    }

    /// <summary>A candidate's profile; the account adds the industry, and the location when the profile has none.</summary>
    public static MatchCandidate From(CandidateProfile profile, Account? account) =>
        new(profile.UserId, profile.Skills,
            profile.WorkExperiences.Select(w => new MatchExperience(w.Position, w.StartDate, w.EndDate, w.ContractType, w.Description)).ToList(),
            profile.Educations.Select(e => $"{e.Degree} {e.FieldOfStudy}").ToList(),
            profile.Projects.Select(p => new MatchProject(p.Name, p.Description, p.Technologies)).ToList(),
            profile.Bio, profile.Location.Length > 0 ? profile.Location : account?.Location ?? "", profile.Latitude, profile.Longitude,
            profile.ExpectedSalary, profile.PreferredContractTypes, account?.Industry ?? "");
}
