using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Email;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Verification;

/// <summary>Document 002's forget-password body; which fields are present decides the stage.</summary>
public sealed record PasswordResetRequest(string? Email, string? Password1, string? Password2, string? Otp, string? Hash,
    string? ResetToken = null);

public enum PasswordResetStage
{
    /// <summary>A code and link were sent (or would have been, had the email an account: the answer is the same).</summary>
    CodeSent,

    /// <summary>The code or link was right: whoever holds the reset grant may now change the password, once, for a while.</summary>
    Verified,

    PasswordChanged,
}

/// <summary>What a stage did: the reset grant once a code or link was verified, the account's email once its password changed.</summary>
public sealed record PasswordResetOutcome(PasswordResetStage Stage, string? Email, ResetGrant? Grant = null);

/// <summary>The secret that lets its holder, and only its holder, make the one password change a verification allows.</summary>
public sealed record ResetGrant(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Document 002's three-stage password reset, inferred from the body: the email alone sends a fresh code and
/// link (discarding earlier ones; a few mails per address an hour); the code (alone, or with the email) or the
/// link alone returns a single-use reset grant; the email with password1, password2 and that grant then changes
/// the password once and ends the account's sessions. Anything else is refused.
/// </summary>
public sealed class PasswordResetService(DocumentStore store, AccountService accounts, PasswordHasher hasher, OneTimeSecrets secrets,
    AttemptLimiter limiter, TokenService tokens, EmailOutbox outbox, PlatformOptions options, TimeProvider clock)
{
    private const string CodePurpose = "reset-code";
    private const string LinkPurpose = "reset-link";
    private const string GrantPurpose = "reset-grant";

    public async Task<PasswordResetOutcome> HandleAsync(PasswordResetRequest request, CancellationToken ct = default)
    {
        var email = !string.IsNullOrWhiteSpace(request.Email);
        var passwords = !string.IsNullOrEmpty(request.Password1) || !string.IsNullOrEmpty(request.Password2);
        var otp = !string.IsNullOrWhiteSpace(request.Otp);
        var hash = !string.IsNullOrWhiteSpace(request.Hash);

        if (email && !passwords && !otp && !hash)
        {
            await SendCodeAsync(request.Email!, ct);
            return new PasswordResetOutcome(PasswordResetStage.CodeSent, null);
        }
        if (!email && !passwords && otp != hash)
        {
            // The answer names no account: a code guessed right must not also tell whose it was.
            var grant = otp ? await VerifyCodeAsync(request.Otp!.Trim(), ct) : await VerifyLinkAsync(request.Hash!.Trim(), ct);
            return new PasswordResetOutcome(PasswordResetStage.Verified, null, grant);
        }
        if (email && !passwords && otp && !hash)
        {
            var grant = await VerifyAccountCodeAsync(request.Email!, request.Otp!.Trim(), ct);
            return new PasswordResetOutcome(PasswordResetStage.Verified, null, grant);
        }
        if (email && passwords && !otp && !hash)
        {
            var account = await ChangePasswordAsync(request.Email!, request.Password1, request.Password2, request.ResetToken, ct);
            return new PasswordResetOutcome(PasswordResetStage.PasswordChanged, account.Email);
        }
        throw PlatformException.Invalid("Unrecognised request",
            "Send the email alone to get a code, the otp (alone or with the email) or the hash alone to verify it, or the email with password1, password2 and the reset_token to change the password.");
    }

    /// <summary>
    /// Document 003's reset, stage 1: mails a link carrying its secret as `token=` to the address's account (the
    /// same issuance as a code, so a newer request of either flow replaces it). Nothing tells whether there is one.
    /// </summary>
    public Task RequestLinkAsync(string? email, CancellationToken ct = default) =>
        SendCodeAsync(email ?? "", ct, (to, _, secret) => VerificationMail.PasswordResetLink(to, $"{options.EmailLinkBase}/reset-password?token={secret}"));

    /// <summary>
    /// Document 003's reset, stage 2: the link's token with the new password (twice). The password is checked before
    /// the link is used up; the link then works once, and the change ends every session of the account.
    /// </summary>
    public Task<Account> ResetWithLinkAsync(string? token, string? password, string? passwordConfirm, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(passwordConfirm)) errors.Add("password_confirm", "This field is required.");
        else if (password is not null && password != passwordConfirm) errors.Add("password_confirm", "The two passwords do not match.");
        return ResetWithLinkAsync(token, password, errors, ct);
    }

    /// <summary>Document 004's confirmation: the link's token with the new password, typed once; otherwise as document 003's.</summary>
    public Task<Account> ResetWithLinkAsync(string? token, string? password, CancellationToken ct = default) =>
        ResetWithLinkAsync(token, password, new FieldErrors(), ct);

    private async Task<Account> ResetWithLinkAsync(string? token, string? password, FieldErrors errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token)) errors.Add("token", "This field is required.");
        if (string.IsNullOrEmpty(password)) errors.Add("password", "This field is required.");
        errors.ThrowIfAny();

        var id = LinkIndexId(secrets.Digest(LinkPurpose, token!.Trim()));
        var index = (await store.ReadAsync<IndexRecord>(Containers.Verifications, id, id, ct))?.Document ?? throw InvalidResetToken();
        var account = await accounts.FindAsync(index.UserId, ct) ?? throw InvalidResetToken();
        AccountRules.CheckPassword(password, account.Username, account.Email, errors);
        errors.ThrowIfAny();
        var grant = await ConsumeAsync(index, InvalidResetToken, ct);
        await ChangeWithGrantAsync(account, grant.Token, password!, ct);
        return account;
    }

    private static PlatformException InvalidResetToken() =>
        PlatformException.InvalidFields(new Dictionary<string, string> { ["token"] = "Invalid or expired reset token." });

    private Task SendCodeAsync(string emailText, CancellationToken ct) =>
        SendCodeAsync(emailText, ct, (to, code, secret) =>
            VerificationMail.PasswordReset(to, code, $"{options.EmailLinkBase}/user/forget-password/?hash={secret}"));

    private async Task SendCodeAsync(string emailText, CancellationToken ct, Func<string, string, string, EmailMessage> mail)
    {
        var errors = new FieldErrors();
        var email = AccountRules.NormalizeEmail(emailText, errors);
        errors.ThrowIfAny();
        // Counted by address, before looking for an account, so the limit too tells nothing about which emails have one.
        await limiter.TakeAsync(AttemptRules.MailsPerAddress, "reset:" + email, ct);
        // An unknown address gets the same answer and no mail, so the route tells nobody which emails have accounts.
        var account = await accounts.FindByEmailAsync(email!, ct);
        if (account is null) return;

        var recordId = ResetId(account.UserId);
        var earlier = (await store.ReadAsync<ResetRecord>(Containers.Verifications, recordId, recordId, ct))?.Document;
        // A new request starts a new flow: the earlier code and link, and an eligibility left from it, go.
        var stale = new List<string> { GrantId(account.UserId) };
        if (earlier is not null) stale.AddRange([earlier.CodeIndexId, earlier.LinkIndexId]);
        await Task.WhenAll(stale.Select(id => store.DeleteAsync(Containers.Verifications, id, id, ct: ct)));

        var now = clock.GetUtcNow();
        var expiresAt = now + VerificationRules.CodeLifetime;
        var ttl = TokenService.TimeToLive(expiresAt, now);
        var issuance = Guid.NewGuid().ToString("N");
        var linkSecret = OneTimeSecrets.NewLinkSecret();
        var linkIndexId = LinkIndexId(secrets.Digest(LinkPurpose, linkSecret));
        var claimCode = ClaimCodeAsync(new IndexRecord("", account.UserId, issuance, expiresAt, ttl), now, ct);
        await Task.WhenAll(claimCode,
            store.UpsertAsync(Containers.Verifications, new IndexRecord(linkIndexId, account.UserId, issuance, expiresAt, ttl), linkIndexId, ct));
        var (code, codeIndexId) = await claimCode;
        await store.UpsertAsync(Containers.Verifications, new ResetRecord(recordId, account.UserId, issuance, codeIndexId, linkIndexId, 0, expiresAt, ttl),
            recordId, ct);

        await outbox.EnqueueAsync("reset-" + issuance, mail(account.Email, code, linkSecret), ct);
    }

    /// <summary>
    /// Codes arrive without an email, so each live code must be unique across accounts: its index document is
    /// created only if no live code has the same digits.
    /// </summary>
    private async Task<(string Code, string IndexId)> ClaimCodeAsync(IndexRecord template, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var code = OneTimeSecrets.NewCode();
            var id = CodeIndexId(secrets.Digest(CodePurpose, code));
            var record = template with { Id = id };
            if (await store.TryCreateAsync(Containers.Verifications, record, id, ct)) return (code, id);
            var taken = await store.ReadAsync<IndexRecord>(Containers.Verifications, id, id, ct);
            if (taken is null ? await store.TryCreateAsync(Containers.Verifications, record, id, ct)
                : now >= taken.Document.ExpiresAt && await store.TryReplaceAsync(Containers.Verifications, id, record, id, taken.ETag, ct))
                return (code, id);
        }
        throw new InvalidOperationException("No free reset code after 20 draws.");
    }

    private async Task<ResetGrant> VerifyCodeAsync(string code, CancellationToken ct)
    {
        if (!OneTimeSecrets.IsCode(code)) throw InvalidCode();
        // A code alone names no account whose tries could be counted, so lone codes are bounded platform-wide: each
        // is counted before it is looked up, and only a right one is taken back off.
        var attempt = await limiter.TakeAsync(AttemptRules.WrongLoneCodes, "platform", ct);
        var id = CodeIndexId(secrets.Digest(CodePurpose, code));
        var index = (await store.ReadAsync<IndexRecord>(Containers.Verifications, id, id, ct))?.Document ?? throw InvalidCode();
        var grant = await ConsumeAsync(index, InvalidCode, ct);
        await limiter.ReturnAsync(attempt, ct);
        return grant;
    }

    /// <summary>A code with its email is checked against that account's code only, which bounds the guesses per code.</summary>
    private async Task<ResetGrant> VerifyAccountCodeAsync(string emailText, string code, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = AccountRules.NormalizeEmail(emailText, errors);
        errors.ThrowIfAny();
        if (!OneTimeSecrets.IsCode(code)) throw InvalidCode();
        await limiter.TakeAsync(AttemptRules.CodeChecksPerAddress, "reset:" + email, ct);
        // An unknown email and a wrong code get the same answer.
        var account = await accounts.FindByEmailAsync(email!, ct) ?? throw InvalidCode();
        var recordId = ResetId(account.UserId);
        // Counting the try before looking at the code bounds the guesses, however many arrive at once.
        var record = await store.PatchAsync<ResetRecord>(Containers.Verifications, recordId, recordId, [PatchOperation.Increment("/attempts", 1)], ct)
                     ?? throw InvalidCode();
        if (record.Attempts > VerificationRules.MaxAttemptsPerCode)
        {
            if (await store.DeleteAsync(Containers.Verifications, recordId, recordId, ct: ct))
            {
                await store.DeleteAsync(Containers.Verifications, record.CodeIndexId, record.CodeIndexId, ct: ct);
                await store.DeleteAsync(Containers.Verifications, record.LinkIndexId, record.LinkIndexId, ct: ct);
            }
            throw PlatformException.Invalid("Too many attempts", "Too many wrong codes: ask for a new code with your email.");
        }
        if (!OneTimeSecrets.Same(record.CodeIndexId, CodeIndexId(secrets.Digest(CodePurpose, code)))) throw InvalidCode();
        return await ConsumeAsync(new IndexRecord(record.CodeIndexId, record.UserId, record.Issuance, record.ExpiresAt, record.Ttl), InvalidCode, ct);
    }

    private async Task<ResetGrant> VerifyLinkAsync(string hash, CancellationToken ct)
    {
        var id = LinkIndexId(secrets.Digest(LinkPurpose, hash));
        var index = (await store.ReadAsync<IndexRecord>(Containers.Verifications, id, id, ct))?.Document ?? throw InvalidLink();
        return await ConsumeAsync(index, InvalidLink, ct);
    }

    /// <summary>Uses up the account's current code and link together and issues the one reset grant.</summary>
    private async Task<ResetGrant> ConsumeAsync(IndexRecord index, Func<PlatformException> invalid, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var recordId = ResetId(index.UserId);
        var record = await store.ReadAsync<ResetRecord>(Containers.Verifications, recordId, recordId, ct);
        if (record is null || record.Document.Issuance != index.Issuance || now >= record.Document.ExpiresAt) throw invalid();
        // Deleting the record is the one "use": of two concurrent verifications only one gets past here.
        if (!await store.DeleteAsync(Containers.Verifications, recordId, recordId, record.ETag, ct)) throw invalid();
        var expiresAt = now + VerificationRules.EligibilityLifetime;
        var token = OneTimeSecrets.NewLinkSecret();
        // Only the digest is kept, under the account: the grant is checked against the email it is used with.
        await Task.WhenAll(
            store.DeleteAsync(Containers.Verifications, record.Document.CodeIndexId, record.Document.CodeIndexId, ct: ct),
            store.DeleteAsync(Containers.Verifications, record.Document.LinkIndexId, record.Document.LinkIndexId, ct: ct),
            store.UpsertAsync(Containers.Verifications,
                new GrantRecord(GrantId(index.UserId), index.UserId, secrets.Digest(GrantPurpose, token), expiresAt, TokenService.TimeToLive(expiresAt, now)),
                GrantId(index.UserId), ct));
        return new ResetGrant(token, expiresAt);
    }

    private async Task<Account> ChangePasswordAsync(string emailText, string? password1, string? password2, string? resetToken,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = AccountRules.NormalizeEmail(emailText, errors);
        SignupService.CheckPasswords(password1, password2, email, errors);
        errors.ThrowIfAny();

        var account = await accounts.FindByEmailAsync(email!, ct) ?? throw NotEligible();
        AccountRules.CheckPassword(password1, account.Username, account.Email, errors, "password1");
        errors.ThrowIfAny();

        if (string.IsNullOrWhiteSpace(resetToken)) throw NotEligible();
        await ChangeWithGrantAsync(account, resetToken.Trim(), password1!, ct);
        return account;
    }

    /// <summary>Uses up the account's reset grant and changes its password: every session ends, and the address counts as verified.</summary>
    private async Task ChangeWithGrantAsync(Account account, string resetToken, string password, CancellationToken ct)
    {
        var id = GrantId(account.UserId);
        var grant = await store.ReadAsync<GrantRecord>(Containers.Verifications, id, id, ct);
        if (grant is null || clock.GetUtcNow() >= grant.Document.ExpiresAt
            || !OneTimeSecrets.Same(grant.Document.TokenDigest, secrets.Digest(GrantPurpose, resetToken)))
            throw NotEligible();
        // Deleting the grant is its one use: of two concurrent changes only one gets past here.
        if (!await store.DeleteAsync(Containers.Verifications, id, id, grant.ETag, ct)) throw NotEligible();
        await accounts.SetPasswordHashAsync(account.UserId, hasher.Hash(password), ct);
        // Whoever knew the old password may hold tokens: none issued before the change stays valid.
        await tokens.EndAllSessionsAsync(account.UserId, ct);
        // The code that led here was delivered to this address.
        await accounts.MarkEmailVerifiedAsync(account.UserId, account.Email, ct);
    }

    private static PlatformException InvalidCode() => PlatformException.Invalid("Invalid or expired OTP");
    private static PlatformException InvalidLink() => PlatformException.Invalid("Invalid or expired hash");

    private static PlatformException NotEligible() => PlatformException.Invalid("Not eligible for a password change",
        "Not eligible for a password change: verify the otp or hash sent to your email first, then send the reset_token it returned (each verification allows one change).");

    private static string ResetId(long userId) => "reset:" + userId.ToString(CultureInfo.InvariantCulture);
    private static string GrantId(long userId) => "reset-grant:" + userId.ToString(CultureInfo.InvariantCulture);
    private static string CodeIndexId(string digest) => "reset-code:" + digest;
    private static string LinkIndexId(string digest) => "reset-link:" + digest;

    /// <summary>The account's current reset: which issuance is live and where its code and link point from.</summary>
    private sealed record ResetRecord(string Id, long UserId, string Issuance, string CodeIndexId, string LinkIndexId, int Attempts,
        DateTimeOffset ExpiresAt, int Ttl);

    /// <summary>From a code's or link's digest to the account and issuance it was made for.</summary>
    private sealed record IndexRecord(string Id, long UserId, string Issuance, DateTimeOffset ExpiresAt, int Ttl);

    private sealed record GrantRecord(string Id, long UserId, string TokenDigest, DateTimeOffset ExpiresAt, int Ttl);
}
