using CareerNexus.Accounts;

namespace CareerNexus.Tokens;

/// <summary>An account together with the tokens just issued to it.</summary>
public sealed record Session(Account Account, TokenPair Tokens);

/// <summary>Signing up, in and out: accounts and tokens together, for every surface.</summary>
public sealed class SessionService(AccountService accounts, TokenService tokens)
{
    public async Task<Session> RegisterAsync(NewAccount request, CancellationToken ct = default)
    {
        var account = await accounts.RegisterAsync(request, ct);
        return new Session(account, await tokens.IssueAsync(account, ct));
    }

    public async Task<Session> SignInAsync(string? login, string? password, CancellationToken ct = default)
    {
        var account = await accounts.AuthenticateAsync(login, password, ct);
        return new Session(account, await tokens.IssueAsync(account, ct));
    }

    /// <summary>Signs in by username or email; a right password on an account not activated yet is a 403 (document 003).</summary>
    public async Task<Session> SignInActivatedAsync(string? login, string? password, CancellationToken ct = default)
    {
        var account = await accounts.AuthenticateActivatedAsync(login, password, ct);
        return new Session(account, await tokens.IssueAsync(account, ct));
    }

    /// <summary>Signs in by email only (document 002); every failure is the same 401.</summary>
    public async Task<Session> SignInByEmailAsync(string? email, string? password, CancellationToken ct = default)
    {
        var account = await accounts.AuthenticateByEmailAsync(email, password, ct);
        return new Session(account, await tokens.IssueAsync(account, ct));
    }

    /// <summary>Trades a refresh token for a new pair; the old one is used up, and using it again ends the sign-in.</summary>
    public async Task<Session> RefreshAsync(string? refreshToken, CancellationToken ct = default)
    {
        var (account, pair) = await tokens.RefreshAsync(refreshToken, ct);
        return new Session(account, pair);
    }

    public Task SignOutAsync(Caller caller, string? refreshToken, CancellationToken ct = default) =>
        tokens.RevokeAsync(caller, refreshToken, ct);

    /// <summary>Starts a sign-in for an account whose right to one was proven otherwise (a verification code).</summary>
    public async Task<Session> IssueAsync(Account account, CancellationToken ct = default) => new(account, await tokens.IssueAsync(account, ct));

    /// <summary>Changes the caller's password (the current one checked) and ends every other sign-in of the account.</summary>
    public async Task ChangePasswordAsync(Caller caller, string? current, string? newPassword, string? confirmation, CancellationToken ct = default)
    {
        await accounts.ChangePasswordAsync(await accounts.GetAsync(caller, ct), current, newPassword, confirmation, ct);
        await tokens.EndOtherSessionsAsync(caller.UserId, caller.SessionId, ct);
    }
}

public static class CallerAccounts
{
    /// <summary>The caller's account: the copy authentication read in this request when there is one, else a fresh read.</summary>
    public static async Task<Account> GetAsync(this AccountService accounts, Caller caller, CancellationToken ct = default) =>
        caller.Account ?? await accounts.GetAsync(caller.UserId, ct);
}
