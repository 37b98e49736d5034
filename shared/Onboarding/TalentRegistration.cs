using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Organizations;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using CareerNexus.Verification;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Onboarding;

/// <summary>Document 004's signup body; <see cref="ReferralCode"/> is ours (another account's profile.referral_code).</summary>
public sealed record TalentSignup(string? Email, string? Password, string? ConfirmPassword, string? InviteCode, bool? Newsletter, bool? IsCandidate,
    string? ReferralCode);

/// <summary>
/// Signing up on the Talent surface: the account starts inactive with a username derived from its address, keeps its
/// is_candidate, newsletter, referrer and invite, and is mailed a 6-digit code. The code activates it and verifies the
/// address; only then does the invite take it into the inviting organization and does its referral count, once, for
/// whoever referred or invited it.
/// </summary>
public sealed class TalentRegistration(DocumentStore store, AccountService accounts, CodeVerificationService codes, OrganizationInvites invites,
    Referrals referrals, SessionService sessions)
{
    public async Task<Account> SignUpAsync(TalentSignup request, CancellationToken ct = default)
    {
        PendingInvite? invite = null;
        long? referrer = null;
        if (!string.IsNullOrWhiteSpace(request.InviteCode) && !string.IsNullOrWhiteSpace(request.Email))
            invite = await invites.FindAsync(request.InviteCode, request.Email.Trim(), ct);
        if (!string.IsNullOrWhiteSpace(request.ReferralCode)) referrer = referrals.Resolve(request.ReferralCode);
        var account = await accounts.RegisterByEmailAsync(request.Email, request.Password, new PasswordConfirmation(request.ConfirmPassword, "confirm_password"),
            errors =>
            {
                if (!string.IsNullOrWhiteSpace(request.InviteCode) && invite is null)
                    errors.Add("invite_code", OrganizationInvites.InvalidCode);
                if (!string.IsNullOrWhiteSpace(request.ReferralCode) && referrer is null) errors.Add("referral_code", "Unknown referral code.");
            },
            created =>
            {
                created.IsCandidate = request.IsCandidate ?? true;
                created.Newsletter = request.Newsletter ?? false;
                created.ReferredBy = referrer;
                created.PendingInvite = invite?.Id;
            }, ct);
        await codes.SendAsync(account, ct);
        return account;
    }

    /// <summary>
    /// Uses the emailed code: the account is activated and signed in; its invite (if still live) takes it into the
    /// organization, and its referrer or inviter gets one referral.
    /// </summary>
    public async Task<Session> VerifyAsync(string? email, string? code, CancellationToken ct = default)
    {
        var account = await codes.ConfirmAsync(email, code, ct);
        var invitedBy = account.PendingInvite is { } inviteId ? (await invites.RedeemAsync(inviteId, account, ct))?.InvitedBy : null;
        if ((account.ReferredBy ?? invitedBy) is { } referrerId) await referrals.CountAsync(referrerId, account.UserId, ct);
        if (account.PendingInvite is not null)
        {
            var id = account.UserId.ToString(CultureInfo.InvariantCulture);
            account = await store.PatchAsync<Account>(Containers.Accounts, id, id, [PatchOperation.Set<string?>("/pending_invite", null)], ct) ?? account;
        }
        return await sessions.IssueAsync(account, ct);
    }
}
