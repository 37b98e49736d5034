namespace CareerNexus.Tests.Resumes.Corpus;

/// <summary>How a piece of text is set; <see cref="Heading"/> asks DOCX for its heading style.</summary>
public sealed record CorpusStyle(double Size = 10, bool Bold = false, bool Italic = false, bool Heading = false)
{
    public static readonly CorpusStyle Body = new();
}

/// <summary>A resume as blocks that both renderers (PDF, DOCX) write the same way.</summary>
public abstract record CorpusBlock;

public sealed record CorpusParagraph(string Text, CorpusStyle Style, bool Bullet = false, double SpaceBefore = 0) : CorpusBlock;

/// <summary>Two texts on one row, the second at the right margin (a PDF gap; a right tab stop in DOCX).</summary>
public sealed record CorpusRow(string Left, CorpusStyle LeftStyle, string Right, CorpusStyle RightStyle) : CorpusBlock;

/// <summary>A sidebar beside the main column: in DOCX a borderless table, or a text box.</summary>
public sealed record CorpusColumns(List<CorpusBlock> Side, List<CorpusBlock> Main, bool SideLeft, bool TextBox) : CorpusBlock;

public sealed record CorpusDocument(List<CorpusBlock> Blocks);

/// <summary>The six layouts, each the same facts written its own way.</summary>
public static class CorpusLayouts
{
    private sealed record Headings(string Summary, string Experience, string Education, string Skills, string Languages, string Contact);

    private static readonly string[][] English =
    [
        ["Summary", "Profile", "Professional Summary", "About Me"],
        ["Experience", "Work Experience", "Professional Experience", "Employment History"],
        ["Education", "Academic Background", "Education and Training"],
        ["Skills", "Technical Skills", "Core Competencies"],
        ["Languages"],
        ["Contact", "Personal Details"],
    ];

    private static readonly string[][] French =
    [
        ["Profil", "Résumé", "À propos de moi", "Profil professionnel"],
        ["Expérience professionnelle", "Expériences professionnelles", "Parcours professionnel", "Expérience"],
        ["Formation", "Formations", "Études", "Diplômes"],
        ["Compétences", "Compétences techniques"],
        ["Langues"],
        ["Coordonnées", "Contact"],
    ];

    public static CorpusDocument Write(CorpusPerson person, CorpusLayout layout, Random random)
    {
        var pool = person.French ? French : English;
        var headings = new Headings(Pick(pool[0]), Pick(pool[1]), Pick(pool[2]), Pick(pool[3]), Pick(pool[4]), Pick(pool[5]));
        return layout switch
        {
            CorpusLayout.Classic => Classic(person, headings),
            CorpusLayout.SidebarLeft => SidebarLeft(person, headings),
            CorpusLayout.Capitals => Capitals(person, headings),
            CorpusLayout.BoldHeadings => BoldHeadings(person, headings),
            CorpusLayout.SidebarRight => SidebarRight(person, headings),
            _ => Compact(person, headings),
        };

        string Pick(string[] options) => options[random.Next(options.Length)];
    }

    private static readonly CorpusStyle Small = new(9);
    private static readonly CorpusStyle BoldLine = new(10.5, Bold: true);

    private static IEnumerable<string> Links(CorpusPerson p) => new[] { p.LinkedIn, p.GitHub, p.Website }.OfType<string>();

    private static string Place(CorpusPerson p) => $"{p.City}, {p.Country}";

    private static string In(CorpusPerson p) => p.French ? "en" : "in";

    /// <summary>A job's description: bullets, or one plain paragraph.</summary>
    private static IEnumerable<CorpusBlock> Bullets(CorpusJob job, CorpusPerson p) => p.Variant.Plain
        ? [new CorpusParagraph(string.Join(" ", job.Bullets), CorpusStyle.Body)]
        : job.Bullets.Select(b => (CorpusBlock)new CorpusParagraph(b, CorpusStyle.Body, Bullet: true));

    private static string Years(CorpusSchool s, CorpusPerson p) =>
        p.Variant.GraduationOnly ? s.EndYear.ToString(System.Globalization.CultureInfo.InvariantCulture) : CorpusDates.Years(s.StartYear, s.EndYear, p.Dates.Separator);

    private static string Period(CorpusJob job, CorpusPerson p) => p.Dates.Period(job.Start, job.End, p.Variant.Since);

    private static string Email(CorpusPerson p) => p.Variant.Labels ? (p.French ? "E-mail : " : "Email: ") + p.Email : p.Email;

    private static string Phone(CorpusPerson p) => p.Variant.Labels ? (p.French ? "Tél. : " : "Phone: ") + p.Phone : p.Phone;

    private static string Address(CorpusPerson p) => p.Variant.Labels ? (p.French ? "Adresse : " : "Address: ") + Place(p) : Place(p);

    private static string Skill((string Written, string Truth) skill, CorpusPerson p, int index) =>
        p.Variant.SkillLevels ? $"{skill.Written} ({(p.French ? new[] { "avancé", "intermédiaire", "expert" } : new[] { "advanced", "intermediate", "expert" })[index % 3]})" : skill.Written;

    private static string Heading(string text, CorpusPerson p) => p.Variant.Spaced ? string.Join(' ', text.ToUpperInvariant().Replace(" ", "  ").ToCharArray()).Replace("     ", "   ") : text.ToUpperInvariant();

    private static IEnumerable<CorpusBlock> Title(CorpusPerson p) =>
        p.Variant.CvTitle ? [new CorpusParagraph(p.French ? "CV" : "Curriculum Vitae", new CorpusStyle(11))] : [];

    private static CorpusDocument Classic(CorpusPerson p, Headings h)
    {
        var heading = new CorpusStyle(12, Bold: true, Heading: true);
        CorpusBlock H(string text) => new CorpusParagraph(Heading(text, p), heading, SpaceBefore: 10);
        var blocks = new List<CorpusBlock>(Title(p))
        {
            new CorpusParagraph(p.Name, new CorpusStyle(20, Bold: true)),
            new CorpusParagraph($"{Email(p)} | {Phone(p)} | {Address(p)}", Small),
        };
        if (Links(p).Any()) blocks.Add(new CorpusParagraph(string.Join(" | ", Links(p)), Small));
        blocks.Add(H(h.Summary));
        blocks.Add(new CorpusParagraph(p.Summary, CorpusStyle.Body));
        blocks.Add(H(h.Experience));
        foreach (var job in p.Jobs)
        {
            blocks.Add(new CorpusParagraph($"{job.Position} — {job.Company}", BoldLine, SpaceBefore: 4));
            blocks.Add(new CorpusParagraph($"{Period(job, p)} · {job.Place.City}, {job.Place.Country}", Small));
            blocks.AddRange(Bullets(job, p));
        }
        blocks.Add(H(h.Education));
        foreach (var s in p.Schools)
        {
            blocks.Add(new CorpusParagraph($"{s.Degree} {In(p)} {s.Field}", BoldLine, SpaceBefore: 4));
            blocks.Add(new CorpusParagraph($"{s.School}, {Years(s, p)}", Small));
        }
        blocks.Add(H(h.Skills));
        blocks.Add(new CorpusParagraph(string.Join(", ", p.Skills.Select((s, i) => Skill(s, p, i))), CorpusStyle.Body));
        blocks.Add(H(h.Languages));
        blocks.Add(new CorpusParagraph(string.Join(", ", p.Languages.Select(l => $"{l.Written} ({l.Level})")), CorpusStyle.Body));
        return new CorpusDocument(blocks);
    }

    private static CorpusDocument SidebarLeft(CorpusPerson p, Headings h)
    {
        var heading = new CorpusStyle(11, Bold: true);
        CorpusBlock H(string text) => new CorpusParagraph(text.ToUpperInvariant(), heading, SpaceBefore: 10);
        var side = new List<CorpusBlock> { H(h.Contact), new CorpusParagraph(Email(p), Small), new CorpusParagraph(Phone(p), Small), new CorpusParagraph(Address(p), Small) };
        side.AddRange(Links(p).Select(l => new CorpusParagraph(Short(l), Small)));
        side.Add(H(h.Skills));
        side.AddRange(p.Skills.Select(s => new CorpusParagraph(s.Written, Small)));
        side.Add(H(h.Languages));
        foreach (var l in p.Languages)
        {
            side.Add(new CorpusParagraph(l.Written, new CorpusStyle(9, Bold: true)));
            side.Add(new CorpusParagraph(l.Level, Small));
        }
        var main = new List<CorpusBlock>
        {
            new CorpusParagraph(p.Name, new CorpusStyle(22, Bold: true)),
            new CorpusParagraph(p.Headline, new CorpusStyle(12)),
            H(h.Summary),
            new CorpusParagraph(p.Summary, CorpusStyle.Body),
            H(h.Experience),
        };
        foreach (var job in p.Jobs)
        {
            main.Add(new CorpusRow(job.Company, BoldLine, Period(job, p), Small));
            main.Add(new CorpusParagraph(job.Position, new CorpusStyle(10, Italic: true)));
            main.AddRange(Bullets(job, p));
        }
        main.Add(H(h.Education));
        foreach (var s in p.Schools)
        {
            main.Add(new CorpusRow(s.School, BoldLine, Years(s, p), Small));
            main.Add(new CorpusParagraph($"{s.Degree}, {s.Field}", CorpusStyle.Body));
        }
        return new CorpusDocument([new CorpusColumns(side, main, SideLeft: true, TextBox: false)]);
    }

    /// <summary>A link as sidebars print it, without "https://www.".</summary>
    private static string Short(string link) => link.Replace("https://", "").Replace("www.", "");

    private static CorpusDocument Capitals(CorpusPerson p, Headings h)
    {
        var heading = new CorpusStyle(13);
        CorpusBlock H(string text) => new CorpusParagraph(Heading(text, p), heading, SpaceBefore: 12);
        var blocks = new List<CorpusBlock>(Title(p))
        {
            new CorpusParagraph(p.Name.ToUpperInvariant(), new CorpusStyle(18)),
            new CorpusParagraph(p.Headline, new CorpusStyle(11, Italic: true)),
            new CorpusParagraph($"{Email(p)} · {Phone(p)}", Small),
            new CorpusParagraph(Address(p), Small),
        };
        if (Links(p).Any()) blocks.Add(new CorpusParagraph(string.Join(" · ", Links(p)), Small));
        blocks.Add(H(h.Summary));
        blocks.Add(new CorpusParagraph(p.Summary, CorpusStyle.Body));
        blocks.Add(H(h.Experience));
        foreach (var job in p.Jobs)
        {
            blocks.Add(new CorpusParagraph(job.Position, BoldLine, SpaceBefore: 4));
            blocks.Add(new CorpusParagraph($"{job.Company}, {job.Place.City}", CorpusStyle.Body));
            blocks.Add(new CorpusParagraph(Period(job, p), new CorpusStyle(9, Italic: true)));
            blocks.AddRange(Bullets(job, p));
        }
        blocks.Add(H(h.Education));
        foreach (var s in p.Schools)
            blocks.Add(new CorpusParagraph($"{Years(s, p)} | {s.Degree} {In(p)} {s.Field} | {s.School}", CorpusStyle.Body, SpaceBefore: 2));
        blocks.Add(H(h.Skills));
        var half = (p.Skills.Count + 1) / 2;
        var labels = p.French ? new[] { "Techniques", "Outils" } : new[] { "Technical", "Tools" };
        blocks.Add(new CorpusParagraph($"{labels[0]}: {string.Join(", ", p.Skills.Take(half).Select(s => s.Written))}", CorpusStyle.Body));
        if (p.Skills.Count > half) blocks.Add(new CorpusParagraph($"{labels[1]}: {string.Join(", ", p.Skills.Skip(half).Select(s => s.Written))}", CorpusStyle.Body));
        blocks.Add(H(h.Languages));
        blocks.AddRange(p.Languages.Select(l => new CorpusParagraph($"{l.Written}: {l.Level}", CorpusStyle.Body)));
        return new CorpusDocument(blocks);
    }

    private static CorpusDocument BoldHeadings(CorpusPerson p, Headings h)
    {
        var heading = new CorpusStyle(12, Bold: true);
        CorpusBlock H(string text) => new CorpusParagraph(char.ToUpperInvariant(text[0]) + text[1..].ToLowerInvariant(), heading, SpaceBefore: 10);
        var blocks = new List<CorpusBlock>(Title(p))
        {
            new CorpusParagraph(p.Name, new CorpusStyle(18, Bold: true)),
            new CorpusParagraph($"{Email(p)} · {Phone(p)}", Small),
            new CorpusParagraph(Address(p), Small),
        };
        blocks.AddRange(Links(p).Select(l => new CorpusParagraph(l, Small)));
        blocks.Add(H(h.Summary));
        blocks.Add(new CorpusParagraph(p.Summary, CorpusStyle.Body));
        blocks.Add(H(h.Experience));
        foreach (var job in p.Jobs)
        {
            blocks.Add(new CorpusParagraph(Period(job, p), Small, SpaceBefore: 4));
            blocks.Add(new CorpusParagraph($"{job.Position} {(p.French ? "chez" : "at")} {job.Company}", BoldLine));
            blocks.AddRange(Bullets(job, p));
        }
        blocks.Add(H(h.Education));
        foreach (var s in p.Schools)
        {
            blocks.Add(new CorpusParagraph(s.School, BoldLine, SpaceBefore: 4));
            blocks.Add(new CorpusParagraph($"{s.Degree} {In(p)} {s.Field} ({Years(s, p)})", CorpusStyle.Body));
        }
        blocks.Add(H(h.Skills));
        blocks.AddRange(p.Skills.Select((s, i) => new CorpusParagraph(Skill(s, p, i), CorpusStyle.Body, Bullet: true)));
        blocks.Add(H(h.Languages));
        blocks.AddRange(p.Languages.Select(l => new CorpusParagraph($"{l.Written} — {l.Level}", CorpusStyle.Body, Bullet: true)));
        return new CorpusDocument(blocks);
    }

    private static CorpusDocument SidebarRight(CorpusPerson p, Headings h)
    {
        var heading = new CorpusStyle(11.5, Bold: true);
        CorpusBlock H(string text) => new CorpusParagraph(Heading(text, p), heading, SpaceBefore: 10);
        var main = new List<CorpusBlock>
        {
            new CorpusParagraph(p.Name, new CorpusStyle(20, Bold: true)),
            new CorpusParagraph($"{Email(p)} | {Phone(p)} | {Address(p)}", Small),
            H(h.Summary),
            new CorpusParagraph(p.Summary, CorpusStyle.Body),
            H(h.Experience),
        };
        foreach (var job in p.Jobs)
        {
            main.Add(new CorpusParagraph($"{job.Company} | {job.Position} | {Period(job, p)}", BoldLine, SpaceBefore: 4));
            main.AddRange(Bullets(job, p));
        }
        main.Add(H(h.Education));
        foreach (var s in p.Schools)
            main.Add(new CorpusParagraph($"{s.Degree}, {s.Field} | {s.School} | {Years(s, p)}", CorpusStyle.Body, SpaceBefore: 2));
        var side = new List<CorpusBlock>();
        if (Links(p).Any())
        {
            side.Add(H(h.Contact));
            side.AddRange(Links(p).Select(l => new CorpusParagraph(Short(l), Small)));
        }
        side.Add(H(h.Skills));
        side.Add(new CorpusParagraph(string.Join(", ", p.Skills.Select(s => s.Written)), Small));
        side.Add(H(h.Languages));
        side.AddRange(p.Languages.Select(l => new CorpusParagraph($"{l.Written} - {l.Level}", Small)));
        return new CorpusDocument([new CorpusColumns(side, main, SideLeft: false, TextBox: true)]);
    }

    private static CorpusDocument Compact(CorpusPerson p, Headings h)
    {
        var heading = new CorpusStyle(11, Bold: true);
        CorpusBlock H(string text) => new CorpusParagraph(text + (p.French ? " :" : ":"), heading, SpaceBefore: 8);
        var blocks = new List<CorpusBlock>
        {
            new CorpusParagraph(p.Name, new CorpusStyle(16, Bold: true)),
            new CorpusParagraph($"{p.Headline} · {Place(p)}", CorpusStyle.Body),
            new CorpusParagraph(string.Join(" · ", new[] { Email(p), Phone(p) }.Concat(Links(p))), Small),
            H(h.Summary),
            new CorpusParagraph(p.Summary, CorpusStyle.Body),
            H(h.Experience),
        };
        foreach (var job in p.Jobs)
        {
            blocks.Add(new CorpusRow($"{job.Position}, {job.Company}", BoldLine, Period(job, p), Small));
            blocks.AddRange(Bullets(job, p));
        }
        blocks.Add(H(h.Education));
        foreach (var s in p.Schools)
            blocks.Add(new CorpusRow($"{s.Degree} {In(p)} {s.Field} — {s.School}", CorpusStyle.Body, Years(s, p), Small));
        var colon = p.French ? " : " : ": ";
        blocks.Add(new CorpusParagraph((p.French ? "Compétences" : "Skills") + colon + string.Join(", ", p.Skills.Select((s, i) => Skill(s, p, i))), CorpusStyle.Body, SpaceBefore: 8));
        blocks.Add(new CorpusParagraph((p.French ? "Langues" : "Languages") + colon + string.Join(", ", p.Languages.Select(l => $"{l.Written} ({l.Level.ToLowerInvariant()})")), CorpusStyle.Body));
        return new CorpusDocument(blocks);
    }
}
