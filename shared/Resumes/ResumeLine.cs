using System.Diagnostics;

namespace CareerNexus.Resumes;

/// <summary>
/// One line of a resume's text in reading order, with what its typography says. A PDF line split by a wide gap
/// (a date pushed to the right margin) gives two lines on the same <see cref="Row"/>.
/// </summary>
/// <param name="Column">Where the line stands: 0 for the full width, another number per column, table cell or text
/// box. Sections carry on within a column across pages, and a new column starts without one.</param>
/// <param name="Row">Lines of one visual row share it (PDF: same page and baseline; DOCX: same paragraph).</param>
/// <param name="X">Left edge in points from the column's left (PDF), or 0 (DOCX).</param>
/// <param name="Size">Font size in points.</param>
/// <param name="Heading">The document marks it as a heading (a DOCX heading or title style).</param>
public sealed record ResumeLine(string Text, int Column, int Row, double X, double Size, bool Bold, bool Italic, bool Heading = false)
{
    public int Page { get; init; } = 1;

    /// <summary>The line may be a paragraph wrapped by the layout (PDF), so the next line can continue it.</summary>
    public bool Wraps { get; init; }

    /// <summary>Width in points (PDF), or 0: with <see cref="X"/>, where the line ends.</summary>
    public double Width { get; init; }
}

/// <summary>The limits that keep a hostile file from exhausting the worker.</summary>
public sealed record ResumeLimits
{
    /// <summary>Files above this are refused before any parsing.</summary>
    public long MaxBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Pages read from a PDF; a resume longer than this is read up to it.</summary>
    public int MaxPages { get; init; } = 10;

    /// <summary>Characters of text read; the rest is ignored.</summary>
    public int MaxCharacters { get; init; } = 100_000;

    /// <summary>Uncompressed size of a DOCX's main part (a zip bomb is refused before it is inflated).</summary>
    public long MaxDocxPartBytes { get; init; } = 20 * 1024 * 1024;

    /// <summary>Time one resume may take, checked between pages and stages.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// The time one resume may take, checked between pages, rows and paragraphs: a <see cref="TimeoutException"/> when it
/// is spent, and the caller's own cancellation as it is.
/// </summary>
public sealed class ResumeDeadline(TimeSpan timeout, CancellationToken ct)
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public void Check()
    {
        ct.ThrowIfCancellationRequested();
        if (Stopwatch.GetElapsedTime(_start) >= timeout) throw new TimeoutException();
    }
}
