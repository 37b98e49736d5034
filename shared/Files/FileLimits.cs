using System.Globalization;
using System.Text;
using CareerNexus.Common;

namespace CareerNexus.Files;

/// <summary>One accepted content type, with the leading bytes its files must start with where the format has them.</summary>
public sealed record FileType(string ContentType, Func<byte[], bool>? Signature);

/// <summary>What one kind of upload may be: its content types and its largest size.</summary>
public sealed record FileRule(FileKind Kind, string Label, long MaxBytes, IReadOnlyList<FileType> Types)
{
    public string AllowedTypes => string.Join(", ", Types.Select(t => t.ContentType));

    public string MaxSize => FileLimits.Size(MaxBytes);
}

/// <summary>The limits of every kind of upload, in one table.</summary>
public static class FileLimits
{
    private const long MiB = 1024 * 1024;

    /// <summary>How many leading bytes the signatures look at.</summary>
    public const int SignatureLength = 16;

    // Before Rules, which uses them: static fields start in the order they are written.
    private static readonly FileType Pdf = new("application/pdf", h => StartsWith(h, 0, "%PDF-"));

    /// <summary>A DOCX is a ZIP package.</summary>
    private static readonly FileType Docx =
        new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", h => StartsWith(h, 0, 0x50, 0x4B, 0x03, 0x04));

    private static readonly FileType Doc =
        new("application/msword", h => StartsWith(h, 0, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1));

    public static readonly IReadOnlyDictionary<FileKind, FileRule> Rules = new Dictionary<FileKind, FileRule>
    {
        [FileKind.Image] = new(FileKind.Image, "images", 5 * MiB,
        [
            new("image/jpeg", h => StartsWith(h, 0, 0xFF, 0xD8, 0xFF)),
            new("image/png", h => StartsWith(h, 0, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A)),
            new("image/gif", h => StartsWith(h, 0, "GIF87a") || StartsWith(h, 0, "GIF89a")),
            new("image/webp", h => StartsWith(h, 0, "RIFF") && StartsWith(h, 8, "WEBP")),
        ]),
        [FileKind.Video] = new(FileKind.Video, "videos", 50 * MiB,
        [
            new("video/mp4", h => StartsWith(h, 4, "ftyp")),
            new("video/webm", h => StartsWith(h, 0, 0x1A, 0x45, 0xDF, 0xA3)),
            // Older QuickTime files may open with any top-level atom instead of ftyp.
            new("video/quicktime", h => new[] { "ftyp", "moov", "mdat", "wide", "free", "skip", "pnot" }.Any(atom => StartsWith(h, 4, atom))),
        ]),
        [FileKind.Document] = new(FileKind.Document, "documents", 10 * MiB,
        [
            Pdf,
            Doc,
            Docx,
            new("text/plain", null),
        ]),
        [FileKind.Cv] = new(FileKind.Cv, "CVs", 10 * MiB, [Pdf, Docx]),
        // The parser reads PDF and DOCX; a DOC is taken, and its parsing answers "save it as DOCX or PDF".
        [FileKind.Resume] = new(FileKind.Resume, "resumes", 10 * MiB, [Pdf, Doc, Docx]),
    };

    public static FileRule For(FileKind kind) => Rules[kind];

    /// <summary>The accepted type for a declared Content-Type (parameters and case ignored), or a 400 naming the allowed ones.</summary>
    public static FileType CheckType(FileKind kind, string? declared)
    {
        var rule = For(kind);
        var mediaType = MediaType(declared);
        return rule.Types.FirstOrDefault(t => t.ContentType == mediaType)
               ?? throw Refused(rule, $"the type {(mediaType.Length == 0 ? "(none)" : mediaType)} is not accepted");
    }

    /// <summary>A 400 when the size is beyond the kind's limit or the file is empty.</summary>
    public static void CheckSize(FileKind kind, long length)
    {
        var rule = For(kind);
        if (length <= 0) throw Refused(rule, "the file is empty");
        if (length > rule.MaxBytes) throw Refused(rule, $"the file is {Size(length)}");
    }

    /// <summary>A 400 when the leading bytes are not those of the declared format.</summary>
    public static void CheckSignature(FileKind kind, FileType type, byte[] leading)
    {
        if (type.Signature is { } signature && !signature(leading))
            throw Refused(For(kind), $"the content is not {type.ContentType} as declared");
    }

    public static string MediaType(string? declared) =>
        (declared ?? "").Split(';', 2)[0].Trim().ToLowerInvariant();

    internal static string Size(long bytes) => bytes >= MiB
        ? (bytes % MiB == 0 ? $"{bytes / MiB} MiB" : string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)MiB:0.#} MiB"))
        : $"{bytes} bytes";

    private static PlatformException Refused(FileRule rule, string reason) => PlatformException.Invalid("File refused",
        $"The file was refused: {reason}; {rule.Label} may be {rule.AllowedTypes}, up to {rule.MaxSize}.");

    private static bool StartsWith(byte[] header, int offset, params byte[] expected) =>
        header.Length >= offset + expected.Length && header.AsSpan(offset, expected.Length).SequenceEqual(expected);

    private static bool StartsWith(byte[] header, int offset, string ascii) => StartsWith(header, offset, Encoding.ASCII.GetBytes(ascii));
}
