using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Jobs;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Companies;

/// <summary>What a company search filters on; each filter is optional and ignores case.</summary>
public sealed record CompanySearch(string? Search, string? Industry, string? Location);

/// <summary>A company with its active jobs and its team, each bounded.</summary>
public sealed record CompanyDetail(Company Company, IReadOnlyList<Job> ActiveJobs, IReadOnlyList<TeamMember> Team);

/// <summary>
/// Companies (document 003): the public search, the detail with the company's active jobs (its "company:{id}" job list)
/// and its team, and who may act for a company. Companies are made by <see cref="Onboarding.RecruitmentOnboarding"/>.
/// </summary>
public sealed class CompanyService(DocumentStore store, JobListings listings)
{
    /// <summary>How many members a team holds (it is embedded in the company), and so how many accounts a detail reads.</summary>
    public const int MaxTeamMembers = 50;

    /// <summary>How many of its active jobs a company's detail shows, newest first.</summary>
    public const int MaxActiveJobsShown = 50;

    public const int MaxFilterLength = 200;

    public async Task<Company?> FindAsync(long companyId, CancellationToken ct = default) =>
        companyId <= 0 ? null : (await store.ReadAsync<Company>(Containers.Companies, Key(companyId), Key(companyId), ct))?.Document;

    public async Task<Company> GetAsync(long companyId, CancellationToken ct = default) =>
        await FindAsync(companyId, ct) ?? throw PlatformException.NotFound("Not found.");

    /// <summary>The company a recruiter works for by default (the one of their recruiter profile), or null for anyone else.</summary>
    public async Task<long?> CompanyOfRecruiterAsync(long userId, CancellationToken ct = default) =>
        (await store.ReadAsync<RecruiterProfile>(Containers.RecruiterProfiles, Key(userId), Key(userId), ct))?.Document.CompanyId;

    /// <summary>
    /// A page of companies, by name: a search, so one capped cross-partition query for the ordered ids and a point read per
    /// company of the page. Search matches the name and the description, industry is the whole industry, location a part of it.
    /// </summary>
    public Task<Page<Company>> SearchAsync(CompanySearch search, PageRequest page, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        foreach (var (field, value) in new[] { ("search", search.Search), ("industry", search.Industry), ("location", search.Location) })
            if (value?.Length > MaxFilterLength) errors.Add(field, $"Ensure this value has at most {MaxFilterLength} characters.");
        errors.ThrowIfAny();
        var conditions = new List<string> { "IS_DEFINED(c.company_id)" };
        var parameters = new List<(string, object)>();
        if (Filter(search.Search) is { } text)
        {
            conditions.Add("(CONTAINS(LOWER(c.name), @search) OR CONTAINS(LOWER(c.description), @search))");
            parameters.Add(("@search", text));
        }
        if (Filter(search.Industry) is { } industry)
        {
            conditions.Add("LOWER(c.industry) = @industry");
            parameters.Add(("@industry", industry));
        }
        if (Filter(search.Location) is { } location)
        {
            conditions.Add("CONTAINS(LOWER(c.location), @location)");
            parameters.Add(("@location", location));
        }
        return store.PageAsync<Company>(Containers.Companies, string.Join(" AND ", conditions), "c.name ASC", parameters, page, ct);
    }

    /// <summary>The company, its newest active jobs and its team (whose names the company carries): a read and a single-partition query.</summary>
    public async Task<CompanyDetail> DetailAsync(long companyId, CancellationToken ct = default)
    {
        var company = await GetAsync(companyId, ct);
        return new CompanyDetail(company, await listings.OfCompanyAsync(companyId, MaxActiveJobsShown, ct), company.Team.Take(MaxTeamMembers).ToList());
    }

    /// <summary>The counter target of the company's active jobs, for the jobs feature's CountOnce.</summary>
    public static CounterTarget ActiveJobsCounter(long companyId) =>
        new(Containers.Companies, Key(companyId), Key(companyId), [("/active_jobs_count", 1)]);

    /// <summary>The counter target of a recruiter's active jobs on their profile.</summary>
    public static CounterTarget RecruiterActiveJobsCounter(long userId) =>
        new(Containers.RecruiterProfiles, Key(userId), Key(userId), [("/active_jobs", 1)]);

    /// <summary>A URL-friendly name ("Tech Corp" becomes "tech-corp"), for companies and jobs alike.</summary>
    public static string Slug(string text) => Slugs.Of(text);

    private static string? Filter(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToLowerInvariant();

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
