using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CareerNexus.Common;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Storage;

/// <summary>A document as read, with the ETag that guards a later conditional write.</summary>
public sealed record Stored<T>(T Document, string ETag);

/// <summary>
/// The platform's access to Cosmos DB. Uses the stream API so that "not found" and "conflict" are
/// plain results rather than exceptions on hot paths, and serialises with the platform's JSON options.
/// </summary>
public sealed class DocumentStore(CosmosClient client, CosmosOptions options)
{
    private readonly Database _database = client.GetDatabase(options.Database);

    public Container Container(ContainerSpec spec) => _database.GetContainer(spec.Name);

    public async Task EnsureCreatedAsync(CancellationToken ct = default)
    {
        var database = (await client.CreateDatabaseIfNotExistsAsync(options.Database, cancellationToken: ct)).Database;
        // In Azure the Bicep has made them all (the app's identity may not create containers); this creates what a
        // local or key-authenticated account lacks. TTL is on, per document: used codes and old counters expire by themselves.
        foreach (var spec in Containers.All)
            await database.CreateContainerIfNotExistsAsync(spec.Properties(), cancellationToken: ct);
    }

    public async Task<Stored<T>?> ReadAsync<T>(ContainerSpec spec, string id, string partition, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await Container(spec).ReadItemStreamAsync(id, new PartitionKey(partition), cancellationToken: ct);
        Record(CosmosOperation.Read, response, started, response.IsSuccessStatusCode ? 1 : 0);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        EnsureSuccess(response);
        var document = await JsonSerializer.DeserializeAsync<T>(response.Content, PlatformJson.Options, ct);
        return new Stored<T>(document!, response.Headers.ETag);
    }

    /// <summary>Point reads in parallel, for containers partitioned by id; missing ids are skipped.</summary>
    public async Task<IReadOnlyDictionary<string, T>> ReadManyAsync<T>(ContainerSpec spec, IEnumerable<string> ids, CancellationToken ct = default)
    {
        var distinct = ids.Distinct().ToList();
        var reads = await Task.WhenAll(distinct.Select(id => ReadAsync<T>(spec, id, id, ct)));
        var found = new Dictionary<string, T>();
        for (var i = 0; i < distinct.Count; i++)
            if (reads[i] is { } stored) found[distinct[i]] = stored.Document;
        return found;
    }

    /// <summary>Creates the document; false when one with its id already exists in that partition.</summary>
    public async Task<bool> TryCreateAsync<T>(ContainerSpec spec, T document, string partition, CancellationToken ct = default)
    {
        using var body = Serialize(document);
        var started = Stopwatch.GetTimestamp();
        using var response = await Container(spec).CreateItemStreamAsync(body, new PartitionKey(partition), cancellationToken: ct);
        Record(CosmosOperation.Write, response, started);
        if (response.StatusCode == HttpStatusCode.Conflict) return false;
        EnsureSuccess(response);
        return true;
    }

    public async Task UpsertAsync<T>(ContainerSpec spec, T document, string partition, CancellationToken ct = default)
    {
        using var body = Serialize(document);
        var started = Stopwatch.GetTimestamp();
        using var response = await Container(spec).UpsertItemStreamAsync(body, new PartitionKey(partition), cancellationToken: ct);
        Record(CosmosOperation.Write, response, started);
        EnsureSuccess(response);
    }

    /// <summary>Replaces the document if it still has the given ETag; false when someone wrote it first.</summary>
    public async Task<bool> TryReplaceAsync<T>(ContainerSpec spec, string id, T document, string partition, string etag, CancellationToken ct = default)
    {
        using var body = Serialize(document);
        var started = Stopwatch.GetTimestamp();
        using var response = await Container(spec).ReplaceItemStreamAsync(body, id, new PartitionKey(partition),
            new ItemRequestOptions { IfMatchEtag = etag }, ct);
        Record(CosmosOperation.Write, response, started);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) return false;
        EnsureSuccess(response);
        return true;
    }

    /// <summary>Deletes the document; false when it was not there (or no longer had the given ETag).</summary>
    public async Task<bool> DeleteAsync(ContainerSpec spec, string id, string partition, string? etag = null, CancellationToken ct = default)
    {
        var options = etag is null ? null : new ItemRequestOptions { IfMatchEtag = etag };
        var started = Stopwatch.GetTimestamp();
        using var response = await Container(spec).DeleteItemStreamAsync(id, new PartitionKey(partition), options, ct);
        Record(CosmosOperation.Write, response, started);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed) return false;
        EnsureSuccess(response);
        return true;
    }

    /// <summary>Applies patch operations (counters use Increment); null when the document is gone.</summary>
    public async Task<T?> PatchAsync<T>(ContainerSpec spec, string id, string partition, IReadOnlyList<PatchOperation> operations,
        CancellationToken ct = default) where T : class
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await Container(spec).PatchItemStreamAsync(id, new PartitionKey(partition), operations, cancellationToken: ct);
        Record(CosmosOperation.Write, response, started);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        EnsureSuccess(response);
        return await JsonSerializer.DeserializeAsync<T>(response.Content, PlatformJson.Options, ct);
    }

    /// <summary>
    /// Applies patch operations only while the document still has the given ETag: the patched document and its
    /// new ETag, or null when it is gone or someone else wrote it first.
    /// </summary>
    public async Task<Stored<T>?> TryPatchAsync<T>(ContainerSpec spec, string id, string partition, IReadOnlyList<PatchOperation> operations,
        string etag, CancellationToken ct = default) where T : class
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await Container(spec).PatchItemStreamAsync(id, new PartitionKey(partition), operations,
            new PatchItemRequestOptions { IfMatchEtag = etag }, ct);
        Record(CosmosOperation.Write, response, started);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed) return null;
        EnsureSuccess(response);
        var document = await JsonSerializer.DeserializeAsync<T>(response.Content, PlatformJson.Options, ct);
        return new Stored<T>(document!, response.Headers.ETag);
    }

    /// <summary>
    /// Read-modify-write without losing a concurrent write: reads the document, lets the caller compute
    /// patch operations from it (the caller may throw to refuse), and applies them only while the
    /// document still has the ETag that was read, retrying otherwise. Null when the document is gone.
    /// </summary>
    public async Task<T?> UpdateAsync<T>(ContainerSpec spec, string id, string partition, Func<T, IReadOnlyList<PatchOperation>> change,
        CancellationToken ct = default) where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync<T>(spec, id, partition, ct);
            if (current is null) return null;
            // Null when another writer came first (or the document went: the next read says which).
            var patched = await TryPatchAsync<T>(spec, id, partition, change(current.Document), current.ETag, ct);
            if (patched is not null) return patched.Document;
            await ContendedAsync(attempt, ct);
        }
    }

    /// <summary>
    /// Like <see cref="UpdateAsync{T}"/>, for changes a patch cannot express: replaces the whole document with
    /// the caller's changed copy while it still has the ETag that was read, retrying otherwise. Null when the
    /// document is gone.
    /// </summary>
    public async Task<T?> ReplaceAsync<T>(ContainerSpec spec, string id, string partition, Func<T, T> change, CancellationToken ct = default)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync<T>(spec, id, partition, ct);
            if (current is null) return null;
            var changed = change(current.Document);
            if (await TryReplaceAsync(spec, id, changed, partition, current.ETag, ct)) return changed;
            await ContendedAsync(attempt, ct);
        }
    }

    private const int MaxUpdateAttempts = 20;

    /// <summary>
    /// After a lost ETag race: writers racing on one document (many entries added to one profile, many follows of one
    /// account at once) wait a few random milliseconds, growing with each attempt, so they settle instead of colliding
    /// again; after <see cref="MaxUpdateAttempts"/> the caller is asked to try again.
    /// </summary>
    public static Task ContendedAsync(int attempt, CancellationToken ct)
    {
        if (attempt >= MaxUpdateAttempts) throw new PlatformException(ErrorKind.Conflict, "The resource is changing, try again");
        return Task.Delay(Random.Shared.Next(1, 5 * attempt + 1), ct);
    }

    /// <summary>
    /// Streams query results. With a partition the query stays in it; the SQL must filter on the
    /// partition key as well, because the local server ignores the option.
    /// </summary>
    public async IAsyncEnumerable<T> QueryAsync<T>(ContainerSpec spec, QueryDefinition query, string? partition = null,
        int pageSize = 1000, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var requestOptions = new QueryRequestOptions { MaxItemCount = pageSize };
        if (partition is not null) requestOptions.PartitionKey = new PartitionKey(partition);
        using var iterator = Container(spec).GetItemQueryStreamIterator(query, requestOptions: requestOptions);
        while (iterator.HasMoreResults)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await iterator.ReadNextAsync(ct);
            EnsureSuccess(response);
            var page = await JsonSerializer.DeserializeAsync<QueryPage<T>>(response.Content, PlatformJson.Options, ct);
            Record(partition is null ? CosmosOperation.CrossPartitionQuery : CosmosOperation.Query, response, started,
                page?.Documents?.Count ?? 0);
            foreach (var item in page?.Documents ?? []) yield return item;
        }
    }

    public async Task<List<T>> QueryListAsync<T>(ContainerSpec spec, QueryDefinition query, string? partition = null,
        int? take = null, CancellationToken ct = default)
    {
        var results = new List<T>();
        // Cosmos returns at most a page of MaxItemCount, so a short take reads no more than it keeps.
        var pageSize = take is { } wanted ? Math.Clamp(wanted, 1, 1000) : 1000;
        await foreach (var item in QueryAsync<T>(spec, query, partition, pageSize, ct))
        {
            results.Add(item);
            if (take is { } max && results.Count >= max) break;
        }
        return results;
    }

    /// <summary>
    /// One page of a filtered, ordered list across partitions, for containers partitioned by id, and the size of the
    /// list up to <see cref="PageRequest.MaxReach"/> (or the page's limit). The local server has no OFFSET or COUNT,
    /// so one narrow query reads the ordered ids up to that cap, and only the page's documents are read, by id: the
    /// cost depends on the cap and the page, not on how many documents match.
    /// </summary>
    public async Task<Page<T>> PageAsync<T>(ContainerSpec spec, string where, string orderBy,
        IReadOnlyList<(string Name, object Value)> parameters, PageRequest page, CancellationToken ct = default)
    {
        if (page.Limit == 0) return new Page<T>([], 0, page);
        var cap = Math.Min(PageRequest.MaxReach, page.Limit ?? int.MaxValue);
        var query = new QueryDefinition($"SELECT TOP {cap} VALUE c.id FROM c WHERE {where} ORDER BY {orderBy}");
        foreach (var (name, value) in parameters) query = query.WithParameter(name, value);
        var ids = await QueryListAsync<string>(spec, query, take: cap, ct: ct);
        var pageIds = page.Skip < ids.Count ? ids.Skip((int)page.Skip).Take(page.Size).ToList() : [];
        var found = await ReadManyAsync<T>(spec, pageIds, ct);
        return new Page<T>(pageIds.Where(found.ContainsKey).Select(id => found[id]).ToList(), ids.Count, page);
    }

    /// <summary>
    /// One page of an ordered single-partition query whose total is already known (a stored counter): reads up to
    /// the end of the page and no further, and nothing for a page starting past <see cref="PageRequest.MaxReach"/>.
    /// </summary>
    public async Task<Page<T>> PartitionPageAsync<T>(ContainerSpec spec, QueryDefinition query, string partition, long total,
        PageRequest page, CancellationToken ct = default)
    {
        var reach = Math.Min(page.Skip + page.Size, PageRequest.MaxReach);
        if (page.Skip >= reach) return new Page<T>([], total, page);
        var items = await QueryListAsync<T>(spec, query, partition, take: (int)reach, ct: ct);
        return new Page<T>(items.Skip((int)page.Skip).ToList(), total, page);
    }

    private static void Record(CosmosOperation operation, ResponseMessage response, long started, int items = 0) =>
        CosmosMeter.Current?.Record(operation, items, response.Headers.RequestCharge, started);

    private static MemoryStream Serialize<T>(T document) =>
        new(JsonSerializer.SerializeToUtf8Bytes(document, PlatformJson.Options));

    private static void EnsureSuccess(ResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new CosmosException($"Cosmos answered {(int)response.StatusCode}: {response.ErrorMessage}",
                response.StatusCode, 0, response.Headers.ActivityId, response.Headers.RequestCharge);
    }

    private sealed record QueryPage<T>(List<T>? Documents);
}
