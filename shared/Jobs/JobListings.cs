using System.Globalization;
using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Jobs;

/// <summary>A job in one of the lists it belongs to, newest first by <see cref="Sort"/>.</summary>
public sealed class JobListing
{
    public string Id { get; set; } = "";
    public string Partition { get; set; } = "";
    public long PosterId { get; set; }
    public string Sort { get; set; } = "";
    public Job Job { get; set; } = null!;
}

/// <summary>
/// The poster's jobs and each industry's jobs, kept as views written when a job is posted (and again, which changes
/// nothing, when its notification is delivered), so that neither list reads across partitions. A page is two
/// single-partition queries: the ids up to <see cref="PageRequest.MaxReach"/> for the count, and the page's entries.
/// A Recruitment job is also in its company's list ("company:{id}"); a closed one is in none, and an edit rewrites its copies.
/// </summary>
public sealed class JobListings(DocumentStore store)
{
    public static string Poster(long userId) => "poster:" + userId.ToString(CultureInfo.InvariantCulture);
    public static string Industry(string industry) => "industry:" + industry;
    public static string Company(long companyId) => "company:" + companyId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Lists the job in its poster's and its industry's lists (and its company's), once however often this runs.</summary>
    public async Task AddAsync(Job job, CancellationToken ct)
    {
        if (job.Posting is { IsActive: false }) return;
        foreach (var list in ListsOf(job))
            await store.TryCreateAsync(Containers.JobListings, Listing(job, list), list, ct);
    }

    /// <summary>Rewrites the job's copies after an edit (a closed job has none to rewrite).</summary>
    public async Task ReplaceAsync(Job job, CancellationToken ct)
    {
        if (job.Posting is { IsActive: false }) return;
        foreach (var list in ListsOf(job))
            await store.UpsertAsync(Containers.JobListings, Listing(job, list), list, ct);
    }

    /// <summary>Takes the job out of every list it is in (a closed job); a copy already gone is fine.</summary>
    public async Task RemoveAsync(Job job, CancellationToken ct)
    {
        foreach (var list in ListsOf(job))
            await store.DeleteAsync(Containers.JobListings, ListingId(job), list, ct: ct);
    }

    /// <summary>The company's active jobs, newest first, at most <paramref name="take"/>: one single-partition query.</summary>
    public async Task<IReadOnlyList<Job>> OfCompanyAsync(long companyId, int take, CancellationToken ct)
    {
        var list = Company(companyId);
        var query = new QueryDefinition($"SELECT TOP {take} * FROM c WHERE c.partition = @list ORDER BY c.sort DESC").WithParameter("@list", list);
        return (await store.QueryListAsync<JobListing>(Containers.JobListings, query, list, take, ct)).Select(e => e.Job).ToList();
    }

    /// <summary>A page of the company's active jobs, newest first: one single-partition query reading no further than the page.</summary>
    public async Task<IReadOnlyList<Job>> CompanyPageAsync(long companyId, PageRequest page, CancellationToken ct)
    {
        var list = Company(companyId);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.partition = @list ORDER BY c.sort DESC").WithParameter("@list", list);
        return (await store.PartitionPageAsync<JobListing>(Containers.JobListings, query, list, 0, page, ct)).Items.Select(e => e.Job).ToList();
    }

    private static IEnumerable<string> ListsOf(Job job)
    {
        yield return Poster(job.PosterId);
        yield return Industry(job.Industry);
        if (job.Posting is { } posting) yield return Company(posting.CompanyId);
    }

    private static string ListingId(Job job) => "job:" + job.Id;

    private static JobListing Listing(Job job, string list) => new()
    {
        Id = ListingId(job), Partition = list, PosterId = job.PosterId, Job = job, Sort = DocumentKeys.TimeOrder(job.CreatedAt, job.JobId),
    };

    /// <summary>One page of a list, newest first, without the jobs of <paramref name="excludedPoster"/>; counts stop at the cap.</summary>
    public async Task<Page<Job>> PageAsync(string list, long? excludedPoster, PageRequest page, CancellationToken ct)
    {
        var filter = excludedPoster is null ? "" : " AND c.poster_id != @excluded";
        QueryDefinition Query(string select) =>
            new QueryDefinition($"{select} FROM c WHERE c.partition = @list{filter} ORDER BY c.sort DESC")
                .WithParameter("@list", list).WithParameter("@excluded", excludedPoster ?? 0);
        var counting = store.QueryListAsync<string>(Containers.JobListings, Query($"SELECT TOP {PageRequest.MaxReach} VALUE c.id"), list,
            take: PageRequest.MaxReach, ct: ct);
        var reading = store.PartitionPageAsync<JobListing>(Containers.JobListings, Query("SELECT *"), list, 0, page, ct);
        var (ids, entries) = (await counting, await reading);
        return new Page<Job>(entries.Items.Select(e => e.Job).ToList(), ids.Count, page);
    }
}
