using System.Text.Json;
using System.Text.Json.Nodes;
using CareerNexus.Common;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Storage;

/// <summary>One stored counter document and the deltas a fact brings to its fields.</summary>
public sealed record CounterTarget(ContainerSpec Spec, string Id, string Partition, IReadOnlyList<(string Field, long Delta)> Deltas)
{
    /// <summary>
    /// Further changes written in the same conditional patch as the count, the time the fact is counted, decided from
    /// the counter document as it was read (a "latest" field that must only move forward, whatever order facts arrive in).
    /// </summary>
    public Func<JsonElement, IEnumerable<PatchOperation>>? Also { get; init; }
}

/// <summary>
/// Where a test stops a handler between two of its writes, to check that the retry settles the counters once. The
/// platform's own implementation never stops; tests register one that throws at a named step.
/// </summary>
public interface IFaultPoints
{
    void Reach(string step);
}

public sealed class NoFaults : IFaultPoints
{
    public void Reach(string step)
    {
    }
}

/// <summary>
/// The one way every stored counter changes: exactly once per fact, however often a request or handler is retried.
/// A fact (a like, a follow, a timeline entry...) has an id unique to it, and each counter document it moves keeps the
/// ids of the last facts it counted ("counted_facts"), written in the same ETag-guarded patch as the increments: a
/// retry finds its id there and changes nothing. The fact document itself carries a <c>counted</c> flag, set once
/// every counter has it, so that an undo knows whether there is anything to undo after the id has left the window.
/// An undo is a fact of its own ("-" + the fact's id), applied only to counters that counted the fact.
/// </summary>
public sealed class CountOnce(DocumentStore store, IFaultPoints faults)
{
    /// <summary>
    /// How many recent fact ids a counter remembers. A retry comes within seconds (a client repeating a request, a
    /// queue redelivery after its back-off), long before this many other facts reach the same counter.
    /// </summary>
    public const int Window = 64;

    /// <summary>Counts the fact on every target (each once); false when a target document is gone.</summary>
    public async Task<bool> CountAsync(string factId, IReadOnlyList<CounterTarget> targets, CancellationToken ct = default)
    {
        var applied = true;
        foreach (var target in targets)
        {
            applied &= await ApplyAsync(target, factId, sign: 1, onlyIfCounted: null, ct);
            faults.Reach("count:" + target.Spec.Name);
        }
        return applied;
    }

    /// <summary>
    /// Takes back a fact on every target that counted it: all of them when <paramref name="factWasCounted"/> (its flag
    /// said so), otherwise only those whose window still holds it. A fact never counted changes nothing.
    /// </summary>
    public async Task UncountAsync(string factId, bool factWasCounted, IReadOnlyList<CounterTarget> targets, CancellationToken ct = default)
    {
        foreach (var target in targets)
        {
            await ApplyAsync(target, UndoId(factId), sign: -1, onlyIfCounted: factWasCounted ? null : factId, ct);
            faults.Reach("uncount:" + target.Spec.Name);
        }
    }

    public static string UndoId(string factId) => "-" + factId;

    /// <summary>
    /// Applies a fact once to one counter document whose change depends on what the document holds (a counter that a
    /// fact moves only below a mark kept beside it, a list of recent facts): <paramref name="change"/> computes the
    /// patch operations from the document as read, and they are written with the fact's id, conditional on the ETag
    /// of that read (at most 9 operations: Cosmos DB takes 10 in one patch). Null operations mean the fact changes
    /// nothing here. False when the document is gone.
    /// </summary>
    public async Task<bool> ApplyAsync<T>(string factId, ContainerSpec spec, string id, string partition,
        Func<T, IEnumerable<PatchOperation>?> change, CancellationToken ct = default) where T : class, ICountedFacts
    {
        var applied = await ApplyOnceAsync(factId, spec, id, partition, document => change(document.Deserialize<T>(PlatformJson.Options)!), ct);
        faults.Reach("apply:" + spec.Name);
        return applied;
    }

    /// <summary>The one conditional read-modify-patch behind every count: the document is read as JSON, so any shape can be a counter.</summary>
    private async Task<bool> ApplyOnceAsync(string factId, ContainerSpec spec, string id, string partition,
        Func<JsonElement, IEnumerable<PatchOperation>?> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.ReadAsync<JsonElement>(spec, id, partition, ct);
            if (current is null) return false;
            var seen = CountedFacts(current.Document);
            if (seen.Contains(factId)) return true;
            if (change(current.Document) is not { } changes) return true;
            var window = seen.Append(factId).TakeLast(Window).ToList();
            var operations = changes.Append(PatchOperation.Set("/counted_facts", window)).ToList();
            if (await store.TryPatchAsync<JsonObject>(spec, id, partition, operations, current.ETag, ct) is not null) return true;
            await DocumentStore.ContendedAsync(attempt, ct);
        }
    }

    private Task<bool> ApplyAsync(CounterTarget target, string factId, int sign, string? onlyIfCounted, CancellationToken ct) =>
        ApplyOnceAsync(factId, target.Spec, target.Id, target.Partition, counter =>
            onlyIfCounted is not null && !CountedFacts(counter).Contains(onlyIfCounted)
                ? null
                : target.Deltas.Select(d => PatchOperation.Increment(d.Field, sign * d.Delta)).Concat(target.Also?.Invoke(counter) ?? []), ct);

    private static List<string> CountedFacts(JsonElement counter) =>
        counter.TryGetProperty("counted_facts", out var facts) && facts.ValueKind == JsonValueKind.Array
            ? facts.EnumerateArray().Select(f => f.GetString() ?? "").ToList()
            : [];
}

/// <summary>A counter document as <see cref="CountOnce.ApplyAsync{T}"/> reads it: the ids of the last facts it counted.</summary>
public interface ICountedFacts
{
    List<string>? CountedFacts { get; }
}
