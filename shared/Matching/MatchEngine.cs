using System.Globalization;
using System.Numerics;
using System.Text;

namespace CareerNexus.Matching;

/// <summary>Document 003's weights of the match score; they sum to 100.</summary>
public static class MatchWeights
{
    public const int Skills = 35;
    public const int Experience = 20;
    public const int Technologies = 10;
    public const int Description = 10;
    public const int Location = 10;
    public const int Salary = 8;
    public const int Domain = 5;
    public const int ContractType = 2;

    public const int Total = Skills + Experience + Technologies + Description + Location + Salary + Domain + ContractType;
}

/// <summary>
/// One candidate's score for one job: each sub-score 0-100, and the total, the weighted sum of the sub-scores
/// (rounded to one decimal), so the parts shown always add up to the score shown.
/// </summary>
public readonly record struct MatchBreakdown(double Score, int Skills, int Experience, int Technologies, int Description, int Location, int Salary,
    int Domain, int ContractType, ulong MatchedSkills, double Years);

/// <summary>The words that explain a score: to the candidate, to the recruiter, and the job's skills they have and lack.</summary>
public sealed record MatchExplanation(string Summary, string RecruiterSummary, IReadOnlyList<string> MatchedSkills, IReadOnlyList<string> MissingSkills);

/// <summary>
/// The matching engine. <see cref="Prepare"/> does the job's side once (skills to ids, keywords to weights, the place);
/// the scorer it returns then scores candidates without allocating, reusing its buffers, so one scorer is for one
/// thread at a time. Deterministic: the same job, candidate and day give the same score; no clock is read inside.
/// </summary>
public static class MatchEngine
{
    /// <summary>At most this many of a job's skills count (a job lists far fewer): the matched ones fit in one ulong.</summary>
    public const int MaxJobSkills = 64;

    public static JobScorer Prepare(MatchJob job, DateOnly today, MatchData? data = null) => new(job, today, data ?? MatchData.Shared);

    /// <summary>Years of work in the date ranges, overlaps counted once; an open range runs to today.</summary>
    public static double YearsOfExperience(IReadOnlyList<MatchExperience> experiences, DateOnly today)
    {
        const int maxRanges = 64;
        Span<(int Start, int End)> ranges = stackalloc (int, int)[Math.Min(experiences.Count, maxRanges)];
        var count = 0;
        var now = today.DayNumber;
        for (var i = 0; i < experiences.Count && count < ranges.Length; i++)
        {
            var start = experiences[i].Start.DayNumber;
            var end = Math.Min(experiences[i].End?.DayNumber ?? now, now);
            if (end > start) ranges[count++] = (start, end);
        }
        ranges = ranges[..count];
        ranges.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        long days = 0;
        int? openStart = null, openEnd = null;
        foreach (var (start, end) in ranges)
        {
            if (openEnd is { } e && start <= e)
            {
                openEnd = Math.Max(e, end);
                continue;
            }
            if (openStart is { } s) days += openEnd!.Value - s;
            (openStart, openEnd) = (start, end);
        }
        if (openStart is { } last) days += openEnd!.Value - last;
        return days / 365.25;
    }

    /// <summary>The years of experience a level asks for (document 003's levels and document 002's).</summary>
    public static double ExpectedYears(string level) => level.Trim().ToLowerInvariant() switch
    {
        "intern" or "internship" => 0,
        "entry" or "junior" => 1,
        "mid" or "intermediate" => 3,
        "senior" => 5,
        "lead" => 8,
        "executive" => 10,
        _ => 2,
    };

    /// <summary>Great-circle distance in km.</summary>
    public static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        const double earthKm = 6371.0088;
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * earthKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>The total of rounded sub-scores under the document's weights.</summary>
    public static double Total(int skills, int experience, int technologies, int description, int location, int salary, int domain, int contract) =>
        Math.Round((skills * MatchWeights.Skills + experience * MatchWeights.Experience + technologies * MatchWeights.Technologies
                    + description * MatchWeights.Description + location * MatchWeights.Location + salary * MatchWeights.Salary
                    + domain * MatchWeights.Domain + contract * MatchWeights.ContractType) / (double)MatchWeights.Total, 1, MidpointRounding.AwayFromZero);
}

/// <summary>A job prepared for scoring (see <see cref="MatchEngine"/>).</summary>
public sealed class JobScorer
{
    // BM25 parameters; the average length stands in for a corpus's: a profile of this many words is "normal".
    private const double K1 = 1.2, B = 0.75, AverageLength = 150;

    // A keyword score of 100 means every keyword of the job appears twice in a profile of average length.
    private static readonly double Ceiling = 2 * (K1 + 1) / (2 + K1);
    private const double TitleTermThreshold = 0.35;
    private const double NearKm = 30, FarKm = 1000;

    private readonly MatchData _data;
    private readonly MatchJob _job;
    private readonly int _today;
    private readonly string[] _skillNames;
    private readonly int[] _jobIndexOfSkill;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _otherSkills;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _terms;
    private readonly double[] _termWeights;
    private readonly double _termWeightSum;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _titleTerms;
    private readonly int _titleTermCount;
    private readonly double _expectedYears;
    private readonly bool _anywhere;
    private readonly string _city, _country;
    private readonly Place? _place;

    // Scratch of one scoring: term frequencies and the terms touched, reset after each candidate.
    private readonly int[] _frequencies;
    private readonly int[] _touched;
    private int _touchedCount;

    internal JobScorer(MatchJob job, DateOnly today, MatchData data)
    {
        _data = data;
        _job = job;
        _today = today.DayNumber;
        _jobIndexOfSkill = new int[data.SkillCount];
        Array.Fill(_jobIndexOfSkill, -1);
        var names = new List<string>();
        var others = new Dictionary<string, int>(StringComparer.Ordinal);
        void AddSkill(string name)
        {
            if (names.Count == MatchEngine.MaxJobSkills) return;
            var key = MatchText.SkillKey(name.Trim());
            if (key.Length == 0) return;
            var id = data.SkillId(key);
            if (id >= 0)
            {
                if (_jobIndexOfSkill[id] >= 0) return;
                _jobIndexOfSkill[id] = names.Count;
                names.Add(data.SkillNames[id]);
            }
            else if (others.TryAdd(key, names.Count)) names.Add(name.Trim());
        }
        foreach (var skill in job.Skills) AddSkill(skill);
        // Requirements are phrases ("5+ years Python"): the known skills they name count as required too.
        foreach (var requirement in job.Requirements)
            foreach (var skill in KnownSkillsIn(requirement, data)) AddSkill(skill);
        _skillNames = names.ToArray();
        _otherSkills = others.GetAlternateLookup<ReadOnlySpan<char>>();

        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        var weights = new List<double>();
        void AddTerms(string text, double factor)
        {
            Span<char> buffer = stackalloc char[MatchText.MaxKey];
            var reader = new WordReader(text, buffer);
            while (reader.Next(out var word))
            {
                var weight = data.TermWeight(word) * factor;
                if (weight <= 0) continue;
                var key = new string(word);
                if (terms.TryGetValue(key, out var index)) weights[index] = Math.Max(weights[index], weight);
                else
                {
                    terms.Add(key, weights.Count);
                    weights.Add(weight);
                }
            }
        }
        AddTerms(job.Title, 2);
        foreach (var skill in job.Skills) AddTerms(skill, 1);
        foreach (var requirement in job.Requirements) AddTerms(requirement, 1);
        AddTerms(job.Description, 1);
        _terms = terms.GetAlternateLookup<ReadOnlySpan<char>>();
        _termWeights = weights.ToArray();
        _termWeightSum = weights.Sum();
        _frequencies = new int[weights.Count];
        _touched = new int[weights.Count];

        var titleTerms = new Dictionary<string, int>(StringComparer.Ordinal);
        Span<char> titleBuffer = stackalloc char[MatchText.MaxKey];
        var title = new WordReader(job.Title, titleBuffer);
        while (title.Next(out var word))
            if (titleTerms.Count < 64 && data.TermWeight(word) >= TitleTermThreshold) titleTerms.TryAdd(new string(word), titleTerms.Count);
        _titleTerms = titleTerms.GetAlternateLookup<ReadOnlySpan<char>>();
        _titleTermCount = titleTerms.Count;

        _expectedYears = MatchEngine.ExpectedYears(job.ExperienceLevel);
        var location = job.Location.AsSpan();
        _anywhere = location.Trim().IsEmpty || location.Contains("remote", StringComparison.OrdinalIgnoreCase);
        var (city, country) = MatchText.LocationParts(location);
        _city = city.Of(location).ToString();
        _country = country.Of(location).ToString();
        _place = job.Latitude is { } lat && job.Longitude is { } lon ? new Place(_city, _country, lat, lon) : PlaceOf(_city, data);
    }

    public MatchJob Job => _job;

    /// <summary>The job's skills as the engine counts them (known skills by their canonical names), in order.</summary>
    public IReadOnlyList<string> SkillNames => _skillNames;

    public MatchBreakdown Score(MatchCandidate candidate)
    {
        var skills = SkillsOf(candidate.Skills);
        ulong technologies = 0;
        for (var i = 0; i < candidate.Projects.Count; i++) technologies |= SkillsOf(candidate.Projects[i].Technologies);
        var years = YearsOf(candidate.Experiences);
        var skillsScore = Share(skills);
        var experienceScore = _expectedYears <= 0 || years >= _expectedYears ? 100 : Percent(years / _expectedYears);
        return Breakdown(skillsScore, experienceScore, Share(technologies), DescriptionScore(candidate), LocationScore(candidate),
            SalaryScore(candidate.ExpectedSalary), DomainScore(candidate), ContractScore(candidate), skills, years);
    }

    private static MatchBreakdown Breakdown(int skills, int experience, int technologies, int description, int location, int salary, int domain,
        int contract, ulong matched, double years) =>
        new(MatchEngine.Total(skills, experience, technologies, description, location, salary, domain, contract), skills, experience, technologies,
            description, location, salary, domain, contract, matched, years);

    private double YearsOf(IReadOnlyList<MatchExperience> experiences) =>
        MatchEngine.YearsOfExperience(experiences, DateOnly.FromDayNumber(_today));

    private ulong SkillsOf(IReadOnlyList<string> names)
    {
        ulong mask = 0;
        Span<char> buffer = stackalloc char[MatchText.MaxKey];
        // Indexed loops: foreach over an IReadOnlyList would allocate an enumerator per candidate.
        for (var i = 0; i < names.Count; i++)
        {
            var key = MatchText.SkillKey(names[i], buffer);
            if (key.IsEmpty) continue;
            var id = _data.SkillId(key);
            var index = id >= 0 ? _jobIndexOfSkill[id] : _otherSkills.TryGetValue(key, out var other) ? other : -1;
            if (index >= 0) mask |= 1UL << index;
        }
        return mask;
    }

    private int Share(ulong mask) => _skillNames.Length == 0 ? 100 : Percent(BitOperations.PopCount(mask) / (double)_skillNames.Length);

    private int DescriptionScore(MatchCandidate candidate)
    {
        if (_termWeightSum <= 0) return 100;
        var length = Count(candidate.Bio);
        for (var i = 0; i < candidate.Experiences.Count; i++) length += Count(candidate.Experiences[i].Position) + Count(candidate.Experiences[i].Description);
        for (var i = 0; i < candidate.Projects.Count; i++) length += Count(candidate.Projects[i].Name) + Count(candidate.Projects[i].Description);
        for (var i = 0; i < candidate.Studies.Count; i++) length += Count(candidate.Studies[i]);
        var norm = K1 * (1 - B + B * length / AverageLength);
        double sum = 0;
        for (var i = 0; i < _touchedCount; i++)
        {
            var term = _touched[i];
            var tf = _frequencies[term];
            sum += _termWeights[term] * tf * (K1 + 1) / (tf + norm);
            _frequencies[term] = 0;
        }
        _touchedCount = 0;
        return Percent(sum / (_termWeightSum * Ceiling));
    }

    /// <summary>Counts the text's words, and the job's keywords among them into the scratch frequencies.</summary>
    private int Count(string text)
    {
        Span<char> buffer = stackalloc char[MatchText.MaxKey];
        var reader = new WordReader(text, buffer);
        var words = 0;
        while (reader.Next(out var word))
        {
            words++;
            if (!_terms.TryGetValue(word, out var term)) continue;
            if (_frequencies[term]++ == 0) _touched[_touchedCount++] = term;
        }
        return words;
    }

    private int LocationScore(MatchCandidate candidate)
    {
        if (_anywhere) return 100;
        var location = candidate.Location.AsSpan();
        var (cityRange, countryRange) = MatchText.LocationParts(location);
        var city = cityRange.Of(location);
        var country = countryRange.Of(location);
        if (city.IsEmpty && candidate.Latitude is null) return 25;
        var sameCountry = _country.Length > 0 && (country.Equals(_country, StringComparison.OrdinalIgnoreCase)
                                                  || city.Equals(_country, StringComparison.OrdinalIgnoreCase));
        var text = city.Equals(_city, StringComparison.OrdinalIgnoreCase) ? 100 : sameCountry ? 50 : 0;
        if (_place is null) return text;
        double? lat = candidate.Latitude, lon = candidate.Longitude;
        if (lat is null || lon is null)
        {
            var place = PlaceOf(city, _data);
            if (place is null) return text;
            (lat, lon) = (place.Latitude, place.Longitude);
        }
        var km = MatchEngine.Haversine(_place.Latitude, _place.Longitude, lat.Value, lon.Value);
        var near = km <= NearKm ? 100 : km >= FarKm ? 0 : Percent(1 - (km - NearKm) / (FarKm - NearKm));
        return Math.Max(near, sameCountry ? 50 : 0);
    }

    private int SalaryScore(decimal? expected)
    {
        if (expected is not { } wanted || (_job.SalaryMin is null && _job.SalaryMax is null)) return 50;
        var max = (double)(_job.SalaryMax ?? _job.SalaryMin!.Value * 1.25m);
        var value = (double)wanted;
        if (value <= max) return 100;
        return max <= 0 ? 0 : Percent(1 - (value - max) / (0.5 * max));
    }

    private int DomainScore(MatchCandidate candidate)
    {
        if (candidate.Industry.Length > 0 && _job.Domain.Length > 0 && MatchText.SameCode(candidate.Industry, _job.Domain)) return 100;
        if (_titleTermCount == 0) return 50;
        ulong seen = 0;
        Span<char> buffer = stackalloc char[MatchText.MaxKey];
        for (var i = 0; i < candidate.Experiences.Count; i++) seen |= TitleTerms(candidate.Experiences[i].Position, buffer);
        for (var i = 0; i < candidate.Studies.Count; i++) seen |= TitleTerms(candidate.Studies[i], buffer);
        return Percent(BitOperations.PopCount(seen) / (double)_titleTermCount);
    }

    private ulong TitleTerms(string text, Span<char> buffer)
    {
        ulong mask = 0;
        var reader = new WordReader(text, buffer);
        while (reader.Next(out var word))
            if (_titleTerms.TryGetValue(word, out var index)) mask |= 1UL << index;
        return mask;
    }

    private int ContractScore(MatchCandidate candidate)
    {
        if (_job.JobTypeCode.Length == 0) return 100;
        for (var i = 0; i < candidate.PreferredContractTypes.Count; i++)
            if (MatchText.SameCode(candidate.PreferredContractTypes[i], _job.JobTypeCode)) return 100;
        if (candidate.PreferredContractTypes.Count > 0) return 0;
        for (var i = 0; i < candidate.Experiences.Count; i++)
            if (MatchText.SameCode(candidate.Experiences[i].ContractType, _job.JobTypeCode)) return 100;
        return 50;
    }

    private static int Percent(double share) => (int)Math.Round(Math.Clamp(share, 0, 1) * 100, MidpointRounding.AwayFromZero);

    private static Place? PlaceOf(ReadOnlySpan<char> city, MatchData data)
    {
        Span<char> lower = stackalloc char[MatchText.MaxKey];
        if (city.IsEmpty || city.Length > lower.Length) return null;
        var length = city.ToLowerInvariant(lower);
        return data.PlaceOf(lower[..length]);
    }

    /// <summary>The known skills a phrase names, by runs of up to three words ("spring boot", "ruby on rails").</summary>
    private static IEnumerable<string> KnownSkillsIn(string phrase, MatchData data)
    {
        var words = new List<string>();
        Span<char> buffer = stackalloc char[MatchText.MaxKey];
        var reader = new WordReader(phrase, buffer);
        while (reader.Next(out var word)) words.Add(new string(word));
        var found = new List<string>();
        for (var i = 0; i < words.Count; i++)
            for (var n = Math.Min(3, words.Count - i); n >= 1; n--)
            {
                var id = data.SkillId(string.Concat(words.Skip(i).Take(n)));
                if (id < 0) continue;
                found.Add(data.SkillNames[id]);
                i += n - 1;
                break;
            }
        return found;
    }

    /// <summary>The summaries of a score; built only for scores that are stored, so scoring itself allocates nothing.</summary>
    public MatchExplanation Explain(in MatchBreakdown score)
    {
        var matched = new List<string>();
        var missing = new List<string>();
        for (var i = 0; i < _skillNames.Length; i++) (((score.MatchedSkills >> i) & 1) == 1 ? matched : missing).Add(_skillNames[i]);
        var candidate = new StringBuilder(score.Score switch
        {
            >= 80 => "Excellent match for your profile!",
            >= 60 => "Great match for your profile!",
            >= 40 => "Partial match for your profile.",
            _ => "Weak match for your profile.",
        });
        if (_skillNames.Length == 0) candidate.Append(" This job names no required skills.");
        if (matched.Count > 0) candidate.Append(CultureInfo.InvariantCulture, $" Your {Names(matched)} {(matched.Count == 1 ? "skill fits" : "skills fit")} this job.");
        if (missing.Count > 0) candidate.Append(CultureInfo.InvariantCulture, $" Skills to add: {Names(missing)}.");
        var recruiter = new StringBuilder(score.Score switch
        {
            >= 80 => "Highly recommended candidate",
            >= 60 => "Good candidate",
            >= 40 => "Possible candidate",
            _ => "Weak fit",
        });
        recruiter.Append(CultureInfo.InvariantCulture,
            $" with {score.Years:0.#} years of experience ({_expectedYears:0.#} expected for {(_job.ExperienceLevel.Length > 0 ? _job.ExperienceLevel : "this job")}).");
        if (matched.Count > 0) recruiter.Append(CultureInfo.InvariantCulture, $" Has {Names(matched)}.");
        if (missing.Count > 0) recruiter.Append(CultureInfo.InvariantCulture, $" Missing {Names(missing)}.");
        return new MatchExplanation(candidate.ToString(), recruiter.ToString(), matched, missing);
    }

    private static string Names(List<string> names)
    {
        const int shown = 5;
        var listed = names.Take(shown).ToList();
        var rest = names.Count - listed.Count;
        if (rest > 0) return $"{string.Join(", ", listed)} and {rest} more";
        return listed.Count == 1 ? listed[0] : $"{string.Join(", ", listed[..^1])} and {listed[^1]}";
    }
}
