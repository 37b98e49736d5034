using System.Globalization;
using CareerNexus.Jobs;
using CareerNexus.Notifications;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Companies;

/// <summary>An account's follow of a company, and the company's stored follower count.</summary>
public sealed record CompanyFollow(long CompanyId, long UserId, DateTimeOffset FollowedAt, long FollowersCount);

/// <summary>
/// Follows of companies (ours: document 003 names the job_posted notification "for candidates following companies" but
/// no route to follow). Each follow is stored in the follower's partition ("company:{id}", the one a retry finds) and
/// in the company's ("follower:{userId}", ordered by user id for the fan-out), and counted once on the company's
/// followers_count, with a fact id of its own so that following again after an unfollow counts again.
/// </summary>
public sealed class CompanyFollowService(DocumentStore store, IdAllocator ids, CompanyService companies, CountOnce counting, TimeProvider clock)
{
    /// <summary>Follows the company (404 for an unknown one); Started is false for a follow that already existed, which changes nothing.</summary>
    public async Task<(CompanyFollow Follow, bool Started)> FollowAsync(long userId, long companyId, CancellationToken ct = default)
    {
        var company = await companies.GetAsync(companyId, ct);
        var edge = new Edge(CompanyKey(companyId), DocumentKeys.UserPartition(userId), companyId, userId,
            await ids.NextAsync("company_follows", ct), clock.GetUtcNow(), Counted: false);
        var started = await store.TryCreateAsync(Containers.CompanyFollows, edge, edge.Partition, ct);
        if (!started)
            edge = (await store.ReadAsync<Edge>(Containers.CompanyFollows, edge.Id, edge.Partition, ct))?.Document
                   ?? throw Common.PlatformException.Conflict("The follow is changing, try again.");
        // A follow whose request stopped before it was counted is finished by its repeat. The count shown is the company's
        // as read first, with this follow once it is counted here (no second read of the company).
        var countedNow = edge.Counted == false;
        if (countedNow) await CountAsync(edge, ct);
        return (new CompanyFollow(companyId, userId, edge.CreatedAt, company.FollowersCount + (countedNow ? 1 : 0)), started);
    }

    /// <summary>Ends the account's follow of the company, if there is one (an unknown company is a 404).</summary>
    public async Task UnfollowAsync(long userId, long companyId, CancellationToken ct = default)
    {
        await companies.GetAsync(companyId, ct);
        var partition = DocumentKeys.UserPartition(userId);
        var edge = (await store.ReadAsync<Edge>(Containers.CompanyFollows, CompanyKey(companyId), partition, ct))?.Document;
        if (edge is null) return;
        // Taken back before the edges go, so that a repeat after a stop still finds what to take back.
        await counting.UncountAsync(Fact(edge), edge.Counted != false, [Counter(companyId)], ct);
        await store.DeleteAsync(Containers.CompanyFollows, FollowerKey(userId), CompanyPartition(companyId), ct: ct);
        await store.DeleteAsync(Containers.CompanyFollows, edge.Id, partition, ct: ct);
    }

    /// <summary>Up to <paramref name="size"/> followers of the company with a user id above <paramref name="after"/>, in id order.</summary>
    public Task<List<long>> FollowersAsync(long companyId, long after, int size, CancellationToken ct = default)
    {
        var partition = CompanyPartition(companyId);
        var query = new QueryDefinition($"SELECT TOP {size} VALUE c.user_id FROM c WHERE c.partition = @partition AND c.user_id > @after ORDER BY c.user_id")
            .WithParameter("@partition", partition).WithParameter("@after", after);
        return store.QueryListAsync<long>(Containers.CompanyFollows, query, partition, take: size, ct: ct);
    }

    /// <summary>The company's edge, then its counter (once per follow), then the follower's edge marked counted.</summary>
    private async Task CountAsync(Edge edge, CancellationToken ct)
    {
        await store.UpsertAsync(Containers.CompanyFollows, edge with { Id = FollowerKey(edge.UserId), Partition = CompanyPartition(edge.CompanyId) },
            CompanyPartition(edge.CompanyId), ct);
        await counting.CountAsync(Fact(edge), [Counter(edge.CompanyId)], ct);
        await store.PatchAsync<Edge>(Containers.CompanyFollows, edge.Id, edge.Partition, [PatchOperation.Set("/counted", true)], ct);
    }

    private static CounterTarget Counter(long companyId) => new(Containers.Companies, Key(companyId), Key(companyId), [("/followers_count", 1)]);

    private static string Fact(Edge edge) => "company-follow:" + Key(edge.FollowId);
    private static string CompanyKey(long companyId) => "company:" + Key(companyId);
    private static string CompanyPartition(long companyId) => "company:" + Key(companyId);
    private static string FollowerKey(long userId) => "follower:" + Key(userId);
    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed record Edge(string Id, string Partition, long CompanyId, long UserId, long FollowId, DateTimeOffset CreatedAt, bool? Counted = null);
}

/// <summary>
/// Tells a company's followers of each job it posts (job_posted): the posting request queues one message, and the
/// notifications queue walks the followers a page at a time, so the request costs the same whatever their number. A
/// job closed meanwhile stops the walk; the job's recruiter is not told of their own job.
/// </summary>
public sealed class CompanyFollowerNotifications(JobService jobs, CompanyFollowService follows, NotificationFanOut fanOut)
    : IJobPostingObserver, INotificationAudience
{
    public const string Audience = "company-followers";

    public string Name => Audience;

    public Task JobClosedAsync(Job job, CancellationToken ct = default) => Task.CompletedTask;

    public Task JobPostedAsync(Job job, CancellationToken ct = default) => fanOut.StartAsync(Audience, job.JobId, ct);

    public async Task<AudiencePage> PageAsync(long jobId, string after, int size, CancellationToken ct)
    {
        var job = await jobs.FindAsync(jobId, ct);
        if (job?.Posting is not { IsActive: true } posting) return new AudiencePage([], null);
        if (!long.TryParse(after.Length == 0 ? "0" : after, NumberStyles.None, CultureInfo.InvariantCulture, out var last))
            throw new FormatException("The fan-out cursor is not a user id.");
        var followers = await follows.FollowersAsync(posting.CompanyId, last, size, ct);
        var company = posting.Company?.Name ?? job.Organization;
        var data = new Dictionary<string, long> { ["job_id"] = jobId, ["company_id"] = posting.CompanyId };
        var told = followers.Where(id => id != job.PosterId).Select(id => new NewNotification(id, $"job:{jobId}:posted", NotificationKinds.JobPosted,
            "New Job Posted", $"{company} posted a new job: '{job.Title}'", "job", jobId, data)).ToList();
        return new AudiencePage(told, followers.Count == size ? followers[^1].ToString(CultureInfo.InvariantCulture) : null);
    }
}
