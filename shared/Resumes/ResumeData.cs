using System.Text.Json.Serialization;

namespace CareerNexus.Resumes;

/// <summary>
/// What the parser read from a resume: the candidate profile's <c>resume_data</c> (document 004), written with the
/// platform's JSON conventions (snake_case). Fields it could not find are null or empty, never guessed.
/// </summary>
public sealed record ResumeData
{
    public string? Name { get; init; }
    public string? Email { get; init; }

    /// <summary>As written on the resume ("+33 6 12 34 56 78").</summary>
    public string? Phone { get; init; }

    public string? Linkedin { get; init; }
    public string? Github { get; init; }

    /// <summary>A personal site: the first link that is neither LinkedIn nor GitHub.</summary>
    public string? Website { get; init; }

    public string? Location { get; init; }
    public string? Summary { get; init; }

    /// <summary>Skills by the platform's names where the skills list knows them (shared/Matching/Data/skills.tsv), else as written.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    public IReadOnlyList<ResumeExperience> Experience { get; init; } = [];
    public IReadOnlyList<ResumeEducation> Education { get; init; } = [];
    public IReadOnlyList<ResumeLanguage> Languages { get; init; } = [];

    /// <summary>The resume's language as far as its section headings and month names tell: "en" or "fr".</summary>
    public string Language { get; init; } = "en";
}

/// <summary>
/// One job. Dates are "2020-01", or "2020" when the resume gives the year only; an ongoing job ("Present",
/// "Aujourd'hui") has no end date and <see cref="IsCurrent"/> set, and its duration runs to the day of parsing.
/// </summary>
public sealed record ResumeExperience
{
    public string? Company { get; init; }
    public string? Position { get; init; }
    public string? Location { get; init; }
    public string? StartDate { get; init; }
    public string? EndDate { get; init; }
    public bool IsCurrent { get; init; }

    /// <summary>Whole months from start to end, both months counted; null without a start.</summary>
    public int? DurationMonths { get; init; }

    /// <summary>The same in words, as document 004 shows it ("2 years", "1 year 3 months").</summary>
    public string? Duration { get; init; }

    public string? Description { get; init; }
}

/// <summary>One degree or school; a single date is the end (graduation).</summary>
public sealed record ResumeEducation
{
    public string? School { get; init; }
    public string? Degree { get; init; }
    public string? Field { get; init; }
    public string? StartDate { get; init; }
    public string? EndDate { get; init; }
}

/// <summary>A spoken language by its English name ("Anglais" is English), with the level as written.</summary>
public sealed record ResumeLanguage(string Name, string? Level);

/// <summary>What the parser answers: the data, or why there is none. It never throws for a file's content.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "status")]
[JsonDerivedType(typeof(ResumeParsed), "parsed")]
[JsonDerivedType(typeof(ResumeFailed), "failed")]
public abstract record ResumeParseResult;

public sealed record ResumeParsed(ResumeData Data) : ResumeParseResult;

/// <summary>A failure with its kind (for the worker's rules) and a sentence the candidate can act on.</summary>
public sealed record ResumeFailed(ResumeFailure Reason, string Message) : ResumeParseResult;

public enum ResumeFailure
{
    /// <summary>No bytes.</summary>
    Empty,

    /// <summary>More bytes, pages or text than the parser reads.</summary>
    TooLarge,

    /// <summary>Neither PDF nor DOCX.</summary>
    UnsupportedFormat,

    /// <summary>A Word 97-2003 .doc file.</summary>
    LegacyWord,

    /// <summary>A password-protected PDF or Word file.</summary>
    Encrypted,

    /// <summary>Says it is a PDF or DOCX but cannot be read as one.</summary>
    Corrupt,

    /// <summary>Readable, but without text (a scanned PDF: images only).</summary>
    NoText,

    /// <summary>Reading took longer than the parser allows.</summary>
    TimedOut,
}
