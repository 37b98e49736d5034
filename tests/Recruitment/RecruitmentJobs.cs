using System.Globalization;
using CareerNexus.Applications;
using CareerNexus.Companies;
using CareerNexus.Jobs;
using CareerNexus.Storage;
using CareerNexus.Tests.Support;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// Recruitment jobs for the applications tests, written straight to the jobs container as the jobs feature stores them
/// (a job with its posting, for the recruiter's company), so these tests do not depend on the job routes.
/// </summary>
public static class RecruitmentJobs
{
    public static async Task<Job> RecruitmentJob(this TestApp app, TestUser recruiter, string? title = null, bool active = true)
    {
        var company = await app.CompanyOf(recruiter);
        var companyId = company.CompanyId;
        var jobId = await app.Services.GetRequiredService<IdAllocator>().NextAsync("jobs");
        var now = DateTimeOffset.UtcNow;
        title ??= ApiClient.Unique("Python Developer ");
        // As a posted Recruitment job is: its organization is its company's name.
        var job = new Job(jobId.ToString(CultureInfo.InvariantCulture), jobId, recruiter.Id, title, company.Name, "Full-time", "Remote", "France",
            "50000-80000", "Overview", "We are looking for a Python developer.", "technology", "senior", now)
        {
            Posting = new JobPosting(companyId, 1, 1, "slug-" + jobId, "Paris, France", 50000, 80000, ["5+ years Python"], ["Remote work"],
                ["python", "django"], active, now),
        };
        await app.Store.UpsertAsync(Containers.Jobs, job, job.Id);
        return job;
    }

    public static async Task<RecruiterProfile> RecruiterProfile(this TestApp app, TestUser recruiter)
    {
        var id = recruiter.Id.ToString(CultureInfo.InvariantCulture);
        return (await app.Store.ReadAsync<RecruiterProfile>(Containers.RecruiterProfiles, id, id))!.Document;
    }

    public static async Task<Company> CompanyOf(this TestApp app, TestUser recruiter)
    {
        var id = (await app.RecruiterProfile(recruiter)).CompanyId.ToString(CultureInfo.InvariantCulture);
        return (await app.Store.ReadAsync<Company>(Containers.Companies, id, id))!.Document;
    }

    /// <summary>Puts an account on a company's team with a role (the team routes are another module's).</summary>
    public static async Task JoinCompany(this TestApp app, TestUser owner, TestUser member, string role)
    {
        var company = await app.CompanyOf(owner);
        company.Team.Add(new TeamMember(member.Id, role, DateTimeOffset.UtcNow));
        await app.Store.UpsertAsync(Containers.Companies, company, company.Id);
    }

    public static async Task<Job> StoredJob(this TestApp app, long jobId) =>
        (await app.Services.GetRequiredService<JobService>().FindAsync(jobId))!;

    /// <summary>Both stored copies of an application (the job's and the candidate's).</summary>
    public static async Task<(ApplicationDocument Job, ApplicationDocument Candidate)> ApplicationCopies(this TestApp app, long jobId, long candidateId)
    {
        var key = ApplicationDocument.KeyOf(jobId, candidateId);
        var inJob = (await app.Store.ReadAsync<ApplicationDocument>(Containers.Applications, key, ApplicationDocument.JobPartition(jobId)))!.Document;
        var inCandidate = (await app.Store.ReadAsync<ApplicationDocument>(Containers.Applications, key,
            ApplicationDocument.CandidatePartition(candidateId)))!.Document;
        return (inJob, inCandidate);
    }

    /// <summary>The notifications stored for an account, of one kind.</summary>
    public static Task<List<CareerNexus.Notifications.Notification>> Notifications(this TestApp app, long userId, string kind)
    {
        var partition = DocumentKeys.UserPartition(userId);
        return app.Store.QueryListAsync<CareerNexus.Notifications.Notification>(Containers.Notifications,
            new QueryDefinition("SELECT * FROM c WHERE c.partition = @p AND c.kind = @kind").WithParameter("@p", partition).WithParameter("@kind", kind),
            partition);
    }
}
