using System.Globalization;
using CareerNexus.Queues;

namespace CareerNexus.Matching;

/// <summary>
/// The matching queue: "job:{id}" rescans every candidate for the job, "candidate:{id}" every active Recruitment job
/// for the candidate, "application:{job}:{candidate}:{application or 0}:{ticks}" marks has_applied on the match.
/// Bodies carry ids only; the worker reads the inputs as they are now, so a late message still writes the newest.
/// </summary>
public sealed class MatchingHandler(MatchCalculator calculator) : IQueueHandler
{
    public string Queue => QueueNames.Matching;

    public async Task HandleAsync(QueueMessage message, CancellationToken ct)
    {
        var parts = message.Body.Split(':');
        switch (parts)
        {
            case ["job", var job] when Id(job) is { } jobId:
                await calculator.JobAsync(jobId, force: false, maxPages: int.MaxValue, ct);
                break;
            case ["candidate", var candidate] when Id(candidate) is { } candidateId:
                await calculator.CandidateAsync(candidateId, force: false, maxPages: int.MaxValue, ct);
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
