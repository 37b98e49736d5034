using CareerNexus.Queues;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace CareerNexus.Payments;

/// <summary>
/// Settles the payments whose provider event never came, every five minutes: a mobile-money collection still pending
/// after the callback's grace is asked of AfribaPay; a checkout past its expiry is asked of its provider and, unless
/// the provider reports it paid (or, for Stripe, still open), expired. It reads the pending index hour by hour from a
/// stored cursor (the oldest hour that may still hold entries) to the latest expiry a new checkout can have: a few
/// single-partition queries, whatever the number of transactions ever made, and at most <see cref="MaxPerRun"/>
/// transactions a run.
/// </summary>
public sealed class PaymentPoller(DocumentStore store, PaymentService payments, PlatformOptions options, TimeProvider clock,
    ILogger<PaymentPoller> logger) : IScheduledJob
{
    public const string JobName = "payments_poll";
    public const int MaxPerRun = 100;

    /// <summary>How far back the first run looks, before any cursor exists.</summary>
    public static readonly TimeSpan FirstLookBack = TimeSpan.FromDays(2);

    public static readonly TimeSpan Every = TimeSpan.FromMinutes(5);

    public async Task RunAsync(CancellationToken ct) => await RunAsync(clock.GetUtcNow(), ct);

    /// <summary>One run as of <paramref name="now"/>: how many transactions it looked at.</summary>
    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var budget = MaxPerRun;
        await PendingPayment.Index.SweepAsync(store, now - FirstLookBack, now + PaymentService.CheckoutLifetime, now, async bucket =>
        {
            var entries = await store.QueryListAsync<PendingPayment>(Containers.Payments,
                new QueryDefinition($"SELECT TOP {budget} * FROM c WHERE c.partition = @bucket ORDER BY c.expires_at").WithParameter("@bucket", bucket),
                bucket, take: budget, ct: ct);
            foreach (var entry in entries)
            {
                budget--;
                try
                {
                    await PollAsync(entry, now, ct);
                }
                catch (PaymentProviderException unreachable)
                {
                    logger.LogWarning("The poller could not ask about payment {TransactionId}: {Reason}", entry.TransactionId, unreachable.Message);
                }
            }
            // Settled entries leave the index; the hour is passed once a run finds it empty.
            return entries.Count == 0;
        }, () => budget > 0, ct);
        return MaxPerRun - budget;
    }

    private async Task PollAsync(PendingPayment entry, DateTimeOffset now, CancellationToken ct)
    {
        var transaction = await payments.ReadAsync(entry.TransactionId, ct);
        if (transaction is null)
        {
            // An initiate that stopped between the index entry and the transaction, long enough ago not to be running.
            if (entry.CreatedAt + TimeSpan.FromMinutes(10) < now) await store.DeleteAsync(Containers.Payments, entry.Id, entry.Partition, ct: ct);
            return;
        }
        if (transaction.Status != PaymentStatuses.Pending)
        {
            // Settled already: finish what its settling left (the effect), and drop this entry, even one left by a racing initiate.
            await payments.SettleAsync(transaction.Id, transaction.Status, "poller", null, ct);
            await store.DeleteAsync(Containers.Payments, entry.Id, entry.Partition, ct: ct);
            return;
        }
        var expired = transaction.ExpiresAt <= now;
        var mobileMoney = transaction.PaymentMethod == PaymentMethods.AfribaPay;
        var callbackLate = mobileMoney && transaction.CreatedAt.AddSeconds(options.Payments.CallbackGraceSeconds) <= now;
        if (!expired && !callbackLate) return;
        var gateway = payments.Gateway(transaction.PaymentMethod);
        var said = gateway is { IsConfigured: true } && (transaction.ProviderRef is not null || mobileMoney)
            ? await gateway.CheckAsync(transaction, ct) : null;
        if (said is { Status: not PaymentStatuses.Pending })
            await payments.SettleAsync(transaction.Id, said.Status, "poller:" + transaction.PaymentMethod, said.ProviderRef, ct);
        // A Stripe session still open after its expiry is being closed by Stripe, whose answer the next run reads.
        else if (expired && (mobileMoney || said is null))
            await payments.SettleAsync(transaction.Id, PaymentStatuses.Expired, "poller:expired", null, ct);
    }
}
