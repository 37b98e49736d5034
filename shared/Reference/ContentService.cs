using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Reference;

/// <summary>A content page: its title (the key clients ask by), text, optional list items and the date it last changed.</summary>
public sealed record ContentPage(string Title, string Content, IReadOnlyList<string>? Items, string Updated);

/// <summary>A content page together with the titles of every page there is.</summary>
public sealed record ContentLookup(ContentPage Page, IReadOnlyList<string> Titles);

/// <summary>
/// The platform's content pages (terms of service, privacy policy), kept in the reference container so they
/// can change without a release. The built-in pages are created on first use when missing; an edited page
/// is never overwritten by them.
/// </summary>
public sealed class ContentService(DocumentStore store)
{
    private const string ContentPartition = "content";

    private static readonly ContentPage[] BuiltIn =
    [
        new("tos",
            "By accessing or using Career Nexus, you agree to be bound by these Terms and Conditions. Please read them carefully.\n"
            + "1. Use of Platform: You agree to use Career Nexus only for lawful purposes and in a way that does not infringe the rights of others.\n"
            + "2. Account Responsibility: You are responsible for keeping your password confidential and for all activity under your account.\n"
            + "3. Content: You keep the rights to what you post, and you allow Career Nexus to show it to the people your settings allow.\n"
            + "4. Data & Privacy: Your data is handled in accordance with our Privacy Policy. We do not share your information without consent.\n"
            + "5. Changes to Terms: We may update these terms. Continued use of the platform means you accept the changes.\n"
            + "6. Contact: For questions or support, contact us at support@career-nexus.com",
            null, "2026-11-21"),
        new("privacy",
            "Career Nexus collects the information you give us (your account, profile, posts, messages and job preferences) and the "
            + "information needed to run the service (sign-in times and the devices you use).\n"
            + "1. Use: We use your information to run your account, show your profile to other members, recommend jobs and connections, "
            + "and keep the platform secure.\n"
            + "2. Sharing: Your profile is visible to other members. We do not sell your information, and we share it with service providers "
            + "only to run the platform.\n"
            + "3. Security: Passwords are stored only as salted hashes, and codes sent by email expire after minutes.\n"
            + "4. Your choices: You can update your profile at any time and ask us to delete your account.\n"
            + "5. Contact: For privacy questions, contact us at privacy@career-nexus.com",
            null, "2026-11-21"),
    ];

    private readonly SemaphoreSlim _seeding = new(1, 1);
    private volatile bool _seeded;

    /// <summary>The page with the given title; an unknown or missing title is a 400 naming the titles there are.</summary>
    public async Task<ContentLookup> GetAsync(string? title, CancellationToken ct = default)
    {
        await EnsureSeededAsync(ct);
        var titles = await TitlesAsync(ct);
        var key = title?.Trim().ToLowerInvariant();
        // Titles are short slugs; anything else cannot name a page (and must not reach a document id).
        var page = string.IsNullOrEmpty(key) || key.Length > 64 || !key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_')
            ? null
            : (await store.ReadAsync<PageDocument>(Containers.Reference, DocumentId(key), ContentPartition, ct))?.Document;
        if (page is null)
            throw PlatformException.Invalid("Unknown title",
                $"{(string.IsNullOrEmpty(key) ? "Give a title" : $"No content titled '{title!.Trim()}'")}. Available titles: {string.Join(", ", titles)}.");
        return new ContentLookup(new ContentPage(page.Title, page.Content, page.Items, page.Updated), titles);
    }

    private async Task<IReadOnlyList<string>> TitlesAsync(CancellationToken ct)
    {
        var query = new QueryDefinition("SELECT VALUE c.title FROM c WHERE c.partition = @partition ORDER BY c.title")
            .WithParameter("@partition", ContentPartition);
        return await store.QueryListAsync<string>(Containers.Reference, query, ContentPartition, ct: ct);
    }

    private async Task EnsureSeededAsync(CancellationToken ct)
    {
        if (_seeded) return;
        await _seeding.WaitAsync(ct);
        try
        {
            if (_seeded) return;
            foreach (var page in BuiltIn)
                await store.TryCreateAsync(Containers.Reference,
                    new PageDocument(DocumentId(page.Title), ContentPartition, page.Title, page.Content, page.Items, page.Updated), ContentPartition, ct);
            _seeded = true;
        }
        finally
        {
            _seeding.Release();
        }
    }

    private static string DocumentId(string title) => "content:" + title;

    private sealed record PageDocument(string Id, string Partition, string Title, string Content, IReadOnlyList<string>? Items, string Updated);
}
