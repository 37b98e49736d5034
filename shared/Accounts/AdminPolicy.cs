using CareerNexus.Common;
using CareerNexus.Tokens;

namespace CareerNexus.Accounts;

/// <summary>
/// Who is an administrator: an active account whose email is verified and either listed in
/// `CareerNexus__AdminEmails` or granted the role by an operator. Decided from the account as it is now, never
/// from a token, so a grant or a removal (or an email change, which unverifies the address) counts at the next request.
/// </summary>
public sealed class AdminPolicy(AccountService accounts, PlatformOptions options)
{
    public bool IsAdmin(Account account) =>
        account.IsActive && account.EmailVerified && (account.Role == Roles.Admin || options.IsAdminEmail(account.Email));

    /// <summary>Refuses (403) unless the caller is an administrator right now.</summary>
    public async Task RequireAdminAsync(Caller caller, string refusal, CancellationToken ct = default)
    {
        if (!await IsAdminAsync(caller, ct)) throw PlatformException.Forbidden(refusal);
    }

    /// <summary>Whether the caller is an administrator right now.</summary>
    public async Task<bool> IsAdminAsync(Caller caller, CancellationToken ct = default)
    {
        // Read fresh: a cached sign-in check says nothing of the role.
        var account = caller.Account ?? await accounts.FindAsync(caller.UserId, ct);
        return account is not null && IsAdmin(account);
    }

    /// <summary>
    /// The operator's grant or removal of the role, by email. Only a verified address may be granted it, so the
    /// role always belongs to whoever receives that address's mail.
    /// </summary>
    public async Task<Account> SetRoleAsync(string? email, bool admin, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(email)) throw PlatformException.InvalidFields(new Dictionary<string, string> { ["email"] = "This field is required." });
        var account = await accounts.FindByEmailAsync(email, ct) ?? throw PlatformException.NotFound("No account has this email");
        if (admin && !account.EmailVerified)
            throw PlatformException.Conflict("Email not verified",
                "Only an account whose email is verified can be an administrator: sign up through /user/signup/ (or reset the password by email) first.");
        return await accounts.SetRoleAsync(account.UserId, admin ? Roles.Admin : Roles.Member, ct);
    }
}
