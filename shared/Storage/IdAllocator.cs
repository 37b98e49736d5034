using System.Collections.Concurrent;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Storage;

/// <summary>
/// Integer ids, unique across processes without a write per id: each process reserves a block from a
/// counter document with one patch Increment and hands ids out of it locally. Ids are increasing
/// within a process, not across processes; a restart leaves the rest of its block unused.
/// </summary>
public sealed class IdAllocator(DocumentStore store, int blockSize = 50)
{
    private readonly ConcurrentDictionary<string, Sequence> _sequences = new();

    public async Task<long> NextAsync(string sequenceName, CancellationToken ct = default)
    {
        var sequence = _sequences.GetOrAdd(sequenceName, _ => new Sequence());
        await sequence.Gate.WaitAsync(ct);
        try
        {
            if (sequence.Next > sequence.Last)
            {
                var last = await ReserveAsync(sequenceName, ct);
                sequence.Next = last - blockSize + 1;
                sequence.Last = last;
            }
            return sequence.Next++;
        }
        finally
        {
            sequence.Gate.Release();
        }
    }

    private async Task<long> ReserveAsync(string sequenceName, CancellationToken ct)
    {
        var operations = new[] { PatchOperation.Increment("/value", blockSize) };
        var counter = await store.PatchAsync<CounterDocument>(Containers.Counters, sequenceName, sequenceName, operations, ct);
        if (counter is null)
        {
            // First use of this sequence anywhere: create it (a racing process may win, which is fine).
            await store.TryCreateAsync(Containers.Counters, new CounterDocument(sequenceName, 0), sequenceName, ct);
            counter = await store.PatchAsync<CounterDocument>(Containers.Counters, sequenceName, sequenceName, operations, ct)
                      ?? throw new InvalidOperationException($"Counter {sequenceName} vanished");
        }
        return counter.Value;
    }

    private sealed class Sequence
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public long Next = 1;
        public long Last;
    }

    private sealed record CounterDocument(string Id, long Value);
}
