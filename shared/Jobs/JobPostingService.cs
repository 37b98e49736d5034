using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Companies;
using CareerNexus.Matching;
using CareerNexus.Reference;
using CareerNexus.Statistics;
using CareerNexus.Storage;
using CareerNexus.Subscriptions;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Jobs;

/// <summary>
/// A Recruitment job as its recruiter sends it. For a create, absent fields are missing; for an edit, absent (or null)
/// fields stay as they are. <see cref="JobType"/> is a job type's id or its code.
/// </summary>
public sealed record JobPostingRequest(string? Title, long? Company, long? Category, string? JobType, string? Location, decimal? SalaryMin,
    decimal? SalaryMax, string? ExperienceLevel, string? Description, IReadOnlyList<string>? Requirements, IReadOnlyList<string>? Benefits,
    IReadOnlyList<string>? Skills, string? WorkType)
{
    /// <summary>A Talent job's own fields (document 004); null leaves them as they are.</summary>
    public TalentPost? Talent { get; init; }
}

/// <summary>The public job search's filters as sent (query text); <see cref="JobPostingService.SearchAsync"/> checks each.</summary>
public sealed record JobFilters(string? Search, string? Category, string? JobType, string? Location, string? ExperienceLevel, string? MinSalary,
    string? MaxSalary, string? IsActive);

/// <summary>
/// Document 003's job postings on the platform's jobs: a Recruitment job is a platform job (<see cref="Job"/>) with its
/// <see cref="JobPosting"/>, published through <see cref="JobService.PublishAsync"/> so that it is in the Nexus lists that
/// match it and its notifications are queued. Moves the company's and the recruiter's active-job counters once per job
/// (the fact "job:{id}"), takes a unit of the recruiter's monthly job-posting quota, and asks matching to recalculate.
/// </summary>
public sealed class JobPostingService(DocumentStore store, IdAllocator ids, JobService jobs, JobAccess access, JobListings listings, CompanyService companies,
    AccountService accounts, PlanQuotas quotas, CountOnce counts, IMatchRequests matches, IEnumerable<IJobPostingObserver> observers,
    PlatformStatistics statistics, TimeProvider clock) : ICompanyObserver
{
    public const int MaxLocationLength = 200;
    public const int MaxListItems = 30;
    public const int MaxListItemLength = 200;
    public const int MaxSearchLength = 200;
    public const decimal MaxSalary = 1_000_000_000m;

    /// <summary>How long a create is remembered: a retry with the same Idempotency-Key, or without one the same body, is the same job.</summary>
    public static readonly TimeSpan KeyedRequestWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan UnkeyedRequestWindow = TimeSpan.FromMinutes(10);

    public const int MaxIdempotencyKeyLength = 255;

    /// <summary>
    /// Posts a job for a company whose team the caller is on (by default their own company): validation (400), permission
    /// (403), quota (402), then the job. A retried request (the same Idempotency-Key, or the same body within
    /// <see cref="UnkeyedRequestWindow"/>) finishes and returns the job of the first, and uses no second unit of the quota.
    /// </summary>
    public async Task<Job> CreateAsync(long userId, JobPostingRequest request, string? idempotencyKey, CancellationToken ct = default)
    {
        if (idempotencyKey?.Length > MaxIdempotencyKeyLength)
            throw PlatformException.Invalid("Invalid Idempotency-Key", $"The Idempotency-Key header has at most {MaxIdempotencyKeyLength} characters.");
        var errors = new FieldErrors();
        var draft = Draft.Check(request, null, errors);
        if (request.Company is <= 0) errors.Add("company", $"Invalid pk \"{request.Company}\" - object does not exist.");
        errors.ThrowIfAny();

        var companyId = request.Company ?? await companies.CompanyOfRecruiterAsync(userId, ct)
            ?? throw PlatformException.Forbidden("Only recruiters of a company may post jobs.");
        var company = await companies.FindAsync(companyId, ct);
        if (company is null && request.Company is not null)
            throw PlatformException.InvalidFields(new Dictionary<string, string> { ["company"] = $"Invalid pk \"{companyId}\" - object does not exist." });
        if (company?.RoleOf(userId) is null) throw PlatformException.Forbidden("You do not have permission to post jobs for this company.");
        var recruiter = await accounts.GetAsync(userId, ct);

        var fingerprint = draft.Fingerprint(companyId) + (request.Talent is null ? "" : Hash(JsonSerializer.Serialize(request.Talent)));
        var jobId = await ClaimAsync(userId, idempotencyKey, fingerprint, ct);
        await quotas.TakeAsync(userId, QuotaKind.JobPostings, Fact(jobId), ct);
        var now = clock.GetUtcNow();
        var posting = draft.Posting(company, now) with { Company = Snapshot(company), Recruiter = Snapshot(recruiter) };
        var job = Platform(new Job(JobService.Key(jobId), jobId, userId, "", "", "", "", "", "", "", "", Industry(company, recruiter), "", now)
            { Posting = posting, Talent = request.Talent }, draft, company);
        job = await CountAsync(await jobs.PublishAsync(job, ct), ct);
        await matches.JobChangedAsync(jobId, ct);
        foreach (var observer in observers) await observer.JobPostedAsync(job, ct);
        return job;
    }

    /// <summary>A Recruitment job by id, open or closed; a Nexus job or an unknown id is a 404.</summary>
    public Task<Job> GetAsync(long jobId, CancellationToken ct = default) => access.RecruitmentJobAsync(jobId, ct);

    /// <summary>
    /// Changes the fields sent, for the job's recruiter or an owner or admin of its company (403 for anyone else). The
    /// company's and recruiter's copies on the job are refreshed, and so are the job's copies in its lists.
    /// </summary>
    public async Task<Job> UpdateAsync(long userId, long jobId, JobPostingRequest changes, CancellationToken ct = default)
    {
        var (job, company) = await AuthorizeAsync(userId, jobId, ct);
        if (changes.Company is not null && changes.Company != job.Posting!.CompanyId)
            throw PlatformException.InvalidFields(new Dictionary<string, string> { ["company"] = "A job's company cannot change." });
        var recruiter = await accounts.FindAsync(job.PosterId, ct);
        var updated = await store.ReplaceAsync<Job>(Containers.Jobs, job.Id, job.Id, current =>
        {
            var errors = new FieldErrors();
            var draft = Draft.Check(changes, current, errors);
            errors.ThrowIfAny();
            var posting = draft.Posting(company, clock.GetUtcNow()) with
            {
                IsActive = current.Posting!.IsActive, Counted = current.Posting.Counted, Company = Snapshot(company),
                Recruiter = recruiter is null ? current.Posting.Recruiter : Snapshot(recruiter),
            };
            return Platform(current with { Posting = posting, Talent = changes.Talent ?? current.Talent }, draft, company);
        }, ct) ?? throw PlatformException.NotFound("Not found.");
        await listings.ReplaceAsync(updated, ct);
        await matches.JobChangedAsync(jobId, ct);
        return updated;
    }

    /// <summary>
    /// Closes the job (document 003's soft delete), for those who may edit it: inactive, out of every list, off the
    /// active-job counters, and each <see cref="IJobPostingObserver"/> told. Closing a closed job changes nothing, and a
    /// retry finishes what a first attempt left undone.
    /// </summary>
    public async Task CloseAsync(long userId, long jobId, CancellationToken ct = default)
    {
        var (job, _) = await AuthorizeAsync(userId, jobId, ct);
        if (job.Posting!.IsActive)
            job = await store.ReplaceAsync<Job>(Containers.Jobs, job.Id, job.Id, current =>
                current with { Posting = current.Posting! with { IsActive = false, UpdatedAt = clock.GetUtcNow() } }, ct) ?? job;
        await listings.RemoveAsync(job, ct);
        var posting = job.Posting!;
        await counts.UncountAsync(Fact(jobId), posting.Counted, Counters(job), ct);
        await statistics.UncountAsync(Fact(jobId), posting.Counted, OpenJob, ct);
        if (posting.Counted)
            job = await store.PatchAsync<Job>(Containers.Jobs, job.Id, job.Id, [PatchOperation.Set("/posting/counted", false)], ct) ?? job;
        foreach (var observer in observers) await observer.JobClosedAsync(job, ct);
        await matches.JobChangedAsync(jobId, ct);
    }

    /// <summary>
    /// The public job search, newest first: Recruitment jobs only, the active ones unless is_active says otherwise. One
    /// capped cross-partition query for the ordered ids of the matches, and a point read per job of the page.
    /// </summary>
    public Task<Page<Job>> SearchAsync(JobFilters filters, PageRequest page, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var conditions = new List<string> { "c.posting.is_active = @active" };
        var parameters = new List<(string, object)> { ("@active", FilterValues.Boolean(filters.IsActive, "is_active", errors) ?? true) };
        void Add(string condition, string name, object? value)
        {
            if (value is null) return;
            conditions.Add(condition);
            parameters.Add((name, value));
        }
        Add("(CONTAINS(LOWER(c.title), @search) OR CONTAINS(LOWER(c.description), @search))", "@search", Text(filters.Search, "search", errors));
        Add("CONTAINS(LOWER(c.posting.location), @location)", "@location", Text(filters.Location, "location", errors));
        Add("c.posting.category_id = @category", "@category", Choice(filters.Category, "category", t => Id(t) is { } id ? JobCatalog.Category(id) : null, errors)?.Id);
        Add("c.posting.job_type_id = @jobType", "@jobType", Choice(filters.JobType, "job_type",
            t => JobCatalog.JobTypes.FirstOrDefault(j => string.Equals(j.Code, t, StringComparison.OrdinalIgnoreCase)), errors)?.Id);
        Add("c.posting.experience_level = @level", "@level", Choice(filters.ExperienceLevel, "experience_level", JobCatalog.ExperienceLevel, errors));
        Add("c.posting.salary_min >= @minSalary", "@minSalary", Amount(filters.MinSalary, "min_salary", errors));
        Add("c.posting.salary_max <= @maxSalary", "@maxSalary", Amount(filters.MaxSalary, "max_salary", errors));
        errors.ThrowIfAny();
        return store.PageAsync<Job>(Containers.Jobs, string.Join(" AND ", conditions), "c.created_at DESC", parameters, page, ct);
    }

    /// <summary>
    /// Copies a company's new name, logo or description onto its active jobs and their list copies; the feature that
    /// changes a company tells every <see cref="ICompanyObserver"/>. Reaches the company's newest
    /// <see cref="PageRequest.MaxReach"/> active jobs.
    /// </summary>
    public async Task CompanyChangedAsync(Company company, CancellationToken ct = default)
    {
        foreach (var listed in await listings.OfCompanyAsync(company.CompanyId, PageRequest.MaxReach, ct))
        {
            var updated = await store.ReplaceAsync<Job>(Containers.Jobs, listed.Id, listed.Id, current =>
                current with { Organization = company.Name, Posting = current.Posting! with { Company = Snapshot(company) } }, ct);
            if (updated is not null) await listings.ReplaceAsync(updated, ct);
        }
    }

    /// <summary>The job's id as a fact of the quota and of the active-job counters.</summary>
    public static string Fact(long jobId) => "job:" + JobService.Key(jobId);

    public static JobCompany Snapshot(Company company) => new(company.CompanyId, company.Name, company.Logo, company.Description);

    public static JobRecruiter Snapshot(Account account) =>
        new(account.UserId, account.Username, account.FullName());

    private async Task<(Job Job, Company Company)> AuthorizeAsync(long userId, long jobId, CancellationToken ct)
    {
        var job = await GetAsync(jobId, ct);
        var company = await companies.GetAsync(job.Posting!.CompanyId, ct);
        if (!JobAccess.Manages(userId, job.PosterId, company))
            throw PlatformException.Forbidden("You do not have permission to perform this action.");
        return (job, company);
    }

    /// <summary>Counts an open job on its company's and recruiter's active jobs, then marks it counted.</summary>
    private async Task<Job> CountAsync(Job job, CancellationToken ct)
    {
        if (job.Posting is not { IsActive: true, Counted: false }) return job;
        await counts.CountAsync(Fact(job.JobId), Counters(job), ct);
        await statistics.CountAsync(Fact(job.JobId), OpenJob, ct);
        return await store.PatchAsync<Job>(Containers.Jobs, job.Id, job.Id, [PatchOperation.Set("/posting/counted", true)], ct) ?? job;
    }

    /// <summary>An open Recruitment job on the platform's figures, counted and taken back with the job's own counters.</summary>
    private static readonly (string, long)[] OpenJob = [(Figures.ActiveJobs, 1)];

    private static CounterTarget[] Counters(Job job) =>
        [CompanyService.ActiveJobsCounter(job.Posting!.CompanyId), CompanyService.RecruiterActiveJobsCounter(job.PosterId)];

    /// <summary>
    /// The job id a create request stands for: a new one, or the one of the same request made before. The claim is a
    /// document in the jobs container ("request:{user}:{hash of the key}") naming the job id before the job exists.
    /// </summary>
    private async Task<long> ClaimAsync(long userId, string? idempotencyKey, string fingerprint, CancellationToken ct)
    {
        var keyed = !string.IsNullOrWhiteSpace(idempotencyKey);
        var window = keyed ? KeyedRequestWindow : UnkeyedRequestWindow;
        var id = string.Create(CultureInfo.InvariantCulture, $"request:{userId}:{Hash(keyed ? "key:" + idempotencyKey : fingerprint)}");
        var now = clock.GetUtcNow();
        var claim = new CreateClaim(id, userId, await ids.NextAsync("jobs", ct), fingerprint, now, (int)window.TotalSeconds);
        if (await store.TryCreateAsync(Containers.Jobs, claim, id, ct)) return claim.JobId;
        var stored = await store.ReplaceAsync<CreateClaim>(Containers.Jobs, id, id, earlier => earlier.CreatedAt + window < now ? claim : earlier, ct)
            ?? throw PlatformException.Conflict("The request is changing, try again");
        if (stored.Fingerprint != fingerprint)
            throw PlatformException.Conflict("Idempotency-Key already used", "This Idempotency-Key was used for another job; send a new key.");
        return stored.JobId;
    }

    private sealed record CreateClaim(string Id, long UserId, long JobId, string Fingerprint, DateTimeOffset CreatedAt, int Ttl);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The platform job's own fields, from the posting: how the job reads on the Nexus surface and to its notifications.</summary>
    private static Job Platform(Job job, Draft draft, Company company) => job with
    {
        Title = draft.Title, Organization = company.Name, EmploymentType = draft.JobType.Code, WorkType = draft.WorkType,
        Country = Country(draft.Location), Salary = SalaryText(draft.SalaryMin, draft.SalaryMax), Overview = Clip(draft.Description, JobService.MaxOverviewLength),
        Description = draft.Description, ExperienceLevel = JobCatalog.PlatformExperienceLevel(draft.ExperienceLevel),
    };

    /// <summary>The company's industry when it is one of the platform's, else the recruiter's, else "others".</summary>
    private static string Industry(Company company, Account recruiter) =>
        Choices.Canonical("industry", company.Industry)
        ?? (string.IsNullOrEmpty(recruiter.Industry) ? null : recruiter.Industry)
        ?? "others";

    /// <summary>The country of a location: its last part ("Paris, France" is in France).</summary>
    private static string Country(string location) => Clip(location.Split(',').Select(p => p.Trim()).LastOrDefault(p => p.Length > 0) ?? location,
        JobService.MaxCountryLength);

    private static string SalaryText(decimal? min, decimal? max) => (min, max) switch
    {
        ({ } low, { } high) => string.Create(CultureInfo.InvariantCulture, $"{low:0.##} - {high:0.##}"),
        ({ } low, null) => string.Create(CultureInfo.InvariantCulture, $"From {low:0.##}"),
        (null, { } high) => string.Create(CultureInfo.InvariantCulture, $"Up to {high:0.##}"),
        _ => "Not specified",
    };

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    private static string? Text(string? text, string field, FieldErrors errors) => FilterValues.Text(text, field, MaxSearchLength, errors);

    private static T? Choice<T>(string? text, string field, Func<string, T?> find, FieldErrors errors) where T : class
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var found = find(text.Trim());
        if (found is null) errors.Add(field, "Select a valid choice. That choice is not one of the available choices.");
        return found;
    }

    private static decimal? Amount(string? text, string field, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value <= MaxSalary)
            return value;
        errors.Add(field, "Enter a number.");
        return null;
    }

    private static long? Id(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>A posting's fields, checked: a create's as sent, an edit's merged over the stored job.</summary>
    private sealed record Draft(string Title, CatalogEntry Category, CatalogEntry JobType, string Location, decimal? SalaryMin, decimal? SalaryMax,
        string ExperienceLevel, string Description, IReadOnlyList<string> Requirements, IReadOnlyList<string> Benefits, IReadOnlyList<string> Skills,
        string WorkType)
    {
        public static Draft Check(JobPostingRequest request, Job? current, FieldErrors errors)
        {
            var posting = current?.Posting;
            var title = FieldRules.Required(request.Title, current?.Title, "title", JobService.MaxTitleLength, errors);
            var location = FieldRules.Required(request.Location, posting?.Location, "location", MaxLocationLength, errors);
            var description = FieldRules.Required(request.Description, current?.Description, "description", JobService.MaxDescriptionLength, errors);

            var category = request.Category is { } categoryId ? JobCatalog.Category(categoryId) : posting is null ? null : JobCatalog.Category(posting.CategoryId);
            if (request.Category is { } unknownCategory && category is null)
                errors.Add("category", $"Invalid pk \"{unknownCategory}\" - object does not exist.");
            else if (category is null) errors.Add("category", "This field is required.");

            var jobType = request.JobType is { } sent ? JobCatalog.JobType(sent) : posting is null ? null : JobCatalog.JobType(posting.JobTypeId);
            if (request.JobType is { } unknownType && jobType is null)
                errors.Add("job_type", $"Invalid pk \"{unknownType}\" - object does not exist. Send a job type's id or code ({string.Join(", ", JobCatalog.JobTypes.Select(t => t.Code))}).");
            else if (jobType is null) errors.Add("job_type", "This field is required.");

            var level = request.ExperienceLevel is { } levelText ? JobCatalog.ExperienceLevel(levelText) : posting?.ExperienceLevel;
            if (request.ExperienceLevel is { } unknownLevel && level is null)
                errors.Add("experience_level", $"\"{unknownLevel}\" is not a valid choice. Valid options: {string.Join(", ", JobCatalog.ExperienceLevels)}.");
            else if (string.IsNullOrEmpty(level)) errors.Add("experience_level", "This field is required.");

            var workType = request.WorkType is { } workText ? Choices.Check("work_type", workText, errors) : current?.WorkType;
            var salaryMin = Salary(request.SalaryMin ?? posting?.SalaryMin, "salary_min", errors);
            var salaryMax = Salary(request.SalaryMax ?? posting?.SalaryMax, "salary_max", errors);
            if (salaryMin > salaryMax) errors.Add("salary_min", "Ensure salary_min is less than or equal to salary_max.");

            return new Draft(title, category!, jobType!, location, salaryMin, salaryMax, level ?? "", description,
                List(request.Requirements, posting?.Requirements, "requirements", errors), List(request.Benefits, posting?.Benefits, "benefits", errors),
                List(request.Skills, posting?.Skills, "skills", errors),
                string.IsNullOrEmpty(workType) ? (location.Contains("remote", StringComparison.OrdinalIgnoreCase) ? "remote" : "onsite") : workType);
        }

        public JobPosting Posting(Company company, DateTimeOffset now) =>
            new(company.CompanyId, Category.Id, JobType.Id, Clip(CompanyService.Slug($"{Title} {company.Name}"), 250), Location, SalaryMin, SalaryMax,
                Requirements, Benefits, Skills, IsActive: true, now) { ExperienceLevel = ExperienceLevel };

        /// <summary>What makes two creates the same request when no Idempotency-Key names it.</summary>
        public string Fingerprint(long companyId) => Hash(JsonSerializer.Serialize(new
        {
            companyId, Title, category = Category.Id, jobType = JobType.Id, Location, SalaryMin, SalaryMax, ExperienceLevel, Description,
            Requirements, Benefits, Skills, WorkType,
        }));

        private static decimal? Salary(decimal? value, string field, FieldErrors errors)
        {
            if (value < 0) errors.Add(field, "Ensure this value is greater than or equal to 0.");
            else if (value > MaxSalary) errors.Add(field, $"Ensure this value is less than or equal to {MaxSalary:0}.");
            return value;
        }

        private static IReadOnlyList<string> List(IReadOnlyList<string>? sent, IReadOnlyList<string>? current, string field, FieldErrors errors)
        {
            var items = (sent ?? current ?? []).Select(i => i.Trim()).ToList();
            if (items.Count > MaxListItems) errors.Add(field, $"Ensure this field has no more than {MaxListItems} elements.");
            else if (items.Any(i => i.Length == 0)) errors.Add(field, "This field may not be blank.");
            else if (items.Any(i => i.Length > MaxListItemLength)) errors.Add(field, $"Ensure each item has no more than {MaxListItemLength} characters.");
            return items;
        }
    }
}
