using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Companies;
using CareerNexus.Jobs;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Organizations;

/// <summary>An organization's fields as sent: null leaves a field as it is, "" clears it (the name cannot be cleared).</summary>
public sealed record OrganizationFields(string? Name, string? Industry, string? LinkedinUrl, string? HeadquarterLocation, string? About,
    string? EmployeeSize, string? Url);

/// <summary>
/// Document 004's organizations, which are the platform's companies: the same document, so an organization's jobs are
/// its company's jobs on every surface. The creator is its root user (the company's owner) and a member; members join
/// by invite (as company admins, who manage every job of the company); an account belongs to at most one organization
/// (<see cref="Account.OrganizationId"/>, or a Recruitment recruiter's company). Members read it; only the root user
/// changes or deletes it; anyone else is answered as if it did not exist.
/// </summary>
public sealed class OrganizationService(DocumentStore store, IdAllocator ids, AccountService accounts, CompanyService companies, JobListings listings,
    JobPostingService postings, IEnumerable<ICompanyObserver> observers, TimeProvider clock)
{
    public const int MaxNameLength = 200;
    public const int MaxIndustryLength = 100;
    public const int MaxLocationLength = 200;
    public const int MaxAboutLength = 2000;
    public const int MaxEmployeeSizeLength = 50;

    /// <summary>The organization the account belongs to, or null: its own membership, else a Recruitment recruiter's company.</summary>
    public async Task<Company?> OfAsync(Account account, CancellationToken ct = default)
    {
        if (account.OrganizationId is { } id && await companies.FindAsync(id, ct) is { } joined && joined.RoleOf(account.UserId) is not null)
            return joined;
        if (account.RecruitmentRole == RecruitmentRoles.Recruiter && await companies.CompanyOfRecruiterAsync(account.UserId, ct) is { } companyId)
            return await companies.FindAsync(companyId, ct);
        return null;
    }

    /// <summary>The id of the organization an account acts for: its membership, or a Recruitment recruiter's company (reads for those only).</summary>
    public async Task<long?> IdOfAsync(Account account, CancellationToken ct = default) =>
        account.OrganizationId ?? (await OfAsync(account, ct))?.CompanyId;

    /// <summary>
    /// An account the caller may see (document 004's users/{id}): their own, or a member of their organization; anyone else
    /// is answered 404, so that ids tell nothing of other accounts.
    /// </summary>
    public async Task<Account> ColleagueAsync(Account caller, long userId, CancellationToken ct = default)
    {
        if (userId == caller.UserId) return caller;
        var organization = await OfAsync(caller, ct);
        if (organization?.RoleOf(userId) is null) throw PlatformException.NotFound("User not found.");
        var account = await accounts.FindAsync(userId, ct);
        return account is { DeletionRequestedAt: null } ? account : throw PlatformException.NotFound("User not found.");
    }

    /// <summary>Makes an organization whose root user is the caller, who must belong to none yet (400 otherwise).</summary>
    public async Task<Company> CreateAsync(Account caller, OrganizationFields fields, Func<Task<string?>> avatar, CancellationToken ct = default)
    {
        var errors = Check(fields, creating: true);
        errors.ThrowIfAny();
        if (await OfAsync(caller, ct) is not null) throw AlreadyMember();
        var companyId = await ids.NextAsync("companies", ct);
        await ClaimMembershipAsync(caller.UserId, companyId, ct);
        var now = clock.GetUtcNow();
        var company = new Company
        {
            Id = Key(companyId), CompanyId = companyId, OwnerId = caller.UserId, Team = [TeamMember.Of(caller, CompanyRoles.Owner, now)],
            CreatedAt = now, UpdatedAt = now,
        };
        Apply(company, fields);
        company.Logo = NullIfEmpty(await avatar());
        company.SearchText = Onboarding.RecruitmentOnboarding.CompanySearchText(company);
        await store.TryCreateAsync(Containers.Companies, company, company.Id, ct);
        return company;
    }

    /// <summary>The caller's organization as a list of at most one, as document 004 lists "the organizations of the user".</summary>
    public async Task<IReadOnlyList<Company>> MineAsync(Account caller, CancellationToken ct = default) =>
        await OfAsync(caller, ct) is { } company ? [company] : [];

    /// <summary>An organization the caller is a member of; 404 for any other.</summary>
    public async Task<Company> GetAsync(long callerId, long organizationId, CancellationToken ct = default)
    {
        var company = await companies.FindAsync(organizationId, ct);
        return company?.RoleOf(callerId) is not null ? company : throw NotFound();
    }

    /// <summary>Changes the fields sent (a PUT must name the organization), for the root user; other members 403, anyone else 404.</summary>
    public async Task<Company> UpdateAsync(long callerId, long organizationId, OrganizationFields fields, bool replace, Func<Task<string?>> avatar,
        CancellationToken ct = default)
    {
        await RootOnlyAsync(callerId, organizationId, ct);
        var errors = Check(fields, creating: replace);
        errors.ThrowIfAny();
        var logo = await avatar();
        var updated = await store.ReplaceAsync<Company>(Containers.Companies, Key(organizationId), Key(organizationId), company =>
        {
            Apply(company, fields);
            if (logo is not null) company.Logo = NullIfEmpty(logo);
            company.SearchText = Onboarding.RecruitmentOnboarding.CompanySearchText(company);
            company.UpdatedAt = clock.GetUtcNow();
            return company;
        }, ct) ?? throw NotFound();
        foreach (var observer in observers) await observer.CompanyChangedAsync(updated, ct);
        return updated;
    }

    /// <summary>
    /// Deletes the organization, for the root user: its open jobs close (as a Recruitment job's soft delete does), every member
    /// leaves it, and the company document goes. Bounded by the team (50) and the company's list of active jobs (1,000).
    /// </summary>
    public async Task DeleteAsync(long callerId, long organizationId, CancellationToken ct = default)
    {
        var company = await RootOnlyAsync(callerId, organizationId, ct);
        foreach (var job in await listings.OfCompanyAsync(organizationId, PageRequest.MaxReach, ct))
            await postings.CloseAsync(callerId, job.JobId, ct);
        foreach (var member in company.Team) await LeaveAsync(member.UserId, organizationId, ct);
        await store.DeleteAsync(Containers.Companies, company.Id, company.Id, ct: ct);
    }

    /// <summary>Adds the account to the organization's team (an invite was used); a second join changes nothing.</summary>
    public async Task JoinAsync(long organizationId, Account account, CancellationToken ct = default)
    {
        var company = await companies.FindAsync(organizationId, ct) ?? throw NotFound();
        if (company.RoleOf(account.UserId) is not null) return;
        if (company.Team.Count >= CompanyService.MaxTeamMembers)
            throw PlatformException.Invalid("Organization full", $"An organization has at most {CompanyService.MaxTeamMembers} members.");
        if (await OfAsync(account, ct) is not null) throw AlreadyMember();
        await ClaimMembershipAsync(account.UserId, organizationId, ct);
        _ = await store.ReplaceAsync<Company>(Containers.Companies, company.Id, company.Id, current =>
        {
            if (current.RoleOf(account.UserId) is null) current.Team.Add(TeamMember.Of(account, CompanyRoles.Admin, clock.GetUtcNow()));
            return current;
        }, ct);
    }

    /// <summary>Takes the account off the organization's team and its membership off the account (a deleted organization or account).</summary>
    public async Task LeaveAsync(long userId, long organizationId, CancellationToken ct = default)
    {
        // A membership left pointing at an organization that no longer lists the account counts for nothing (see OfAsync).
        var account = await store.ReadAsync<Account>(Containers.Accounts, Key(userId), Key(userId), ct);
        if (account?.Document.OrganizationId == organizationId)
            await store.TryPatchAsync<Account>(Containers.Accounts, Key(userId), Key(userId), [PatchOperation.Set<long?>("/organization_id", null)],
                account.ETag, ct);
        _ = await store.ReplaceAsync<Company>(Containers.Companies, Key(organizationId), Key(organizationId), company =>
        {
            company.Team.RemoveAll(m => m.UserId == userId);
            return company;
        }, ct);
    }

    /// <summary>Makes another member the organization's root user (its owner), as when the root user's account is erased.</summary>
    public async Task TransferAsync(long organizationId, long heirId, CancellationToken ct = default) =>
        _ = await store.ReplaceAsync<Company>(Containers.Companies, Key(organizationId), Key(organizationId), company =>
        {
            if (company.RoleOf(heirId) is null) return company;
            company.OwnerId = heirId;
            company.Team = company.Team.Select(m => m.UserId == heirId ? m with { Role = CompanyRoles.Owner } : m).ToList();
            return company;
        }, ct);

    /// <summary>The organization, when the caller is its root user; a member who is not is refused (403), anyone else answered 404.</summary>
    private async Task<Company> RootOnlyAsync(long callerId, long organizationId, CancellationToken ct)
    {
        var company = await GetAsync(callerId, organizationId, ct);
        return company.OwnerId == callerId ? company : throw PlatformException.Forbidden("Only the organization's root user may change or delete it.");
    }

    /// <summary>
    /// Records the membership on the account, only while it belongs to no live organization: of two joins racing for one
    /// account, the second finds the first's and is refused.
    /// </summary>
    private async Task ClaimMembershipAsync(long userId, long organizationId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.ReadAsync<Account>(Containers.Accounts, Key(userId), Key(userId), ct) ?? throw NotFound();
            if (current.Document.OrganizationId is { } other && other != organizationId && await companies.FindAsync(other, ct) is { } live
                && live.RoleOf(userId) is not null)
                throw AlreadyMember();
            if (await store.TryPatchAsync<Account>(Containers.Accounts, Key(userId), Key(userId),
                    [PatchOperation.Set<long?>("/organization_id", organizationId)], current.ETag, ct) is not null)
                return;
            await DocumentStore.ContendedAsync(attempt, ct);
        }
    }

    private static FieldErrors Check(OrganizationFields fields, bool creating)
    {
        var errors = new FieldErrors();
        if (fields.Name is null && creating) errors.Add("name", "This field is required.");
        else if (fields.Name is not null && fields.Name.Trim().Length == 0) errors.Add("name", "This field may not be blank.");
        AccountRules.CheckText(fields.Name?.Trim(), MaxNameLength, errors, "name");
        AccountRules.CheckText(fields.Industry?.Trim(), MaxIndustryLength, errors, "industry");
        AccountRules.CheckText(fields.HeadquarterLocation?.Trim(), MaxLocationLength, errors, "headquarter_location");
        AccountRules.CheckText(fields.About?.Trim(), MaxAboutLength, errors, "about");
        AccountRules.CheckText(fields.EmployeeSize?.Trim(), MaxEmployeeSizeLength, errors, "employee_size");
        AccountRules.CheckUrl(fields.LinkedinUrl?.Trim(), errors, "linkedin_url");
        AccountRules.CheckUrl(fields.Url?.Trim(), errors, "url");
        return errors;
    }

    private static void Apply(Company company, OrganizationFields fields)
    {
        if (fields.Name is not null) company.Name = fields.Name.Trim();
        if (fields.Industry is not null) company.Industry = fields.Industry.Trim();
        if (fields.LinkedinUrl is not null) company.LinkedinUrl = fields.LinkedinUrl.Trim();
        if (fields.HeadquarterLocation is not null) company.Location = fields.HeadquarterLocation.Trim();
        if (fields.About is not null) company.Description = fields.About.Trim();
        if (fields.EmployeeSize is not null) company.EmployeeCount = fields.EmployeeSize.Trim();
        if (fields.Url is not null) company.Website = fields.Url.Trim();
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static PlatformException AlreadyMember() =>
        PlatformException.Invalid("Already in an organization", "This account already belongs to an organization: an account belongs to at most one.");

    private static PlatformException NotFound() => PlatformException.NotFound("Organization not found.");

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Keeps the copies of a member's details on their organization's team entry (Talent members; recruiters have their own).</summary>
public sealed class OrganizationMemberCopies(DocumentStore store) : IAccountObserver
{
    public async Task DetailsChangedAsync(Account account, CancellationToken ct)
    {
        if (account.OrganizationId is not { } organizationId || account.RecruitmentRole == RecruitmentRoles.Recruiter) return;
        var id = organizationId.ToString(CultureInfo.InvariantCulture);
        _ = await store.ReplaceAsync<Company>(Containers.Companies, id, id, company =>
        {
            company.Team = company.Team.Select(m => m.UserId == account.UserId ? m.Copying(account) : m).ToList();
            return company;
        }, ct);
    }
}
