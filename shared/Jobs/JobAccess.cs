using System.Globalization;
using CareerNexus.Common;
using CareerNexus.Companies;
using CareerNexus.Storage;

namespace CareerNexus.Jobs;

/// <summary>Document 003's "job owner or company admin": the job's poster, or an owner or admin of the job's company.</summary>
public sealed class JobAccess(JobService jobs, DocumentStore store)
{
    /// <summary>The Recruitment job with this id, or a 404 (a Nexus job has no applications here).</summary>
    public async Task<Job> RecruitmentJobAsync(long jobId, CancellationToken ct = default) =>
        await jobs.FindAsync(jobId, ct) is { Posting: not null } job ? job : throw PlatformException.NotFound("Job not found.");

    /// <summary>The job, when this account may manage it; a 403 otherwise.</summary>
    public async Task<Job> ManagedJobAsync(long userId, long jobId, CancellationToken ct = default)
    {
        var job = await RecruitmentJobAsync(jobId, ct);
        if (!await MayManageAsync(userId, job.PosterId, job.Posting!.CompanyId, ct))
            throw PlatformException.Forbidden("Only the job's recruiter or an admin of its company may do this.");
        return job;
    }

    /// <summary>The poster costs no read; anyone else is looked up in the company's team.</summary>
    public async Task<bool> MayManageAsync(long userId, long posterId, long companyId, CancellationToken ct = default)
    {
        if (userId == posterId) return true;
        var id = companyId.ToString(CultureInfo.InvariantCulture);
        return (await store.ReadAsync<Company>(Containers.Companies, id, id, ct))?.Document is { } company && Manages(userId, posterId, company);
    }

    /// <summary>The rule itself, for callers that hold the company already.</summary>
    public static bool Manages(long userId, long posterId, Company company) => userId == posterId || company.IsAdmin(userId);
}
