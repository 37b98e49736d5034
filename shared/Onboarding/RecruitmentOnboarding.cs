using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Candidates;
using CareerNexus.Common;
using CareerNexus.Companies;
using CareerNexus.Statistics;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Onboarding;

/// <summary>
/// Gives an account its Recruitment role and what that role works with: a candidate profile, or a recruiter profile
/// and the company they own. Every step is idempotent, so a retried registration (or a role taken later by an
/// account made on another surface) completes what an earlier attempt began and changes nothing twice.
/// </summary>
public sealed class RecruitmentOnboarding(DocumentStore store, IdAllocator ids, PlatformStatistics statistics, TimeProvider clock)
{
    public const int MaxCompanyNameLength = 200;

    public async Task StartAsync(Account account, string role, string? companyName, CancellationToken ct = default)
    {
        var id = account.UserId.ToString(CultureInfo.InvariantCulture);
        if (account.RecruitmentRole != role)
            await store.PatchAsync<Account>(Containers.Accounts, id, id, [PatchOperation.Set("/recruitment_role", role)], ct);
        account.RecruitmentRole = role;
        if (role == RecruitmentRoles.Candidate) await CandidateAsync(account, ct);
        else if (role == RecruitmentRoles.Recruiter) await RecruiterAsync(account, companyName, ct);
    }

    private async Task CandidateAsync(Account account, CancellationToken ct)
    {
        var id = account.UserId.ToString(CultureInfo.InvariantCulture);
        if (await store.ReadAsync<CandidateProfile>(Containers.CandidateProfiles, id, id, ct) is not null) return;
        var now = clock.GetUtcNow();
        var profile = new CandidateProfile
        {
            Id = id, UserId = account.UserId, ProfileId = await ids.NextAsync("candidate_profiles", ct), Bio = account.Bio,
            Location = account.Location, CreatedAt = now, UpdatedAt = now, Username = account.Username, Email = account.Email,
        };
        if (await store.TryCreateAsync(Containers.CandidateProfiles, profile, id, ct))
            await statistics.CountAsync("candidate:" + id, [(Figures.Candidates, 1)], ct);
    }

    private async Task RecruiterAsync(Account account, string? companyName, CancellationToken ct)
    {
        var id = account.UserId.ToString(CultureInfo.InvariantCulture);
        var now = clock.GetUtcNow();
        var name = string.IsNullOrWhiteSpace(companyName) ? DefaultCompanyName(account) : companyName.Trim();
        // The profile names the company before the company exists, so a retry finds which company to finish.
        var profile = (await store.ReadAsync<RecruiterProfile>(Containers.RecruiterProfiles, id, id, ct))?.Document;
        if (profile is null)
        {
            profile = new RecruiterProfile
            {
                Id = id, UserId = account.UserId, ProfileId = await ids.NextAsync("recruiter_profiles", ct),
                CompanyId = await ids.NextAsync("companies", ct), CreatedAt = now, UpdatedAt = now,
                // Copies for the one-read profile (RecruiterProfileService keeps them).
                Username = account.Username, Email = account.Email, Bio = account.Bio, CompanyName = name,
            };
            if (await store.TryCreateAsync(Containers.RecruiterProfiles, profile, id, ct))
                await statistics.CountAsync("recruiter:" + id, [(Figures.Recruiters, 1)], ct);
            else profile = (await store.ReadAsync<RecruiterProfile>(Containers.RecruiterProfiles, id, id, ct))!.Document;
        }
        var companyId = profile.CompanyId.ToString(CultureInfo.InvariantCulture);
        if (await store.ReadAsync<Company>(Containers.Companies, companyId, companyId, ct) is not null) return;
        // A retry names the company as the first attempt's profile did.
        name = profile.CompanyName ?? name;
        var company = new Company
        {
            Id = companyId, CompanyId = profile.CompanyId, Name = name, Location = account.Location, OwnerId = account.UserId,
            Team = [TeamMember.Of(account, CompanyRoles.Owner, now)], CreatedAt = now, UpdatedAt = now,
        };
        company.SearchText = CompanySearchText(company);
        if (await store.TryCreateAsync(Containers.Companies, company, companyId, ct))
            await statistics.CountAsync("company:" + companyId, [(Figures.Companies, 1)], ct);
    }

    /// <summary>A recruiter who names no company gets one named after them, which they may rename.</summary>
    public static string DefaultCompanyName(Account account)
    {
        var name = account.FullName();
        return name.Length > 0 ? name : account.Username;
    }

    public static string CompanySearchText(Company company) =>
        string.Join('\n', company.Name, company.Industry, company.Location).ToLowerInvariant();
}
