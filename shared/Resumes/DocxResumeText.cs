using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace CareerNexus.Resumes;

/// <summary>
/// The lines of a DOCX (Open XML SDK) in reading order: headers, then the body's paragraphs, where a layout table
/// (a few rows whose cells hold whole blocks of text, the usual sidebar) and each text box become columns of their
/// own. Bold, italic and size come from the runs and their styles; heading and title styles mark headings.
/// A tab or line break inside a paragraph cuts it into lines of one row.
/// </summary>
internal sealed class DocxResumeText
{
    private readonly ResumeLimits _limits;
    private readonly ResumeDeadline _deadline;
    private readonly StyleSheet _styles;
    private readonly MainDocumentPart _main;
    private readonly List<ResumeLine> _lines = [];
    private readonly List<string> _links = [];
    private int _row;
    private int _columns;
    private int _characters;

    private DocxResumeText(MainDocumentPart main, ResumeLimits limits, ResumeDeadline deadline)
    {
        _main = main;
        _limits = limits;
        _deadline = deadline;
        _styles = new StyleSheet(main.StyleDefinitionsPart?.Styles);
    }

    public static ResumeLayout Read(Stream content, ResumeLimits limits, ResumeDeadline deadline)
    {
        using var document = WordprocessingDocument.Open(content, false, new OpenSettings { MaxCharactersInPart = limits.MaxDocxPartBytes });
        var main = document.MainDocumentPart ?? throw new InvalidDataException("The DOCX has no document part.");
        var reader = new DocxResumeText(main, limits, deadline);
        foreach (var header in main.HeaderParts)
            if (header.Header is { } h) reader.Block(h, 0);
        if (main.Document?.Body is { } body) reader.Block(body, 0);
        foreach (var footer in main.FooterParts)
            if (footer.Footer is { } f) reader.Block(f, 0);
        return new ResumeLayout(reader._lines, reader._links);
    }

    private void Block(OpenXmlElement container, int column)
    {
        foreach (var child in container.ChildElements)
        {
            if (_characters >= _limits.MaxCharacters) return;
            _deadline.Check();
            switch (child)
            {
                case Paragraph paragraph:
                    Paragraph(paragraph, column, ++_row);
                    break;
                case Table table:
                    Table(table, column);
                    break;
                case SdtBlock sdt when sdt.SdtContentBlock is { } sdtContent:
                    Block(sdtContent, column);
                    break;
                case CustomXmlBlock custom:
                    Block(custom, column);
                    break;
            }
        }
    }

    /// <summary>A table laid out as columns (few rows, a cell with a block of text) reads cell by cell, each a column; a data table reads row by row.</summary>
    private void Table(Table table, int column)
    {
        var rows = table.Elements<TableRow>().ToList();
        var layout = rows.Count <= 3 && rows.Any(r => r.Elements<TableCell>().Count() >= 2 && r.Elements<TableCell>().Any(c => c.Elements<Paragraph>().Count() >= 4));
        foreach (var row in rows)
        {
            if (layout)
            {
                foreach (var cell in row.Elements<TableCell>()) Block(cell, ++_columns);
                continue;
            }
            var shared = ++_row;
            foreach (var cell in row.Elements<TableCell>())
            {
                var paragraphs = cell.Elements<Paragraph>().ToList();
                if (paragraphs.Count == 1) Paragraph(paragraphs[0], column, shared);
                else Block(cell, column);
            }
        }
    }

    private sealed record Piece(string Text, bool Bold, bool Italic, double Size);

    private void Paragraph(Paragraph paragraph, int column, int row)
    {
        var style = _styles.Of(paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value);
        var heading = style.Heading || paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value is < 9;
        var pieces = new List<Piece>();
        // Word's own bullets (numbering, list styles) are not in the text: they are given one, as a PDF shows them.
        if (paragraph.ParagraphProperties?.NumberingProperties is not null || style.List) pieces.Add(new Piece("\u2022 ", false, false, style.Size));
        Runs(paragraph, style, pieces);
        Links(paragraph);

        // Lines break at <w:br/> (a new row) and tabs (another line of the same row).
        var current = new List<Piece>();
        foreach (var piece in pieces.Append(new Piece("\n", false, false, 0)))
        {
            if (piece.Text is "\n" or "\t")
            {
                Emit(current, column, row, heading);
                current.Clear();
                if (piece.Text == "\n") row = ++_row;
                continue;
            }
            current.Add(piece);
        }

        foreach (var box in paragraph.Descendants<TextBoxContent>())
            if (!box.Ancestors<AlternateContentFallback>().Any() && !box.Ancestors<TextBoxContent>().Any())
                Block(box, ++_columns);
    }

    private void Emit(List<Piece> pieces, int column, int row, bool heading)
    {
        var text = string.Concat(pieces.Select(p => p.Text)).Replace('\u00a0', ' ').Trim();
        if (!text.Any(char.IsLetterOrDigit)) return;
        var letters = pieces.Sum(p => p.Text.Count(char.IsLetterOrDigit));
        var bold = pieces.Where(p => p.Bold).Sum(p => p.Text.Count(char.IsLetterOrDigit));
        var italic = pieces.Where(p => p.Italic).Sum(p => p.Text.Count(char.IsLetterOrDigit));
        var size = pieces.Where(p => p.Text.Any(char.IsLetterOrDigit)).GroupBy(p => p.Size)
            .OrderByDescending(g => g.Sum(p => p.Text.Length)).First().Key;
        _lines.Add(new ResumeLine(text, column, row, 0, size, bold * 10 >= letters * 7, italic * 10 >= letters * 7, heading));
        _characters += text.Length;
    }

    /// <summary>The text of a paragraph's runs (through hyperlinks, fields and content controls), text boxes left out.</summary>
    private void Runs(OpenXmlElement element, StyleSheet.Format paragraphStyle, List<Piece> pieces)
    {
        foreach (var child in element.ChildElements)
        {
            switch (child)
            {
                case Run run:
                    var format = _styles.Resolve(paragraphStyle, run.RunProperties);
                    foreach (var part in run.ChildElements)
                    {
                        switch (part)
                        {
                            case Text t:
                                pieces.Add(new Piece(t.Text, format.Bold, format.Italic, format.Size));
                                break;
                            case TabChar or PositionalTab:
                                pieces.Add(new Piece("\t", false, false, format.Size));
                                break;
                            case Break or CarriageReturn:
                                pieces.Add(new Piece("\n", false, false, format.Size));
                                break;
                            case NoBreakHyphen:
                                pieces.Add(new Piece("-", format.Bold, format.Italic, format.Size));
                                break;
                            case FieldCode code when code.Text.Contains("HYPERLINK", StringComparison.Ordinal):
                                var quoted = code.Text.Split('"');
                                if (quoted.Length >= 2) _links.Add(quoted[1]);
                                break;
                        }
                    }
                    break;
                case TextBoxContent or AlternateContent or Drawing or Picture or ParagraphProperties:
                    break;
                default:
                    Runs(child, paragraphStyle, pieces);
                    break;
            }
        }
    }

    private void Links(Paragraph paragraph)
    {
        foreach (var link in paragraph.Descendants<Hyperlink>())
        {
            if (link.Id?.Value is not { } id) continue;
            var relation = _main.HyperlinkRelationships.FirstOrDefault(r => r.Id == id);
            if (relation is not null) _links.Add(relation.Uri.OriginalString);
        }
    }

    /// <summary>Run formatting through the style chain: document defaults, paragraph style, run style, direct formatting.</summary>
    private sealed class StyleSheet
    {
        public sealed record Format(bool Bold, bool Italic, double Size, bool Heading, bool List = false);

        private readonly Dictionary<string, Style> _byId = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Format> _cache = new(StringComparer.Ordinal);
        private readonly Format _default;

        public StyleSheet(Styles? styles)
        {
            foreach (var style in styles?.Elements<Style>() ?? [])
                if (style.StyleId?.Value is { } id) _byId.TryAdd(id, style);
            var size = styles?.DocDefaults?.RunPropertiesDefault?.RunPropertiesBaseStyle?.FontSize?.Val?.Value;
            var baseFormat = new Format(false, false, HalfPoints(size) ?? 10, false);
            var normal = styles?.Elements<Style>().FirstOrDefault(s => s.Type?.Value == StyleValues.Paragraph && s.Default?.Value == true);
            _default = normal?.StyleId?.Value is { } normalId ? Chain(normalId, baseFormat, 0) : baseFormat;
        }

        public Format Of(string? styleId) => styleId is null ? _default : Cached(styleId);

        public Format Resolve(Format paragraph, RunProperties? run)
        {
            var format = paragraph;
            if (run?.RunStyle?.Val?.Value is { } runStyle) format = Chain(runStyle, format, 0);
            return Apply(format, run?.Bold, run?.Italic, run?.FontSize?.Val?.Value);
        }

        private Format Cached(string id)
        {
            if (!_cache.TryGetValue(id, out var format)) _cache[id] = format = Chain(id, _default, 0);
            return format;
        }

        private Format Chain(string id, Format inherited, int depth)
        {
            if (depth > 10 || !_byId.TryGetValue(id, out var style)) return inherited;
            var format = style.BasedOn?.Val?.Value is { } parent ? Chain(parent, inherited, depth + 1) : inherited;
            var run = style.StyleRunProperties;
            format = Apply(format, run?.Bold, run?.Italic, run?.FontSize?.Val?.Value);
            var name = style.StyleName?.Val?.Value ?? id;
            var heading = name.StartsWith("heading", StringComparison.OrdinalIgnoreCase) || name.StartsWith("titre", StringComparison.OrdinalIgnoreCase)
                || name.Equals("title", StringComparison.OrdinalIgnoreCase) || style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is < 9;
            var list = name.StartsWith("list", StringComparison.OrdinalIgnoreCase) || style.StyleParagraphProperties?.NumberingProperties is not null;
            return format with { Heading = format.Heading || heading, List = format.List || list };
        }

        private static Format Apply(Format format, OnOffType? bold, OnOffType? italic, string? size) => format with
        {
            Bold = bold is null ? format.Bold : bold.Val?.Value ?? true,
            Italic = italic is null ? format.Italic : italic.Val?.Value ?? true,
            Size = HalfPoints(size) ?? format.Size,
        };

        private static double? HalfPoints(string? value) =>
            double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var half) && half > 0 ? half / 2 : null;
    }
}
