using System.Globalization;
using CareerNexus.Queues;

namespace CareerNexus.Matching;

/// <summary>
/// The matching queue: "job:{id}" scans the candidates who share a skill with the job (and those it has matches with),
/// "candidate:{id}" the active Recruitment jobs that share a skill with the candidate (and those they have matches
/// with), "application:{job}:{candidate}:{application or 0}:{ticks}" marks has_applied on the match. A scan works
/// through at most <see cref="MatchScanBounds.PagesPerDelivery"/> pages per delivery and queues the rest as
/// "job:{id}:after:{cursor}:{version}" (or "candidate:..."), under an id derived from its own, so that a redelivery
/// does not start a second chain. Bodies carry ids only; the worker reads the inputs as they are now, so a late message
/// still writes the newest, and a continuation whose job or profile changed since stops (the change queued a scan).
/// </summary>
public sealed class MatchingHandler(MatchCalculator calculator, IMessageQueue queue, MatchScanBounds bounds) : IQueueHandler
{
    public string Queue => QueueNames.Matching;

    public async Task HandleAsync(QueueMessage message, CancellationToken ct)
    {
        var parts = message.Body.Split(':');
        switch (parts)
        {
            case ["job", var job] when Id(job) is { } jobId:
                await ContinueAsync(message, "job", jobId, await calculator.JobAsync(jobId, force: false, bounds.PagesPerDelivery, ct), ct);
                break;
            case ["job", var job, "after", var after, var version] when Id(job) is { } jobId && Cursor(after, version) is { } cursor:
                await ContinueAsync(message, "job", jobId, await calculator.JobAsync(jobId, force: false, bounds.PagesPerDelivery, ct, cursor), ct);
                break;
            case ["candidate", var candidate] when Id(candidate) is { } candidateId:
                await ContinueAsync(message, "candidate", candidateId,
                    await calculator.CandidateAsync(candidateId, force: false, bounds.PagesPerDelivery, ct), ct);
                break;
            case ["candidate", var candidate, "after", var after, var version] when Id(candidate) is { } candidateId && Cursor(after, version) is { } cursor:
                await ContinueAsync(message, "candidate", candidateId,
                    await calculator.CandidateAsync(candidateId, force: false, bounds.PagesPerDelivery, ct, cursor), ct);
                break;
            case ["application", var job, var candidate, var application, var ticks]
                when Id(job) is { } jobId && Id(candidate) is { } candidateId && Id(application) is { } applicationId && Id(ticks) is { } at:
                await calculator.ApplicationAsync(jobId, candidateId, applicationId == 0 ? null : applicationId,
                    new DateTimeOffset(at, TimeSpan.Zero), ct);
                break;
            default:
                throw new FormatException("The message body is not a matching request.");
        }
    }

    /// <summary>
    /// Queues the rest of a scan. The continuation's id is this message's with its part number moved on, the same for
    /// every delivery of this message, so a redelivery's continuation is taken for a duplicate of the first one's.
    /// </summary>
    private Task ContinueAsync(QueueMessage message, string kind, long id, MatchCalculator.Outcome outcome, CancellationToken ct)
    {
        if (outcome is not { More: true, Next: { } next }) return Task.CompletedTask;
        var body = string.Create(CultureInfo.InvariantCulture, $"{kind}:{id}:after:{next.After}:{next.Version}");
        return queue.SendAsync(QueueNames.Matching, NextPartId(message.MessageId), body, ct);
    }

    /// <summary>"{id}" is followed by "{id}:part1", "{id}:part1" by "{id}:part2", and so on.</summary>
    public static string NextPartId(string messageId)
    {
        const string part = ":part";
        var at = messageId.LastIndexOf(part, StringComparison.Ordinal);
        return at > 0 && Id(messageId[(at + part.Length)..]) is { } n and < int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"{messageId[..at]}{part}{n + 1}")
            : messageId + part + "1";
    }

    private static ScanCursor? Cursor(string after, string version) =>
        Id(after) is { } cursor && Id(version) is { } ticks ? new ScanCursor(cursor, ticks) : null;

    private static long? Id(string text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

/// <summary>
/// Queues matching work. A job or profile change is sent under an id of its moment, so that a second change soon
/// after is not taken for a duplicate of the first; a resent request is harmless (the worker changes nothing twice).
/// </summary>
public sealed class MatchRequests(IMessageQueue queue, TimeProvider clock) : IMatchRequests
{
    public Task JobChangedAsync(long jobId, CancellationToken ct = default) =>
        SendAsync(string.Create(CultureInfo.InvariantCulture, $"job:{jobId}"), ct);

    public Task CandidateChangedAsync(long candidateId, CancellationToken ct = default) =>
        SendAsync(string.Create(CultureInfo.InvariantCulture, $"candidate:{candidateId}"), ct);

    public Task ApplicationChangedAsync(long jobId, long candidateId, long? applicationId, CancellationToken ct = default)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"application:{jobId}:{candidateId}:{applicationId ?? 0}:{clock.GetUtcNow().UtcTicks}");
        return queue.SendAsync(QueueNames.Matching, body, body, ct);
    }

    private Task SendAsync(string body, CancellationToken ct) =>
        queue.SendAsync(QueueNames.Matching, string.Create(CultureInfo.InvariantCulture, $"{body}:{clock.GetUtcNow().UtcTicks}"), body, ct);
}
