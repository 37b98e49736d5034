using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Email;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Verification;

/// <summary>Document 002's signup body: without `otp` it starts the signup, with it it completes it.</summary>
public sealed record SignupRequest(string? Email, string? Password1, string? Password2, string? Otp);

/// <summary>
/// Signing up by email (document 002): the first request checks the address and password, keeps the password
/// hashed in a pending signup and mails a code and a link; the code (with the email) or the link alone then
/// creates the account and signs it in. Codes and links expire, work once, and a new request replaces them.
/// </summary>
public sealed class SignupService(DocumentStore store, AccountService accounts, TokenService tokens, PasswordHasher hasher,
    OneTimeSecrets secrets, AttemptLimiter limiter, EmailOutbox outbox, PlatformOptions options, TimeProvider clock)
{
    private const string CodePurpose = "signup-code";
    private const string LinkPurpose = "signup-link";

    /// <summary>Starts or completes a signup: null when a code was sent, the new account's session when it was created.</summary>
    public async Task<Session?> SignUpAsync(SignupRequest request, CancellationToken ct = default)
    {
        if (!string.IsNullOrWhiteSpace(request.Otp)) return await CompleteWithCodeAsync(request, ct);
        await BeginAsync(request, ct);
        return null;
    }

    /// <summary>Completes a signup with the secret of the emailed link.</summary>
    public async Task<Session> CompleteWithLinkAsync(string? hash, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(hash))
            throw PlatformException.InvalidFields(new Dictionary<string, string> { ["hash"] = "This field is required." });
        var digest = secrets.Digest(LinkPurpose, hash.Trim());
        var link = (await store.ReadAsync<LinkRecord>(Containers.Verifications, LinkId(digest), LinkId(digest), ct))?.Document;
        var pending = link is null ? null : await store.ReadAsync<PendingSignup>(Containers.Verifications, link.PendingId, link.PendingId, ct);
        if (pending is null || !OneTimeSecrets.Same(pending.Document.LinkDigest, digest) || clock.GetUtcNow() >= pending.Document.ExpiresAt)
            throw InvalidLink();
        // Deleting the pending signup is the one "use": of two concurrent completions only one gets here.
        if (!await store.DeleteAsync(Containers.Verifications, pending.Document.Id, pending.Document.Id, pending.ETag, ct)) throw InvalidLink();
        await store.DeleteAsync(Containers.Verifications, LinkId(digest), LinkId(digest), ct: ct);
        return await CreateAccountAsync(pending.Document.Email, pending.Document.PasswordHash, ct);
    }

    private async Task BeginAsync(SignupRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = AccountRules.NormalizeEmail(request.Email, errors);
        CheckPasswords(request.Password1, request.Password2, email, errors);
        errors.ThrowIfAny();
        if (await accounts.FindByEmailAsync(email!, ct) is not null)
            throw PlatformException.Conflict("Email already registered", "An account with this email already exists.");
        // A repeated request within the budget sends a fresh code and link, and the earlier ones stop working.
        await limiter.TakeAsync(AttemptRules.MailsPerAddress, "signup:" + email, ct);

        var id = PendingId(email!);
        // A new request replaces the earlier one: its code stops matching and its link is removed.
        var earlier = await store.ReadAsync<PendingSignup>(Containers.Verifications, id, id, ct);
        if (earlier is not null)
            await store.DeleteAsync(Containers.Verifications, LinkId(earlier.Document.LinkDigest), LinkId(earlier.Document.LinkDigest), ct: ct);

        var code = OneTimeSecrets.NewCode();
        var linkSecret = OneTimeSecrets.NewLinkSecret();
        var linkDigest = secrets.Digest(LinkPurpose, linkSecret);
        var now = clock.GetUtcNow();
        var expiresAt = now + VerificationRules.CodeLifetime;
        var ttl = TokenService.TimeToLive(expiresAt, now);
        var issuance = Guid.NewGuid().ToString("N");
        await store.UpsertAsync(Containers.Verifications,
            new PendingSignup(id, email!, hasher.Hash(request.Password1!), secrets.Digest(CodePurpose, id + "\n" + code), linkDigest, 0,
                expiresAt, ttl), id, ct);
        await store.UpsertAsync(Containers.Verifications, new LinkRecord(LinkId(linkDigest), id, expiresAt, ttl), LinkId(linkDigest), ct);

        var link = $"{options.EmailLinkBase}/user/hash/verify/?hash={linkSecret}";
        await outbox.EnqueueAsync("signup-" + issuance, VerificationMail.Signup(email!, code, link), ct);
    }

    private async Task<Session> CompleteWithCodeAsync(SignupRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = AccountRules.NormalizeEmail(request.Email, errors);
        // The password may come again with the code (the document's "same body"); it is then the one that counts.
        var newPassword = !string.IsNullOrEmpty(request.Password1) || !string.IsNullOrEmpty(request.Password2);
        if (newPassword) CheckPasswords(request.Password1, request.Password2, email, errors);
        errors.ThrowIfAny();
        var code = request.Otp!.Trim();
        if (!OneTimeSecrets.IsCode(code)) throw InvalidCode();
        await limiter.TakeAsync(AttemptRules.CodeChecksPerAddress, "signup:" + email, ct);

        var id = PendingId(email!);
        // Counting the try before looking at the code bounds the guesses, however many arrive at once.
        var pending = await store.PatchAsync<PendingSignup>(Containers.Verifications, id, id, [PatchOperation.Increment("/attempts", 1)], ct)
                      ?? throw InvalidCode();
        if (pending.Attempts > VerificationRules.MaxAttemptsPerCode)
        {
            await DiscardAsync(pending, ct);
            throw PlatformException.Invalid("Too many attempts", "Too many wrong codes: sign up again to get a new code.");
        }
        if (clock.GetUtcNow() >= pending.ExpiresAt || !OneTimeSecrets.Same(pending.CodeDigest, secrets.Digest(CodePurpose, id + "\n" + code)))
            throw InvalidCode();
        if (!await store.DeleteAsync(Containers.Verifications, id, id, ct: ct)) throw InvalidCode();
        await store.DeleteAsync(Containers.Verifications, LinkId(pending.LinkDigest), LinkId(pending.LinkDigest), ct: ct);
        return await CreateAccountAsync(pending.Email, newPassword ? hasher.Hash(request.Password1!) : pending.PasswordHash, ct);
    }

    private async Task<Session> CreateAccountAsync(string email, string passwordHash, CancellationToken ct)
    {
        var account = await accounts.CreateVerifiedAsync(email, passwordHash, ct);
        return new Session(account, await tokens.IssueAsync(account, ct));
    }

    private async Task DiscardAsync(PendingSignup pending, CancellationToken ct)
    {
        await store.DeleteAsync(Containers.Verifications, pending.Id, pending.Id, ct: ct);
        await store.DeleteAsync(Containers.Verifications, LinkId(pending.LinkDigest), LinkId(pending.LinkDigest), ct: ct);
    }

    internal static void CheckPasswords(string? password1, string? password2, string? email, FieldErrors errors)
    {
        AccountRules.CheckPassword(password1, null, email, errors, "password1");
        if (string.IsNullOrEmpty(password2)) errors.Add("password2", "This field is required.");
        else if (password1 != password2) errors.Add("password2", "The two passwords do not match.");
    }

    private static PlatformException InvalidCode() => PlatformException.Invalid("Invalid or expired OTP");
    private static PlatformException InvalidLink() => PlatformException.Invalid("Invalid or expired hash");

    private string PendingId(string email) => "signup:" + secrets.Digest("signup-email", email.ToLowerInvariant());
    private static string LinkId(string digest) => "signup-link:" + digest;

    private sealed record PendingSignup(string Id, string Email, string PasswordHash, string CodeDigest, string LinkDigest, int Attempts,
        DateTimeOffset ExpiresAt, int Ttl);

    private sealed record LinkRecord(string Id, string PendingId, DateTimeOffset ExpiresAt, int Ttl);
}
