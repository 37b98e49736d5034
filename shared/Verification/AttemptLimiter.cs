using System.Globalization;
using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

namespace CareerNexus.Verification;

/// <summary>A budget of attempts of one kind per key (an account, an address, the whole platform) per fixed window.</summary>
public sealed record AttemptRule(string Name, int Limit, TimeSpan Window);

/// <summary>
/// The platform's limits on credential and secret checks and on mail-sending requests, per account or address (chat
/// messages have theirs in MessageSendLimit).
/// They hold across instances (the counts live in Cosmos DB, one document per key and window, expiring with it);
/// limits per client IP live in each instance (functions/Hosting). Chosen so that a person never meets them.
/// </summary>
public static class AttemptRules
{
    /// <summary>Failed sign-ins per account (or per unknown login): 10 in 15 minutes ...</summary>
    public static readonly AttemptRule FailedSignIns = new("sign-in", 10, TimeSpan.FromMinutes(15));

    /// <summary>... and 30 a day, so that a patient guesser's waits grow from minutes to a day.</summary>
    public static readonly AttemptRule FailedSignInsPerDay = new("sign-in-day", 30, TimeSpan.FromDays(1));

    /// <summary>Code and link mails (signup, password reset, each flow on its own) per address: 5 an hour.</summary>
    public static readonly AttemptRule MailsPerAddress = new("mail", 5, TimeSpan.FromHours(1));

    /// <summary>Account registrations tried per address: 10 an hour.</summary>
    public static readonly AttemptRule RegistrationsPerAddress = new("register", 10, TimeSpan.FromHours(1));

    /// <summary>Codes checked with their address per address: 10 in 15 minutes (each code also dies after 5 wrong tries).</summary>
    public static readonly AttemptRule CodeChecksPerAddress = new("code-check", 10, TimeSpan.FromMinutes(15));

    /// <summary>Wrong reset codes sent alone (no address to tie them to), across the platform: 10 a minute.</summary>
    public static readonly AttemptRule WrongLoneCodes = new("lone-code", VerificationRules.WrongLoneCodesPerMinute, TimeSpan.FromMinutes(1));
}

/// <summary>An attempt that was let through; returning it takes it back off the count (a right code, a right password).</summary>
public sealed record Attempt(string CounterId);

/// <summary>
/// Counts attempts with one atomic write each (patch Increment), and decides from the count that write returns, so
/// however many requests arrive at once, no more than the limit get through. A refusal is a 429 with the time left
/// in the window; it is logged under a keyed hash of the key, never the address or account itself.
/// </summary>
public sealed class AttemptLimiter(DocumentStore store, OneTimeSecrets secrets, TimeProvider clock, ILogger<AttemptLimiter> logger)
{
    /// <summary>Counts one attempt, or throws 429 when the key's budget for this window is spent.</summary>
    public async Task<Attempt> TakeAsync(AttemptRule rule, string key, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var window = now.ToUnixTimeMilliseconds() / (long)rule.Window.TotalMilliseconds;
        var windowEnd = DateTimeOffset.FromUnixTimeMilliseconds((window + 1) * (long)rule.Window.TotalMilliseconds);
        var keyHash = secrets.Digest("attempt-limit", rule.Name + "\n" + key.ToLowerInvariant());
        var id = string.Create(CultureInfo.InvariantCulture, $"limit:{rule.Name}:{keyHash}:{window}");
        var count = await IncrementAsync(id, TokensTimeToLive(windowEnd, now), ct);
        if (count <= rule.Limit) return new Attempt(id);
        PlatformMetrics.RateLimited(rule.Name);
        logger.LogWarning("Attempt limit {Rule} reached for key {KeyHash}", rule.Name, keyHash[..16]);
        throw PlatformException.TooManyRequests("Too many attempts", windowEnd - now,
            string.Create(CultureInfo.InvariantCulture, $"Too many attempts: try again in {Math.Max(1, (int)Math.Ceiling((windowEnd - now).TotalSeconds))} seconds."));
    }

    /// <summary>Takes a let-through attempt back off its count.</summary>
    public Task ReturnAsync(Attempt attempt, CancellationToken ct = default) =>
        store.PatchAsync<Counter>(Containers.Limits, attempt.CounterId, attempt.CounterId, [PatchOperation.Increment("/count", -1)], ct);

    private async Task<long> IncrementAsync(string id, int ttl, CancellationToken ct)
    {
        var increment = new[] { PatchOperation.Increment("/count", 1) };
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await store.PatchAsync<Counter>(Containers.Limits, id, id, increment, ct) is { } counted) return counted.Count;
            if (await store.TryCreateAsync(Containers.Limits, new Counter(id, 1, ttl), id, ct)) return 1;
        }
        throw new InvalidOperationException("The attempt counter could not be written.");
    }

    private static int TokensTimeToLive(DateTimeOffset windowEnd, DateTimeOffset now) => CareerNexus.Tokens.TokenService.TimeToLive(windowEnd, now);

    private sealed record Counter(string Id, long Count, int Ttl);
}
