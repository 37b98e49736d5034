using System.Globalization;
using System.Text.RegularExpressions;
using CareerNexus.Matching;

namespace CareerNexus.Resumes;

/// <summary>
/// Reads <see cref="ResumeData"/> from a resume's lines: sections by their headings, then each field by scoring the
/// lines that could hold it on their features (position, size, weight, capitals, the words in them, what they look
/// like): the name is the most name-like line of the top block, the location the most place-like part of a contact
/// line, and so on. Entries of experience and education are read by <see cref="ResumeEntries"/>, lists of skills and
/// languages by <see cref="ResumeLists"/>.
/// </summary>
public sealed partial class ResumeReader(ResumeVocabulary words, MatchData matchData)
{
    public ResumeData Read(ResumeLayout layout, DateOnly today)
    {
        var blocks = ResumeSections.Split(layout.Lines, words, out var bodySize, out var frenchHeadings, out var headings);
        var top = blocks.Where(b => b.Kind is null or ResumeSection.Contact).SelectMany(b => b.Lines).ToList();
        var all = layout.Lines;
        var entries = new ResumeEntries(words, matchData, today);
        var lists = new ResumeLists(words, matchData);

        var contact = top.SelectMany(Parts).ToList();
        var email = FirstMatch(contact, Email()) ?? FirstMatch(all.SelectMany(Parts), Email());
        var phone = Phone(contact) ?? Phone(all.SelectMany(Parts).Where(p => PhoneLabel().IsMatch(p)));
        var (linkedin, github, website) = Links(contact.Concat(all.SelectMany(Parts).Where(p => p.Contains("://") || p.Contains("www.", StringComparison.OrdinalIgnoreCase)))
            .Concat(layout.Links), email);

        var margins = ResumeSections.Margins(all);
        var section = (ResumeSection kind) => ResumeSections.Unwrap(blocks.Where(b => b.Kind == kind).SelectMany(b => b.Lines).ToList(), margins);
        var languages = lists.Languages(section(ResumeSection.Languages), all, margins);
        var french = French(all, frenchHeadings, headings);
        return new ResumeData
        {
            Name = Name(top.Where(l => l.Page == 1).ToList(), bodySize),
            Email = email,
            Phone = phone,
            Linkedin = linkedin,
            Github = github,
            Website = website,
            Location = Location(contact.Concat(Rejoined(top, margins)).ToList()),
            Summary = Summary(section(ResumeSection.Summary)),
            Skills = lists.Skills(section(ResumeSection.Skills), all, margins),
            Experience = entries.Experience(section(ResumeSection.Experience)),
            Education = entries.Education(section(ResumeSection.Education)),
            Languages = languages,
            Language = french ? "fr" : "en",
        };
    }

    /// <summary>
    /// The name: the top block's line that scores best as one. Larger type, bold, two to four capitalised words and
    /// an early place count for it; digits, '@', job-title, company or place words, and sentences against it.
    /// </summary>
    private string? Name(List<ResumeLine> top, double bodySize)
    {
        string? best = null;
        var bestScore = double.MinValue;
        for (var i = 0; i < top.Count && i < 20; i++)
        {
            var line = top[i];
            var text = ResumeText.Tidy(NameLabel().Replace(line.Text, ""));
            if (text.Length is < 2 or > 60 || text.Any(char.IsDigit) || text.Contains('@') || text.Contains('/') || text.Contains(':')) continue;
            var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (tokens.Length > 6 || !tokens.All(t => t.Any(char.IsLetter))) continue;
            var key = ResumeText.Key(text);
            var score = Math.Min(line.Size - bodySize, 12) * 1.2 - i * 0.4;
            if (line.Bold) score += 1;
            if (tokens.Length is >= 2 and <= 4) score += 2;
            if (tokens.All(t => char.IsUpper(t[0]))) score += 2;
            if (words.Score("title", key) > 0) score -= 4;
            if (words.Score("company", key) > 0 || words.Score("school", key) > 0) score -= 2;
            if (IsPlace(text)) score -= 5;
            if (words.Section(key) is not null) score -= 8;
            if (text.EndsWith('.') || text.Contains(',')) score -= 3;
            if (score > bestScore)
            {
                bestScore = score;
                best = text;
            }
        }
        if (best is null || bestScore < 0) return null;
        return ResumeSections.IsCapitals(best) ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(best.ToLowerInvariant()) : best;
    }

    /// <summary>
    /// The location: the contact part that scores best as a place: a label ("Address", "Adresse", "Location"), a known
    /// country last, a known city first, the "City, Country" shape; links, emails, phones and title words count against.
    /// </summary>
    private string? Location(List<string> parts)
    {
        string? best = null;
        var bestScore = 2;
        foreach (var part in parts)
        {
            if (part.Contains('@') || part.Contains("://") || part.Contains("www.", StringComparison.OrdinalIgnoreCase) || Url().IsMatch(part)) continue;
            var labelled = LocationLabel().Match(part);
            var text = ResumeText.Tidy(labelled.Success ? part[labelled.Length..] : part);
            if (text.Length is < 2 or > 80 || text.Count(char.IsDigit) > 6 || PhoneNumber().IsMatch(text) && text.Count(char.IsDigit) >= 8) continue;
            var score = labelled.Success ? 5 : 0;
            var pieces = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (pieces.Length == 0) continue;
            if (words.IsCountry(ResumeText.Key(pieces[^1]))) score += 4;
            if (matchData.PlaceOf(ResumeText.Key(pieces[0])) is not null) score += 3;
            if (pieces.Length is 2 or 3) score += 1;
            if (pieces.Length >= 2 && StateCode().IsMatch(pieces[^1])) score += 2;
            var key = ResumeText.Key(text);
            if (words.Score("title", key) > 0) score -= 3;
            if (words.Section(key) is not null) score -= 5;
            if (text.Split(' ').Length > 8) score -= 3;
            if (score > bestScore)
            {
                bestScore = score;
                best = text;
            }
        }
        return best;
    }

    /// <summary>A contact part a PDF wrapped ("New York, United" / "States"), joined back for the location to score.</summary>
    private static IEnumerable<string> Rejoined(List<ResumeLine> top, IReadOnlyDictionary<int, double> margins)
    {
        for (var i = 0; i + 1 < top.Count; i++)
            if (top[i + 1].Column == top[i].Column && ResumeSections.Wrapped(top[i], top[i + 1], margins[top[i].Column])
                && Parts(top[i]).LastOrDefault() is { } end && Parts(top[i + 1]).FirstOrDefault() is { } start)
                yield return end + (top[i].Text.TrimEnd().EndsWith(',') ? ", " : " ") + start;
    }

    private bool IsPlace(string text)
    {
        var pieces = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return pieces.Length > 0 && (words.IsCountry(ResumeText.Key(pieces[^1])) || matchData.PlaceOf(ResumeText.Key(pieces[0])) is not null && pieces.Length > 1);
    }

    private static readonly HashSet<string> FrenchWords = ["de", "et", "le", "la", "les", "des", "du", "en", "pour", "avec", "une", "un", "au", "aux", "dans", "sur", "par", "est", "d'une", "d'un", "l'"];
    private static readonly HashSet<string> EnglishWords = ["the", "and", "of", "with", "for", "in", "to", "on", "at", "by", "is", "an", "my", "from"];

    /// <summary>French when French small words outnumber English ones; when they tie, by the headings, then by month names.</summary>
    private static bool French(IReadOnlyList<ResumeLine> lines, int frenchHeadings, int headings)
    {
        int french = 0, english = 0;
        foreach (var line in lines)
            foreach (var word in ResumeText.Key(line.Text).Split(' '))
            {
                if (FrenchWords.Contains(word)) french++;
                else if (EnglishWords.Contains(word)) english++;
            }
        if (french != english) return french > english;
        return frenchHeadings * 2 > headings || frenchHeadings == 0 && lines.Any(l => ResumeDates.HasFrenchMonth(l.Text));
    }

    private static string? Summary(List<ResumeLine> lines)
    {
        if (lines.Count == 0) return null;
        var text = ResumeText.Tidy(string.Join(' ', lines.Select(l => ResumeLists.StripBullet(l.Text))));
        return text.Length == 0 ? null : text;
    }

    /// <summary>A line cut at the separators contact lines use ("a | b", "a • b", a tab, wide spaces).</summary>
    public static IEnumerable<string> Parts(ResumeLine line) =>
        ContactSeparators().Split(line.Text).Select(ResumeText.Tidy).Where(p => p.Length > 0);

    private static string? FirstMatch(IEnumerable<string> parts, Regex regex)
    {
        foreach (var part in parts)
        {
            var match = regex.Match(part);
            if (match.Success) return match.Value.TrimEnd('.');
        }
        return null;
    }

    /// <summary>The first run of 8 to 15 digits written like a phone number that is not a period of dates.</summary>
    private static string? Phone(IEnumerable<string> parts)
    {
        foreach (var part in parts)
        {
            foreach (Match match in PhoneNumber().Matches(part))
            {
                var candidate = match.Value.Trim();
                var digits = candidate.Count(char.IsDigit);
                if (digits is < 8 or > 15) continue;
                if (ResumeDates.Find(candidate, out var rest) is { Single: false } || ResumeDates.IsDateOnly(candidate)) continue;
                if (candidate.Count(c => c == '(') != candidate.Count(c => c == ')')) candidate = candidate.Trim('(', ')').Trim();
                return candidate;
            }
        }
        return null;
    }

    private static (string? LinkedIn, string? GitHub, string? Website) Links(IEnumerable<string> parts, string? email)
    {
        string? linkedin = null, github = null, website = null;
        var emailDomain = email?[(email.IndexOf('@') + 1)..];
        foreach (var part in parts)
        {
            foreach (Match match in Url().Matches(part))
            {
                if (match.Index > 0 && part[match.Index - 1] == '@') continue;
                var url = match.Value.TrimEnd('.', ',', ')', ';');
                var host = Host(url);
                if (host.Length == 0 || emailDomain is not null && host.Equals(emailDomain, StringComparison.OrdinalIgnoreCase) && !url.Contains('/')) continue;
                if (host.EndsWith("linkedin.com", StringComparison.OrdinalIgnoreCase)) linkedin ??= url;
                else if (host.EndsWith("github.com", StringComparison.OrdinalIgnoreCase)) github ??= url;
                else if (!url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) website ??= url;
            }
        }
        return (linkedin, github, website);
    }

    private static string Host(string url)
    {
        var rest = url.Contains("://") ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var slash = rest.IndexOf('/');
        return (slash < 0 ? rest : rest[..slash]).ToLowerInvariant();
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\w+])(?:\+\s?)?[\d(][\d\s().\-]{6,22}\d(?![\w])")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"\b(?:tel|tél|phone|mobile|portable|cell|gsm|telephone|téléphone)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PhoneLabel();

    /// <summary>A link with a scheme, "www.", or a known site's host; bare "name.tld" only for the usual personal-site endings.</summary>
    [GeneratedRegex(@"(?:https?://|www\.)[^\s|,;<>""]+|\b(?:[a-z0-9-]+\.)*(?:linkedin\.com|github\.com)/[^\s|,;<>""]*|\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:dev|io|me|com|net|org|fr|site|page|tech|app|co|sn|ci|xyz|blog|design|portfolio)(?:/[^\s|,;<>""]*)?(?![\w@.])", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"^\s*(?:address|adresse|location|localisation|lieu|based in|ville|city|residence|résidence|domicile)\s*:?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LocationLabel();

    [GeneratedRegex(@"^\s*(?:name|nom|nom et prénom|full name)\s*:\s*", RegexOptions.IgnoreCase)]
    private static partial Regex NameLabel();

    [GeneratedRegex(@"^[A-Z]{2}(?:\s+\d{5})?$")]
    private static partial Regex StateCode();

    [GeneratedRegex(@"\s+[|\u2022\u00b7\u25cf\u25aa\u2013\u2014]\s+|\s*\|\s*|\t|\s{3,}|\s+[\u2022\u00b7]|[\u2022\u00b7]\s+")]
    private static partial Regex ContactSeparators();
}
