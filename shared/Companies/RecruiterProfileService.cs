using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Companies;

/// <summary>
/// Told after a company's name or logo changed (by whoever changes companies), so that copies of them kept on other
/// documents follow.
/// </summary>
public interface ICompanyObserver
{
    Task CompanyChangedAsync(Company company, CancellationToken ct = default);
}

/// <summary>
/// Recruiter profiles (document 003). The profile carries copies of its account's username, email and bio and of its
/// company's name and logo, so the own-profile read is one point read; the copies follow the account
/// (<see cref="RecruiterAccountCopies"/>) and the company (<see cref="CompanyChangedAsync"/>). Only an account that
/// has a recruiter profile (a recruiter) may use it; any other account is refused with 403.
/// </summary>
public sealed class RecruiterProfileService(DocumentStore store, AccountService accounts, TimeProvider clock) : ICompanyObserver
{
    public const int MaxHiringNeedsLength = 2000;

    /// <summary>The caller's profile; copies still missing (a profile made before they were kept) are filled in once.</summary>
    public async Task<RecruiterProfile> GetAsync(long userId, Account? known, CancellationToken ct = default) =>
        await WithCopiesAsync(await ReadAsync(userId, ct), known, ct);

    private async Task<RecruiterProfile> WithCopiesAsync(RecruiterProfile profile, Account? known, CancellationToken ct)
    {
        if (profile.CompanyName is not null && profile.Username.Length > 0) return profile;
        var userId = profile.UserId;
        var account = known ?? await accounts.GetAsync(userId, ct);
        var company = await FindCompanyAsync(profile.CompanyId, ct);
        profile.Username = account.Username;
        profile.Email = account.Email;
        profile.Bio = account.Bio;
        profile.CompanyName = company?.Name ?? "";
        profile.CompanyLogo = company?.Logo;
        _ = await store.PatchAsync<RecruiterProfile>(Containers.RecruiterProfiles, Key(userId), Key(userId),
        [
            PatchOperation.Set("/username", profile.Username), PatchOperation.Set("/email", profile.Email), PatchOperation.Set("/bio", profile.Bio),
            PatchOperation.Set("/company_name", profile.CompanyName), PatchOperation.Set("/company_logo", profile.CompanyLogo),
        ], ct);
        return profile;
    }

    /// <summary>Changes the hiring needs (the profile's) and the bio (the account's, shown on every surface); null leaves either.</summary>
    public async Task<RecruiterProfile> UpdateAsync(long userId, string? hiringNeeds, string? bio, Account? known, CancellationToken ct = default)
    {
        await ReadAsync(userId, ct);
        var errors = new FieldErrors();
        AccountRules.CheckText(hiringNeeds?.Trim(), MaxHiringNeedsLength, errors, "hiring_needs");
        AccountRules.CheckText(bio?.Trim(), AccountRules.MaxBioLength, errors, "bio");
        errors.ThrowIfAny();

        if (bio is not null) known = await accounts.UpdateProfileAsync(userId, new ProfileChanges(Bio: bio), ct);
        List<PatchOperation> operations = [PatchOperation.Set("/updated_at", clock.GetUtcNow())];
        if (hiringNeeds is not null) operations.Add(PatchOperation.Set("/hiring_needs", hiringNeeds.Trim()));
        if (known is not null) operations.Add(PatchOperation.Set("/bio", known.Bio));
        var updated = await store.PatchAsync<RecruiterProfile>(Containers.RecruiterProfiles, Key(userId), Key(userId), operations, ct)
                      ?? throw NotRecruiter();
        return await WithCopiesAsync(updated, known, ct);
    }

    /// <summary>Refreshes the company's name and logo on the profiles of its team (a team is capped, so this is bounded).</summary>
    public async Task CompanyChangedAsync(Company company, CancellationToken ct = default)
    {
        foreach (var member in company.Team)
        {
            var profile = (await store.ReadAsync<RecruiterProfile>(Containers.RecruiterProfiles, Key(member.UserId), Key(member.UserId), ct))?.Document;
            if (profile is null || profile.CompanyId != company.CompanyId || (profile.CompanyName == company.Name && profile.CompanyLogo == company.Logo))
                continue;
            _ = await store.PatchAsync<RecruiterProfile>(Containers.RecruiterProfiles, Key(member.UserId), Key(member.UserId),
                [PatchOperation.Set("/company_name", company.Name), PatchOperation.Set("/company_logo", company.Logo)], ct);
        }
    }

    private async Task<Company?> FindCompanyAsync(long companyId, CancellationToken ct) =>
        (await store.ReadAsync<Company>(Containers.Companies, Key(companyId), Key(companyId), ct))?.Document;

    private async Task<RecruiterProfile> ReadAsync(long userId, CancellationToken ct) =>
        (await store.ReadAsync<RecruiterProfile>(Containers.RecruiterProfiles, Key(userId), Key(userId), ct))?.Document ?? throw NotRecruiter();

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static PlatformException NotRecruiter() => PlatformException.Forbidden("Only recruiters have a recruiter profile.");
}

/// <summary>Keeps the recruiter profile's copies of the account's username, email and bio: one patch, for recruiters only.</summary>
public sealed class RecruiterAccountCopies(DocumentStore store) : IAccountObserver
{
    public async Task DetailsChangedAsync(Account account, CancellationToken ct)
    {
        if (account.RecruitmentRole != RecruitmentRoles.Recruiter) return;
        var profile = await store.PatchAsync<RecruiterProfile>(Containers.RecruiterProfiles, account.Id, account.Id,
            [PatchOperation.Set("/username", account.Username), PatchOperation.Set("/email", account.Email), PatchOperation.Set("/bio", account.Bio)], ct);
        if (profile is null) return;
        // The recruiter's entry on their company's team carries their names too.
        var companyId = profile.CompanyId.ToString(CultureInfo.InvariantCulture);
        _ = await store.ReplaceAsync<Company>(Containers.Companies, companyId, companyId, company =>
        {
            company.Team = company.Team.Select(m => m.UserId == account.UserId ? m.Copying(account) : m).ToList();
            return company;
        }, ct);
    }
}
