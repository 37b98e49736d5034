using System.IO.Compression;
using System.Text;
using UglyToad.PdfPig.Exceptions;

namespace CareerNexus.Resumes;

/// <summary>
/// The platform's offline resume parser: PDF (PdfPig) and DOCX (Open XML SDK) files, told apart by their leading
/// bytes whatever their name, read into <see cref="ResumeData"/> without network or model. Whatever the file holds,
/// it answers <see cref="ResumeParsed"/> or <see cref="ResumeFailed"/> with a reason; only the caller's own
/// cancellation escapes. Bounded by <see cref="ResumeLimits"/>: bytes before reading, pages, characters and time while
/// reading.
/// </summary>
public sealed class ResumeParser(ResumeReader reader, ResumeLimits limits, TimeProvider clock)
{
    private enum Format { Pdf, Docx }

    /// <summary>Reads the stream (up to the byte limit) and parses it.</summary>
    public async Task<ResumeParseResult> ParseAsync(Stream content, string? fileName, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limits.MaxBytes) return TooLarge();
        }
        return Parse(buffer.ToArray(), fileName, ct);
    }

    public ResumeParseResult Parse(byte[] content, string? fileName, CancellationToken ct = default)
    {
        if (content.Length == 0) return new ResumeFailed(ResumeFailure.Empty, "The file is empty.");
        if (content.Length > limits.MaxBytes) return TooLarge();
        var deadline = new ResumeDeadline(limits.Timeout, ct);
        try
        {
            if (Sniff(content, fileName) is ResumeFailed refused) return refused;
            deadline.Check();
            var format = content.AsSpan(0, Math.Min(content.Length, 1024)).IndexOf("%PDF"u8) >= 0 ? Format.Pdf : Format.Docx;
            var layout = format == Format.Pdf
                ? PdfResumeText.Read(content, limits, deadline)
                : DocxResumeText.Read(new MemoryStream(content, writable: false), limits, deadline);
            if (!layout.Lines.Any(l => l.Text.Any(char.IsLetter)))
                return new ResumeFailed(ResumeFailure.NoText, format == Format.Pdf
                    ? "The PDF has no text to read: it looks like a scanned image. Upload a PDF exported from a word processor, or a DOCX."
                    : "The document has no text.");
            deadline.Check();
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            return new ResumeParsed(reader.Read(layout, today));
        }
        catch (TimeoutException)
        {
            return new ResumeFailed(ResumeFailure.TimedOut, $"The file took longer than {limits.Timeout.TotalSeconds:0} seconds to read.");
        }
        catch (PdfDocumentEncryptedException)
        {
            return Encrypted();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever a malformed file makes the readers throw, the answer is the same: it cannot be read.
            return new ResumeFailed(ResumeFailure.Corrupt, "The file is damaged or not a valid PDF or DOCX document.");
        }
    }

    /// <summary>The lines the readers find in a PDF or DOCX, for looking into what the parser saw.</summary>
    public static IReadOnlyList<ResumeLine> Lines(byte[] content)
    {
        var limits = new ResumeLimits();
        return content.AsSpan(0, Math.Min(content.Length, 1024)).IndexOf("%PDF"u8) >= 0
            ? PdfResumeText.Read(content, limits, new ResumeDeadline(limits.Timeout, CancellationToken.None)).Lines
            : DocxResumeText.Read(new MemoryStream(content, writable: false), limits, new ResumeDeadline(limits.Timeout, CancellationToken.None)).Lines;
    }

    /// <summary>Null when the leading bytes are a PDF's or a Word DOCX's; otherwise the failure to answer.</summary>
    private ResumeFailed? Sniff(byte[] content, string? fileName)
    {
        var head = content.AsSpan(0, Math.Min(content.Length, 1024));
        if (head.IndexOf("%PDF"u8) >= 0) return null;
        if (head.StartsWith("PK\u0003\u0004"u8)) return Zip(content);
        if (head.StartsWith(new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }))
        {
            // An OLE compound file: a password-protected DOCX (its EncryptedPackage stream) or a Word 97-2003 document.
            if (content.AsSpan().IndexOf(Encoding.Unicode.GetBytes("EncryptedPackage")) >= 0) return Encrypted();
            if (content.AsSpan().IndexOf(Encoding.Unicode.GetBytes("WordDocument")) >= 0)
                return new ResumeFailed(ResumeFailure.LegacyWord, "Word 97-2003 (.doc) files cannot be read: save the resume as DOCX or PDF and upload it again.");
        }
        if (head.StartsWith("{\\rtf"u8))
            return new ResumeFailed(ResumeFailure.UnsupportedFormat, "RTF files cannot be read: save the resume as DOCX or PDF and upload it again.");
        var named = string.IsNullOrWhiteSpace(fileName) ? "" : $" ({Path.GetExtension(fileName)})";
        return new ResumeFailed(ResumeFailure.UnsupportedFormat, $"The file{named} is neither a PDF nor a Word DOCX document.");
    }

    /// <summary>A zip is a resume when it holds a Word main part of a readable size; a zip bomb is refused unread.</summary>
    private ResumeFailed? Zip(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > 2000) return TooLarge();
            var document = zip.GetEntry("word/document.xml");
            if (document is null)
                return new ResumeFailed(ResumeFailure.UnsupportedFormat, "The file is a zip archive but not a Word DOCX document.");
            if (document.Length > limits.MaxDocxPartBytes || zip.Entries.Sum(e => e.Length) > limits.MaxDocxPartBytes * 4) return TooLarge();
            return null;
        }
        catch (InvalidDataException)
        {
            return new ResumeFailed(ResumeFailure.Corrupt, "The file is damaged or not a valid PDF or DOCX document.");
        }
    }

    private ResumeFailed TooLarge() => new(ResumeFailure.TooLarge,
        $"The file is larger than the {limits.MaxBytes / (1024 * 1024)} MB a resume may take, or expands to more than a resume holds.");

    private static ResumeFailed Encrypted() => new(ResumeFailure.Encrypted, "The file is protected by a password: upload a copy without one.");
}
