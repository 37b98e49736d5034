using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CareerNexus.Common;
using CareerNexus.Matching;
using CareerNexus.Resumes;
using CareerNexus.Tests.Resumes.Corpus;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Xunit;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace CareerNexus.Tests.Resumes;

/// <summary>
/// The resume parser through its API, on generated PDF and DOCX files of every layout in English and French, on
/// hand-written resumes for the formats it must read (phones, dates, "Present", synonyms of skills), and on the files
/// it must refuse with a reason: scanned, corrupt, encrypted, Word 97, oversized, zip bombs, too slow.
/// </summary>
public sealed class ResumeParserTests
{
    private static ResumeParser Parser(ResumeLimits? limits = null) =>
        new(new ResumeReader(ResumeVocabulary.Shared, MatchData.Shared), limits ?? ResumeCorpus.Limits, new CorpusClock());

    private static ResumeData Parsed(byte[] content, string? name = null)
    {
        var result = Parser().Parse(content, name);
        return Assert.IsType<ResumeParsed>(result).Data;
    }

    public static TheoryData<CorpusLayout, string, string> EveryLayout()
    {
        var data = new TheoryData<CorpusLayout, string, string>();
        foreach (var layout in Enum.GetValues<CorpusLayout>())
            foreach (var format in new[] { "pdf", "docx" })
                foreach (var language in new[] { "en", "fr" })
                    data.Add(layout, format, language);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryLayout))]
    public void Every_field_is_read_from_each_layout_in_both_formats_and_languages(CorpusLayout layout, string format, string language)
    {
        // Several people per layout, so that one lucky draw does not pass for the layout.
        for (var person = 0; person < 3; person++)
        {
            var resume = ResumeCorpus.Make(1000 + person * 50 + (int)layout * 7 + (format == "pdf" ? 0 : 3) + (language == "en" ? 0 : 1), layout, language, format);
            var truth = resume.Truth;
            var data = Parsed(resume.Content, resume.Name);
            var tag = resume.Name;

            Assert.True(Same(truth.Name, data.Name), $"{tag} name: {data.Name}");
            Assert.Equal(truth.Email, data.Email);
            Assert.Equal(Digits(truth.Phone), Digits(data.Phone));
            Assert.Equal(Link(truth.Linkedin), Link(data.Linkedin));
            Assert.Equal(Link(truth.Github), Link(data.Github));
            Assert.Equal(Link(truth.Website), Link(data.Website));
            Assert.True(Same(truth.Location, data.Location), $"{tag} location: {data.Location}");
            Assert.True(Same(truth.Summary, data.Summary), $"{tag} summary: {data.Summary}");
            Assert.Equal(truth.Skills.Order(), data.Skills.Order());
            Assert.Equal(language, data.Language);

            Assert.Equal(truth.Experience.Count, data.Experience.Count);
            foreach (var (expected, got) in truth.Experience.Zip(data.Experience))
            {
                Assert.True(Same(expected.Company, got.Company), $"{tag} company: {got.Company} for {expected.Company}");
                Assert.True(Same(expected.Position, got.Position), $"{tag} position: {got.Position} for {expected.Position}");
                Assert.Equal(expected.StartDate, got.StartDate);
                Assert.Equal(expected.EndDate, got.EndDate);
                Assert.Equal(expected.IsCurrent, got.IsCurrent);
                Assert.NotNull(got.DurationMonths);
            }
            Assert.Equal(truth.Education.Count, data.Education.Count);
            foreach (var (expected, got) in truth.Education.Zip(data.Education))
            {
                Assert.True(Same(expected.School, got.School), $"{tag} school: {got.School} for {expected.School}");
                Assert.True(Same(expected.Degree, got.Degree), $"{tag} degree: {got.Degree} for {expected.Degree}");
                Assert.True(Same(expected.Field, got.Field), $"{tag} field: {got.Field} for {expected.Field}");
                Assert.Equal(expected.StartDate, got.StartDate);
                Assert.Equal(expected.EndDate, got.EndDate);
            }
            Assert.Equal(truth.Languages.Select(l => l.Name), data.Languages.Select(l => l.Name));
        }
    }

    /// <summary>A resume written by hand, in one column and in a sidebar table, as PDF and DOCX.</summary>
    private static CorpusDocument Handwritten(bool sidebar, bool french)
    {
        var heading = new CorpusStyle(12, Bold: true);
        CorpusBlock H(string text) => new CorpusParagraph(text, heading, SpaceBefore: 8);
        CorpusBlock P(string text, bool bold = false) => new CorpusParagraph(text, new CorpusStyle(10, Bold: bold));
        var contact = new List<CorpusBlock>
        {
            P("ines.lefebvre@example.org"), P("+1 (415) 555-0100"), P("Dakar, Senegal"), P("linkedin.com/in/ineslef"), P("https://github.com/ineslef"),
        };
        var skills = new List<CorpusBlock> { H(french ? "COMPÉTENCES" : "SKILLS"), P("JS, Postgres, k8s, Node.js, Design thinking") };
        var languages = new List<CorpusBlock> { H(french ? "LANGUES" : "LANGUAGES"), P(french ? "Anglais : courant" : "French - Native"), P(french ? "Wolof (natif)" : "Wolof (fluent)") };
        var main = new List<CorpusBlock>
        {
            new CorpusParagraph("Inès Lefebvre", new CorpusStyle(22, Bold: true)),
            H(french ? "EXPÉRIENCE PROFESSIONNELLE" : "WORK EXPERIENCE"),
            P(french ? "Développeuse backend — Sonatel" : "Backend Developer — Sonatel", bold: true),
            P(french ? "janvier 2021 – Aujourd'hui" : "Jan 2021 – Present"),
            new CorpusParagraph(french ? "Conception des API de paiement." : "Designed the payment APIs.", CorpusStyle.Body, Bullet: true),
            P(french ? "Stagiaire développeuse — Wave" : "Software Engineering Intern — Wave", bold: true),
            P("06/2019 - 12/2020"),
            H(french ? "FORMATION" : "EDUCATION"),
            P(french ? "Master en Informatique" : "Master of Science in Computer Science", bold: true),
            P(french ? "Université Cheikh Anta Diop, 2017 – 2019" : "Université Cheikh Anta Diop, 2017 – 2019"),
        };
        if (sidebar)
            return new CorpusDocument([new CorpusColumns([H("CONTACT"), .. contact, .. skills, .. languages], main, SideLeft: true, TextBox: false)]);
        return new CorpusDocument([main[0], .. contact, .. main.Skip(1), .. skills, .. languages]);
    }

    [Theory]
    [InlineData(false, false, "pdf")]
    [InlineData(false, false, "docx")]
    [InlineData(true, false, "pdf")]
    [InlineData(true, false, "docx")]
    [InlineData(false, true, "pdf")]
    [InlineData(true, true, "docx")]
    public void A_handwritten_resume_is_read_whole(bool sidebar, bool french, string format)
    {
        var document = Handwritten(sidebar, french);
        var data = Parsed(format == "pdf" ? CorpusPdf.Render(document) : CorpusDocx.Render(document));

        Assert.Equal("Inès Lefebvre", data.Name);
        Assert.Equal("ines.lefebvre@example.org", data.Email);
        Assert.Equal("+1 (415) 555-0100", data.Phone);
        Assert.Equal("linkedin.com/in/ineslef", data.Linkedin);
        Assert.Equal("https://github.com/ineslef", data.Github);
        Assert.Null(data.Website);
        Assert.Equal("Dakar, Senegal", data.Location);
        // The platform's names: JS is JavaScript, Postgres is PostgreSQL, k8s is Kubernetes; an unknown skill stays as written.
        Assert.Equal(["JavaScript", "PostgreSQL", "Kubernetes", "Node.js", "Design thinking"], data.Skills);
        Assert.Equal(french ? "fr" : "en", data.Language);

        Assert.Equal(2, data.Experience.Count);
        var current = data.Experience[0];
        Assert.Equal("Sonatel", current.Company);
        Assert.Equal(french ? "Développeuse backend" : "Backend Developer", current.Position);
        Assert.Equal("2021-01", current.StartDate);
        Assert.Null(current.EndDate);
        Assert.True(current.IsCurrent);
        Assert.Equal(66, current.DurationMonths); // January 2021 to June 2026 (the corpus clock), both months counted
        Assert.Equal("5 years 6 months", current.Duration);
        Assert.Equal(french ? "Conception des API de paiement." : "Designed the payment APIs.", current.Description);
        var intern = data.Experience[1];
        Assert.Equal("Wave", intern.Company);
        Assert.Equal("2019-06", intern.StartDate);
        Assert.Equal("2020-12", intern.EndDate);
        Assert.False(intern.IsCurrent);
        Assert.Equal(19, intern.DurationMonths);
        Assert.Equal("1 year 7 months", intern.Duration);

        var school = Assert.Single(data.Education);
        Assert.Equal("Université Cheikh Anta Diop", school.School);
        Assert.Equal(french ? "Master" : "Master of Science", school.Degree);
        Assert.Equal(french ? "Informatique" : "Computer Science", school.Field);
        Assert.Equal("2017", school.StartDate);
        Assert.Equal("2019", school.EndDate);

        Assert.Equal(french ? ["English", "Wolof"] : ["French", "Wolof"], data.Languages.Select(l => l.Name));
        Assert.Equal(french ? "courant" : "Native", data.Languages[0].Level);
    }

    [Fact]
    public void Word_list_bullets_are_read_as_bullets()
    {
        using var output = new MemoryStream();
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(output, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            static W.Paragraph P(string text, bool bold = false, bool bullet = false)
            {
                var properties = new W.ParagraphProperties();
                // Numbering 1, level 0: Word draws the bullet, the text has none.
                if (bullet) properties.Append(new W.NumberingProperties(new W.NumberingLevelReference { Val = 0 }, new W.NumberingId { Val = 1 }));
                var run = new W.Run(new W.Text(text));
                if (bold) run.PrependChild(new W.RunProperties(new W.Bold()));
                return new W.Paragraph(properties, run);
            }
            main.Document = new W.Document(new W.Body(
                P("Kofi Mensah", bold: true), P("kofi.mensah@example.org"), P("Work experience", bold: true),
                P("Data Analyst — Ecobank", bold: true), P("Jan 2019 – Dec 2020"), P("Dashboards", bullet: true), P("Monthly reporting", bullet: true),
                P("Analyst Intern — MTN Group", bold: true), P("Jun 2018 – Dec 2018"), P("SQL queries", bullet: true)));
        }
        var data = Parsed(output.ToArray());

        Assert.Equal(2, data.Experience.Count);
        Assert.Equal(("Ecobank", "Data Analyst", "Dashboards\nMonthly reporting"), (data.Experience[0].Company, data.Experience[0].Position, data.Experience[0].Description));
        Assert.Equal(("MTN Group", "Analyst Intern", "SQL queries"), (data.Experience[1].Company, data.Experience[1].Position, data.Experience[1].Description));
    }

    [Fact]
    public void Contact_details_in_a_word_page_header_are_read()
    {
        using var output = new MemoryStream();
        using (var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(output, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var header = main.AddNewPart<DocumentFormat.OpenXml.Packaging.HeaderPart>();
            header.Header = new W.Header(new W.Paragraph(new W.Run(new W.Text("amara.okafor@example.org | +234 803 123 4567 | Lagos, Nigeria"))));
            main.Document = new W.Document(new W.Body(
                new W.Paragraph(new W.Run(new W.RunProperties(new W.Bold(), new W.FontSize { Val = "40" }), new W.Text("Amara Okafor"))),
                new W.Paragraph(new W.Run(new W.RunProperties(new W.Bold()), new W.Text("SKILLS"))),
                new W.Paragraph(new W.Run(new W.Text("Python, SQL, Excel"))),
                new W.Paragraph(new W.SectionProperties(new W.HeaderReference { Type = W.HeaderFooterValues.Default, Id = main.GetIdOfPart(header) }))));
        }
        var data = Parsed(output.ToArray());

        Assert.Equal("Amara Okafor", data.Name);
        Assert.Equal("amara.okafor@example.org", data.Email);
        Assert.Equal("+234 803 123 4567", data.Phone);
        Assert.Equal("Lagos, Nigeria", data.Location);
        Assert.Equal(["Python", "SQL", "Excel"], data.Skills);
    }

    [Theory]
    [InlineData("+33 6 12 34 56 78")]
    [InlineData("06 12 34 56 78")]
    [InlineData("+1 (415) 555-0100")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("+221 77 123 45 67")]
    [InlineData("+225 07.12.34.56.78")]
    [InlineData("+33612345678")]
    public void Phones_in_international_and_national_formats_are_read_as_written(string phone)
    {
        var document = new CorpusDocument(
        [
            new CorpusParagraph("Awa Sow", new CorpusStyle(18, Bold: true)),
            new CorpusParagraph($"awa.sow@example.org | Tél : {phone} | 2019 - 2021", CorpusStyle.Body),
            new CorpusParagraph("EXPERIENCE", new CorpusStyle(12, Bold: true)),
            new CorpusParagraph("Data Analyst — Orange", CorpusStyle.Body),
            new CorpusParagraph("2020-01 – 2021-06", CorpusStyle.Body),
        ]);
        Assert.Equal(phone, Parsed(CorpusDocx.Render(document)).Phone);
        Assert.Equal(phone, Parsed(CorpusPdf.Render(document)).Phone);
    }

    [Theory]
    [InlineData("Jan 2020 - Present", "2020-01", null, true)]
    [InlineData("January 2020 – March 2021", "2020-01", "2021-03", false)]
    [InlineData("01/2020 - 06/2022", "2020-01", "2022-06", false)]
    [InlineData("2020-01 to 2021-06", "2020-01", "2021-06", false)]
    [InlineData("janvier 2020 – Aujourd'hui", "2020-01", null, true)]
    [InlineData("sept. 2018 - déc. 2019", "2018-09", "2019-12", false)]
    [InlineData("févr. 2021 à présent", "2021-02", null, true)]
    [InlineData("2019 – 2021", "2019", "2021", false)]
    [InlineData("Since March 2022", "2022-03", null, true)]
    [InlineData("Depuis 2023", "2023", null, true)]
    [InlineData("mai 2017 – en cours", "2017-05", null, true)]
    [InlineData("Oct 2015 — Current", "2015-10", null, true)]
    public void Periods_are_read_in_many_formats(string written, string start, string? end, bool current)
    {
        var period = ResumeDates.Find($"Acme | {written} | Paris", out var rest);
        Assert.NotNull(period);
        Assert.Equal(start, period.Start.ToString());
        Assert.Equal(end, period.End?.ToString());
        Assert.Equal(current, period.Current);
        Assert.Equal("Acme | Paris", rest);
    }

    [Fact]
    public void A_scanned_pdf_without_text_fails_with_its_reason()
    {
        var failed = Assert.IsType<ResumeFailed>(Parser().Parse(ScannedPdf(), "scan.pdf"));
        Assert.Equal(ResumeFailure.NoText, failed.Reason);
        Assert.Contains("scanned", failed.Message);
    }

    /// <summary>A PDF page that is one image, as a scanner makes it: no text to read.</summary>
    internal static byte[] ScannedPdf()
    {
        using var pdf = new PdfDocument();
        var page = pdf.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        using (var image = XImage.FromStream(new MemoryStream(Bitmap(200, 280))))
            graphics.DrawImage(image, 40, 40, 500, 700);
        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>A grey 24-bit BMP: the page image a scanner would make.</summary>
    private static byte[] Bitmap(int width, int height)
    {
        var row = (width * 3 + 3) / 4 * 4;
        var pixels = new byte[row * height];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)(200 + i % 40);
        using var bmp = new MemoryStream();
        using var w = new BinaryWriter(bmp);
        w.Write((byte)'B');
        w.Write((byte)'M');
        w.Write(54 + pixels.Length);
        w.Write(0);
        w.Write(54);
        w.Write(40);
        w.Write(width);
        w.Write(height);
        w.Write((short)1);
        w.Write((short)24);
        w.Write(0);
        w.Write(pixels.Length);
        w.Write(2835);
        w.Write(2835);
        w.Write(0);
        w.Write(0);
        w.Write(pixels);
        return bmp.ToArray();
    }

    [Fact]
    public void A_corrupt_pdf_or_docx_fails_as_corrupt()
    {
        var random = new Random(7);
        var noise = new byte[4000];
        random.NextBytes(noise);
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n").Concat(noise).ToArray();
        Assert.Equal(ResumeFailure.Corrupt, Assert.IsType<ResumeFailed>(Parser().Parse(pdf, "cv.pdf")).Reason);

        var truncated = CorpusPdf.Render(Handwritten(sidebar: false, french: false))[..600];
        Assert.Equal(ResumeFailure.Corrupt, Assert.IsType<ResumeFailed>(Parser().Parse(truncated, "cv.pdf")).Reason);

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("word/document.xml").Open());
            writer.Write("<w:document this is not xml");
        }
        Assert.Equal(ResumeFailure.Corrupt, Assert.IsType<ResumeFailed>(Parser().Parse(zip.ToArray(), "cv.docx")).Reason);

        var docx = CorpusDocx.Render(Handwritten(sidebar: false, french: false));
        Assert.Equal(ResumeFailure.Corrupt, Assert.IsType<ResumeFailed>(Parser().Parse(docx[..(docx.Length / 2)], "cv.docx")).Reason);
    }

    [Fact]
    public void A_word_97_doc_file_fails_with_a_reason_saying_what_to_upload()
    {
        // An OLE compound file with a "WordDocument" stream name, as Word 97-2003 writes.
        var doc = new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.Concat(new byte[504]).Concat(Encoding.Unicode.GetBytes("WordDocument")).Concat(new byte[1024]).ToArray();
        var failed = Assert.IsType<ResumeFailed>(Parser().Parse(doc, "cv.doc"));
        Assert.Equal(ResumeFailure.LegacyWord, failed.Reason);
        Assert.Contains("DOCX or PDF", failed.Message);

        var protectedDocx = new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.Concat(new byte[504]).Concat(Encoding.Unicode.GetBytes("EncryptedPackage")).ToArray();
        Assert.Equal(ResumeFailure.Encrypted, Assert.IsType<ResumeFailed>(Parser().Parse(protectedDocx, "cv.docx")).Reason);
    }

    [Fact]
    public void A_password_protected_pdf_fails_as_encrypted()
    {
        using var pdf = new PdfDocument();
        var page = pdf.AddPage();
        Candidates.CvFonts.Install("");
        using (var graphics = XGraphics.FromPdfPage(page))
            graphics.DrawString("Secret Resume", new XFont(Candidates.CvFonts.Family, 12), XBrushes.Black, 50, 50);
        pdf.SecuritySettings.UserPassword = "open-sesame";
        pdf.SecuritySettings.OwnerPassword = "owner";
        using var output = new MemoryStream();
        pdf.Save(output, closeStream: false);

        Assert.Equal(ResumeFailure.Encrypted, Assert.IsType<ResumeFailed>(Parser().Parse(output.ToArray(), "cv.pdf")).Reason);
    }

    [Fact]
    public async Task An_oversized_file_fails_before_it_is_read_whole()
    {
        var stream = new CountingStream(Encoding.ASCII.GetBytes("%PDF-1.7\n"), length: 50L * 1024 * 1024);
        var failed = Assert.IsType<ResumeFailed>(await Parser().ParseAsync(stream, "huge.pdf"));
        Assert.Equal(ResumeFailure.TooLarge, failed.Reason);
        Assert.True(stream.Position <= new ResumeLimits().MaxBytes + 128 * 1024, $"read {stream.Position} bytes");

        // A DOCX whose main part inflates past the limit (a zip bomb) is refused without inflating it.
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            entry.Write(new byte[3 * 1024 * 1024]);
        }
        var bomb = Parser(new ResumeLimits { MaxDocxPartBytes = 1024 * 1024 }).Parse(zip.ToArray(), "bomb.docx");
        Assert.Equal(ResumeFailure.TooLarge, Assert.IsType<ResumeFailed>(bomb).Reason);
    }

    [Fact]
    public void Empty_unknown_and_slow_files_fail_with_their_reasons()
    {
        Assert.Equal(ResumeFailure.Empty, Assert.IsType<ResumeFailed>(Parser().Parse([], "cv.pdf")).Reason);
        Assert.Equal(ResumeFailure.UnsupportedFormat, Assert.IsType<ResumeFailed>(Parser().Parse("Jane Doe\njane@example.org"u8.ToArray(), "cv.txt")).Reason);
        Assert.Equal(ResumeFailure.UnsupportedFormat, Assert.IsType<ResumeFailed>(Parser().Parse(@"{\rtf1\ansi Jane}"u8.ToArray(), "cv.rtf")).Reason);

        var content = CorpusPdf.Render(Handwritten(sidebar: false, french: false));
        var slow = Parser(new ResumeLimits { Timeout = TimeSpan.Zero }).Parse(content, "cv.pdf");
        Assert.Equal(ResumeFailure.TimedOut, Assert.IsType<ResumeFailed>(slow).Reason);

        // The caller's own cancellation is not a failure of the file: it escapes.
        Assert.ThrowsAny<OperationCanceledException>(() => Parser().Parse(content, "cv.pdf", new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Pages_past_the_limit_are_not_read()
    {
        var blocks = new List<CorpusBlock> { new CorpusParagraph("Moussa Diop", new CorpusStyle(18, Bold: true)) };
        for (var i = 0; i < 160; i++) blocks.Add(new CorpusParagraph($"Line {i} of a very long resume.", new CorpusStyle(14)));
        blocks.Add(new CorpusParagraph("moussa.diop@example.org", CorpusStyle.Body));
        var content = CorpusPdf.Render(new CorpusDocument(blocks));

        Assert.Equal("moussa.diop@example.org", Parsed(content).Email);
        var capped = Assert.IsType<ResumeParsed>(Parser(new ResumeLimits { MaxPages = 2 }).Parse(content, "long.pdf")).Data;
        Assert.Equal("Moussa Diop", capped.Name);
        Assert.Null(capped.Email);
    }

    [Fact]
    public void The_result_is_json_in_the_platform_s_snake_case()
    {
        var resume = ResumeCorpus.Make(3, CorpusLayout.Classic, "en", "docx");
        var json = JsonSerializer.Serialize<ResumeParseResult>(Parser().Parse(resume.Content, resume.Name), PlatformJson.Options);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("parsed", document.RootElement.GetProperty("status").GetString());
        var data = document.RootElement.GetProperty("data");
        Assert.Equal(resume.Truth.Email, data.GetProperty("email").GetString());
        var job = data.GetProperty("experience")[0];
        foreach (var field in new[] { "company", "position", "start_date", "end_date", "is_current", "duration_months", "duration" })
            Assert.True(job.TryGetProperty(field, out _), field);

        var failed = JsonSerializer.Serialize<ResumeParseResult>(Parser().Parse([], null), PlatformJson.Options);
        Assert.Contains("\"status\":\"failed\"", failed);
        Assert.Contains("\"reason\":\"empty\"", failed);
    }

    private static bool Same(string? expected, string? got) =>
        expected is null ? got is null : got is not null && ResumeText.Key(expected) == ResumeText.Key(got);

    private static string Digits(string? text) => new((text ?? "").Where(char.IsDigit).ToArray());

    private static string? Link(string? link) =>
        link?.Replace("https://", "").Replace("http://", "").Replace("www.", "").TrimEnd('/');

    /// <summary>A stream of a header then zeros, that counts how far it was read.</summary>
    private sealed class CountingStream(byte[] head, long length) : Stream
    {
        private long _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++) buffer[offset + i] = _position + i < head.Length ? head[_position + i] : (byte)0;
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>The parser is registered for the worker that will call it.</summary>
public sealed class ResumeParserRegistrationTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    [Fact]
    public void The_platform_registers_the_parser()
    {
        var parser = fixture.App.Services.GetRequiredService<ResumeParser>();
        var resume = ResumeCorpus.Make(5, CorpusLayout.Compact, "fr", "pdf");
        var data = Assert.IsType<ResumeParsed>(parser.Parse(resume.Content, resume.Name)).Data;
        Assert.Equal(resume.Truth.Email, data.Email);
    }
}

/// <summary>The platform's own CV (shared/Candidates/CvRenderer, written by another hand than the corpus) reads back.</summary>
public sealed class ResumeRoundTripTests
{
    [Fact]
    public void The_cv_the_platform_renders_reads_back_into_the_same_profile()
    {
        var account = new Accounts.Account
        {
            FirstName = "Fatou", LastName = "Ndiaye", Username = "fatou", Email = "fatou.ndiaye@example.org", CountryCode = "+221", PhoneNumber = "77 123 45 67",
        };
        var profile = new Candidates.CandidateProfile
        {
            Bio = "Backend developer who builds payment systems for West Africa.",
            Location = "Dakar, Senegal",
            Skills = ["Python", "Django", "PostgreSQL", "Docker"],
            WorkExperiences =
            [
                new(1, "Wave", "Backend Developer", new DateOnly(2021, 3, 1), null, "full_time", "Built the payment APIs in Django."),
                new(2, "Sonatel", "Data Analyst", new DateOnly(2018, 9, 1), new DateOnly(2021, 2, 1), "contract", "Dashboards for the finance team."),
            ],
            Educations = [new(1, "Université Cheikh Anta Diop", "Master", "Computer Science", new DateOnly(2016, 10, 1), new DateOnly(2018, 7, 1), 3.6)],
        };
        var pdf = new Candidates.CvRenderer(new PlatformOptions()).Render(account, profile);

        var parser = new ResumeParser(new ResumeReader(ResumeVocabulary.Shared, MatchData.Shared), ResumeCorpus.Limits, new CorpusClock());
        var data = Assert.IsType<ResumeParsed>(parser.Parse(pdf, "cv.pdf")).Data;

        Assert.Equal("Fatou Ndiaye", data.Name);
        Assert.Equal("fatou.ndiaye@example.org", data.Email);
        Assert.Equal("+221 77 123 45 67", data.Phone);
        Assert.Equal("Dakar, Senegal", data.Location);
        Assert.Equal(profile.Bio, data.Summary);
        Assert.Equal(profile.Skills, data.Skills);
        Assert.Equal(2, data.Experience.Count);
        Assert.Equal(("Wave", "Backend Developer", "2021-03", (string?)null, true),
            (data.Experience[0].Company, data.Experience[0].Position, data.Experience[0].StartDate, data.Experience[0].EndDate, data.Experience[0].IsCurrent));
        Assert.Equal(("Sonatel", "Data Analyst", "2018-09", (string?)"2021-02", false),
            (data.Experience[1].Company, data.Experience[1].Position, data.Experience[1].StartDate, data.Experience[1].EndDate, data.Experience[1].IsCurrent));
        Assert.Equal("Built the payment APIs in Django.", data.Experience[0].Description);
        var school = Assert.Single(data.Education);
        Assert.Equal(("Université Cheikh Anta Diop", "Master", "Computer Science", "2016-10", "2018-07"),
            (school.School, school.Degree, school.Field, school.StartDate, school.EndDate));
    }
}
