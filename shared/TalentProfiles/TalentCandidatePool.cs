using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using CareerNexus.Jobs;
using CareerNexus.Matching;
using CareerNexus.Ranking;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.TalentProfiles;

/// <summary>
/// Document 004's candidate profiles as a ranking pool: every available profile with verified or parsed resume data, read
/// verified data first. Its version is a stamp every change that can move a ranking replaces (a profile made, changed,
/// parsed, verified, deleted or erased), so a job ranked before the change may be ranked again: one point read.
/// </summary>
public sealed class TalentCandidatePool(DocumentStore store, TimeProvider clock) : ICandidatePool
{
    /// <summary>Profiles per query: few queries for a large pool, pages Cosmos returns whole.</summary>
    public const int PageSize = 1000;

    private const string MarkerPartition = "pool";

    /// <summary>Tells the pool that a candidate changed; called after the change is written.</summary>
    public Task ChangedAsync(CancellationToken ct = default) =>
        store.UpsertAsync(Containers.TalentProfiles, new Marker(MarkerPartition, MarkerPartition, Guid.NewGuid().ToString("N"), clock.GetUtcNow()),
            MarkerPartition, ct);

    public async Task<string> VersionAsync(CancellationToken ct) =>
        "talent:" + ((await store.ReadAsync<Marker>(Containers.TalentProfiles, MarkerPartition, MarkerPartition, ct))?.Document.Stamp ?? "0");

    public async IAsyncEnumerable<PoolCandidate> CandidatesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        long after = 0;
        while (true)
        {
            var profiles = await store.QueryListAsync<TalentProfile>(Containers.TalentProfiles, new QueryDefinition(
                    $"SELECT TOP {PageSize} * FROM c WHERE c.kind = @kind AND c.is_available = true AND c.profile_id > @after ORDER BY c.profile_id")
                .WithParameter("@kind", TalentProfile.Type).WithParameter("@after", after), take: PageSize, ct: ct);
            foreach (var profile in profiles)
                if (TalentMatchInput.From(profile, today) is { } candidate) yield return candidate;
            if (profiles.Count < PageSize) yield break;
            after = profiles[^1].ProfileId;
        }
    }

    private sealed record Marker(string Id, string Partition, string Stamp, DateTimeOffset ChangedAt);
}

/// <summary>
/// A candidate profile as the matching engine scores it: the verified data where the candidate gave it (skills, jobs,
/// location), the parsed resume for the rest (dates of jobs, studies, summary), and the preferences (contract types, the
/// low end of the expected salary). Null for a profile with neither verified nor parsed data: there is nothing to rank by.
/// </summary>
public static partial class TalentMatchInput
{
    public const string VerifiedBasis = "verified profile";
    public const string ResumeBasis = "parsed resume";

    public static PoolCandidate? From(TalentProfile profile, DateOnly today)
    {
        var (verified, resume) = (profile.VerifiedData, profile.ResumeData);
        if (verified is null && resume is null) return null;
        var resumeJobs = (resume?.Experience ?? []).Select(e => (e.Company, Job: Month(e.StartDate, first: true) is { } start
            ? new MatchExperience(e.Position ?? "", start, e.IsCurrent ? null : Month(e.EndDate, first: false), "", e.Description ?? "")
            : null)).ToList();
        var jobs = resumeJobs.Where(j => j.Job is not null).Select(j => j.Job!).ToList();
        if (verified is { WorkExperience.Count: > 0 })
        {
            // A confirmed job takes its dates from the resume's job at the same company, else it is laid back from the day of
            // verifying by its duration ("2 years"), the latest first.
            var cursor = profile.VerifiedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : today;
            jobs = [];
            foreach (var job in verified.WorkExperience)
            {
                var known = resumeJobs.FirstOrDefault(r => r.Job is not null && string.Equals(r.Company?.Trim(), job.Company?.Trim(), StringComparison.OrdinalIgnoreCase)).Job;
                if (known is not null) jobs.Add(known with { Position = job.Position ?? known.Position });
                else if (DurationMonths(job.Duration) is { } months)
                {
                    jobs.Add(new MatchExperience(job.Position ?? "", cursor.AddMonths(-months), cursor, "", job.Description ?? ""));
                    cursor = cursor.AddMonths(-months);
                }
            }
        }
        var skills = verified is { Skills.Count: > 0 } ? verified.Skills : resume?.Skills ?? [];
        var studies = (resume?.Education ?? []).Select(e => $"{e.Degree} {e.Field}".Trim()).Where(s => s.Length > 0).ToList();
        var location = verified?.Location ?? resume?.Location ?? "";
        var input = new MatchCandidate(profile.UserId, skills, jobs, studies, [], resume?.Summary ?? "", location, null, null,
            TalentJobService.SalaryRange(profile.ExpectedSalaryRange).Low, profile.EmploymentTypePreferences.Select(t => t.Replace('-', '_')).ToList());
        return new PoolCandidate(profile.UserId, input, verified is null ? ResumeBasis : VerifiedBasis, profile.Slug);
    }

    /// <summary>A resume's date ("2020-03", or "2020": January as a start, December as an end).</summary>
    public static DateOnly? Month(string? text, bool first)
    {
        var parts = (text ?? "").Trim().Split('-');
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1950 or > 2100) return null;
        var month = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12
            ? m
            : first ? 1 : 12;
        return new DateOnly(year, month, 1);
    }

    /// <summary>Months a duration names ("2 years", "1 year 3 months", "18 months", "2 ans 6 mois"); null when it names none.</summary>
    public static int? DurationMonths(string? duration)
    {
        int? total = null;
        foreach (Match part in DurationPart().Matches(duration ?? ""))
        {
            var amount = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            var inYears = part.Groups[2].Value.ToLowerInvariant() is ['y', ..] or ['a', ..];
            total = (total ?? 0) + (int)Math.Round(inYears ? amount * 12 : amount);
        }
        return total is > 0 and < 12 * 70 ? total : null;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s*(years?|yrs?|ans?|années?|months?|mos?|mois)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DurationPart();
}
