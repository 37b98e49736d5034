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
/// </summary>
public sealed class JobListings(DocumentStore store)
{
    public static string Poster(long userId) => "poster:" + userId.ToString(CultureInfo.InvariantCulture);
    public static string Industry(string industry) => "industry:" + industry;

    /// <summary>Lists the job in its poster's and its industry's lists, once however often this runs.</summary>
    public async Task AddAsync(Job job, CancellationToken ct)
    {
        foreach (var list in new[] { Poster(job.PosterId), Industry(job.Industry) })
        {
            var listing = new JobListing
            {
                Id = "job:" + job.Id, Partition = list, PosterId = job.PosterId, Job = job,
                Sort = DocumentKeys.TimeOrder(job.CreatedAt, job.JobId),
            };
            await store.TryCreateAsync(Containers.JobListings, listing, list, ct);
        }
    }

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
