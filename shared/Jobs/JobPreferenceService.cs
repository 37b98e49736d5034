using System.Globalization;
using System.Text.RegularExpressions;
using CareerNexus.Common;
using CareerNexus.Reference;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Jobs;

/// <summary>
/// Job preferences, one per account in the job_preferences container (by user id), and the accounts a new job
/// should be told about.
/// </summary>
public sealed class JobPreferenceService(DocumentStore store, TimeProvider clock)
{
    /// <summary>Words too common to say that two titles are about the same job.</summary>
    private static readonly HashSet<string> CommonWords = new(StringComparer.OrdinalIgnoreCase) { "and", "the", "for", "with", "from" };

    /// <summary>Replaces the account's preference. The industry is required; other fields left out or empty are not set.</summary>
    public async Task<JobPreference> SetAsync(long userId, PreferenceRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        var title = Optional(request.Title);
        if (title?.Length > JobService.MaxTitleLength) errors.Add("title", $"At most {JobService.MaxTitleLength} characters.");
        var industry = Choices.Require("industry", request.Industry, errors);
        var employmentType = Choices.Check("employment_type", Optional(request.EmploymentType), errors);
        var workType = Choices.Check("work_type", Optional(request.WorkType), errors);
        var experienceLevel = Choices.Check("experience_level", Optional(request.ExperienceLevel), errors);
        errors.ThrowIfAny();

        var preference = new JobPreference(userId, title, employmentType, workType, industry!, experienceLevel, clock.GetUtcNow());
        await store.UpsertAsync(Containers.JobPreferences, Document.Of(preference), Key(userId), ct);
        return preference;
    }

    /// <summary>The account's preference, or null when it has not set one.</summary>
    public async Task<JobPreference?> GetAsync(long userId, CancellationToken ct = default) =>
        (await store.ReadAsync<Document>(Containers.JobPreferences, Key(userId), Key(userId), ct))?.Document.ToPreference();

    /// <summary>
    /// The accounts to tell about a job: their preference has the job's industry, and each other field they set equals
    /// the job's; a title matches when the job's title contains it or shares a word of three or more letters with it
    /// (ignoring case and a few common words). The poster is never among them.
    /// </summary>
    public async IAsyncEnumerable<long> MatchingUsersAsync(Job job, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        // Unset fields are stored empty, so one query leaves only the title to compare here.
        var query = new QueryDefinition(
                "SELECT * FROM c WHERE c.industry = @industry AND c.user_id != @poster"
                + " AND (c.employment_type = '' OR c.employment_type = @employmentType)"
                + " AND (c.work_type = '' OR c.work_type = @workType)"
                + " AND (c.experience_level = '' OR c.experience_level = @experienceLevel)")
            .WithParameter("@industry", job.Industry).WithParameter("@poster", job.PosterId)
            .WithParameter("@employmentType", job.EmploymentType).WithParameter("@workType", job.WorkType)
            .WithParameter("@experienceLevel", job.ExperienceLevel);
        var jobWords = Words(job.Title);
        await foreach (var preference in store.QueryAsync<Document>(Containers.JobPreferences, query, ct: ct))
            if (TitleMatches(preference.Title, job.Title, jobWords)) yield return preference.UserId;
    }

    public static bool TitleMatches(string preferenceTitle, string jobTitle) => TitleMatches(preferenceTitle, jobTitle, Words(jobTitle));

    private static bool TitleMatches(string preferenceTitle, string jobTitle, HashSet<string> jobWords) =>
        preferenceTitle.Length == 0
        || jobTitle.Contains(preferenceTitle, StringComparison.OrdinalIgnoreCase)
        || Words(preferenceTitle).Overlaps(jobWords);

    private static HashSet<string> Words(string text) =>
        WordSeparators.Split(text)
            .Where(w => w.Count(char.IsLetter) >= 3 && !CommonWords.Contains(w))
            .Select(w => w.ToLowerInvariant())
            .ToHashSet();

    private static readonly Regex WordSeparators = new(@"[^\p{L}\p{N}]+", RegexOptions.Compiled);

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Key(long userId) => userId.ToString(CultureInfo.InvariantCulture);

    /// <summary>As stored: unset fields are empty strings, so that queries can compare them.</summary>
    private sealed record Document(string Id, long UserId, string Title, string EmploymentType, string WorkType, string Industry,
        string ExperienceLevel, DateTimeOffset UpdatedAt)
    {
        public static Document Of(JobPreference p) => new(Key(p.UserId), p.UserId, p.Title ?? "", p.EmploymentType ?? "", p.WorkType ?? "",
            p.Industry, p.ExperienceLevel ?? "", p.UpdatedAt);

        public JobPreference ToPreference() => new(UserId, Blank(Title), Blank(EmploymentType), Blank(WorkType), Industry, Blank(ExperienceLevel), UpdatedAt);

        private static string? Blank(string value) => value.Length == 0 ? null : value;
    }
}
