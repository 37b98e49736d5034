using CareerNexus.Candidates;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CareerNexus.Tests.Resumes.Corpus;

/// <summary>Writes a corpus document as an A4 PDF with PDFsharp and the CV renderer's fonts (see README "CV fonts").</summary>
public static class CorpusPdf
{
    private const double Margin = 40;
    private const double Gap = 22;
    private const double SideWidth = 170;
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    public static byte[] Render(CorpusDocument document)
    {
        CvFonts.Install("");
        using var pdf = new PdfDocument();
        var pages = new Pages(pdf);
        var width = XUnit.FromMillimeter(210).Point - 2 * Margin;
        var body = new Flow(pages, Margin, width);
        foreach (var block in document.Blocks)
        {
            if (block is CorpusColumns columns)
            {
                var sideX = columns.SideLeft ? Margin : Margin + width - SideWidth;
                var mainX = columns.SideLeft ? Margin + SideWidth + Gap : Margin;
                var side = new Flow(pages, sideX, SideWidth) { Page = body.Page, Y = body.Y };
                var main = new Flow(pages, mainX, width - SideWidth - Gap) { Page = body.Page, Y = body.Y };
                foreach (var b in columns.Side) side.Write(b);
                foreach (var b in columns.Main) main.Write(b);
                (body.Page, body.Y) = main.Page > side.Page || main.Page == side.Page && main.Y > side.Y ? (main.Page, main.Y) : (side.Page, side.Y);
                continue;
            }
            body.Write(block);
        }
        pages.Close();
        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }

    internal static XFont Font(CorpusStyle style) =>
        new(CvFonts.Family, style.Size, style is { Bold: true, Italic: true } ? XFontStyleEx.BoldItalic : style.Bold ? XFontStyleEx.Bold : style.Italic ? XFontStyleEx.Italic : XFontStyleEx.Regular, Unicode);

    /// <summary>The document's pages, one drawing surface open at a time (a column may come back to an earlier page).</summary>
    private sealed class Pages(PdfDocument pdf)
    {
        private readonly List<PdfPage> _pages = [];
        private XGraphics? _graphics;
        private int _open = -1;

        public double Height => XUnit.FromMillimeter(297).Point;

        public XGraphics On(int index)
        {
            while (_pages.Count <= index)
            {
                var page = pdf.AddPage();
                page.Size = PdfSharp.PageSize.A4;
                _pages.Add(page);
            }
            if (_open == index && _graphics is not null) return _graphics;
            _graphics?.Dispose();
            _graphics = XGraphics.FromPdfPage(_pages[index], XGraphicsPdfPageOptions.Append);
            _open = index;
            return _graphics;
        }

        public void Close() => _graphics?.Dispose();
    }

    /// <summary>Text flowing down one column from page to page.</summary>
    private sealed class Flow(Pages pages, double x, double width)
    {
        public int Page { get; set; }
        public double Y { get; set; } = Margin;

        public void Write(CorpusBlock block)
        {
            switch (block)
            {
                case CorpusParagraph p:
                    Y += p.SpaceBefore;
                    var font = Font(p.Style);
                    var indent = p.Bullet ? 10 : 0;
                    var first = true;
                    foreach (var line in Wrap(p.Text, font, width - indent).ToList())
                    {
                        var g = Room(font);
                        if (p.Bullet && first) g.DrawString("•", font, XBrushes.Black, new XPoint(x, Y), XStringFormats.TopLeft);
                        g.DrawString(line, font, XBrushes.Black, new XPoint(x + indent, Y), XStringFormats.TopLeft);
                        Y += font.GetHeight() * 1.15;
                        first = false;
                    }
                    Y += 1.5;
                    break;
                case CorpusRow r:
                    Y += 3;
                    var left = Font(r.LeftStyle);
                    var right = Font(r.RightStyle);
                    var graphics = Room(left);
                    var rightWidth = graphics.MeasureString(r.Right, right).Width;
                    graphics.DrawString(r.Right, right, XBrushes.Black, new XPoint(x + width - rightWidth, Y + (left.Size - right.Size) * 0.8), XStringFormats.TopLeft);
                    // A left text too long for the room beside the right one wraps under itself, as a word processor does.
                    foreach (var line in Wrap(r.Left, left, width - rightWidth - 12).ToList())
                    {
                        Room(left).DrawString(line, left, XBrushes.Black, new XPoint(x, Y), XStringFormats.TopLeft);
                        Y += left.GetHeight() * 1.15;
                    }
                    Y += 1.5;
                    break;
            }
        }

        private XGraphics Room(XFont font)
        {
            if (Y + font.GetHeight() * 1.2 > pages.Height - Margin)
            {
                Page++;
                Y = Margin;
            }
            return pages.On(Page);
        }

        private IEnumerable<string> Wrap(string text, XFont font, double lineWidth)
        {
            var graphics = pages.On(Page);
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && graphics.MeasureString(candidate, font).Width > lineWidth)
                {
                    yield return line;
                    line = word;
                }
                else line = candidate;
            }
            if (line.Length > 0) yield return line;
        }
    }
}
