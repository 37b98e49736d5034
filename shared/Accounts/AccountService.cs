using System.Globalization;
using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Accounts;

public sealed record NewAccount(string? Username, string? Email, string? Password, string? FirstName, string? LastName, string? Bio,
    bool Active = true);

/// <summary>A partial profile update: null means "leave as it is".</summary>
public sealed record ProfileChanges(string? FirstName = null, string? LastName = null, string? Bio = null, string? Avatar = null,
    string? Email = null);

/// <summary>Filters of an account listing; every text filter matches case-insensitively anywhere in the field.</summary>
public sealed record AccountSearch(string? Text = null, string? FirstName = null, string? LastName = null, Ordering? Ordering = null)
{
    public static readonly IReadOnlyDictionary<string, string> OrderFields = new Dictionary<string, string>
    {
        ["username"] = "username_key", ["created_at"] = "created_at", ["first_name"] = "first_name_key", ["last_name"] = "last_name_key",
    };
}

public sealed class AccountService(DocumentStore store, IdAllocator ids, HandleRegistry handles, PasswordHasher hasher,
    PlatformOptions options, TimeProvider clock)
{
    public async Task<Account> RegisterAsync(NewAccount request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        AccountRules.CheckUsername(request.Username, errors);
        var email = AccountRules.NormalizeEmail(request.Email, errors);
        AccountRules.CheckPassword(request.Password, request.Username, email, errors);
        AccountRules.CheckText(request.FirstName, AccountRules.MaxNameLength, errors, "first_name");
        AccountRules.CheckText(request.LastName, AccountRules.MaxNameLength, errors, "last_name");
        AccountRules.CheckText(request.Bio, AccountRules.MaxBioLength, errors, "bio");
        errors.ThrowIfAny();

        var userId = await ids.NextAsync("accounts", ct);
        var usernameKey = HandleRegistry.UsernameKey(request.Username!);
        if (!await handles.ClaimAsync(usernameKey, userId, ct))
            throw PlatformException.Conflict("Username already taken", $"An account with username '{request.Username}' already exists.");
        var emailKey = HandleRegistry.EmailKey(email!);
        if (!await handles.ClaimAsync(emailKey, userId, ct))
        {
            await handles.ReleaseAsync(usernameKey, ct);
            throw PlatformException.Conflict("Email already registered", "An account with this email already exists.");
        }

        var now = clock.GetUtcNow();
        var account = new Account
        {
            Id = userId.ToString(CultureInfo.InvariantCulture),
            UserId = userId,
            Username = request.Username!,
            Email = email!,
            FirstName = request.FirstName?.Trim() ?? "",
            LastName = request.LastName?.Trim() ?? "",
            Bio = request.Bio?.Trim() ?? "",
            Role = options.IsAdminEmail(email!) ? Roles.Admin : Roles.Member,
            IsActive = request.Active,
            PasswordHash = hasher.Hash(request.Password!),
            CreatedAt = now,
            UpdatedAt = now,
        };
        account.RefreshKeys();
        await store.TryCreateAsync(Containers.Accounts, account, account.Id, ct);
        return account;
    }

    /// <summary>Signs in by username or email. Every failure looks the same to the caller.</summary>
    public async Task<Account> AuthenticateAsync(string? login, string? password, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(login)) errors.Add("username", "This field is required.");
        if (string.IsNullOrEmpty(password)) errors.Add("password", "This field is required.");
        errors.ThrowIfAny();

        var account = await FindByLoginAsync(login!.Trim(), ct);
        if (account is null || password!.Length > AccountRules.MaxPasswordLength)
        {
            hasher.VerifyNothing(password!.Length > AccountRules.MaxPasswordLength ? "" : password);
            throw InvalidCredentials();
        }
        var check = hasher.Verify(password, account.PasswordHash);
        if (check == PasswordCheck.Wrong) throw InvalidCredentials();
        if (!account.IsActive) throw PlatformException.Unauthenticated("Account is not active", "Activate the account before signing in.");
        if (check == PasswordCheck.RightButWeak)
        {
            account.PasswordHash = hasher.Hash(password);
            await store.PatchAsync<Account>(Containers.Accounts, account.Id, account.Id,
                [PatchOperation.Set("/password_hash", account.PasswordHash)], ct);
        }
        return account;
    }

    private static PlatformException InvalidCredentials() =>
        PlatformException.Unauthenticated("Invalid credentials", "No active account found with the given credentials.");

    public async Task<Account?> FindByLoginAsync(string login, CancellationToken ct = default)
    {
        var key = login.Contains('@') ? HandleRegistry.EmailKey(login) : HandleRegistry.UsernameKey(login);
        var userId = await handles.FindAsync(key, ct);
        return userId is null ? null : await FindAsync(userId.Value, ct);
    }

    public async Task<Account?> FindAsync(long userId, CancellationToken ct = default)
    {
        var id = userId.ToString(CultureInfo.InvariantCulture);
        return (await store.ReadAsync<Account>(Containers.Accounts, id, id, ct))?.Document;
    }

    public async Task<Account> GetAsync(long userId, CancellationToken ct = default) =>
        await FindAsync(userId, ct) ?? throw PlatformException.NotFound("User not found");

    public async Task<Account> GetByUsernameAsync(string username, CancellationToken ct = default)
    {
        var userId = await handles.FindAsync(HandleRegistry.UsernameKey(username), ct);
        return (userId is null ? null : await FindAsync(userId.Value, ct)) ?? throw PlatformException.NotFound("User not found");
    }

    public async Task<IReadOnlyDictionary<long, Account>> GetManyAsync(IEnumerable<long> userIds, CancellationToken ct = default)
    {
        var found = await store.ReadManyAsync<Account>(Containers.Accounts, userIds.Select(id => id.ToString(CultureInfo.InvariantCulture)), ct);
        return found.Values.ToDictionary(a => a.UserId);
    }

    public async Task<Account> UpdateProfileAsync(long userId, ProfileChanges changes, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        AccountRules.CheckText(changes.FirstName, AccountRules.MaxNameLength, errors, "first_name");
        AccountRules.CheckText(changes.LastName, AccountRules.MaxNameLength, errors, "last_name");
        AccountRules.CheckText(changes.Bio, AccountRules.MaxBioLength, errors, "bio");
        AccountRules.CheckUrl(changes.Avatar, errors, "avatar");
        var newEmail = changes.Email is null ? null : AccountRules.NormalizeEmail(changes.Email, errors);
        errors.ThrowIfAny();

        // Claiming an address this account already holds is a no-op, so the claim needs no read first.
        if (newEmail is not null && !await handles.ClaimAsync(HandleRegistry.EmailKey(newEmail), userId, ct))
            throw PlatformException.Conflict("Email already registered", "An account with this email already exists.");

        var id = userId.ToString(CultureInfo.InvariantCulture);
        string? oldEmail = null;
        var updated = await store.UpdateAsync<Account>(Containers.Accounts, id, id, account =>
        {
            oldEmail = account.Email;
            if (changes.FirstName is not null) account.FirstName = changes.FirstName.Trim();
            if (changes.LastName is not null) account.LastName = changes.LastName.Trim();
            if (changes.Bio is not null) account.Bio = changes.Bio.Trim();
            if (changes.Avatar is not null) account.Avatar = changes.Avatar.Length == 0 ? null : changes.Avatar;
            if (newEmail is not null) account.Email = newEmail;
            account.RefreshKeys();
            // Profile fields only: counters are never written from a copy.
            return
            [
                PatchOperation.Set("/updated_at", clock.GetUtcNow()), PatchOperation.Set("/first_name", account.FirstName),
                PatchOperation.Set("/last_name", account.LastName), PatchOperation.Set("/bio", account.Bio),
                PatchOperation.Set("/avatar", account.Avatar), PatchOperation.Set("/email", account.Email),
                PatchOperation.Set("/first_name_key", account.FirstNameKey), PatchOperation.Set("/last_name_key", account.LastNameKey),
                PatchOperation.Set("/search_text", account.SearchText),
            ];
        }, ct) ?? throw PlatformException.NotFound("User not found");
        if (oldEmail is not null && HandleRegistry.EmailKey(oldEmail) != HandleRegistry.EmailKey(updated.Email))
            await handles.ReleaseAsync(HandleRegistry.EmailKey(oldEmail), ct);
        return updated;
    }

    /// <summary>Lists active accounts matching every given filter, in the requested order (username by default).</summary>
    public Task<Page<Account>> SearchAsync(AccountSearch search, PageRequest page, CancellationToken ct = default)
    {
        var ordering = search.Ordering ?? new Ordering("username", false);
        var where = new System.Text.StringBuilder("c.is_active = true");
        var parameters = new List<(string, object)>();
        AddContains(where, parameters, "search_text", search.Text);
        AddContains(where, parameters, "first_name_key", search.FirstName);
        AddContains(where, parameters, "last_name_key", search.LastName);
        var orderBy = "c." + AccountSearch.OrderFields[ordering.Field] + (ordering.Descending ? " DESC" : " ASC");
        return store.PageAsync<Account>(Containers.Accounts, where.ToString(), orderBy, parameters, page, ct);
    }

    private static void AddContains(System.Text.StringBuilder where, List<(string, object)> parameters, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        var name = "@" + field;
        where.Append(" AND CONTAINS(c.").Append(field).Append(", ").Append(name).Append(')');
        parameters.Add((name, value.Trim().ToLowerInvariant()));
    }

    public Task AdjustCountersAsync(long userId, IReadOnlyList<(string Field, long Delta)> deltas, CancellationToken ct = default)
    {
        var id = userId.ToString(CultureInfo.InvariantCulture);
        return store.PatchAsync<Account>(Containers.Accounts, id, id,
            deltas.Select(d => PatchOperation.Increment(d.Field, d.Delta)).ToList(), ct);
    }
}
