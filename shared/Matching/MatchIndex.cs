using System.Globalization;
using CareerNexus.Candidates;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Matching;

/// <summary>One candidate, or one active Recruitment job, listed under one of its skills ("candidates:{skill}", "jobs:{skill}").</summary>
public sealed class MatchIndexEntry
{
    /// <summary>The owner's id as text: an owner is listed once per skill.</summary>
    public string Id { get; set; } = "";
    public string Partition { get; set; } = "";
    public long OwnerId { get; set; }
}

/// <summary>
/// The skills an owner is listed under, in its own partition ("candidate:{id}", "job:{id}"), and the version (the
/// profile's or the posting's UpdatedAt) they were read from: an older input never replaces them.
/// </summary>
public sealed class MatchIndexRecord
{
    public const string DocumentId = "keys";

    public string Id { get; set; } = DocumentId;
    public string Partition { get; set; } = "";
    public long OwnerId { get; set; }
    public List<string> Keys { get; set; } = [];
    public DateTimeOffset Version { get; set; }
}

/// <summary>The skills an owner has now (retrieval keys), and the version of the input they come from.</summary>
public sealed record IndexedKeys(IReadOnlySet<string> Keys, DateTimeOffset Version)
{
    /// <summary>An owner that is gone (an erased candidate, a deleted job): listed nowhere, and no older input lists it again.</summary>
    public static readonly IndexedKeys Gone = new(new HashSet<string>(), DateTimeOffset.MaxValue);
}

/// <summary>Candidates and jobs, the two sides of the index.</summary>
public sealed record MatchOwner(string Kind, long Id)
{
    public static MatchOwner Candidate(long id) => new("candidate", id);
    public static MatchOwner Job(long id) => new("job", id);

    /// <summary>The owner's own partition, which holds its <see cref="MatchIndexRecord"/>.</summary>
    public string Partition => string.Create(CultureInfo.InvariantCulture, $"{Kind}:{Id}");

    /// <summary>The list of this side's owners under a skill.</summary>
    public string ListOf(string key) => $"{Kind}s:{key}";

    public static string CandidatesUnder(string key) => Candidate(0).ListOf(key);
    public static string JobsUnder(string key) => Job(0).ListOf(key);
}

/// <summary>
/// Retrieval before ranking: the inverted index of the match_index container, which lists every candidate under each of
/// their skills and project technologies, and every active Recruitment job under each skill it asks for, as retrieval
/// keys (<see cref="MatchData.RetrievalKey"/>: synonyms give one key). A job's scan reads only the candidates listed under
/// its skills, a candidate's only the jobs under theirs, so their cost follows the pairs that share a skill, not the
/// platform's size. The matching worker keeps it in step with profiles and jobs; account erasure takes a candidate out.
/// </summary>
public sealed class MatchIndex(DocumentStore store)
{
    private const int Parallelism = 8;
    private const int MaxAttempts = 10;

    /// <summary>The retrieval keys of a profile: its skills and its projects' technologies.</summary>
    public static HashSet<string> KeysOf(CandidateProfile profile)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in profile.Skills.Concat(profile.Projects.SelectMany(p => p.Technologies)))
            if (MatchData.Shared.RetrievalKey(name) is { } key) keys.Add(key);
        return keys;
    }

    /// <summary>The retrieval keys of a job: the skills the engine scores it by (its skills, and the known skills its requirements name).</summary>
    public static HashSet<string> KeysOf(JobScorer scorer)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in scorer.SkillNames)
            if (MatchData.Shared.RetrievalKey(name) is { } key) keys.Add(key);
        return keys;
    }

    /// <summary>
    /// Lists the owner under exactly <paramref name="keys"/>, unless the index already holds keys from a newer input.
    /// Every key is asserted (an existing entry costs one refused create), the ones no longer held are removed, then
    /// the owner's record is written conditionally; when another writer came first, <paramref name="reread"/> reads the
    /// input again and it starts over. So a delivery that stopped between its writes, or a concurrent one from an older
    /// input that removed an entry still needed, is made good by the writer that comes last. False when the index holds
    /// a newer input's keys (whose own delivery scans for them).
    /// </summary>
    public Task<bool> SetAsync(MatchOwner owner, IndexedKeys keys, Func<CancellationToken, Task<IndexedKeys>> reread, CancellationToken ct) =>
        WriteAsync(owner, keys, reread, keepRecord: false, ct);

    /// <summary>Takes an erased owner out of every list, and leaves its empty record so that no late delivery lists it again.</summary>
    public Task EraseAsync(MatchOwner owner, CancellationToken ct) =>
        WriteAsync(owner, IndexedKeys.Gone, _ => Task.FromResult(IndexedKeys.Gone), keepRecord: true, ct);

    /// <summary>The ids listed under one skill after <paramref name="after"/>, ascending, at most <paramref name="take"/>: one single-partition query.</summary>
    public Task<List<long>> ListedAsync(string partition, long after, int take, CancellationToken ct) =>
        store.QueryListAsync<long>(Containers.MatchIndex,
            new QueryDefinition($"SELECT TOP {take} VALUE c.owner_id FROM c WHERE c.partition = @partition AND c.owner_id > @after ORDER BY c.owner_id")
                .WithParameter("@partition", partition).WithParameter("@after", after), partition, take, ct);

    /// <summary>The owner's record, or null when it was never listed.</summary>
    public async Task<MatchIndexRecord?> RecordAsync(MatchOwner owner, CancellationToken ct = default) =>
        (await store.ReadAsync<MatchIndexRecord>(Containers.MatchIndex, MatchIndexRecord.DocumentId, owner.Partition, ct))?.Document;

    private async Task<bool> WriteAsync(MatchOwner owner, IndexedKeys keys, Func<CancellationToken, Task<IndexedKeys>> reread, bool keepRecord,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await store.ReadAsync<MatchIndexRecord>(Containers.MatchIndex, MatchIndexRecord.DocumentId, owner.Partition, ct);
            if (stored is not null && stored.Document.Version > keys.Version) return false;
            if (stored is null && keys.Keys.Count == 0 && !keepRecord) return true;
            await Parallel.ForEachAsync(keys.Keys, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
                async (key, token) => await store.TryCreateAsync(Containers.MatchIndex, Entry(owner, key), owner.ListOf(key), token));
            var stale = stored?.Document.Keys.Where(key => !keys.Keys.Contains(key)).ToList() ?? [];
            await Parallel.ForEachAsync(stale, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct },
                async (key, token) => await store.DeleteAsync(Containers.MatchIndex, Id(owner.Id), owner.ListOf(key), ct: token));
            var record = new MatchIndexRecord
            {
                Partition = owner.Partition, OwnerId = owner.Id, Keys = keys.Keys.Order(StringComparer.Ordinal).ToList(), Version = keys.Version,
            };
            var written = stored is null
                ? await store.TryCreateAsync(Containers.MatchIndex, record, owner.Partition, ct)
                : await store.TryReplaceAsync(Containers.MatchIndex, record.Id, record, owner.Partition, stored.ETag, ct);
            if (written) return true;
            if (attempt == MaxAttempts) throw new InvalidOperationException($"The match index of {owner.Partition} kept changing under its writes");
            await DocumentStore.ContendedAsync(attempt, ct);
            keys = await reread(ct);
        }
    }

    private static MatchIndexEntry Entry(MatchOwner owner, string key) => new() { Id = Id(owner.Id), Partition = owner.ListOf(key), OwnerId = owner.Id };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The union of id lists that are each read in ascending pages from a cursor, walked in ascending order without
/// duplicates. A list is read again only when the ids it gave are used up, so a scan reads each list about once per
/// page it contributes to, and the last id handed out is where a later scan goes on from.
/// </summary>
public sealed class IdUnion
{
    /// <summary>Reads the ids of one list after a cursor, ascending, at most a count.</summary>
    public delegate Task<List<long>> Reader(long after, int take, CancellationToken ct);

    private readonly List<Source> _sources;
    private readonly int _pageSize;

    public IdUnion(IEnumerable<Reader> lists, long after, int pageSize)
    {
        _sources = lists.Select(read => new Source(read, after)).ToList();
        _pageSize = pageSize;
    }

    /// <summary>The next ids of the union, at most <paramref name="count"/>; fewer only at its end.</summary>
    public async Task<List<long>> NextAsync(int count, CancellationToken ct)
    {
        var ids = new List<long>(count);
        while (ids.Count < count)
        {
            await FillAsync(ct);
            var next = long.MaxValue;
            foreach (var source in _sources)
                if (source.Buffer.Count > 0) next = Math.Min(next, source.Buffer.Peek());
            if (next == long.MaxValue) break;
            foreach (var source in _sources)
                if (source.Buffer.Count > 0 && source.Buffer.Peek() == next) source.Buffer.Dequeue();
            ids.Add(next);
        }
        return ids;
    }

    /// <summary>Whether any list has ids left.</summary>
    public async Task<bool> AnyLeftAsync(CancellationToken ct)
    {
        await FillAsync(ct);
        return _sources.Any(s => s.Buffer.Count > 0);
    }

    private Task FillAsync(CancellationToken ct) =>
        Parallel.ForEachAsync(_sources.Where(s => s.Buffer.Count == 0 && !s.Done), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (source, token) => await source.FillAsync(_pageSize, token));

    private sealed class Source(Reader read, long after)
    {
        private long _after = after;

        public Queue<long> Buffer { get; } = new();
        public bool Done { get; private set; }

        public async Task FillAsync(int pageSize, CancellationToken ct)
        {
            var ids = await read(_after, pageSize, ct);
            foreach (var id in ids) Buffer.Enqueue(id);
            if (ids.Count > 0) _after = ids[^1];
            Done = ids.Count < pageSize;
        }
    }
}
