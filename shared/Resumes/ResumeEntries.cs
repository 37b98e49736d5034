using System.Text.RegularExpressions;

namespace CareerNexus.Resumes;

/// <summary>
/// Experience and education entries. A section's rows are header rows (short lines: title, company, school, dates)
/// or description rows (bullets, sentences, their wrapped lines). Consecutive header rows make a group, split into
/// entries at their periods: before each dated row when the group starts with its dates, after each one otherwise.
/// An entry's header text is cut at its separators ("|", " - ", ",", " at ", " chez "), places are set aside, and
/// each part is scored for the role it plays (title, company; school, degree, field) by the words in it.
/// </summary>
public sealed partial class ResumeEntries(ResumeVocabulary words, Matching.MatchData places, DateOnly today)
{
    private const int MaxEntries = 30;

    private sealed record Row(List<ResumeLine> Lines, string Text, bool Description, bool Bullet, ResumePeriod? Period, string Rest);

    private sealed class Entry
    {
        public List<Row> Headers { get; } = [];
        public List<string> Description { get; } = [];
        public ResumePeriod? Period => Headers.Select(h => h.Period).FirstOrDefault(p => p is not null);
    }

    public IReadOnlyList<ResumeExperience> Experience(List<ResumeLine> section) =>
        Entries(section).Select(ExperienceOf).Where(e => e.Company is not null || e.Position is not null).Take(MaxEntries).ToList();

    public IReadOnlyList<ResumeEducation> Education(List<ResumeLine> section) =>
        Entries(section).Select(EducationOf).Where(e => e.School is not null || e.Degree is not null).Take(MaxEntries).ToList();

    private ResumeExperience ExperienceOf(Entry entry)
    {
        var parts = HeaderParts(entry, out var location);
        string? position = null, company = null;
        if (parts.Count == 1)
        {
            var key = ResumeText.Key(parts[0].Text);
            if (words.Score("title", key) > words.Score("company", key)) position = parts[0].Text;
            else company = parts[0].Text;
        }
        else if (parts.Count > 1)
        {
            var scored = parts.Select((p, i) => (Part: p, Index: i, Title: TitleScore(p), Company: CompanyScore(p))).ToList();
            var best = scored.OrderByDescending(s => s.Title - s.Company).ThenBy(s => s.Index).First();
            position = best.Part.Text;
            company = scored.Where(s => s.Index != best.Index).OrderByDescending(s => s.Company - s.Title).ThenBy(s => s.Index).First().Part.Text;
        }
        var period = entry.Period;
        var months = period is { Single: false } ? period.Months(today) : (int?)null;
        return new ResumeExperience
        {
            Company = company,
            Position = position,
            Location = location,
            StartDate = period?.Start.ToString(),
            EndDate = period?.End?.ToString(),
            IsCurrent = period?.Current ?? false,
            DurationMonths = months,
            Duration = months is { } m ? ResumePeriod.Words(m) : null,
            Description = entry.Description.Count == 0 ? null : string.Join('\n', entry.Description),
        };
    }

    /// <summary>Title words, more when one heads the phrase (last in English, "Software Engineer"; first in French, "Chef de projet").</summary>
    private double TitleScore(Part part) => Headed("title", part.Text) + (part.Italic ? 0.5 : 0);

    /// <summary>Company words, more when one ends the name ("Acme Software", "Sahel Fintech SAS").</summary>
    private double CompanyScore(Part part) => Headed("company", part.Text, firstToo: false) + (part.Bold && !part.RowBold ? 0.25 : 0);

    private double Headed(string kind, string text, bool firstToo = true)
    {
        var key = ResumeText.Key(text);
        var score = (double)words.Score(kind, key);
        if (score == 0) return 0;
        var tokens = key.Split(' ');
        if (words.Score(kind, tokens[^1]) > 0 || firstToo && words.Score(kind, tokens[0]) > 0) score += 1.5;
        return score;
    }

    private ResumeEducation EducationOf(Entry entry)
    {
        var parts = HeaderParts(entry, out _);
        string? school = null, degree = null, field = null;
        var rest = new List<Part>();
        foreach (var part in parts)
        {
            var key = ResumeText.Key(part.Text);
            if (degree is null && words.LeadingPhrase("degree", key) > 0)
            {
                (degree, field) = DegreeAndField(part.Text);
                continue;
            }
            rest.Add(part);
        }
        var schools = rest.OrderByDescending(p => words.Score("school", ResumeText.Key(p.Text))).ToList();
        if (schools.Count > 0 && words.Score("school", ResumeText.Key(schools[0].Text)) > 0)
        {
            school = schools[0].Text;
            rest.Remove(schools[0]);
        }
        // Without school words, the field follows its degree; what is left is the school.
        if (field is null && degree is not null && rest.Count > 1)
        {
            field = rest[0].Text;
            rest.RemoveAt(0);
        }
        if (school is null && rest.Count > 0)
        {
            school = rest[0].Text;
            rest.RemoveAt(0);
        }
        if (field is null && degree is not null && rest.Count > 0) field = rest[0].Text;
        if (degree is null && school is null) return new ResumeEducation();
        var period = entry.Period;
        return new ResumeEducation
        {
            School = school,
            Degree = degree,
            Field = field,
            StartDate = period is { Single: false } ? period.Start.ToString() : null,
            EndDate = period is null ? null : period.Single ? period.Start.ToString() : period.End?.ToString(),
        };
    }

    /// <summary>"Master of Science in Computer Science", "Licence en informatique", "MSc Data Science": the degree and its field.</summary>
    private (string Degree, string? Field) DegreeAndField(string text)
    {
        var split = FieldMarker().Match(text);
        if (split.Success && split.Index > 0)
        {
            var degree = ResumeText.Tidy(text[..split.Index]);
            var field = ResumeText.Tidy(text[(split.Index + split.Length)..]);
            if (degree.Length > 0) return (degree, field.Length > 0 ? field : null);
        }
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var n = words.LeadingPhrase("degree", ResumeText.Key(text));
        // "Master of Science", "Bachelor of Arts": the "of" phrase belongs to the degree.
        if (n < tokens.Length - 1 && tokens[n].Equals("of", StringComparison.OrdinalIgnoreCase)) n += 2;
        if (n >= tokens.Length) return (text, null);
        var rest = ResumeText.Tidy(string.Join(' ', tokens.Skip(n)));
        return (string.Join(' ', tokens.Take(n)), rest.Length > 0 ? rest : null);
    }

    private sealed record Part(string Text, bool Bold, bool Italic, bool RowBold);

    /// <summary>The entry's header text cut into parts, places set aside (the first one found is the entry's location).</summary>
    private List<Part> HeaderParts(Entry entry, out string? location)
    {
        location = null;
        var parts = new List<Part>();
        foreach (var row in entry.Headers)
        {
            var rowBold = row.Lines.All(l => l.Bold);
            foreach (var line in row.Lines)
            {
                var text = line.Text;
                if (ResumeDates.Find(text, out var rest) is not null) text = rest;
                var pieces = Separators().Split(text).Select(ResumeText.Tidy).Where(p => p.Length > 0).ToList();
                pieces = JoinSuffixes(pieces);
                for (var i = 0; i < pieces.Count; i++)
                {
                    var piece = pieces[i];
                    piece = ResumeText.Tidy(EmploymentNote().Replace(piece, ""));
                    var key = ResumeText.Key(piece);
                    if (piece.Length == 0 || Employment().IsMatch(piece) && key.Split(' ').Length <= 3 || Grade().IsMatch(piece)) continue;
                    if (IsPlace(key))
                    {
                        // "Dakar, Senegal": the country takes its city with it.
                        var city = parts.Count > 0 && i > 0 && pieces[i - 1] == parts[^1].Text && words.IsCountry(key) && IsCityLike(parts[^1].Text) ? parts[^1].Text : null;
                        if (city is not null) parts.RemoveAt(parts.Count - 1);
                        location ??= city is null ? piece : $"{city}, {piece}";
                        continue;
                    }
                    parts.Add(new Part(piece, line.Bold, line.Italic, rowBold));
                }
            }
        }
        return parts;
    }

    /// <summary>A city named before its country: one to three capitalised words, no job-title or company word.</summary>
    private bool IsCityLike(string text)
    {
        var key = ResumeText.Key(text);
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return tokens.Length <= 3 && tokens.All(t => char.IsUpper(t[0])) && words.Score("title", key) == 0 && words.Score("company", key) == 0
               && words.Score("school", key) == 0 && words.LeadingPhrase("degree", key) == 0;
    }

    private bool IsPlace(string key) =>
        words.IsCountry(key) || Remote().IsMatch(key) || places.PlaceOf(key) is not null && key.Split(' ').Length <= 3;

    /// <summary>"Acme, Inc." stays one company.</summary>
    private List<string> JoinSuffixes(List<string> pieces)
    {
        for (var i = pieces.Count - 1; i > 0; i--)
        {
            var key = ResumeText.Key(pieces[i]);
            if (key.Split(' ').Length == 1 && words.Score("company", key) > 0 && key is "inc" or "ltd" or "llc" or "sa" or "sas" or "sarl" or "gmbh" or "plc" or "corp" or "co")
            {
                pieces[i - 1] = pieces[i - 1] + ", " + pieces[i];
                pieces.RemoveAt(i);
            }
        }
        return pieces;
    }

    private List<Entry> Entries(List<ResumeLine> section)
    {
        var rows = Rows(section);
        var entries = new List<Entry>();
        var group = new List<Row>();
        Entry? last = null;
        foreach (var row in rows)
        {
            if (row.Description)
            {
                if (group.Count > 0)
                {
                    entries.AddRange(SplitGroup(group));
                    group.Clear();
                    last = entries[^1];
                }
                var item = ResumeText.Tidy(ResumeLists.StripBullet(row.Text));
                // A wrapped line goes on with its bullet's text; a bullet starts a new item.
                if (last is { Description.Count: > 0 } && !row.Bullet) last.Description[^1] += " " + item;
                else last?.Description.Add(item);
                continue;
            }
            group.Add(row);
        }
        if (group.Count > 0) entries.AddRange(SplitGroup(group));
        return entries;
    }

    private static IEnumerable<Entry> SplitGroup(List<Row> group)
    {
        var dated = group.Count(r => r.Period is not null);
        if (dated <= 1)
        {
            var single = new Entry();
            single.Headers.AddRange(group);
            yield return single;
            yield break;
        }
        var datesFirst = group[0].Period is not null;
        var entry = new Entry();
        foreach (var row in group)
        {
            if (datesFirst && row.Period is not null && entry.Headers.Count > 0)
            {
                yield return entry;
                entry = new Entry();
            }
            entry.Headers.Add(row);
            if (!datesFirst && row.Period is not null)
            {
                yield return entry;
                entry = new Entry();
            }
        }
        if (entry.Headers.Count > 0) yield return entry;
    }

    /// <summary>
    /// The section's lines as rows (lines of one visual row together), each a header or a description: a bullet, a
    /// sentence, a "Label: ..." line, or a wrapped line going on from one (lower case, indented under its bullet, or
    /// after a line that reached the margin without ending its sentence).
    /// </summary>
    private static List<Row> Rows(List<ResumeLine> section)
    {
        var rows = new List<Row>();
        var margin = section.Count == 0 ? 0 : section.Max(l => l.X + l.Width);
        double bulletX = double.MaxValue;
        for (var i = 0; i < section.Count;)
        {
            var lines = new List<ResumeLine> { section[i] };
            var j = i + 1;
            while (j < section.Count && section[j].Row == section[i].Row && section[j].Column == section[i].Column) lines.Add(section[j++]);
            i = j;
            var text = string.Join(" | ", lines.Select(l => l.Text.Trim()));
            var bullet = ResumeLists.StripBullet(lines[0].Text).Length != lines[0].Text.Length;
            if (bullet) bulletX = lines[0].X;
            var period = ResumeDates.Find(text, out var rest);
            var wordCount = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetterOrDigit));
            var previous = rows.Count > 0 ? rows[^1] : null;
            // A dated row is a header unless it reads as a sentence: "2023 | BSc in ... | Kwame Nkrumah University of Science and Technology".
            var sentence = rest.EndsWith('.');
            var description = bullet
                || wordCount >= 12 && (period is null || sentence)
                || period is not { Single: false } && (wordCount >= 5 && sentence || LabelLine().IsMatch(text))
                || wordCount >= 25
                || previous is { Description: true } && lines.Count == 1 && lines[0].Wraps && period is null
                   && (char.IsLower(text.TrimStart()[0]) || lines[0].X > bulletX + 2
                       || previous.Lines[^1] is var last && last.X + last.Width >= margin * 0.85 && !previous.Text.TrimEnd().EndsWith('.'));
            if (!description) bulletX = double.MaxValue;
            rows.Add(new Row(lines, text, description, bullet, description ? null : period, rest));
        }
        return rows;
    }

    [GeneratedRegex(@"^\s*\p{L}[\p{L}' ]{1,30}\s?:\s+\S")]
    private static partial Regex LabelLine();

    [GeneratedRegex(@"\s+[|\u2022\u00b7\u2013\u2014-]\s+|\s*\|\s*|\t|,\s+|\s+(?:at|chez|@|with|pour|for)\s+|\s*[\u2022\u00b7]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Separators();

    [GeneratedRegex(@"\s+(?:in|en|specialization|specialisation|specialite|option|major|majeure)\s+|\s*[,\u2013\u2014:]\s*|\s+-\s+|\s*\(\s*", RegexOptions.IgnoreCase)]
    private static partial Regex FieldMarker();

    [GeneratedRegex(@"^(?:full[\s-]?time|part[\s-]?time|contract|freelance|internship|temporary|permanent|cdi|cdd|stage|alternance|interim|temps plein|temps partiel|remote|hybrid)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Employment();

    /// <summary>"(full-time)", "(CDI)" after a company, as the platform's own CV writes it.</summary>
    [GeneratedRegex(@"\s*\((?:full[\s-]?time|part[\s-]?time|contract|freelance|internship|intern|temporary|permanent|cdi|cdd|stage|alternance|interim|remote|hybrid)\)", RegexOptions.IgnoreCase)]
    private static partial Regex EmploymentNote();

    /// <summary>A grade beside a degree ("GPA 3.6", "Mention bien").</summary>
    [GeneratedRegex(@"^(?:gpa|cgpa|grade|moyenne|mention|note)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Grade();

    [GeneratedRegex(@"^(?:remote|hybrid|teletravail|a distance|full remote)$")]
    private static partial Regex Remote();
}
