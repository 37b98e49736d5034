using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using CareerNexus.Common;
using CareerNexus.Queues;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CareerNexus.Realtime;

/// <summary>
/// Closes the chat sockets Azure Web PubSub holds once the access token each was opened with expires (standalone, the
/// app's own socket closes itself at that instant; the service only checks a token when the socket opens). The
/// connected event records the connection under the hour its token expires ("sockets:{yyyyMMddHH}" in the conversations
/// container); every minute this job reads the hours from a stored cursor to now (a single-partition query each, one or
/// two a run), closes the connections that are due through the service's REST API and forgets them. A connection that
/// closed first is forgotten by its disconnected event. A socket outlives its token by at most about a minute.
/// </summary>
public sealed class WebPubSubSocketExpiry(DocumentStore store, PlatformOptions options, IServiceProvider services, TimeProvider clock,
    ILogger<WebPubSubSocketExpiry> logger) : IScheduledJob
{
    public const string JobName = "chat_sockets_expire";
    public static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    public const int MaxPerRun = 200;
    public const string CloseReason = "Token expired";

    /// <summary>How far back the first run looks, before any cursor exists: more than an access token lives.</summary>
    public static readonly TimeSpan FirstLookBack = TimeSpan.FromDays(1);

    private static readonly HourlyIndex Index = new(Containers.Conversations, "sockets");
    private static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(5);

    /// <summary>Remembers a connection until its token expires (a redelivered connected event writes the same document).</summary>
    public Task RecordAsync(string connectionId, DateTimeOffset expiresAt, CancellationToken ct = default)
    {
        var entry = Entry.Of(connectionId, Index.BucketOf(expiresAt), expiresAt, clock.GetUtcNow());
        return store.UpsertAsync(Containers.Conversations, entry, entry.Partition, ct);
    }

    /// <summary>Forgets a connection that closed before its token expired.</summary>
    public Task ForgetAsync(string connectionId, DateTimeOffset expiresAt, CancellationToken ct = default) =>
        store.DeleteAsync(Containers.Conversations, Entry.IdOf(connectionId), Index.BucketOf(expiresAt), ct: ct);

    public async Task RunAsync(CancellationToken ct) => await RunAsync(clock.GetUtcNow(), ct);

    /// <summary>One run as of <paramref name="now"/>: how many connections it closed.</summary>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        if (!options.Realtime.UsesWebPubSub) return 0;
        var service = services.GetRequiredService<WebPubSubService>();
        var closed = 0;
        // An hour is passed only five minutes after it ended, which covers the clocks of the instances recording connections.
        await Index.SweepAsync(store, now - FirstLookBack, now, now - ClockMargin, async bucket =>
        {
            var due = await store.QueryListAsync<Entry>(Containers.Conversations,
                new QueryDefinition($"SELECT TOP {MaxPerRun - closed} * FROM c WHERE c.partition = @bucket AND c.expires_at <= @now")
                    .WithParameter("@bucket", bucket).WithParameter("@now", now.ToUnixTimeSeconds()),
                bucket, take: MaxPerRun - closed, ct: ct);
            var emptied = closed + due.Count < MaxPerRun;
            foreach (var entry in due)
            {
                if (await CloseAsync(service, entry, ct))
                {
                    closed++;
                    await store.DeleteAsync(Containers.Conversations, entry.Id, entry.Partition, ct: ct);
                }
                else emptied = false;
            }
            return emptied;
        }, () => closed < MaxPerRun, ct);
        return closed;
    }

    /// <summary>Closes one connection; one the service no longer knows is closed already. False when the service could not be reached.</summary>
    private async Task<bool> CloseAsync(WebPubSubService service, Entry entry, CancellationToken ct)
    {
        try
        {
            await service.CloseConnectionAsync(entry.ConnectionId, CloseReason, ct);
            return true;
        }
        catch (HttpRequestException refused) when (refused.StatusCode == HttpStatusCode.NotFound)
        {
            return true;
        }
        catch (Exception unreachable) when (!ct.IsCancellationRequested)
        {
            // Refused, timed out or behind an open circuit: the next run tries again.
            logger.LogWarning("Could not close an expired chat socket through Azure Web PubSub: {Reason}", unreachable.Message);
            return false;
        }
    }

    /// <summary>A connection and when its token expires (Unix seconds), in the partition of that hour; it expires itself a day later.</summary>
    private sealed record Entry(
        string Id,
        string Partition,
        [property: JsonPropertyName("connection_id")] string ConnectionId,
        [property: JsonPropertyName("expires_at")] long ExpiresAt,
        [property: JsonPropertyName("ttl")] int Ttl)
    {
        public static Entry Of(string connectionId, string bucket, DateTimeOffset expiresAt, DateTimeOffset now) =>
            new(IdOf(connectionId), bucket, connectionId, expiresAt.ToUnixTimeSeconds(),
                (int)Math.Clamp((expiresAt - now + TimeSpan.FromDays(1)).TotalSeconds, 60, int.MaxValue));

        // Connection ids are the service's: hashed, so that no character of theirs can make an invalid document id.
        public static string IdOf(string connectionId) =>
            "socket:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(connectionId)));
    }
}
