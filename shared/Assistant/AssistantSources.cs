using System.Globalization;
using System.Text;
using CareerNexus.Storage;
using CareerNexus.TalentProfiles;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Assistant;

/// <summary>
/// The candidate profiles an agent search ranks: one capped cross-partition query of talent_profiles, at most
/// <see cref="MaxRead"/> profiles, the most recently updated of those that pass what the query itself can check (available;
/// public, for a caller who may not see the others; a work visa or relocation when asked; one of the skills asked, by the
/// platform's names, in the verified or the parsed skills). The engine checks the rest.
/// </summary>
public sealed class SearchPool(DocumentStore store)
{
    public const int MaxRead = 1000;

    /// <summary>The skills the query filters on (a query naming more filters on the first ones; the engine weighs them all).</summary>
    private const int MaxFilterSkills = 10;

    private const string Fields = "c.id, c.partition, c.kind, c.profile_id, c.slug, c.user_id, c.email, c.first_name, c.last_name, c.resume_data, "
                                  + "c.verified_data, c.verified_at, c.willing_to_relocate, c.employment_type_preferences, c.work_mode_preferences, "
                                  + "c.has_workvisa, c.expected_salary_range, c.is_available, c.is_public, c.updated_at";

    public async Task<IReadOnlyList<TalentProfile>> ProfilesAsync(SearchCriteria criteria, bool publicOnly, CancellationToken ct = default)
    {
        var where = new StringBuilder("c.kind = @kind AND c.is_available = true");
        var query = new List<(string Name, object Value)> { ("@kind", TalentProfile.Type) };
        if (publicOnly) where.Append(" AND c.is_public = true");
        if (criteria.WorkVisa) where.Append(" AND c.has_workvisa = true");
        if (criteria.Relocation && criteria.Location is null) where.Append(" AND c.willing_to_relocate = true");
        var skills = criteria.Skills.Take(MaxFilterSkills).ToList();
        if (skills.Count > 0)
        {
            var any = skills.SelectMany((skill, i) =>
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@skill{i}");
                query.Add((name, skill));
                return new[] { $"ARRAY_CONTAINS(c.verified_data.skills, {name})", $"ARRAY_CONTAINS(c.resume_data.skills, {name})" };
            });
            where.Append(" AND (").Append(string.Join(" OR ", any)).Append(')');
        }
        var definition = new QueryDefinition($"SELECT TOP {MaxRead} {Fields} FROM c WHERE {where} ORDER BY c.updated_at DESC");
        foreach (var (name, value) in query) definition = definition.WithParameter(name, value);
        return await store.QueryListAsync<TalentProfile>(Containers.TalentProfiles, definition, take: MaxRead, ct: ct);
    }
}

/// <summary>
/// The jobs open on the platform that the career coach compares a resume with: one capped cross-partition query, the newest
/// <see cref="MaxRead"/> open jobs of any surface that carry a posting (Recruitment postings and Talent job posts), with only
/// the fields the coach reads.
/// </summary>
public sealed class OpenJobs(DocumentStore store)
{
    public const int MaxRead = 300;

    public async Task<IReadOnlyList<PostedJob>> NewestAsync(CancellationToken ct = default)
    {
        var query = new QueryDefinition($"SELECT TOP {MaxRead} c.job_id, c.title, c.organization, c.employment_type, c.experience_level, c.description, "
                                        + "c.posting.skills AS skills, c.posting.location AS location, c.posting.salary_min AS salary_min, "
                                        + "c.posting.salary_max AS salary_max, c.posting.experience_level AS posting_level, c.posting.company.name AS company "
                                        + "FROM c WHERE IS_DEFINED(c.posting) AND c.posting != null AND c.posting.is_active = true ORDER BY c.job_id DESC");
        var rows = await store.QueryListAsync<JobRow>(Containers.Jobs, query, take: MaxRead, ct: ct);
        return rows.Select(r => new PostedJob(r.JobId, r.Title ?? "", r.Company ?? r.Organization ?? "", r.Skills ?? [],
            r.PostingLevel is { Length: > 0 } level ? level : r.ExperienceLevel ?? "", r.Location ?? "", r.EmploymentType ?? "", r.SalaryMin, r.SalaryMax,
            r.Description ?? "")).ToList();
    }

    private sealed record JobRow(long JobId, string? Title, string? Organization, string? EmploymentType, string? ExperienceLevel, string? Description,
        IReadOnlyList<string>? Skills, string? Location, decimal? SalaryMin, decimal? SalaryMax, string? PostingLevel, string? Company);
}
