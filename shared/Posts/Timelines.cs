using System.Globalization;
using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Posts;

/// <summary>
/// One post in one timeline: enough to order, filter and count it without reading the post. Its id is the post's, so
/// writing it again adds nothing; its fact id names this entry's counting (see <see cref="CountOnce"/>).
/// </summary>
public sealed class TimelineEntry
{
    public const string KindName = "entry";

    public string Id { get; set; } = "";
    public string Partition { get; set; } = "";
    public string Kind { get; set; } = KindName;
    public long PostId { get; set; }
    public long AuthorId { get; set; }
    public string AuthorIndustry { get; set; } = "";
    public bool AuthorIsMentor { get; set; }

    /// <summary>created_at and post id, fixed width: newest first is this key descending.</summary>
    public string Sort { get; set; } = "";
    public string Fact { get; set; } = "";
    public bool Counted { get; set; }

    /// <summary>A post's entry, before it is placed in a timeline.</summary>
    public static TimelineEntry Of(Post post) => new()
    {
        PostId = post.PostId, AuthorId = post.AuthorId, AuthorIndustry = post.AuthorIndustry, AuthorIsMentor = post.AuthorIsMentor,
        Sort = DocumentKeys.TimeOrder(post.CreatedAt, post.PostId),
    };
}

/// <summary>
/// The stored counts of one timeline ("count", or its shards "count:{n}"), or of one author's posts in one industry
/// ("count:industry:{name}").
/// </summary>
public sealed class TimelineCount
{
    public string Id { get; set; } = "";
    public string Partition { get; set; } = "";
    public string Kind { get; set; } = "count";
    public long Posts { get; set; }

    /// <summary>In an author's timeline: the posts made while not a mentor.</summary>
    public long NonMentorPosts { get; set; }
}

/// <summary>
/// The views the feeds are read from, in the timelines container, one partition per timeline: every post of an author
/// ("author:{id}"), the posts of non-mentors by their industry when posting ("industry:{name}"), every mentor's post
/// ("mentors"), and what each reader follows ("following:{id}", written for each follower and connection of the author).
/// The first three are disjoint for any reader, so a feed page merges them without duplicates and its total is the sum
/// of stored counters. Every read is a single-partition query of at most one page's reach, and point reads.
/// </summary>
public sealed class TimelineStore(DocumentStore store, CountOnce counting, IFaultPoints faults)
{
    public const string Mentors = "mentors";
    private const string CountId = "count";

    /// <summary>
    /// The counts of a timeline many writers add to at once (an industry, the mentors, a reader following many authors)
    /// are spread over this many documents of its partition, each post always counted on the same one: concurrent posts
    /// then rarely wait on one document's ETag, and a count is one single-partition query for them all.
    /// </summary>
    public const int CountShards = 8;

    private static string CountShardId(long postId) => "count:" + (postId % CountShards).ToString(CultureInfo.InvariantCulture);

    public static string Author(long userId) => "author:" + userId.ToString(CultureInfo.InvariantCulture);
    public static string Industry(string industry) => "industry:" + industry;
    public static string Following(long readerId) => "following:" + readerId.ToString(CultureInfo.InvariantCulture);
    private static string IndustryCountId(string industry) => "count:industry:" + industry;
    private static string EntryId(long postId) => "post:" + postId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The timelines a post belongs to by its author alone (the following timelines come from the author's audience).</summary>
    public static IReadOnlyList<string> OwnTimelines(Post post)
    {
        var timelines = new List<string> { Author(post.AuthorId) };
        if (post.AuthorIsMentor) timelines.Add(Mentors);
        else if (post.AuthorIndustry.Length > 0) timelines.Add(Industry(post.AuthorIndustry));
        return timelines;
    }

    /// <summary>Adds the post of <paramref name="source"/> to the timeline and counts it there, once however often this runs.</summary>
    public async Task AddAsync(string timeline, TimelineEntry source, CancellationToken ct)
    {
        var entry = new TimelineEntry
        {
            Id = EntryId(source.PostId), Partition = timeline, PostId = source.PostId, AuthorId = source.AuthorId,
            AuthorIndustry = source.AuthorIndustry, AuthorIsMentor = source.AuthorIsMentor, Sort = source.Sort,
            Fact = Guid.NewGuid().ToString("N"),
        };
        if (!await store.TryCreateAsync(Containers.Timelines, entry, timeline, ct))
        {
            var existing = await store.ReadAsync<TimelineEntry>(Containers.Timelines, entry.Id, timeline, ct);
            if (existing is null || existing.Document.Counted) return;
            entry = existing.Document;
        }
        faults.Reach("timeline:entry-written");
        var targets = Counters(entry);
        if (!await counting.CountAsync(entry.Fact, targets, ct))
        {
            foreach (var target in targets)
                await store.TryCreateAsync(Containers.Timelines, new TimelineCount { Id = target.Id, Partition = timeline }, timeline, ct);
            await counting.CountAsync(entry.Fact, targets, ct);
        }
        await store.PatchAsync<TimelineEntry>(Containers.Timelines, entry.Id, timeline, [PatchOperation.Set("/counted", true)], ct);
    }

    /// <summary>Takes the post out of the timeline, and out of its counts if it was counted there.</summary>
    public async Task RemoveAsync(string timeline, long postId, CancellationToken ct)
    {
        var existing = await store.ReadAsync<TimelineEntry>(Containers.Timelines, EntryId(postId), timeline, ct);
        if (existing is null) return;
        await counting.UncountAsync(existing.Document.Fact, existing.Document.Counted, Counters(existing.Document), ct);
        faults.Reach("timeline:uncounted");
        await store.DeleteAsync(Containers.Timelines, existing.Document.Id, timeline, ct: ct);
    }

    /// <summary>
    /// The counters an entry moves: its timeline's; in an author's timeline also the non-mentor posts, and those per
    /// industry, which a feed needs to count the reader's own posts that no shared timeline holds.
    /// </summary>
    private static IReadOnlyList<CounterTarget> Counters(TimelineEntry entry)
    {
        if (!entry.Partition.StartsWith("author:", StringComparison.Ordinal))
            return [new CounterTarget(Containers.Timelines, CountShardId(entry.PostId), entry.Partition, [("/posts", 1)])];
        var nonMentor = entry.AuthorIsMentor ? 0 : 1;
        var targets = new List<CounterTarget> { new(Containers.Timelines, CountId, entry.Partition, [("/posts", 1), ("/non_mentor_posts", nonMentor)]) };
        if (nonMentor == 1 && entry.AuthorIndustry.Length > 0)
            targets.Add(new CounterTarget(Containers.Timelines, IndustryCountId(entry.AuthorIndustry), entry.Partition, [("/posts", 1)]));
        return targets;
    }

    /// <summary>The authors' posts among the reader's following timeline, for removing them when the reader stops following.</summary>
    public Task<List<long>> PostsByAsync(string timeline, long authorId, CancellationToken ct) =>
        store.QueryListAsync<long>(Containers.Timelines, new QueryDefinition(
                "SELECT VALUE c.post_id FROM c WHERE c.partition = @p AND c.kind = @kind AND c.author_id = @author")
            .WithParameter("@p", timeline).WithParameter("@kind", TimelineEntry.KindName).WithParameter("@author", authorId), timeline, ct: ct);

    /// <summary>Every entry of a timeline, newest first, at most <paramref name="max"/>.</summary>
    public Task<List<TimelineEntry>> LatestAsync(string timeline, int max, CancellationToken ct) =>
        TopAsync(new Source(timeline, ""), max, ct);

    /// <summary>Sets a timeline's count to what it holds (a rebuild), keeping the counted-facts window.</summary>
    public async Task RecountAsync(string timeline, CancellationToken ct)
    {
        var entries = await store.QueryListAsync<TimelineEntry>(Containers.Timelines, new QueryDefinition(
            "SELECT * FROM c WHERE c.partition = @p AND c.kind = @kind").WithParameter("@p", timeline).WithParameter("@kind", TimelineEntry.KindName), timeline, ct: ct);
        await store.TryCreateAsync(Containers.Timelines, new TimelineCount { Id = CountId, Partition = timeline }, timeline, ct);
        await store.PatchAsync<TimelineCount>(Containers.Timelines, CountId, timeline,
            [PatchOperation.Set("/posts", entries.Count), PatchOperation.Set("/non_mentor_posts", entries.Count(e => !e.AuthorIsMentor))], ct);
        // The whole count now sits on the first document; the shards start again from nothing.
        foreach (var shard in await CountDocumentsAsync(timeline, ct))
            if (shard.Id.StartsWith(CountId + ":", StringComparison.Ordinal) && int.TryParse(shard.Id.AsSpan(CountId.Length + 1), out _))
                await store.PatchAsync<TimelineCount>(Containers.Timelines, shard.Id, timeline,
                    [PatchOperation.Set("/posts", 0), PatchOperation.Set("/non_mentor_posts", 0)], ct);
        var perIndustry = timeline.StartsWith("author:", StringComparison.Ordinal)
            ? entries.Where(e => !e.AuthorIsMentor && e.AuthorIndustry.Length > 0).GroupBy(e => e.AuthorIndustry)
            : [];
        foreach (var industry in perIndustry)
        {
            await store.TryCreateAsync(Containers.Timelines, new TimelineCount { Id = IndustryCountId(industry.Key), Partition = timeline }, timeline, ct);
            await store.PatchAsync<TimelineCount>(Containers.Timelines, IndustryCountId(industry.Key), timeline, [PatchOperation.Set("/posts", industry.Count())], ct);
        }
        foreach (var entry in entries.Where(e => !e.Counted))
            await store.PatchAsync<TimelineEntry>(Containers.Timelines, entry.Id, timeline, [PatchOperation.Set("/counted", true)], ct);
    }

    /// <summary>
    /// A reader's feed: mentors' posts, non-mentors' posts of the reader's industry, and the reader's own posts that
    /// neither holds (made as a non-mentor in another industry, or in none). The post ids of the page, and the total.
    /// </summary>
    public async Task<(IReadOnlyList<long> PostIds, long Total)> FeedAsync(long readerId, string industry, PageRequest page, CancellationToken ct)
    {
        var own = Author(readerId);
        var sources = new List<Source> { new(Mentors, ""), new(own, industry.Length > 0 ? " AND c.author_is_mentor = false AND c.author_industry != @industry" : " AND c.author_is_mentor = false", industry) };
        if (industry.Length > 0) sources.Add(new Source(Industry(industry), ""));
        var mentors = SharedCountAsync(Mentors, ct);
        var ownPosts = CountAsync(own, CountId, ct);
        var industryPosts = industry.Length > 0 ? SharedCountAsync(Industry(industry), ct) : Task.FromResult(0L);
        var ownInIndustry = industry.Length > 0 ? CountAsync(own, IndustryCountId(industry), ct) : Task.FromResult<TimelineCount?>(null);
        await Task.WhenAll(mentors, ownPosts, industryPosts, ownInIndustry);
        var total = await mentors + ((await ownPosts)?.NonMentorPosts ?? 0) + await industryPosts - ((await ownInIndustry)?.Posts ?? 0);
        return (await MergeAsync(sources, page, ct), Math.Max(total, 0));
    }

    /// <summary>The posts of the given timelines together, newest first, and the sum of their counts (the timelines are disjoint).</summary>
    public async Task<(IReadOnlyList<long> PostIds, long Total)> MergedAsync(IReadOnlyList<string> timelines, PageRequest page, CancellationToken ct)
    {
        async Task<long> Count(string timeline) => timeline.StartsWith("author:", StringComparison.Ordinal)
            ? (await CountAsync(timeline, CountId, ct))?.Posts ?? 0
            : await SharedCountAsync(timeline, ct);
        var counts = await Task.WhenAll(timelines.Select(Count));
        return (await MergeAsync(timelines.Select(t => new Source(t, "")).ToList(), page, ct), counts.Sum());
    }

    private sealed record Source(string Timeline, string Filter, string Industry = "");

    /// <summary>Each source read to the end of the page at most, merged by the sort key; the page's post ids.</summary>
    private async Task<IReadOnlyList<long>> MergeAsync(IReadOnlyList<Source> sources, PageRequest page, CancellationToken ct)
    {
        // Like every list, no deeper than PageRequest.MaxReach: a page past it is empty.
        var reach = Math.Min(page.Skip + page.Size, PageRequest.MaxReach);
        if (page.Skip >= reach || page.Size == 0) return [];
        var lists = await Task.WhenAll(sources.Select(s => TopAsync(s, (int)reach, ct)));
        return lists.SelectMany(l => l).OrderByDescending(e => e.Sort, StringComparer.Ordinal)
            .Skip((int)page.Skip).Take(page.Size).Select(e => e.PostId).ToList();
    }

    private Task<List<TimelineEntry>> TopAsync(Source source, int take, CancellationToken ct)
    {
        var query = new QueryDefinition(
                $"SELECT TOP {take} * FROM c WHERE c.partition = @p AND c.kind = @kind{source.Filter} ORDER BY c.sort DESC")
            .WithParameter("@p", source.Timeline).WithParameter("@kind", TimelineEntry.KindName);
        if (source.Filter.Contains("@industry", StringComparison.Ordinal)) query = query.WithParameter("@industry", source.Industry);
        return store.QueryListAsync<TimelineEntry>(Containers.Timelines, query, source.Timeline, take: take, ct: ct);
    }

    private async Task<TimelineCount?> CountAsync(string timeline, string id, CancellationToken ct) =>
        (await store.ReadAsync<TimelineCount>(Containers.Timelines, id, timeline, ct))?.Document;

    /// <summary>The posts counted on a sharded timeline: its count documents together, in one query.</summary>
    private async Task<long> SharedCountAsync(string timeline, CancellationToken ct) =>
        (await CountDocumentsAsync(timeline, ct)).Sum(c => c.Posts);

    private Task<List<TimelineCount>> CountDocumentsAsync(string timeline, CancellationToken ct) =>
        store.QueryListAsync<TimelineCount>(Containers.Timelines, new QueryDefinition(
                "SELECT * FROM c WHERE c.partition = @p AND c.kind = @kind").WithParameter("@p", timeline).WithParameter("@kind", "count"),
            timeline, ct: ct);
}
