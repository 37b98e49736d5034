using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Vml = DocumentFormat.OpenXml.Vml;

namespace CareerNexus.Tests.Resumes.Corpus;

/// <summary>
/// Writes a corpus document as DOCX with the Open XML SDK: direct run formatting, a "Heading1" style where the layout
/// asks for one, right tab stops for dates at the margin, and sidebars as a borderless two-cell table or a text box.
/// </summary>
public static class CorpusDocx
{
    private const int RightTab = 9600;

    public static byte[] Render(CorpusDocument document)
    {
        using var output = new MemoryStream();
        using (var word = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                new DocDefaults(new RunPropertiesDefault(new RunPropertiesBaseStyle(new FontSize { Val = "20" }))),
                new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
                new Style(new StyleName { Val = "heading 1" }, new BasedOn { Val = "Normal" }, new PrimaryStyle(),
                    new StyleParagraphProperties(new OutlineLevel { Val = 0 }),
                    new StyleRunProperties(new Bold(), new FontSize { Val = "24" })) { Type = StyleValues.Paragraph, StyleId = "Heading1" });
            var body = new Body();
            foreach (var block in document.Blocks)
            {
                if (block is not CorpusColumns columns)
                {
                    body.Append(Element(block));
                    continue;
                }
                if (columns.TextBox)
                {
                    var mainBlocks = columns.Main.Select(Element).ToList();
                    var box = new Vml.TextBox(new TextBoxContent(columns.Side.Select(Element)));
                    var shape = new Vml.Shape(box)
                    {
                        Id = "sidebar",
                        Type = "#_x0000_t202",
                        Style = "position:absolute;margin-left:340pt;margin-top:0;width:150pt;height:640pt;z-index:1;mso-position-horizontal-relative:margin",
                    };
                    ((Paragraph)mainBlocks[0]).Append(new Run(new Picture(shape)));
                    body.Append(mainBlocks);
                    continue;
                }
                var side = new TableCell(new TableCellProperties(new TableCellWidth { Width = "2900", Type = TableWidthUnitValues.Dxa }));
                side.Append(columns.Side.Select(Element));
                var content = new TableCell(new TableCellProperties(new TableCellWidth { Width = "6700", Type = TableWidthUnitValues.Dxa }));
                content.Append(columns.Main.Select(Element));
                var row = columns.SideLeft ? new TableRow(side, content) : new TableRow(content, side);
                body.Append(new Table(new TableProperties(new TableBorders(
                    new TopBorder { Val = BorderValues.None }, new BottomBorder { Val = BorderValues.None }, new LeftBorder { Val = BorderValues.None },
                    new RightBorder { Val = BorderValues.None }, new InsideHorizontalBorder { Val = BorderValues.None },
                    new InsideVerticalBorder { Val = BorderValues.None })), row));
            }
            body.Append(new SectionProperties(new PageSize { Width = 11906, Height = 16838 },
                new PageMargin { Top = 1000, Bottom = 1000, Left = 1000, Right = 1000, Header = 500, Footer = 500, Gutter = 0 }));
            main.Document = new Document(body);
        }
        return output.ToArray();
    }

    private static OpenXmlElement Element(CorpusBlock block) => block switch
    {
        CorpusParagraph p => Paragraph(p),
        CorpusRow r => new Paragraph(
            new ParagraphProperties(new Tabs(new TabStop { Val = TabStopValues.Right, Position = RightTab }), new SpacingBetweenLines { Before = "60" }),
            Run(r.Left, r.LeftStyle), new Run(new TabChar()), Run(r.Right, r.RightStyle)),
        _ => throw new ArgumentOutOfRangeException(nameof(block)),
    };

    private static Paragraph Paragraph(CorpusParagraph p)
    {
        var properties = new ParagraphProperties();
        if (p.Style.Heading) properties.Append(new ParagraphStyleId { Val = "Heading1" });
        if (p.SpaceBefore > 0) properties.Append(new SpacingBetweenLines { Before = ((int)(p.SpaceBefore * 20)).ToString(CultureInfo.InvariantCulture) });
        var paragraph = new Paragraph(properties);
        // A heading style carries its own weight and size.
        paragraph.Append(Run((p.Bullet ? "• " : "") + p.Text, p.Style.Heading ? CorpusStyle.Body with { Size = 0 } : p.Style));
        return paragraph;
    }

    private static Run Run(string text, CorpusStyle style)
    {
        var properties = new RunProperties();
        if (style.Bold) properties.Append(new Bold());
        if (style.Italic) properties.Append(new Italic());
        if (style.Size > 0) properties.Append(new FontSize { Val = ((int)Math.Round(style.Size * 2)).ToString(CultureInfo.InvariantCulture) });
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }
}
