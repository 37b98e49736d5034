using System.Globalization;
using System.Text;
using CareerNexus.Matching;

namespace CareerNexus.Assistant;

/// <summary>One candidate an agent search found: the engine's score, the skills asked that they have and lack, their years, and why they fit.</summary>
public sealed record SearchMatch(CandidateFacts Candidate, double Score, IReadOnlyList<string> MatchedSkills, IReadOnlyList<string> MissingSkills,
    double Years, double? YearsWithSkill, bool MeetsYears, IReadOnlyList<string> Reasons);

/// <summary>What a search did: the best candidates, how many profiles it read, how many it left out and why, and its reasoning.</summary>
public sealed record SearchOutcome(SearchCriteria Criteria, IReadOnlyList<SearchMatch> Matches, int Considered, IReadOnlyDictionary<string, int> LeftOut,
    string Reasoning);

/// <summary>
/// The agent search's ranking: available candidates only; those who fail a must (a work visa asked, relocation, a work mode
/// or contract type they do not want, none of the skills asked) are left out, and the rest ranked by how many of the
/// skills asked they have, then whether they have the years asked, then the matching engine's score for a job made of the
/// criteria (<see cref="SearchCriteria.AsJob"/>), then their id. Deterministic: the same pool, criteria and day give the
/// same answer.
/// </summary>
public static class CandidateSearch
{
    /// <summary>At most this many candidates in an answer (a query may ask for fewer: "find 5").</summary>
    public const int MaxResults = 20;

    public static SearchOutcome Rank(SearchCriteria criteria, string query, IEnumerable<CandidateFacts> pool, DateOnly today, string? poolNote = null)
    {
        var scorer = MatchEngine.Prepare(criteria.AsJob(query), today);
        var leftOut = new Dictionary<string, int>();
        var kept = new List<(SearchMatch Match, int Skills)>();
        var considered = 0;
        foreach (var candidate in pool)
        {
            if (!candidate.IsAvailable) continue;
            considered++;
            if (Refusal(criteria, candidate) is { } reason)
            {
                leftOut[reason] = leftOut.GetValueOrDefault(reason) + 1;
                continue;
            }
            var match = Match(criteria, candidate, scorer, today);
            kept.Add((match, match.MatchedSkills.Count));
        }
        var limit = Math.Clamp(criteria.Count ?? MaxResults, 1, MaxResults);
        var best = kept.OrderByDescending(k => k.Skills).ThenByDescending(k => k.Match.MeetsYears).ThenByDescending(k => k.Match.Score)
            .ThenBy(k => k.Match.Candidate.CandidateId).Take(limit).Select(k => k.Match).ToList();
        return new SearchOutcome(criteria, best, considered, leftOut, Reasoning(criteria, best, kept.Count, considered, leftOut, poolNote));
    }

    /// <summary>Why a candidate cannot fit at all, or null.</summary>
    private static string? Refusal(SearchCriteria criteria, CandidateFacts candidate)
    {
        if (criteria.WorkVisa && !candidate.HasWorkVisa) return "without a work visa";
        if (criteria.Location is { } place && !IsBasedIn(candidate, place) && !candidate.WillingToRelocate)
            return $"based outside {place} and not willing to relocate";
        if (criteria.Relocation && criteria.Location is null && !candidate.WillingToRelocate) return "not willing to relocate";
        if (criteria.WorkMode is { } mode && candidate.WorkModes.Count > 0 && !candidate.WorkModes.Any(m => MatchText.SameCode(m, mode)))
            return $"not open to {mode} work";
        if (criteria.ContractType is { } contract && candidate.EmploymentTypes.Count > 0
            && !candidate.EmploymentTypes.Any(t => MatchText.SameCode(t, contract)))
            return $"not open to {contract} contracts";
        if (criteria.Skills.Count > 0 && !criteria.Skills.Any(candidate.Has)) return "with none of the skills asked";
        return null;
    }

    private static SearchMatch Match(SearchCriteria criteria, CandidateFacts candidate, JobScorer scorer, DateOnly today)
    {
        var score = scorer.Score(candidate.ForMatching());
        var matched = criteria.Skills.Where(candidate.Has).ToList();
        var missing = criteria.Skills.Where(s => !candidate.Has(s)).ToList();
        var years = candidate.YearsOfExperience(today);
        var withSkill = criteria.YearsSkill is { } skill ? candidate.YearsWith(skill, today) : null;
        var counted = withSkill ?? years;
        var meets = criteria.MinimumYears is not { } minimum || counted >= minimum;

        var reasons = new List<string>();
        if (matched.Count > 0) reasons.Add($"has {Phrasing.And(matched)}");
        if (missing.Count > 0) reasons.Add($"lacks {Phrasing.And(missing)}");
        if (criteria.MinimumYears is { } asked)
        {
            var what = criteria.YearsSkill is { } s && withSkill is not null ? $"with {s}" : "of experience";
            var note = criteria.YearsSkill is not null && withSkill is null ? $" (no job names {criteria.YearsSkill}: years overall)" : "";
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"{Phrasing.Years(counted)} {what}{note}, {(meets ? "meeting" : "below")} the {asked:0.#} asked"));
        }
        else if (years > 0) reasons.Add($"{Phrasing.Years(years)} of experience");
        if (candidate.CurrentRole is { } role && role.Position.Length > 0) reasons.Add($"{(role.IsCurrent ? "now" : "last")} {role.Describe()}");
        if (criteria.WorkMode is { } mode)
            reasons.Add(candidate.WorkModes.Count > 0 ? $"open to {mode} work" : "work mode not stated");
        if (criteria.Location is { } place)
            reasons.Add(IsBasedIn(candidate, place) ? $"based in {candidate.Location}" : $"willing to relocate to {place}{(candidate.Location.Length > 0 ? $" from {candidate.Location}" : "")}");
        else if (criteria.Relocation) reasons.Add("willing to relocate");
        if (criteria.ContractType is { } contract)
            reasons.Add(candidate.EmploymentTypes.Count > 0 ? $"open to {contract}" : "contract type not stated");
        if (criteria.WorkVisa) reasons.Add("holds a work visa");
        reasons.Add($"from the candidate's {candidate.Basis}");
        return new SearchMatch(candidate, score.Score, matched, missing, Math.Round(years, 1), withSkill is { } w ? Math.Round(w, 1) : null, meets, reasons);
    }

    /// <summary>Whether the candidate lives in the place: the same city or country, by the text or by the city's country.</summary>
    public static bool IsBasedIn(CandidateFacts candidate, string place)
    {
        if (candidate.Location.Length == 0) return false;
        var where = Phrasing.Fold(candidate.Location);
        var asked = Phrasing.Fold(place);
        if (where.Split([',', '/', '-', '(', ')'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Any(p => p == asked)) return true;
        var city = where.Split(',')[0].Trim();
        return MatchData.Shared.PlaceOf(city) is { } known && Phrasing.Fold(known.Country) == asked;
    }

    private static string Reasoning(SearchCriteria criteria, IReadOnlyList<SearchMatch> best, int fitting, int considered,
        IReadOnlyDictionary<string, int> leftOut, string? poolNote)
    {
        var text = new StringBuilder();
        text.Append("Criteria understood: ").Append(criteria.IsEmpty ? "none beyond availability (every available profile is ranked)" : criteria.Describe()).Append(". ");
        text.Append(CultureInfo.InvariantCulture, $"Searched {considered} available profile{(considered == 1 ? "" : "s")}");
        if (poolNote is not null) text.Append(" (").Append(poolNote).Append(')');
        text.Append(". ");
        if (best.Count == 0) text.Append("No candidate fits.");
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"Found {fitting} candidate{(fitting == 1 ? "" : "s")} matching criteria");
            if (fitting > best.Count) text.Append(CultureInfo.InvariantCulture, $", showing the best {best.Count}");
            text.Append(": ");
            text.Append(string.Join(" ", best.Select((m, i) => string.Create(CultureInfo.InvariantCulture,
                $"{i + 1}. {(m.Candidate.Name.Length > 0 ? m.Candidate.Name : m.Candidate.Slug)} (score {m.Score:0.#}/100): {string.Join("; ", m.Reasons)}."))));
        }
        if (leftOut.Count > 0)
            text.Append(" Left out: ").Append(string.Join(", ", leftOut.OrderByDescending(l => l.Value).ThenBy(l => l.Key, StringComparer.Ordinal)
                .Select(l => $"{l.Value} {l.Key}"))).Append('.');
        return text.ToString();
    }
}
