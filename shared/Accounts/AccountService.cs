using System.Globalization;
using System.Text.Json;
using CareerNexus.Common;
using CareerNexus.Email;
using CareerNexus.Statistics;
using CareerNexus.Verification;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Accounts;

/// <param name="MoreRules">A surface's own rules on its other fields, reported together with these.</param>
/// <param name="DuplicatesAsFieldErrors">A taken username or email is a 400 naming the field (document 003) rather than a 409.</param>
public sealed record NewAccount(string? Username, string? Email, string? Password, string? FirstName, string? LastName, string? Bio,
    bool Active = true, PasswordConfirmation? Confirmation = null, string? Location = null, string? Phone = null,
    Action<FieldErrors>? MoreRules = null, bool DuplicatesAsFieldErrors = false);

/// <summary>The password typed a second time, where a surface asks for it, and the field it came in.</summary>
public sealed record PasswordConfirmation(string? Value, string Field);

/// <summary>A partial profile update: null means "leave as it is".</summary>
public sealed record ProfileChanges(string? FirstName = null, string? LastName = null, string? Bio = null, string? Avatar = null,
    string? Email = null);

/// <summary>Document 002's profile fields: null means "leave as it is", "" clears the field.</summary>
/// <param name="Phone">A whole international number (document 003's `phone`): it replaces the country code and number.</param>
public sealed record ProfileDetails(string? FirstName = null, string? LastName = null, string? MiddleName = null, string? Bio = null,
    string? Avatar = null, string? CoverPhoto = null, string? IntroVideo = null, string? Location = null, string? Position = null,
    string? Qualification = null, string? Summary = null, string? CountryCode = null, string? PhoneNumber = null, string? Phone = null);

/// <summary>Filters of an account listing; every text filter matches case-insensitively anywhere in the field.</summary>
public sealed record AccountSearch(string? Text = null, string? FirstName = null, string? LastName = null, Ordering? Ordering = null)
{
    public static readonly IReadOnlyDictionary<string, string> OrderFields = new Dictionary<string, string>
    {
        ["username"] = "username_key", ["created_at"] = "created_at", ["first_name"] = "first_name_key", ["last_name"] = "last_name_key",
    };
}

/// <summary>Told when an account's public details (names, photo, qualification) change, for copies kept elsewhere.</summary>
public interface IAccountObserver
{
    Task DetailsChangedAsync(Account account, CancellationToken ct);
}

public sealed class AccountService(DocumentStore store, IdAllocator ids, HandleRegistry handles, PasswordHasher hasher,
    AttemptLimiter limiter, EmailOutbox outbox, IEnumerable<IAccountObserver> observers, PlatformStatistics statistics, TimeProvider clock)
{
    public async Task<Account> RegisterAsync(NewAccount request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        AccountRules.CheckUsername(request.Username, errors);
        var email = AccountRules.NormalizeEmail(request.Email, errors);
        AccountRules.CheckPassword(request.Password, request.Username, email, errors);
        if (request.Confirmation is { } confirmation && request.Password is not null && request.Password != confirmation.Value)
            errors.Add(confirmation.Field, "Passwords do not match.");
        AccountRules.CheckText(request.FirstName, AccountRules.MaxNameLength, errors, "first_name");
        AccountRules.CheckText(request.LastName, AccountRules.MaxNameLength, errors, "last_name");
        AccountRules.CheckText(request.Bio, AccountRules.MaxBioLength, errors, "bio");
        AccountRules.CheckText(request.Location, AccountRules.MaxLocationLength, errors, "location");
        AccountRules.CheckPhone(request.Phone, errors, "phone");
        request.MoreRules?.Invoke(errors);
        errors.ThrowIfAny();
        await limiter.TakeAsync(AttemptRules.RegistrationsPerAddress, email!, ct);

        var userId = await ids.NextAsync("accounts", ct);
        var usernameKey = HandleRegistry.UsernameKey(request.Username!);
        if (!await handles.ClaimAsync(usernameKey, userId, ct))
            throw Duplicate(request, "username", "Username already taken", $"An account with username '{request.Username}' already exists.");
        var emailKey = HandleRegistry.EmailKey(email!);
        if (!await handles.ClaimAsync(emailKey, userId, ct))
        {
            await handles.ReleaseAsync(usernameKey, ct);
            throw Duplicate(request, "email", "Email already registered", "An account with this email already exists.");
        }

        var account = NewDocument(userId, request.Username!, email!, request.FirstName?.Trim() ?? "", request.LastName?.Trim() ?? "",
            request.Bio?.Trim() ?? "", hasher.Hash(request.Password!), request.Active, emailVerified: false);
        account.Location = request.Location?.Trim() ?? "";
        account.PhoneNumber = request.Phone?.Trim() ?? "";
        account.RefreshKeys();
        await CreateAsync(account, ct);
        return account;
    }

    /// <summary>
    /// The account that an earlier registration with these details began and did not see through (the same username and
    /// email, never activated nor verified, and this password), so that a retried registration finishes it instead of
    /// being told its own username is taken; null otherwise. The password is checked like a sign-in, under its limits.
    /// </summary>
    public async Task<Account?> FindUnfinishedRegistrationAsync(string? username, string? email, string? password, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)) return null;
        var userId = await handles.FindAsync(HandleRegistry.UsernameKey(username.Trim()), ct);
        var account = userId is null ? null : await FindAsync(userId.Value, ct);
        if (account is null || account.IsActive || account.EmailVerified
            || !string.Equals(account.Email, email.Trim(), StringComparison.OrdinalIgnoreCase)) return null;
        return await VerifyPasswordAsync(account, username, password, ct);
    }

    /// <summary>Stores a new account and counts it on the platform's figures (an active one as active too).</summary>
    private async Task CreateAsync(Account account, CancellationToken ct)
    {
        if (!await store.TryCreateAsync(Containers.Accounts, account, account.Id, ct)) return;
        await statistics.CountAsync("account:" + account.Id,
            account.IsActive ? [(Figures.Users, 1), (Figures.ActiveUsers, 1)] : [(Figures.Users, 1)], ct);
    }

    private static PlatformException Duplicate(NewAccount request, string field, string message, string details) =>
        request.DuplicatesAsFieldErrors
            ? PlatformException.InvalidFields(new Dictionary<string, string> { [field] = details })
            : PlatformException.Conflict(message, details);

    /// <summary>
    /// Creates an active account for an email address already proven by a code or link (document 002's signup),
    /// with the password hashed when the signup began and a username derived from the address.
    /// </summary>
    public Task<Account> CreateVerifiedAsync(string email, string passwordHash, CancellationToken ct = default) =>
        CreateWithDerivedUsernameAsync(email, passwordHash, emailVerified: true, "", "", null, ct);

    /// <summary>
    /// Registers an account by email and password alone (document 004's signup): checked like any registration, with a
    /// username derived from the address, inactive until a code sent to the address comes back.
    /// </summary>
    public async Task<Account> RegisterByEmailAsync(string? emailText, string? password, PasswordConfirmation confirmation,
        Action<FieldErrors>? moreRules = null, Action<Account>? fill = null, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var email = AccountRules.NormalizeEmail(emailText, errors);
        AccountRules.CheckPassword(password, null, email, errors);
        if (string.IsNullOrEmpty(confirmation.Value)) errors.Add(confirmation.Field, "This field is required.");
        else if (password is not null && password != confirmation.Value) errors.Add(confirmation.Field, "Passwords do not match.");
        moreRules?.Invoke(errors);
        errors.ThrowIfAny();
        await limiter.TakeAsync(AttemptRules.RegistrationsPerAddress, email!, ct);
        return await CreateWithDerivedUsernameAsync(email!, hasher.Hash(password!), emailVerified: false, "", "", null, ct, active: false, fill);
    }

    /// <summary>
    /// Changes the password of a signed-in account: the current one must be right (a wrong one counts as a failed sign-in),
    /// the new one follows the password rules and is typed twice.
    /// </summary>
    public async Task ChangePasswordAsync(Account account, string? current, string? newPassword, string? confirmation, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(current)) errors.Add("current_password", "This field is required.");
        AccountRules.CheckPassword(newPassword, account.Username, account.Email, errors, "new_password");
        if (string.IsNullOrEmpty(confirmation)) errors.Add("confirm_new_password", "This field is required.");
        else if (newPassword is not null && newPassword != confirmation) errors.Add("confirm_new_password", "Passwords do not match.");
        errors.ThrowIfAny();
        if (await VerifyPasswordAsync(account, account.Email, current!, ct) is null)
            throw PlatformException.InvalidFields(new Dictionary<string, string> { ["current_password"] = "The current password is wrong." });
        await SetPasswordHashAsync(account.UserId, hasher.Hash(newPassword!), ct);
    }

    /// <summary>
    /// Creates an active account for an identity another provider vouched for (a LinkedIn sign-in), with a username
    /// derived from the address; the email counts as verified only when the provider said so.
    /// </summary>
    public Task<Account> CreateFromIdentityAsync(string email, string passwordHash, bool emailVerified, string? firstName, string? lastName,
        string? avatar, CancellationToken ct = default) =>
        CreateWithDerivedUsernameAsync(email, passwordHash, emailVerified, Clip(firstName, AccountRules.MaxNameLength),
            Clip(lastName, AccountRules.MaxNameLength), avatar, ct);

    private static string Clip(string? value, int max) => (value?.Trim() ?? "") is var text && text.Length > max ? text[..max] : text;

    private async Task<Account> CreateWithDerivedUsernameAsync(string email, string passwordHash, bool emailVerified, string firstName,
        string lastName, string? avatar, CancellationToken ct, bool active = true, Action<Account>? fill = null)
    {
        var userId = await ids.NextAsync("accounts", ct);
        var emailKey = HandleRegistry.EmailKey(email);
        if (!await handles.ClaimAsync(emailKey, userId, ct))
            throw PlatformException.Conflict("Email already registered", "An account with this email already exists.");
        string username;
        try
        {
            username = await ClaimDerivedUsernameAsync(email, userId, ct);
        }
        catch
        {
            await handles.ReleaseAsync(emailKey, CancellationToken.None);
            throw;
        }
        var account = NewDocument(userId, username, email, firstName, lastName, "", passwordHash, active, emailVerified);
        var avatarErrors = new FieldErrors();
        AccountRules.CheckUrl(avatar, avatarErrors, "avatar");
        if (!avatarErrors.Any && !string.IsNullOrEmpty(avatar)) account.Avatar = avatar;
        // What the caller's surface keeps on the account is written with it, in the one create.
        fill?.Invoke(account);
        await CreateAsync(account, ct);
        return account;
    }

    private Account NewDocument(long userId, string username, string email, string firstName, string lastName, string bio, string passwordHash,
        bool active, bool emailVerified)
    {
        var now = clock.GetUtcNow();
        var account = new Account
        {
            Id = userId.ToString(CultureInfo.InvariantCulture),
            UserId = userId,
            Username = username,
            Email = email,
            FirstName = firstName,
            LastName = lastName,
            Bio = bio,
            // Never admin by registration: see AdminPolicy.
            Role = Roles.Member,
            IsActive = active,
            EmailVerified = emailVerified,
            PasswordHash = passwordHash,
            CreatedAt = now,
            UpdatedAt = now,
        };
        account.RefreshKeys();
        return account;
    }

    /// <summary>The local part of the email as a valid username, with a number after it when that is taken.</summary>
    private async Task<string> ClaimDerivedUsernameAsync(string email, long userId, CancellationToken ct)
    {
        var local = email[..email.LastIndexOf('@')];
        var stem = new string(local.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-').ToArray()).ToLowerInvariant();
        if (stem.Length > 24) stem = stem[..24];
        var candidates = new List<string> { stem };
        for (var i = 0; i < 8; i++)
            candidates.Add(stem + System.Security.Cryptography.RandomNumberGenerator.GetInt32(1000, 10000).ToString(CultureInfo.InvariantCulture));
        candidates.Add("user" + userId.ToString(CultureInfo.InvariantCulture));
        foreach (var candidate in candidates)
        {
            var errors = new FieldErrors();
            AccountRules.CheckUsername(candidate, errors);
            if (!errors.Any && await handles.ClaimAsync(HandleRegistry.UsernameKey(candidate), userId, ct)) return candidate;
        }
        throw PlatformException.Conflict("Could not choose a username", "Try signing up again.");
    }

    /// <summary>Signs in by username or email. Every failure looks the same to the caller.</summary>
    public async Task<Account> AuthenticateAsync(string? login, string? password, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(login)) errors.Add("username", "This field is required.");
        if (string.IsNullOrEmpty(password)) errors.Add("password", "This field is required.");
        errors.ThrowIfAny();

        var account = await VerifyPasswordAsync(await FindByLoginAsync(login!.Trim(), ct), login, password!, ct) ?? throw InvalidCredentials();
        if (!account.IsActive) throw PlatformException.Unauthenticated(NotActive, "Activate the account before signing in.");
        return account;
    }

    /// <summary>
    /// Signs in by username or email where a right password on an account not activated yet is told apart (403,
    /// document 003): only whoever knows the password learns that the account waits for its activation link.
    /// </summary>
    public async Task<Account> AuthenticateActivatedAsync(string? login, string? password, CancellationToken ct = default)
    {
        try
        {
            return await AuthenticateAsync(login, password, ct);
        }
        catch (PlatformException refused) when (refused is { Kind: ErrorKind.Unauthenticated, Message: NotActive })
        {
            throw PlatformException.Forbidden("Account not activated: open the activation link sent to your email, or ask for a new one.");
        }
    }

    private const string NotActive = "Account is not active";

    /// <summary>
    /// Signs in by email and password only. Every failure, including an inactive account, is the same 401, so
    /// that the answer tells nothing about which emails have accounts.
    /// </summary>
    public async Task<Account> AuthenticateByEmailAsync(string? email, string? password, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(email)) errors.Add("email", "This field is required.");
        if (string.IsNullOrEmpty(password)) errors.Add("password", "This field is required.");
        errors.ThrowIfAny();

        var account = await VerifyPasswordAsync(await FindByEmailAsync(email!, ct), email!, password!, ct);
        return account is { IsActive: true } ? account : throw WrongEmailOrPassword();
    }

    /// <summary>
    /// The account when the password is its own, else null, taking as long when there is no account; a right
    /// password under an outdated hash is rehashed. Each try counts against the account's (or the unknown login's)
    /// budget of failed sign-ins before the password is checked, and a right one is taken back off.
    /// </summary>
    private async Task<Account?> VerifyPasswordAsync(Account? account, string login, string password, CancellationToken ct)
    {
        var key = account is null ? "login:" + login.Trim() : "account:" + account.UserId.ToString(CultureInfo.InvariantCulture);
        var attempts = new[]
        {
            await limiter.TakeAsync(AttemptRules.FailedSignIns, key, ct), await limiter.TakeAsync(AttemptRules.FailedSignInsPerDay, key, ct),
        };
        if (account is null || password.Length > AccountRules.MaxPasswordLength)
        {
            hasher.VerifyNothing(password.Length > AccountRules.MaxPasswordLength ? "" : password);
            return null;
        }
        var check = hasher.Verify(password, account.PasswordHash);
        if (check == PasswordCheck.Wrong) return null;
        await Task.WhenAll(attempts.Select(a => limiter.ReturnAsync(a, ct)));
        if (check == PasswordCheck.RightButWeak)
        {
            account.PasswordHash = hasher.Hash(password);
            await SetPasswordHashAsync(account.UserId, account.PasswordHash, ct);
        }
        return account;
    }

    private static PlatformException WrongEmailOrPassword() => PlatformException.Unauthenticated("Invalid email or password");

    /// <summary>The account holding this email address, any case; null when there is none.</summary>
    public async Task<Account?> FindByEmailAsync(string email, CancellationToken ct = default)
    {
        var userId = await handles.FindAsync(HandleRegistry.EmailKey(email.Trim()), ct);
        return userId is null ? null : await FindAsync(userId.Value, ct);
    }

    /// <summary>Replaces the account's password hash (a password change or reset, already authorized by the caller).</summary>
    public async Task SetPasswordHashAsync(long userId, string passwordHash, CancellationToken ct = default)
    {
        var id = userId.ToString(CultureInfo.InvariantCulture);
        _ = await store.PatchAsync<Account>(Containers.Accounts, id, id,
                [PatchOperation.Set("/password_hash", passwordHash), PatchOperation.Set("/updated_at", clock.GetUtcNow())], ct)
            ?? throw PlatformException.NotFound("User not found");
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
        Account updated;
        try
        {
            updated = await store.UpdateAsync<Account>(Containers.Accounts, id, id, account =>
            {
                oldEmail = account.Email;
                if (changes.FirstName is not null) account.FirstName = changes.FirstName.Trim();
                if (changes.LastName is not null) account.LastName = changes.LastName.Trim();
                if (changes.Bio is not null) account.Bio = changes.Bio.Trim();
                if (changes.Avatar is not null) account.Avatar = changes.Avatar.Length == 0 ? null : changes.Avatar;
                var changesAddress = newEmail is not null && HandleRegistry.EmailKey(newEmail) != HandleRegistry.EmailKey(account.Email);
                if (newEmail is not null) account.Email = newEmail;
                // A new address is unproven until a code sent to it comes back (and an admin's role waits for that).
                if (changesAddress) account.EmailVerified = false;
                account.RefreshKeys();
                // Profile fields only: counters are never written from a copy.
                return
                [
                    PatchOperation.Set("/updated_at", clock.GetUtcNow()), PatchOperation.Set("/first_name", account.FirstName),
                    PatchOperation.Set("/last_name", account.LastName), PatchOperation.Set("/bio", account.Bio),
                    PatchOperation.Set("/avatar", account.Avatar), PatchOperation.Set("/email", account.Email),
                    PatchOperation.Set("/first_name_key", account.FirstNameKey), PatchOperation.Set("/last_name_key", account.LastNameKey),
                    PatchOperation.Set("/search_text", account.SearchText), PatchOperation.Set("/email_verified", account.EmailVerified),
                ];
            }, ct) ?? throw PlatformException.NotFound("User not found");
        }
        catch when (newEmail is not null)
        {
            // The claim is only ours to free when the account does not hold that address already.
            var current = await FindAsync(userId, CancellationToken.None);
            if (current is null || HandleRegistry.EmailKey(current.Email) != HandleRegistry.EmailKey(newEmail))
                await handles.ReleaseAsync(HandleRegistry.EmailKey(newEmail), CancellationToken.None);
            throw;
        }
        if (oldEmail is not null && HandleRegistry.EmailKey(oldEmail) != HandleRegistry.EmailKey(updated.Email))
        {
            await handles.ReleaseAsync(HandleRegistry.EmailKey(oldEmail), ct);
            // The old address hears of the change, so a stolen session cannot quietly take the account's mail.
            await outbox.EnqueueAsync(string.Create(CultureInfo.InvariantCulture, $"email-changed-{userId}-{updated.UpdatedAt.ToUnixTimeMilliseconds()}"),
                AccountMail.EmailChanged(oldEmail, updated.Email), ct);
        }
        await DetailsChangedAsync(updated, ct);
        return updated;
    }

    /// <summary>Records that a code or link sent to the account's current address came back.</summary>
    public async Task MarkEmailVerifiedAsync(long userId, string email, CancellationToken ct = default)
    {
        var id = userId.ToString(CultureInfo.InvariantCulture);
        var current = await store.ReadAsync<Account>(Containers.Accounts, id, id, ct);
        if (current is null || current.Document.EmailVerified || HandleRegistry.EmailKey(current.Document.Email) != HandleRegistry.EmailKey(email)) return;
        // Only while the address is still the one the code went to: a change in between wins.
        await store.TryPatchAsync<Account>(Containers.Accounts, id, id, [PatchOperation.Set("/email_verified", true)], current.ETag, ct);
    }

    /// <summary>
    /// Activates an account whose activation link came back, and records its address as verified; false when the
    /// address changed since the link was sent (the link proves nothing about the new one).
    /// </summary>
    public async Task<bool> ActivateAsync(long userId, string email, CancellationToken ct = default)
    {
        var id = userId.ToString(CultureInfo.InvariantCulture);
        var current = await store.ReadAsync<Account>(Containers.Accounts, id, id, ct);
        if (current is null || HandleRegistry.EmailKey(current.Document.Email) != HandleRegistry.EmailKey(email)) return false;
        // Conditional on what was read, so an address changed in between is seen by the retry.
        if (!current.Document.IsActive)
        {
            if (await store.TryPatchAsync<Account>(Containers.Accounts, id, id,
                    [PatchOperation.Set("/is_active", true), PatchOperation.Set("/updated_at", clock.GetUtcNow())], current.ETag, ct) is null)
                return await ActivateAsync(userId, email, ct);
            await statistics.CountAsync("activation:" + id, [(Figures.ActiveUsers, 1)], ct);
        }
        await MarkEmailVerifiedAsync(userId, email, ct);
        return true;
    }

    /// <summary>Sets the operator-granted role (AdminPolicy decides when it counts).</summary>
    public async Task<Account> SetRoleAsync(long userId, string role, CancellationToken ct = default)
    {
        var id = userId.ToString(CultureInfo.InvariantCulture);
        return await store.PatchAsync<Account>(Containers.Accounts, id, id,
            [PatchOperation.Set("/role", role), PatchOperation.Set("/updated_at", clock.GetUtcNow())], ct) ?? throw PlatformException.NotFound("User not found");
    }

    /// <summary>Checks document 002's profile fields (400 with each field's error), so a caller can check them before storing uploads.</summary>
    public static void CheckDetails(ProfileDetails changes)
    {
        var errors = new FieldErrors();
        AccountRules.CheckText(changes.FirstName, AccountRules.MaxNameLength, errors, "first_name");
        AccountRules.CheckText(changes.LastName, AccountRules.MaxNameLength, errors, "last_name");
        AccountRules.CheckText(changes.MiddleName, AccountRules.MaxNameLength, errors, "middle_name");
        AccountRules.CheckText(changes.Bio, AccountRules.MaxBioLength, errors, "bio");
        AccountRules.CheckText(changes.Location, AccountRules.MaxLocationLength, errors, "location");
        AccountRules.CheckText(changes.Position, AccountRules.MaxPositionLength, errors, "position");
        AccountRules.CheckText(changes.Qualification, AccountRules.MaxQualificationLength, errors, "qualification");
        AccountRules.CheckText(changes.Summary, AccountRules.MaxSummaryLength, errors, "summary");
        AccountRules.CheckUrl(changes.Avatar, errors, "profile_photo");
        AccountRules.CheckUrl(changes.CoverPhoto, errors, "cover_photo");
        AccountRules.CheckUrl(changes.IntroVideo, errors, "intro_video");
        AccountRules.CheckPhoneNumber(changes.PhoneNumber, errors, "phone_number");
        AccountRules.CheckCountryCode(changes.CountryCode, errors, "country_code");
        AccountRules.CheckPhone(changes.Phone, errors, "phone");
        errors.ThrowIfAny();
    }

    /// <summary>Updates document 002's profile fields; null leaves a field as it is, "" clears it.</summary>
    public async Task<Account> UpdateDetailsAsync(long userId, ProfileDetails changes, CancellationToken ct = default)
    {
        CheckDetails(changes);
        static string? Media(string value) => value.Length == 0 ? null : value;
        return await DetailsChangedAsync(await ReplaceFieldsAsync(userId, account =>
        {
            if (changes.FirstName is not null) account.FirstName = changes.FirstName.Trim();
            if (changes.LastName is not null) account.LastName = changes.LastName.Trim();
            if (changes.MiddleName is not null) account.MiddleName = changes.MiddleName.Trim();
            if (changes.Bio is not null) account.Bio = changes.Bio.Trim();
            if (changes.Location is not null) account.Location = changes.Location.Trim();
            if (changes.Position is not null) account.Position = changes.Position.Trim();
            if (changes.Qualification is not null) account.Qualification = changes.Qualification.Trim();
            if (changes.Summary is not null) account.Summary = changes.Summary.Trim();
            if (changes.Avatar is not null) account.Avatar = Media(changes.Avatar);
            if (changes.CoverPhoto is not null) account.CoverPhoto = Media(changes.CoverPhoto);
            if (changes.IntroVideo is not null) account.IntroVideo = Media(changes.IntroVideo);
            if (changes.CountryCode is not null) account.CountryCode = changes.CountryCode.Trim();
            if (changes.PhoneNumber is not null) account.PhoneNumber = changes.PhoneNumber.Trim();
            if (changes.Phone is not null) (account.CountryCode, account.PhoneNumber) = ("", changes.Phone.Trim());
            account.RefreshKeys();
            return
            [
                ("first_name", account.FirstName), ("last_name", account.LastName), ("middle_name", account.MiddleName), ("bio", account.Bio),
                ("location", account.Location), ("position", account.Position), ("qualification", account.Qualification),
                ("summary", account.Summary), ("avatar", account.Avatar), ("cover_photo", account.CoverPhoto), ("intro_video", account.IntroVideo),
                ("country_code", account.CountryCode), ("phone_number", account.PhoneNumber), ("first_name_key", account.FirstNameKey),
                ("last_name_key", account.LastNameKey), ("location_key", account.LocationKey), ("search_text", account.SearchText),
            ];
        }, ct), ct);
    }

    private async Task<Account> DetailsChangedAsync(Account account, CancellationToken ct)
    {
        foreach (var observer in observers) await observer.DetailsChangedAsync(account, ct);
        return account;
    }

    /// <summary>
    /// Read-modify-write of profile fields in one conditional replace (a patch holds at most 10 operations):
    /// only the named fields change in the stored JSON, so counters and fields other features keep are written
    /// back exactly as read, and the ETag makes a concurrent write (a counter increment too) force a retry.
    /// </summary>
    private async Task<Account> ReplaceFieldsAsync(long userId, Func<Account, IReadOnlyList<(string Field, string? Value)>> change,
        CancellationToken ct)
    {
        var id = userId.ToString(CultureInfo.InvariantCulture);
        Account? account = null;
        _ = await store.ReplaceAsync<System.Text.Json.Nodes.JsonObject>(Containers.Accounts, id, id, json =>
        {
            account = json.Deserialize<Account>(PlatformJson.Options)!;
            foreach (var (field, value) in change(account)) json[field] = value;
            account.UpdatedAt = clock.GetUtcNow();
            json["updated_at"] = JsonSerializer.SerializeToNode(account.UpdatedAt, PlatformJson.Options);
            return json;
        }, ct) ?? throw PlatformException.NotFound("User not found");
        return account!;
    }

    /// <summary>Sets the account's industry and, when given, its user type (both already checked against the choice lists).</summary>
    public async Task<Account> SetIndustryAsync(long userId, string? industry, string? userType, CancellationToken ct = default)
    {
        var operations = new List<PatchOperation> { PatchOperation.Set("/updated_at", clock.GetUtcNow()) };
        if (industry is not null) operations.Add(PatchOperation.Set("/industry", industry));
        if (userType is not null) operations.Add(PatchOperation.Set("/user_type", userType));
        var id = userId.ToString(CultureInfo.InvariantCulture);
        return await store.PatchAsync<Account>(Containers.Accounts, id, id, operations, ct) ?? throw PlatformException.NotFound("User not found");
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

    /// <summary>The account's counters as a target of <see cref="CountOnce"/>.</summary>
    public static CounterTarget Counter(long userId, params (string Field, long Delta)[] deltas)
    {
        var id = userId.ToString(CultureInfo.InvariantCulture);
        return new CounterTarget(Containers.Accounts, id, id, deltas);
    }
}
