using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Email;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Verification;

/// <summary>
/// Account activation by emailed code (document 004): a registration starts inactive and gets a 6-digit code, valid
/// 10 minutes, once, for 5 tries; the code with its email activates the account and verifies its address. Each new code
/// replaces the account's earlier one. Only the code's digest is stored.
/// </summary>
public sealed class CodeVerificationService(DocumentStore store, AccountService accounts, ActivationService activation, OneTimeSecrets secrets,
    AttemptLimiter limiter, EmailOutbox outbox, TimeProvider clock)
{
    private const string CodePurpose = "verification-code";
    private const string LimitKey = "verification-code:";

    /// <summary>Mails a fresh code to the account's address (a few per address an hour).</summary>
    public Task SendAsync(Account account, CancellationToken ct = default) => activation.SendAsync(account, LimitKey, IssueAsync, ct);

    /// <summary>Sends a new code to the address's account unless it is verified; the caller learns nothing either way.</summary>
    public Task ResendAsync(string? emailText, CancellationToken ct = default) => activation.ResendAsync(emailText, LimitKey, IssueAsync, ct);

    /// <summary>Uses a code: activates the account of the address and verifies the address. A wrong, used or expired code is a 400.</summary>
    public async Task<Account> ConfirmAsync(string? emailText, string? codeText, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var email = AccountRules.NormalizeEmail(emailText, errors);
        if (string.IsNullOrWhiteSpace(codeText)) errors.Add("code", "This field is required.");
        errors.ThrowIfAny();
        var code = codeText!.Trim();
        if (!OneTimeSecrets.IsCode(code)) throw InvalidCode();
        await limiter.TakeAsync(AttemptRules.CodeChecksPerAddress, LimitKey + email, ct);
        // An unknown email and a wrong code get the same answer.
        var account = await accounts.FindByEmailAsync(email!, ct) ?? throw InvalidCode();
        var id = RecordId(account.UserId);
        // Counting the try before looking at the code bounds the guesses, however many arrive at once.
        var record = await store.PatchAsync<CodeRecord>(Containers.Verifications, id, id, [PatchOperation.Increment("/attempts", 1)], ct)
                     ?? throw InvalidCode();
        if (record.Attempts > VerificationRules.MaxAttemptsPerCode)
        {
            await store.DeleteAsync(Containers.Verifications, id, id, ct: ct);
            throw PlatformException.Invalid("Too many attempts", "Too many wrong codes: ask for a new code with resend-verification.");
        }
        if (clock.GetUtcNow() >= record.ExpiresAt || !OneTimeSecrets.Same(record.Digest, secrets.Digest(CodePurpose, id + "\n" + code)))
            throw InvalidCode();
        // Deleting the record is the one use: of two concurrent confirmations only one gets past here.
        if (!await store.DeleteAsync(Containers.Verifications, id, id, ct: ct)) throw InvalidCode();
        if (!await accounts.ActivateAsync(account.UserId, record.Email, ct)) throw InvalidCode();
        return await accounts.GetAsync(account.UserId, ct);
    }

    /// <summary>Removes the account's live code (an erased account).</summary>
    public Task ForgetAsync(long userId, CancellationToken ct = default) =>
        store.DeleteAsync(Containers.Verifications, RecordId(userId), RecordId(userId), ct: ct);

    private async Task IssueAsync(Account account, CancellationToken ct)
    {
        var code = OneTimeSecrets.NewCode();
        var now = clock.GetUtcNow();
        var expiresAt = now + VerificationRules.CodeLifetime;
        var id = RecordId(account.UserId);
        var record = new CodeRecord(id, account.UserId, account.Email, secrets.Digest(CodePurpose, id + "\n" + code), 0, expiresAt,
            TokenService.TimeToLive(expiresAt, now));
        await store.UpsertAsync(Containers.Verifications, record, id, ct);
        await outbox.EnqueueAsync("verification-code-" + Guid.NewGuid().ToString("N"), VerificationMail.VerificationCode(account.Email, code), ct);
    }

    private static PlatformException InvalidCode() => PlatformException.Invalid("Invalid or expired verification code");

    private static string RecordId(long userId) => "verification-code:" + userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The account's live code: its digest, the address it went to, and the tries so far.</summary>
    private sealed record CodeRecord(string Id, long UserId, string Email, string Digest, int Attempts, DateTimeOffset ExpiresAt, int Ttl);
}
