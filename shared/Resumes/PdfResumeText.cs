using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace CareerNexus.Resumes;

/// <summary>What a document reader hands the field reader: lines in reading order, and the link targets it holds.</summary>
public sealed record ResumeLayout(IReadOnlyList<ResumeLine> Lines, IReadOnlyList<string> Links);

/// <summary>
/// The lines of a PDF from its letters (PdfPig): letters grouped into rows by baseline, rows cut into segments at
/// wide gaps, and a page's segments split into two columns when an empty vertical strip separates two bodies of text
/// (a sidebar layout), so that each column reads top to bottom before the next.
/// </summary>
internal static class PdfResumeText
{
    private const int LeftColumn = 1;
    private const int RightColumn = 2;

    public static ResumeLayout Read(byte[] bytes, ResumeLimits limits, ResumeDeadline deadline)
    {
        using var document = PdfDocument.Open(bytes, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        var lines = new List<ResumeLine>();
        var links = new List<string>();
        var row = 0;
        var characters = 0;
        var pages = Math.Min(document.NumberOfPages, limits.MaxPages);
        for (var number = 1; number <= pages && characters < limits.MaxCharacters; number++)
        {
            deadline.Check();
            var page = document.GetPage(number);
            foreach (var link in page.GetHyperlinks())
                if (!string.IsNullOrWhiteSpace(link.Uri)) links.Add(link.Uri);
            var segments = Segments(page, ref row, deadline);
            foreach (var line in ReadingOrder(segments, page.Width))
            {
                lines.Add(line with { Page = number, Wraps = true });
                characters += line.Text.Length;
            }
        }
        return new ResumeLayout(lines, links);
    }

    private sealed record Segment(string Text, int Row, double Left, double Right, double Size, bool Bold, bool Italic);

    /// <summary>Rows by baseline (top of the page first), each cut where a gap is wider than two letters.</summary>
    private static List<Segment> Segments(Page page, ref int row, ResumeDeadline deadline)
    {
        var horizontal = page.Letters.Where(l => l.TextOrientation == TextOrientation.Horizontal && l.PointSize > 0).ToList();
        var letters = horizontal.Where(l => !string.IsNullOrWhiteSpace(l.Value))
            .OrderByDescending(l => l.StartBaseLine.Y).ThenBy(l => l.StartBaseLine.X)
            .ToList();
        // Space characters the PDF does draw separate words even where the gap is narrow (tight or justified text).
        var spaces = horizontal.Where(l => string.IsNullOrWhiteSpace(l.Value)).Select(l => l.StartBaseLine).ToList();
        var segments = new List<Segment>();
        var at = 0;
        while (at < letters.Count)
        {
            deadline.Check();
            var baseline = letters[at].StartBaseLine.Y;
            var tolerance = Math.Max(1.0, letters[at].PointSize * 0.35);
            var end = at;
            while (end < letters.Count && Math.Abs(letters[end].StartBaseLine.Y - baseline) <= tolerance) end++;
            var rowLetters = letters.GetRange(at, end - at);
            rowLetters.Sort((a, b) => a.StartBaseLine.X.CompareTo(b.StartBaseLine.X));
            row++;
            var rowSpaces = spaces.Where(p => Math.Abs(p.Y - baseline) <= tolerance).Select(p => p.X).ToList();
            Cut(rowLetters, row, rowSpaces, segments);
            at = end;
        }
        return segments;
    }

    private static void Cut(List<Letter> letters, int row, List<double> spaces, List<Segment> segments)
    {
        var start = 0;
        for (var i = 1; i <= letters.Count; i++)
        {
            if (i < letters.Count)
            {
                var size = Math.Max(letters[i - 1].PointSize, letters[i].PointSize);
                if (letters[i].StartBaseLine.X - letters[i - 1].EndBaseLine.X <= size * 1.5) continue;
            }
            segments.Add(Join(letters.GetRange(start, i - start), row, spaces));
            start = i;
        }
    }

    private static Segment Join(List<Letter> letters, int row, List<double> spaces)
    {
        var text = new System.Text.StringBuilder();
        int bold = 0, italic = 0;
        var sizes = new List<double>(letters.Count);
        for (var i = 0; i < letters.Count; i++)
        {
            var letter = letters[i];
            if (i > 0)
            {
                var (from, to) = (letters[i - 1].EndBaseLine.X, letter.StartBaseLine.X);
                if (to - from > letter.PointSize * 0.18 || spaces.Exists(x => x >= from - 0.5 && x <= to + 0.5)) text.Append(' ');
            }
            text.Append(letter.Value);
            sizes.Add(letter.PointSize);
            var font = letter.FontName ?? "";
            if (letter.FontDetails?.IsBold == true || font.Contains("Bold", StringComparison.OrdinalIgnoreCase)
                || font.Contains("Black", StringComparison.OrdinalIgnoreCase) || font.Contains("Heavy", StringComparison.OrdinalIgnoreCase)
                || font.Contains("Semibold", StringComparison.OrdinalIgnoreCase)) bold++;
            if (letter.FontDetails?.IsItalic == true || font.Contains("Italic", StringComparison.OrdinalIgnoreCase)
                || font.Contains("Oblique", StringComparison.OrdinalIgnoreCase)) italic++;
        }
        sizes.Sort();
        return new Segment(text.ToString(), row, letters[0].StartBaseLine.X, letters[^1].EndBaseLine.X,
            Math.Round(sizes[sizes.Count / 2], 1), bold * 2 > letters.Count, italic * 2 > letters.Count);
    }

    /// <summary>The page's segments as lines: one column, or the left column's then the right's between full-width rows.</summary>
    private static IEnumerable<ResumeLine> ReadingOrder(List<Segment> segments, double pageWidth)
    {
        if (segments.Count == 0) yield break;
        var gutter = Gutter(segments, pageWidth);
        if (gutter is null)
        {
            var left = segments.Min(s => s.Left);
            foreach (var s in segments) yield return Line(s, 0, left);
            yield break;
        }
        var (from, to) = gutter.Value;
        int Side(Segment s) => s.Right <= from ? LeftColumn : s.Left >= to ? RightColumn : 0;
        var lefts = new Dictionary<int, double>
        {
            [0] = segments.Min(s => s.Left),
            [LeftColumn] = segments.Where(s => Side(s) == LeftColumn).Min(s => s.Left),
            [RightColumn] = segments.Where(s => Side(s) == RightColumn).Min(s => s.Left),
        };
        // Segments come top to bottom; a full-width one closes the band of columns above it.
        var band = new List<Segment>();
        foreach (var s in segments)
        {
            if (Side(s) != 0)
            {
                band.Add(s);
                continue;
            }
            foreach (var line in Band(band)) yield return line;
            band.Clear();
            yield return Line(s, 0, lefts[0]);
        }
        foreach (var line in Band(band)) yield return line;

        IEnumerable<ResumeLine> Band(List<Segment> items) =>
            items.Where(s => Side(s) == LeftColumn).Select(s => Line(s, LeftColumn, lefts[LeftColumn]))
                .Concat(items.Where(s => Side(s) == RightColumn).Select(s => Line(s, RightColumn, lefts[RightColumn])));
    }

    private static ResumeLine Line(Segment s, int column, double left) =>
        new(s.Text, column, s.Row, Math.Round(s.Left - left, 1), s.Size, s.Bold, s.Italic) { Width = Math.Round(s.Right - s.Left, 1) };

    /// <summary>
    /// An empty vertical strip in the middle of the page with real text on both sides: the narrower side needs five
    /// segments that are not all dates (a date pushed to the right margin is not a column) and a share of the text.
    /// </summary>
    private static (double From, double To)? Gutter(List<Segment> segments, double pageWidth)
    {
        const double Width = 8;
        var total = segments.Sum(s => s.Text.Length);
        var dateOnly = segments.Select(s => ResumeDates.IsDateOnly(s.Text)).ToArray();
        (double, double)? best = null;
        var bestCrossing = int.MaxValue;
        for (var x = pageWidth * 0.15; x <= pageWidth * 0.85; x += 2)
        {
            int crossing = 0, leftCount = 0, rightCount = 0, leftChars = 0, rightChars = 0, leftDates = 0, rightDates = 0;
            for (var i = 0; i < segments.Count; i++)
            {
                var s = segments[i];
                if (s.Right <= x)
                {
                    leftCount++;
                    leftChars += s.Text.Length;
                    if (dateOnly[i]) leftDates++;
                }
                else if (s.Left >= x + Width)
                {
                    rightCount++;
                    rightChars += s.Text.Length;
                    if (dateOnly[i]) rightDates++;
                }
                else crossing++;
            }
            if (crossing > Math.Max(2, segments.Count / 10) || crossing >= bestCrossing) continue;
            if (!Substantial(leftCount, leftChars, leftDates) || !Substantial(rightCount, rightChars, rightDates)) continue;
            bestCrossing = crossing;
            best = (x, x + Width);
        }
        return best;

        bool Substantial(int count, int chars, int dates) => count >= 5 && chars >= total * 0.06 && dates * 10 <= count * 4;
    }
}
