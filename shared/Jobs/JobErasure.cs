using CareerNexus.Accounts;
using CareerNexus.Erasure;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Jobs;

/// <summary>
/// An erased account's jobs stay with their organization, showing their poster as a deleted account (the copies of the
/// poster's names and email on each job and its list copies go); its job preference goes.
/// </summary>
public sealed class JobErasure(DocumentStore store, JobListings listings) : IPersonalData
{
    public int Order => 20;

    public async Task EraseAsync(Account account, CancellationToken ct)
    {
        // Background work: one query across the jobs for the ones this account posted, open or closed.
        var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.poster_id = @poster AND IS_DEFINED(c.job_id)").WithParameter("@poster", account.UserId);
        foreach (var id in await store.QueryListAsync<string>(Containers.Jobs, query, ct: ct))
        {
            var job = await store.ReplaceAsync<Job>(Containers.Jobs, id, id, current => current with
            {
                Posting = current.Posting is null ? null : current.Posting with { Recruiter = new JobRecruiter(account.UserId, "", Erasing.DeletedName) },
                Talent = current.Talent is null ? null : current.Talent with { Poster = new TalentPoster(account.UserId, "", Erasing.DeletedName, "") },
            }, ct);
            if (job is not null) await listings.ReplaceAsync(job, ct);
        }
        var key = JobService.Key(account.UserId);
        await store.DeleteAsync(Containers.JobPreferences, key, key, ct: ct);
    }
}
