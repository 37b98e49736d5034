using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Email;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using CareerNexus.Verification;

namespace CareerNexus.Organizations;

/// <summary>An invite as its maker sees it once: the address, the code (only ever shown here and in the mail) and the organization.</summary>
public sealed record Invite(string Email, string Code, long OrganizationId);

/// <summary>A live invite found by its code, for the signup that uses it.</summary>
public sealed record PendingInvite(string Id, long OrganizationId, long InvitedBy);

/// <summary>
/// Invites to an organization (document 004's create-invite): a member mails an address a random code (12 characters,
/// about 60 bits) that works once, for 7 days, and only for a signup with that address. One live invite per address and
/// organization: a new one replaces the earlier, whose code stops working. Only digests are stored (of the code and of
/// the address), in the verifications container, each expiring with the invite.
/// </summary>
public sealed class OrganizationInvites(DocumentStore store, OrganizationService organizations, OneTimeSecrets secrets, AttemptLimiter limiter,
    EmailOutbox outbox, PlatformOptions options, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    public const string InvalidCode = "Invalid or expired invite code for this email address.";
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int CodeLength = 12;

    /// <summary>Makes and mails an invite, for a member of the organization (anyone else 404).</summary>
    public async Task<Invite> CreateAsync(long callerId, long organizationId, string? emailText, CancellationToken ct = default)
    {
        var organization = await organizations.GetAsync(callerId, organizationId, ct);
        var errors = new FieldErrors();
        var email = AccountRules.NormalizeEmail(emailText, errors);
        errors.ThrowIfAny();
        await limiter.TakeAsync(AttemptRules.MailsPerAddress, "invite:" + email, ct);

        var code = NewCode();
        var now = clock.GetUtcNow();
        var expiresAt = now + Lifetime;
        var ttl = TokenService.TimeToLive(expiresAt, now);
        var emailDigest = EmailDigest(email!);
        var currentId = CurrentId(organizationId, emailDigest);
        var earlier = await store.ReadAsync<CurrentInvite>(Containers.Verifications, currentId, currentId, ct);
        if (earlier is not null) await store.DeleteAsync(Containers.Verifications, CodeId(earlier.Document.CodeDigest), CodeId(earlier.Document.CodeDigest), ct: ct);
        var codeDigest = secrets.Digest("invite-code", code);
        await store.UpsertAsync(Containers.Verifications,
            new CurrentInvite(currentId, organizationId, emailDigest, codeDigest, callerId, expiresAt, ttl), currentId, ct);
        await store.UpsertAsync(Containers.Verifications, new CodeIndex(CodeId(codeDigest), currentId, expiresAt, ttl), CodeId(codeDigest), ct);
        await outbox.EnqueueAsync("invite-" + codeDigest[..32], Mail(email!, organization.Name, code), ct);
        return new Invite(email!, code, organizationId);
    }

    /// <summary>The live invite of this code for this address, or null (unknown, replaced, used, expired, or for another address).</summary>
    public async Task<PendingInvite?> FindAsync(string? code, string email, CancellationToken ct = default)
    {
        var text = code?.Trim().ToUpperInvariant() ?? "";
        if (text.Length != CodeLength || !text.All(CodeAlphabet.Contains)) return null;
        var codeDigest = secrets.Digest("invite-code", text);
        var index = (await store.ReadAsync<CodeIndex>(Containers.Verifications, CodeId(codeDigest), CodeId(codeDigest), ct))?.Document;
        if (index is null) return null;
        var current = (await store.ReadAsync<CurrentInvite>(Containers.Verifications, index.CurrentId, index.CurrentId, ct))?.Document;
        return current is not null && OneTimeSecrets.Same(current.CodeDigest, codeDigest) && OneTimeSecrets.Same(current.EmailDigest, EmailDigest(email))
               && clock.GetUtcNow() < current.ExpiresAt
            ? new PendingInvite(CodeId(codeDigest), current.OrganizationId, current.InvitedBy)
            : null;
    }

    /// <summary>
    /// Uses the invite a verified account signed up with: it joins the organization and the invite is gone. Null when the
    /// invite is no longer live or the account cannot join (it joined another organization meanwhile, the team is full).
    /// </summary>
    public async Task<PendingInvite?> RedeemAsync(string inviteId, Account account, CancellationToken ct = default)
    {
        try
        {
            return await UseAsync(inviteId, account, ct);
        }
        catch (PlatformException)
        {
            return null;
        }
    }

    /// <summary>
    /// An account that exists already accepts an invite mailed to its address: it joins the organization (answered with its
    /// id) and the code is used up. Refused when the address is not verified (403), the code is not live for this address
    /// (400), or the account cannot join (400: it belongs to another organization, the team is full).
    /// </summary>
    public async Task<long> AcceptAsync(Account account, string? code, CancellationToken ct = default)
    {
        if (!account.EmailVerified) throw PlatformException.Forbidden("Verify your email address before accepting an invite.");
        var invite = await FindAsync(code, account.Email, ct) is { } found ? await UseAsync(found.Id, account, ct) : null;
        return invite?.OrganizationId ?? throw PlatformException.InvalidFields(new Dictionary<string, string> { ["invite_code"] = InvalidCode });
    }

    /// <summary>Joins the account to the live invite's organization (its refusals thrown), then uses the invite up; null when it is not live.</summary>
    private async Task<PendingInvite?> UseAsync(string inviteId, Account account, CancellationToken ct)
    {
        var index = (await store.ReadAsync<CodeIndex>(Containers.Verifications, inviteId, inviteId, ct))?.Document;
        var current = index is null ? null : await store.ReadAsync<CurrentInvite>(Containers.Verifications, index.CurrentId, index.CurrentId, ct);
        if (current is null || CodeId(current.Document.CodeDigest) != inviteId || clock.GetUtcNow() >= current.Document.ExpiresAt
            || !OneTimeSecrets.Same(current.Document.EmailDigest, EmailDigest(account.Email)))
            return null;
        await organizations.JoinAsync(current.Document.OrganizationId, account, ct);
        // Used once: a join that stopped before here is finished by the same account's retry, and changes nothing twice.
        await store.DeleteAsync(Containers.Verifications, current.Document.Id, current.Document.Id, current.ETag, ct);
        await store.DeleteAsync(Containers.Verifications, inviteId, inviteId, ct: ct);
        return new PendingInvite(inviteId, current.Document.OrganizationId, current.Document.InvitedBy);
    }

    private EmailMessage Mail(string to, string organization, string code)
    {
        var link = $"{options.EmailLinkBase}/signup?invite_code={code}";
        var intro = $"You are invited to join {organization} on Career Nexus. Sign up with this email address and this invite code:";
        var existing = "If you already have an account with this address, sign in and accept the invite with the same code.";
        var text = $"""
            {intro}

            {code}

            Or open this link:
            {link}

            {existing}

            The invite works once and expires in {(int)Lifetime.TotalDays} days.
            If you do not know {organization}, ignore this email.

            Career Nexus
            """;
        var html = $"""
            <p>{WebUtility.HtmlEncode(intro)}</p>
            <p style="font-size:24px;font-weight:bold;letter-spacing:4px">{code}</p>
            <p>Or open this link: <a href="{WebUtility.HtmlEncode(link)}">{WebUtility.HtmlEncode(link)}</a></p>
            <p>{WebUtility.HtmlEncode(existing)}</p>
            <p>The invite works once and expires in {(int)Lifetime.TotalDays} days.<br>If you do not know {WebUtility.HtmlEncode(organization)}, ignore this email.</p>
            <p>Career Nexus</p>
            """;
        return new EmailMessage(to, $"Join {organization} on Career Nexus", text.ReplaceLineEndings("\n"), html);
    }

    private static string NewCode() => string.Create(CodeLength, 0, (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++) chars[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
    });

    private string EmailDigest(string email) => secrets.Digest("invite-email", email.Trim().ToLowerInvariant());

    private static string CurrentId(long organizationId, string emailDigest) =>
        string.Create(CultureInfo.InvariantCulture, $"invite:{organizationId}:{emailDigest}");

    private static string CodeId(string codeDigest) => "invite-code:" + codeDigest;

    /// <summary>The live invite of an address to an organization.</summary>
    private sealed record CurrentInvite(string Id, long OrganizationId, string EmailDigest, string CodeDigest, long InvitedBy,
        DateTimeOffset ExpiresAt, int Ttl);

    /// <summary>From a code's digest to its invite.</summary>
    private sealed record CodeIndex(string Id, string CurrentId, DateTimeOffset ExpiresAt, int Ttl);
}
