using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Email;
using CareerNexus.Storage;
using CareerNexus.Tokens;

namespace CareerNexus.Verification;

/// <summary>A confirmed activation link: the account as it now is, and whether it had been verified before.</summary>
public sealed record Activation(Account Account, bool AlreadyVerified);

/// <summary>
/// Account activation by emailed link (document 003): a registration starts inactive and gets a link with its
/// secret as `token=`, valid 48 hours and once; the link activates the account and verifies its address. Each new
/// link replaces the account's earlier one. Only digests are stored.
/// </summary>
public sealed class ActivationService(DocumentStore store, AccountService accounts, OneTimeSecrets secrets, AttemptLimiter limiter,
    EmailOutbox outbox, PlatformOptions options, TimeProvider clock)
{
    private const string LinkPurpose = "activation-link";

    /// <summary>Mails a fresh activation link to the account's address (a few per address an hour).</summary>
    public Task SendAsync(Account account, CancellationToken ct = default) => SendAsync(account, "activation:", IssueAsync, ct);

    /// <summary>Sends a new link to the address's account unless it is verified; the caller learns nothing either way.</summary>
    public Task ResendAsync(string? emailText, CancellationToken ct = default) => ResendAsync(emailText, "activation:", IssueAsync, ct);

    /// <summary>Mails a fresh message of one kind (a link, a code) to the account's address, a few per address an hour.</summary>
    internal async Task SendAsync(Account account, string limitKey, Func<Account, CancellationToken, Task> issue, CancellationToken ct)
    {
        await limiter.TakeAsync(AttemptRules.MailsPerAddress, limitKey + account.Email, ct);
        await issue(account, ct);
    }

    /// <summary>Sends a new message of one kind to the address's account unless it is done (or being deleted); the same answer either way.</summary>
    internal async Task ResendAsync(string? emailText, string limitKey, Func<Account, CancellationToken, Task> issue, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = AccountRules.NormalizeEmail(emailText, errors);
        errors.ThrowIfAny();
        // Counted by address before looking for an account, so the limit too tells nothing about which emails have one.
        await limiter.TakeAsync(AttemptRules.MailsPerAddress, limitKey + email, ct);
        var account = await accounts.FindByEmailAsync(email!, ct);
        if (account is not null && !IsDone(account) && account.DeletionRequestedAt is null) await issue(account, ct);
    }

    /// <summary>Whether the account is active with its address verified: a link has nothing left to do.</summary>
    public static bool IsDone(Account account) => account is { IsActive: true, EmailVerified: true };

    /// <summary>Uses an activation link: activates the account and verifies its address, or says it was already.</summary>
    public async Task<Activation> ConfirmAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token))
            throw PlatformException.InvalidFields(new Dictionary<string, string> { ["token"] = "This field is required." });
        var digest = secrets.Digest(LinkPurpose, token.Trim());
        var linkId = LinkId(digest);
        var link = (await store.ReadAsync<LinkRecord>(Containers.Verifications, linkId, linkId, ct))?.Document;
        if (link is null || clock.GetUtcNow() >= link.ExpiresAt) throw InvalidToken();
        var account = await accounts.FindAsync(link.UserId, ct) ?? throw InvalidToken();
        var currentId = CurrentId(link.UserId);
        var current = await store.ReadAsync<CurrentLink>(Containers.Verifications, currentId, currentId, ct);
        // Deleting the account's current link is the one use: of two concurrent confirmations only one gets past here.
        if (current is null || !OneTimeSecrets.Same(current.Document.Digest, digest)
            || !await store.DeleteAsync(Containers.Verifications, currentId, currentId, current.ETag, ct))
            return IsDone(await accounts.GetAsync(link.UserId, ct)) ? new Activation(account, AlreadyVerified: true) : throw InvalidToken();
        if (IsDone(account)) return new Activation(account, AlreadyVerified: true);
        if (!await accounts.ActivateAsync(link.UserId, link.Email, ct)) throw InvalidToken();
        return new Activation(await accounts.GetAsync(link.UserId, ct), AlreadyVerified: false);
    }

    private async Task IssueAsync(Account account, CancellationToken ct)
    {
        var secret = OneTimeSecrets.NewLinkSecret();
        var digest = secrets.Digest(LinkPurpose, secret);
        var now = clock.GetUtcNow();
        var expiresAt = now + VerificationRules.ActivationLifetime;
        var ttl = TokenService.TimeToLive(expiresAt, now);
        // The link's record outlives its use (until it expires), so that opening it again answers "already verified".
        await store.UpsertAsync(Containers.Verifications, new LinkRecord(LinkId(digest), account.UserId, account.Email, expiresAt, ttl), LinkId(digest), ct);
        var currentId = CurrentId(account.UserId);
        await store.UpsertAsync(Containers.Verifications, new CurrentLink(currentId, account.UserId, digest, expiresAt, ttl), currentId, ct);
        await outbox.EnqueueAsync("activation-" + digest[..32],
            VerificationMail.Activation(account.Email, $"{options.EmailLinkBase}/activate?token={secret}"), ct);
    }

    private static PlatformException InvalidToken() => PlatformException.Invalid("Invalid or expired activation token");

    private static string CurrentId(long userId) => "activation:" + userId.ToString(CultureInfo.InvariantCulture);
    private static string LinkId(string digest) => "activation-link:" + digest;

    /// <summary>The account's live link; a newer one replaces it, and using it deletes it.</summary>
    private sealed record CurrentLink(string Id, long UserId, string Digest, DateTimeOffset ExpiresAt, int Ttl);

    /// <summary>From a link's digest to the account and the address it was sent to.</summary>
    private sealed record LinkRecord(string Id, long UserId, string Email, DateTimeOffset ExpiresAt, int Ttl);
}
