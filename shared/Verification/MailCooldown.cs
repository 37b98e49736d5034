using System.Globalization;
using CareerNexus.Common;
using CareerNexus.Storage;
using CareerNexus.Tokens;

namespace CareerNexus.Verification;

/// <summary>
/// At most one verification mail per address and flow per cooldown: claiming the address either starts its
/// wait or refuses with how long is left. Keyed by address, not account, so it says nothing about which
/// addresses have accounts.
/// </summary>
public sealed class MailCooldown(DocumentStore store, OneTimeSecrets secrets, PlatformOptions options, TimeProvider clock)
{
    /// <summary>Starts the address's wait for this flow ("signup", "reset"), or throws Invalid while one runs.</summary>
    public async Task ClaimAsync(string flow, string email, CancellationToken ct = default)
    {
        if (options.MailCooldownSeconds <= 0) return;
        var id = "mail-cooldown:" + secrets.Digest("mail-cooldown", flow + "\n" + email.ToLowerInvariant());
        var now = clock.GetUtcNow();
        var until = now.AddSeconds(options.MailCooldownSeconds);
        var record = new CooldownRecord(id, until, TokenService.TimeToLive(until, now));
        if (await store.TryCreateAsync(Containers.Verifications, record, id, ct)) return;
        var earlier = await store.ReadAsync<CooldownRecord>(Containers.Verifications, id, id, ct);
        // Replacing only the version that was read: of two requests racing past an ended wait, one gets it.
        if (earlier is null ? await store.TryCreateAsync(Containers.Verifications, record, id, ct)
            : now >= earlier.Document.Until && await store.TryReplaceAsync(Containers.Verifications, id, record, id, earlier.ETag, ct))
            return;
        var left = earlier is null || now >= earlier.Document.Until ? options.MailCooldownSeconds : Math.Max(1, (int)Math.Ceiling((earlier.Document.Until - now).TotalSeconds));
        throw PlatformException.Invalid("Too many requests",
            string.Create(CultureInfo.InvariantCulture, $"An email was just sent to this address: wait {left} seconds before asking for another."));
    }

    private sealed record CooldownRecord(string Id, DateTimeOffset Until, int Ttl);
}
