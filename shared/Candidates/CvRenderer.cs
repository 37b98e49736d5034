using System.Globalization;
using CareerNexus.Accounts;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace CareerNexus.Candidates;

/// <summary>
/// Renders a candidate's profile as an A4 PDF with PDFsharp: name, contact, bio, skills, work experience, education
/// and projects, text wrapped to the page width and continued on new pages. Text is embedded as Unicode, so any
/// name prints and PDF readers (and text extraction) get the characters back.
/// </summary>
public sealed class CvRenderer(PlatformOptions options)
{
    private const double Margin = 50;
    private const double BodySize = 10.5;
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly XColor Accent = XColor.FromArgb(30, 64, 120);

    /// <summary>The PDF's bytes.</summary>
    public byte[] Render(Account account, CandidateProfile profile)
    {
        CvFonts.Install(options.CvFontDirectory);
        using var document = new PdfDocument();
        var name = account.FullName();
        if (name.Length == 0) name = account.Username;
        document.Info.Title = $"{name} - CV";
        document.Info.Author = name;

        var writer = new PageWriter(document);
        writer.Line(name, Font(22, bold: true), Accent);
        var contact = new[] { account.Email, Phone(account), profile.Location.Length > 0 ? profile.Location : account.Location }
            .Where(s => !string.IsNullOrWhiteSpace(s));
        writer.Paragraph(string.Join("  |  ", contact), Font(BodySize), XColors.DimGray);

        var bio = profile.Bio.Length > 0 ? profile.Bio : account.Bio;
        if (bio.Length > 0)
        {
            writer.Heading("Profile");
            writer.Paragraph(bio, Font(BodySize));
        }
        if (profile.Skills.Count > 0)
        {
            writer.Heading("Skills");
            writer.Paragraph(string.Join(", ", profile.Skills), Font(BodySize));
        }
        if (profile.WorkExperiences.Count > 0)
        {
            writer.Heading("Work experience");
            foreach (var e in profile.WorkExperiences)
            {
                var type = e.ContractType.Length > 0 ? $" ({e.ContractType.Replace('_', '-')})" : "";
                writer.Paragraph($"{e.Position}, {e.Company}{type}", Font(BodySize + 0.5, bold: true));
                writer.Paragraph(Period(e.StartDate, e.EndDate), Font(BodySize - 1), XColors.DimGray);
                if (e.Description.Length > 0) writer.Paragraph(e.Description, Font(BodySize));
                writer.Space(6);
            }
        }
        if (profile.Educations.Count > 0)
        {
            writer.Heading("Education");
            foreach (var e in profile.Educations)
            {
                var field = e.FieldOfStudy.Length > 0 ? $", {e.FieldOfStudy}" : "";
                writer.Paragraph($"{e.Degree}{field}, {e.Institution}", Font(BodySize + 0.5, bold: true));
                var gpa = e.Gpa is { } g ? string.Create(CultureInfo.InvariantCulture, $"  |  GPA {g:0.##}") : "";
                writer.Paragraph(Period(e.StartDate, e.EndDate) + gpa, Font(BodySize - 1), XColors.DimGray);
                writer.Space(6);
            }
        }
        if (profile.Projects.Count > 0)
        {
            writer.Heading("Projects");
            foreach (var p in profile.Projects)
            {
                writer.Paragraph(p.Name, Font(BodySize + 0.5, bold: true));
                if (p.Technologies.Count > 0) writer.Paragraph(string.Join(", ", p.Technologies), Font(BodySize - 1), XColors.DimGray);
                if (p.Description.Length > 0) writer.Paragraph(p.Description, Font(BodySize));
                writer.Space(6);
            }
        }
        writer.Finish();

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static string Phone(Account account) => account.PhoneNumber.Length == 0 ? "" : $"{account.CountryCode} {account.PhoneNumber}".Trim();

    private static string Period(DateOnly start, DateOnly? end) =>
        $"{start.ToString("MMM yyyy", CultureInfo.InvariantCulture)} - {(end is { } e ? e.ToString("MMM yyyy", CultureInfo.InvariantCulture) : "present")}";

    private static XFont Font(double size, bool bold = false) =>
        new(CvFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    /// <summary>Writes lines top to bottom, starting a new page whenever the next line would not fit.</summary>
    private sealed class PageWriter(PdfDocument document)
    {
        private PdfPage? _page;
        private XGraphics? _graphics;
        private double _y;

        private double Width => _page!.Width.Point - 2 * Margin;

        public void Heading(string text)
        {
            Space(10);
            // A heading never ends a page alone: it moves to the next one with the first lines under it.
            Ensure(Font(13, bold: true).Height * 1.3 + Font(BodySize).Height * 3);
            Line(text.ToUpperInvariant(), Font(13, bold: true), Accent);
            _graphics!.DrawLine(new XPen(Accent, 0.8), Margin, _y, Margin + Width, _y);
            Space(5);
        }

        public void Paragraph(string text, XFont font, XColor? color = null)
        {
            Ensure(0);
            foreach (var paragraph in text.Replace("\r\n", "\n").Split('\n'))
                foreach (var line in Wrap(paragraph, font))
                    Line(line, font, color ?? XColors.Black);
        }

        public void Line(string text, XFont font, XColor color)
        {
            var height = font.GetHeight() * 1.2;
            Ensure(height);
            _graphics!.DrawString(text, font, new XSolidBrush(color), new XRect(Margin, _y, Width, height), XStringFormats.TopLeft);
            _y += height;
        }

        public void Space(double points) => _y += points;

        public void Finish() => _graphics?.Dispose();

        private void Ensure(double height)
        {
            if (_page is not null && _y + height <= _page.Height.Point - Margin) return;
            _graphics?.Dispose();
            _page = document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        /// <summary>Greedy word wrap by measured width; a word wider than the line is cut where it must be.</summary>
        private IEnumerable<string> Wrap(string text, XFont font)
        {
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (Fits(candidate, font))
                {
                    line = candidate;
                    continue;
                }
                if (line.Length > 0) yield return line;
                line = word;
                while (!Fits(line, font) && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && !Fits(line[..cut], font)) cut--;
                    yield return line[..cut];
                    line = line[cut..];
                }
            }
            if (line.Length > 0) yield return line;
        }

        private bool Fits(string text, XFont font) => _graphics!.MeasureString(text, font).Width <= Width;
    }
}

/// <summary>
/// PDFsharp needs its fonts from the application on Linux. The CV uses a sans-serif family found at run time: DejaVu
/// Sans (Debian/Ubuntu package fonts-dejavu-core) or Liberation Sans (fonts-liberation), in CareerNexus__CvFontDirectory
/// when set, else in the app's own fonts folder (the build copies DejaVu Sans there) or the usual font folders.
/// PDFsharp takes one resolver per process, so the first one installed serves every app in it.
/// </summary>
public static class CvFonts
{
    public const string Family = "CareerNexus CV";

    /// <summary>The fonts the app carries (functions/CareerNexus.Functions.csproj copies them beside it).</summary>
    public static readonly string BundledDirectory = Path.Combine(AppContext.BaseDirectory, "fonts");

    private static readonly string[] SystemDirectories = ["/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", @"C:\Windows\Fonts"];

    /// <summary>Regular and bold files of each family tried, in order of preference.</summary>
    private static readonly (string Regular, string Bold)[] Faces =
    [
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ];

    private static readonly Lock Gate = new();
    private static bool _installed;

    public static void Install(string configuredDirectory)
    {
        lock (Gate)
        {
            if (_installed) return;
            string[] searched = configuredDirectory.Length > 0 ? [configuredDirectory] : [BundledDirectory, .. SystemDirectories];
            var directories = searched.Where(Directory.Exists).ToList();
            var files = directories.SelectMany(d => Directory.EnumerateFiles(d, "*.ttf", SearchOption.AllDirectories))
                .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key!, g => g.First(), StringComparer.OrdinalIgnoreCase);
            foreach (var (regular, bold) in Faces)
            {
                if (!files.TryGetValue(regular, out var regularPath) || !files.TryGetValue(bold, out var boldPath)) continue;
                GlobalFontSettings.FontResolver = new Resolver(File.ReadAllBytes(regularPath), File.ReadAllBytes(boldPath));
                _installed = true;
                return;
            }
            throw new InvalidOperationException(
                $"No font for CVs: install fonts-dejavu-core (DejaVu Sans) or fonts-liberation, or set CareerNexus__CvFontDirectory to a folder holding {Faces[0].Regular} and {Faces[0].Bold}.");
        }
    }

    private sealed class Resolver(byte[] regular, byte[] bold) : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new(isBold ? "cv-bold" : "cv-regular", mustSimulateBold: false, mustSimulateItalic: isItalic);

        public byte[]? GetFont(string faceName) => faceName == "cv-bold" ? bold : regular;
    }
}
