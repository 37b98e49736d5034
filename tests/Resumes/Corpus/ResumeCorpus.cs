using System.Globalization;
using System.Text;
using CareerNexus.Matching;
using CareerNexus.Resumes;

namespace CareerNexus.Tests.Resumes.Corpus;

/// <summary>The resume layouts the corpus is written in, each in PDF and DOCX, English and French.</summary>
public enum CorpusLayout
{
    /// <summary>One column; headings in bold capitals (a heading style in DOCX); "Position — Company", then dates.</summary>
    Classic,

    /// <summary>Two columns: a left sidebar (contact, skills, languages) and the main column; company and dates on one row.</summary>
    SidebarLeft,

    /// <summary>Headings in capitals, not bold; position, "Company, City", dates on their own lines; grouped skills.</summary>
    Capitals,

    /// <summary>Headings in bold only (sentence case); dates first, then "Position at Company"; bulleted skills.</summary>
    BoldHeadings,

    /// <summary>Two columns with a right sidebar (a text box in DOCX); "Company | Position | dates" on one line.</summary>
    SidebarRight,

    /// <summary>Compact: "Skills: ..." and "Languages: ..." inline, "Position, Company" with dates at the right margin.</summary>
    Compact,
}

/// <summary>One generated resume: what was written (the truth) and the file.</summary>
public sealed record CorpusResume(int Number, CorpusLayout Layout, string Language, string Format, ResumeData Truth, byte[] Content)
{
    public string Name => $"{Number:000}-{Layout}-{Language}.{Format}";
}

/// <summary>
/// Resumes generated from known data with a fixed seed: varied names (accents, hyphens, apostrophes), phones in
/// several national formats, links, cities, skills written as people write them ("JS", "Postgres", "k8s"), one to
/// four jobs (the last one often current), one or two degrees and languages, in English or French, with one of five
/// date styles. Every layout is written in both formats and both languages. Nothing is stored: tests and the
/// benchmark make the files when they run.
/// </summary>
public static class ResumeCorpus
{
    public const int Seed = 13;

    /// <summary>The day the corpus is parsed on (durations of current jobs run to it).</summary>
    public static readonly DateOnly Today = new(2026, 6, 15);

    /// <summary>The parser's limits for the corpus: its usual ones but the time, so that a busy machine cannot turn accuracy into a timeout.</summary>
    public static readonly ResumeLimits Limits = new() { Timeout = TimeSpan.FromMinutes(2) };

    public static IEnumerable<CorpusResume> Generate(int count, int seed = Seed)
    {
        var layouts = Enum.GetValues<CorpusLayout>();
        for (var i = 0; i < count; i++)
        {
            var layout = layouts[i % layouts.Length];
            var language = (i / layouts.Length) % 2 == 0 ? "en" : "fr";
            var format = (i / (layouts.Length * 2)) % 2 == 0 ? "pdf" : "docx";
            yield return Make(i, layout, language, format, seed);
        }
    }

    public static CorpusResume Make(int number, CorpusLayout layout, string language, string format, int seed = Seed)
    {
        var random = new Random(seed * 10_007 + number);
        var person = CorpusPerson.Draw(random, language);
        var document = CorpusLayouts.Write(person, layout, random);
        var content = format == "pdf" ? CorpusPdf.Render(document) : CorpusDocx.Render(document);
        return new CorpusResume(number, layout, language, format, person.Truth(), content);
    }
}

/// <summary>A drawn candidate: the facts and how this resume writes them.</summary>
public sealed record CorpusPerson(
    string Language, string Name, string Email, string Phone, string? LinkedIn, string? GitHub, string? Website, string City, string Country,
    string Headline, string Summary, List<(string Written, string Truth)> Skills, List<CorpusJob> Jobs, List<CorpusSchool> Schools,
    List<(string Written, string Truth, string Level)> Languages, CorpusDates Dates)
{
    /// <summary>How this resume varies from its layout's usual form (drawn per resume).</summary>
    public CorpusVariant Variant { get; init; } = new();

    public bool French => Language == "fr";

    public ResumeData Truth() => new()
    {
        Name = Name,
        Email = Email,
        Phone = Phone,
        Linkedin = LinkedIn,
        Github = GitHub,
        Website = Website,
        Location = $"{City}, {Country}",
        Summary = Summary,
        Skills = Skills.Select(s => s.Truth).Distinct().ToList(),
        Experience = Jobs.Select(j => new ResumeExperience
        {
            Company = j.Company,
            Position = j.Position,
            StartDate = Dates.Truth(j.Start),
            EndDate = j.End is { } end ? Dates.Truth(end) : null,
            IsCurrent = j.End is null,
        }).ToList(),
        Education = Schools.Select(s => new ResumeEducation
        {
            School = s.School,
            Degree = s.Degree,
            Field = s.Field,
            StartDate = Variant.GraduationOnly ? null : s.StartYear.ToString(CultureInfo.InvariantCulture),
            EndDate = s.EndYear.ToString(CultureInfo.InvariantCulture),
        }).ToList(),
        Languages = Languages.Select(l => new ResumeLanguage(l.Truth, l.Level)).ToList(),
        Language = Language,
    };

    public static CorpusPerson Draw(Random random, string language)
    {
        var french = language == "fr";
        var first = Pick(random, french ? CorpusWords.FrenchFirstNames : CorpusWords.EnglishFirstNames);
        var last = Pick(random, CorpusWords.LastNames);
        var name = $"{first} {last}";
        var handle = Ascii($"{first}.{last}").ToLowerInvariant().Replace(" ", "").Replace("'", "");
        var email = $"{handle}@{Pick(random, CorpusWords.MailDomains)}";
        var (city, country) = Pick(random, CorpusWords.Places);
        var phone = Pick(random, CorpusWords.PhoneFormats)(random);
        var slug = Ascii($"{first}-{last}").ToLowerInvariant().Replace("'", "").Replace(" ", "-");
        var linkedin = random.Next(4) > 0 ? Pick(random, ["https://www.linkedin.com/in/", "linkedin.com/in/", "https://linkedin.com/in/"]) + slug : null;
        var github = random.Next(2) == 0 ? Pick(random, ["https://github.com/", "github.com/"]) + slug.Replace("-", "") : null;
        var website = random.Next(3) == 0 ? Pick(random, ["https://", "www.", ""]) + slug + Pick(random, [".dev", ".me", ".io", ".fr", ".com"]) : null;

        var dates = new CorpusDates(french, random.Next(5), random.Next(3), random.Next(3));
        var jobs = new List<CorpusJob>();
        var end = random.Next(3) > 0 ? (DateOnly?)null : ResumeCorpus.Today.AddMonths(-random.Next(1, 10));
        var companies = CorpusWords.Companies.OrderBy(_ => random.Next()).ToList();
        var positions = (french ? CorpusWords.FrenchPositions : CorpusWords.EnglishPositions).OrderBy(_ => random.Next()).ToList();
        for (var j = random.Next(1, 5) - 1; j >= 0; j--)
        {
            var start = (end ?? ResumeCorpus.Today).AddMonths(-random.Next(6, 50));
            start = new DateOnly(start.Year, start.Month, 1);
            jobs.Add(new CorpusJob(companies[j], positions[j], start, end, Pick(random, CorpusWords.Places),
                Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(random, french ? CorpusWords.FrenchBullets : CorpusWords.EnglishBullets)).Distinct().ToList()));
            end = start.AddMonths(-random.Next(0, 5));
        }
        var schools = new List<CorpusSchool>();
        var graduation = (jobs.Count > 0 ? jobs[^1].Start.Year : ResumeCorpus.Today.Year) - random.Next(0, 2);
        var schoolNames = (french ? CorpusWords.FrenchSchools : CorpusWords.EnglishSchools).OrderBy(_ => random.Next()).ToList();
        for (var s = random.Next(1, 3) - 1; s >= 0; s--)
        {
            var length = random.Next(2, 6);
            var (degree, fields) = Pick(random, french ? CorpusWords.FrenchDegrees : CorpusWords.EnglishDegrees);
            schools.Add(new CorpusSchool(schoolNames[s], degree, Pick(random, fields), graduation - length, graduation));
            graduation -= length;
        }
        var skills = CorpusWords.Skills.OrderBy(_ => random.Next()).Take(random.Next(5, 13))
            .Select(w => (w, MatchData.Shared.SkillId(MatchText.SkillKey(w)) is var id and >= 0 ? MatchData.Shared.SkillNames[id] : w))
            .GroupBy(s => s.Item2).Select(g => g.First()).ToList();
        var languages = CorpusWords.SpokenLanguages.OrderBy(_ => random.Next()).Take(random.Next(1, 4))
            .Select(l => (french ? l.French : l.English, l.English, Pick(random, french ? CorpusWords.FrenchLevels : CorpusWords.EnglishLevels))).ToList();
        var headline = jobs.Count > 0 ? jobs[0].Position : positions[0];
        var years = jobs.Count == 0 ? 1 : Math.Max(1, (ResumeCorpus.Today.DayNumber - jobs[^1].Start.DayNumber) / 365);
        var summary = string.Format(CultureInfo.InvariantCulture, Pick(random, french ? CorpusWords.FrenchSummaries : CorpusWords.EnglishSummaries),
            headline, years, skills[0].Item1, skills[^1].Item1);
        var variant = new CorpusVariant(random.Next(4) == 0, random.Next(4) == 0, random.Next(4) == 0, random.Next(4) == 0, random.Next(5) == 0,
            random.Next(6) == 0, random.Next(5) == 0);
        return new CorpusPerson(language, name, email, phone, linkedin, github, website, city, country, headline, summary, skills, jobs, schools,
            languages, dates) { Variant = variant };
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Ascii(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(c);
        return builder.ToString();
    }
}

/// <summary>
/// Variations drawn per resume on top of its layout: contact items with labels ("Email:", "Tél :"), job descriptions as
/// a plain paragraph instead of bullets, current jobs written "Since March 2022" / "Depuis mars 2022", degrees with
/// their graduation year only, skills with a level ("Python (advanced)"), a "Curriculum Vitae" title over the name,
/// and headings letter-spaced ("E X P E R I E N C E").
/// </summary>
public sealed record CorpusVariant(bool Labels = false, bool Plain = false, bool Since = false, bool GraduationOnly = false, bool SkillLevels = false,
    bool CvTitle = false, bool Spaced = false);

public sealed record CorpusJob(string Company, string Position, DateOnly Start, DateOnly? End, (string City, string Country) Place, List<string> Bullets);

public sealed record CorpusSchool(string School, string Degree, string Field, int StartYear, int EndYear);

/// <summary>
/// How one resume writes its dates: Style 0 "Jan 2020" (French "janv. 2020"), 1 "January 2020" ("janvier 2020"),
/// 2 "01/2020", 3 "2020-01", 4 the year alone; a dash or a word between; one of three words for "until now".
/// </summary>
public sealed record CorpusDates(bool French, int Style, int Separator, int Now)
{
    private static readonly string[] EnglishShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] EnglishLong = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] FrenchShort = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];
    private static readonly string[] FrenchLong = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    public string Write(DateOnly date) => Style switch
    {
        0 => $"{(French ? FrenchShort : EnglishShort)[date.Month - 1]} {date.Year}",
        1 => $"{(French ? FrenchLong : EnglishLong)[date.Month - 1]} {date.Year}",
        2 => date.ToString("MM/yyyy", CultureInfo.InvariantCulture),
        3 => date.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => date.Year.ToString(CultureInfo.InvariantCulture),
    };

    public string Truth(DateOnly date) => Style == 4 ? date.Year.ToString(CultureInfo.InvariantCulture) : date.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public string Period(DateOnly start, DateOnly? end, bool since = false)
    {
        if (since && end is null) return (French ? "Depuis " : "Since ") + Write(start);
        var separator = Separator switch { 0 => " – ", 1 => " - ", _ => French ? " à " : " to " };
        var until = end is { } e ? Write(e) : French ? new[] { "Présent", "Aujourd'hui", "En cours" }[Now] : new[] { "Present", "Current", "Now" }[Now];
        return Write(start) + separator + until;
    }

    public static string Years(int start, int end, int separator) => $"{start}{(separator == 2 ? " - " : " – ")}{end}";
}

/// <summary>A clock stopped on the corpus's day, so that durations of current jobs do not move.</summary>
public sealed class CorpusClock : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(ResumeCorpus.Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
}
