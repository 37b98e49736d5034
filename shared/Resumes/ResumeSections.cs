namespace CareerNexus.Resumes;

/// <summary>The lines under one heading (or, with no kind, the lines before any heading: the resume's top block).</summary>
public sealed record ResumeBlock(ResumeSection? Kind, string Heading, List<ResumeLine> Lines);

/// <summary>
/// Groups lines into sections by their headings. A heading is a short line that names a known section ("Work
/// experience", "Expérience professionnelle", "Compétences") and stands out (bold, capitals, larger, a heading style,
/// or a trailing colon); once a known heading has been seen, a short line in capitals, alone on its row and in a heading
/// style or larger type, names a section of another kind. Sections carry on within a column (across pages); a column
/// starts in the top block until its first heading.
/// </summary>
public static partial class ResumeSections
{
    public static List<ResumeBlock> Split(IReadOnlyList<ResumeLine> lines, ResumeVocabulary words, out double bodySize, out int frenchHeadings, out int headings)
    {
        bodySize = BodySize(lines);
        frenchHeadings = 0;
        headings = 0;
        var blocks = new List<ResumeBlock>();
        var current = new Dictionary<int, ResumeBlock>();
        var seenHeading = false;
        var rowSizes = lines.GroupBy(l => (l.Page, l.Column, l.Row)).ToDictionary(g => g.Key, g => g.Count());
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            // A heading wrapped in a narrow column ("COMPÉTENCES" / "TECHNIQUES", "P E R S O N A L D E T A I L" / "S") is one heading.
            if (current.TryGetValue(line.Column, out var open) && open.Kind is { } openKind && open.Lines.Count == 0 && open.Heading.Length > 0
                && words.Section(open.Heading + " " + HeadingKey(line.Text)) == openKind)
                continue;
            var heading = Heading(line, words, bodySize, seenHeading && rowSizes[(line.Page, line.Column, line.Row)] == 1);
            if (heading is null or ResumeSection.Other && i + 1 < lines.Count && lines[i + 1] is var next && next.Column == line.Column && next.Bold == line.Bold
                && Math.Abs(next.Size - line.Size) < 0.3 && IsCapitals(line.Text) && !next.Text.Any(char.IsLower)
                && Heading(line with { Text = line.Text + " " + next.Text }, words, bodySize, false) is { } joined && joined != ResumeSection.Other)
            {
                heading = joined;
                line = line with { Text = line.Text + " " + next.Text };
                i++;
            }
            if (heading is { } kind)
            {
                var key = HeadingKey(line.Text);
                if (words.IsFrenchHeading(key)) frenchHeadings++;
                headings++;
                seenHeading |= kind != ResumeSection.Other;
                var opened = new ResumeBlock(kind, key, []);
                blocks.Add(opened);
                current[line.Column] = opened;
                continue;
            }
            if (!current.TryGetValue(line.Column, out var block))
            {
                block = new ResumeBlock(null, "", []);
                blocks.Add(block);
                current[line.Column] = block;
            }
            block.Lines.Add(line);
        }
        return blocks;
    }

    /// <summary>
    /// A section's lines with those a PDF wrapped joined back: a line goes on in the next one when the next one's
    /// first word would not have fitted at its end, that line is set the same way, starts where it started and has its
    /// row to itself, and either starts in lower case or follows a word that needs a sequel ("of", "to", a comma, a
    /// month). A list with one item per line is not wrapped: its items start in capitals after nothing dangling.
    /// </summary>
    public static List<ResumeLine> Unwrap(List<ResumeLine> lines, IReadOnlyDictionary<int, double> margins)
    {
        var joined = new List<ResumeLine>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            while (i + 1 < lines.Count && Continues(line, lines[i + 1], margins[line.Column], i + 2 < lines.Count ? lines[i + 2] : null))
            {
                var next = lines[++i];
                line = line with { Text = line.Text.TrimEnd() + " " + next.Text.TrimStart(), Width = Math.Max(line.Width, next.Width) };
            }
            // A name wrapped beside the dates at the end of its row ("... University of Science and" [2012 - 2016] / "Technology"):
            // the dates' left edge is the margin it ran into.
            // A line cut there had little room, so its cut is evidence enough: no dangling word is needed.
            if (i + 2 < lines.Count && lines[i + 1].Row == line.Row && lines[i + 1].Column == line.Column && ResumeDates.IsDateOnly(lines[i + 1].Text)
                && lines[i + 2] is var under && under.Row != line.Row && under.Column == line.Column && Math.Abs(under.X - line.X) <= 2
                && under.Bold == line.Bold && Math.Abs(under.Size - line.Size) < 0.3 && (i + 3 >= lines.Count || lines[i + 3].Row != under.Row)
                && ResumeLists.StripBullet(under.Text) == under.Text && !ResumeLists.IsLabelled(under.Text) && ResumeDates.Find(under.Text, out _) is null
                && Wrapped(line, under, lines[i + 1].X - 4))
            {
                joined.Add(line with { Text = line.Text.TrimEnd() + " " + lines[i + 2].Text.TrimStart() });
                joined.Add(lines[i + 1]);
                i += 2;
                continue;
            }
            // The same when the dates stand close enough to be read as one segment: "... Science and 2015 - 2019" / "Technology".
            if (i + 1 < lines.Count && ResumeDates.Find(line.Text, out var before) is { Single: false } && before.Length > 0
                && line.Text.StartsWith(before, StringComparison.Ordinal) && Dangling().IsMatch(before) && lines[i + 1] is var tail
                && tail.Column == line.Column && tail.Row != line.Row && Math.Abs(tail.X - line.X) <= 2 && tail.Bold == line.Bold
                && (i + 2 >= lines.Count || lines[i + 2].Row != tail.Row) && !ResumeDates.IsDateOnly(tail.Text) && ResumeLists.StripBullet(tail.Text) == tail.Text)
            {
                joined.Add(line with { Text = $"{before} {tail.Text.Trim()} | {line.Text[before.Length..].Trim()}" });
                i++;
                continue;
            }
            joined.Add(line);
        }
        return joined;

        static bool Continues(ResumeLine line, ResumeLine next, double margin, ResumeLine? after) =>
            next.Column == line.Column && next.Row != line.Row && (after is null || after.Row != next.Row) && Math.Abs(next.X - line.X) <= 2
            && next.Bold == line.Bold && Math.Abs(next.Size - line.Size) < 0.3
            && (ResumeLists.StripBullet(next.Text).Length == next.Text.Length || EndOfPeriod(next.Text))
            && (line.Wraps && next.Wraps && Leading().IsMatch(next.Text)
                || Wrapped(line, next, margin)
                   && (char.IsLower(next.Text.TrimStart()[0]) || Dangling().IsMatch(line.Text)
                       // A header cut before its dates: "Degree | ESSEC" then "Business School | 2020 - 2022".
                       || ResumeDates.Find(line.Text, out _) is null && ResumeDates.Find(next.Text, out _) is not null && !ResumeDates.IsDateOnly(next.Text)
                          && ResumeDates.Find(next.Text.Split('|')[0], out _) is null));
    }

    /// <summary>"– 2020", "– octobre 2023", "- Present": the end of a period the line before began (not a bullet).</summary>
    private static bool EndOfPeriod(string text)
    {
        var rest = text.TrimStart(' ', '\u2013', '\u2014', '-');
        return rest.Length < text.Length && rest.Length > 0 && (ResumeDates.IsDateOnly(rest) || ResumeDates.IsDateOnly("2000 - " + rest));
    }

    /// <summary>Whether a PDF line ended because the next line's first word would not have fitted after it (letters measured by the line's average, so with some slack).</summary>
    public static bool Wrapped(ResumeLine line, ResumeLine next, double margin)
    {
        if (!line.Wraps || !next.Wraps || line.Text.Length == 0) return false;
        var letter = line.Width / line.Text.Length;
        var word = next.Text.TrimStart().Split(' ')[0].Length;
        return line.X + line.Width + (word + 1) * letter >= margin * 0.92;
    }

    /// <summary>Each column's right margin: where its widest line ends.</summary>
    public static Dictionary<int, double> Margins(IReadOnlyList<ResumeLine> lines) =>
        lines.GroupBy(l => l.Column).ToDictionary(g => g.Key, g => g.Max(l => l.X + l.Width));

    /// <summary>
    /// The section a line opens, or null when it is not a heading. An unknown heading must be set apart more than a
    /// bold company name in capitals ("KPMG") is: in capitals, alone on its row, in a heading style or larger type.
    /// </summary>
    public static ResumeSection? Heading(ResumeLine line, ResumeVocabulary words, double bodySize, bool unknownAllowed)
    {
        var text = HeadingText(line.Text);
        if (text.Length is 0 or > 60) return null;
        var key = ResumeText.Key(text);
        var wordCount = key.Split(' ').Length;
        if (wordCount > 6) return null;
        var capitals = IsCapitals(text);
        var emphasis = line.Heading || line.Bold || capitals || line.Size >= bodySize + 1.5 || line.Text.TrimEnd().EndsWith(':');
        if (words.Section(key) is { } kind) return emphasis || wordCount >= 2 ? kind : null;
        if (unknownAllowed && capitals && wordCount <= 4 && !text.Any(char.IsDigit) && !text.Contains('@')
            && (line.Heading || line.Size >= bodySize + 1) && line.Size < bodySize * 1.6)
            return ResumeSection.Other;
        return null;
    }

    /// <summary>A heading's key: numbering, bullets and a trailing colon removed, letter-spaced capitals joined.</summary>
    public static string HeadingKey(string text) => ResumeText.Key(HeadingText(text));

    private static string HeadingText(string text)
    {
        var trimmed = ResumeText.Tidy(text.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.', ')', ' ', '\u25a0', '\u25cf', '\u2022', '>', '#'));
        var tokens = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // "E X P E R I E N C E": a letter-spaced heading, one letter per token.
        if (tokens.Length >= 4 && tokens.Count(t => t.Length == 1) * 10 >= tokens.Length * 8)
            trimmed = string.Concat(tokens.Select(t => t.Length == 1 ? t : " " + t + " ")).Trim();
        return trimmed;
    }

    public static bool IsCapitals(string text)
    {
        var letters = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c)) continue;
            if (char.IsLower(c)) return false;
            letters++;
        }
        return letters >= 2;
    }

    /// <summary>The size most characters are set in.</summary>
    private static double BodySize(IReadOnlyList<ResumeLine> lines) =>
        lines.Count == 0 ? 10 : lines.GroupBy(l => l.Size).OrderByDescending(g => g.Sum(l => l.Text.Length)).First().Key;

    [System.Text.RegularExpressions.GeneratedRegex(@"(?:\b(?:of|de|du|des|d'|to|a|à|au|and|et|in|en|for|the|la|le|les|with|since|depuis|from|until|jusqu'|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|janv|févr|fevr|avr|juil|déc|january|february|march|april|may|june|july|august|september|october|november|december|janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)\.?|[,|&\u2013\u2014\u00b7-])\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex Dangling();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[,|&\u2013\u2014-]")]
    private static partial System.Text.RegularExpressions.Regex Leading();
}
