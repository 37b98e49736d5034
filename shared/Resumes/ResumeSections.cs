namespace CareerNexus.Resumes;

/// <summary>The lines under one heading (or, with no kind, the lines before any heading: the resume's top block).</summary>
public sealed record ResumeBlock(ResumeSection? Kind, string Heading, List<ResumeLine> Lines);

/// <summary>
/// Groups lines into sections by their headings. A heading is a short line that names a known section ("Work
/// experience", "Expérience professionnelle", "Compétences") and stands out (bold, capitals, larger, a heading style,
/// or a trailing colon); once a known heading has been seen, a short bold line in capitals names a section of another
/// kind. Sections carry on within a column (across pages); a column starts in the top block until its first heading.
/// </summary>
public static class ResumeSections
{
    public static List<ResumeBlock> Split(IReadOnlyList<ResumeLine> lines, ResumeVocabulary words, out double bodySize, out int frenchHeadings, out int headings)
    {
        bodySize = BodySize(lines);
        frenchHeadings = 0;
        headings = 0;
        var blocks = new List<ResumeBlock>();
        var current = new Dictionary<int, ResumeBlock>();
        var seenHeading = false;
        foreach (var line in lines)
        {
            if (Heading(line, words, bodySize, seenHeading) is { } kind)
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

    /// <summary>The section a line opens, or null when it is not a heading.</summary>
    public static ResumeSection? Heading(ResumeLine line, ResumeVocabulary words, double bodySize, bool afterKnownHeading)
    {
        var text = HeadingText(line.Text);
        if (text.Length is 0 or > 60) return null;
        var key = ResumeText.Key(text);
        var wordCount = key.Split(' ').Length;
        if (wordCount > 6) return null;
        var capitals = IsCapitals(text);
        var emphasis = line.Heading || line.Bold || capitals || line.Size >= bodySize + 1.5 || line.Text.TrimEnd().EndsWith(':');
        if (words.Section(key) is { } kind) return emphasis || wordCount >= 2 ? kind : null;
        if (afterKnownHeading && capitals && wordCount <= 4 && !text.Any(char.IsDigit) && !text.Contains('@')
            && (line.Bold || line.Heading || line.Size >= bodySize + 1) && line.Size < bodySize * 1.6)
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
}
