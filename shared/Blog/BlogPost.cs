using System.Globalization;
using System.Text.Json.Serialization;

namespace CareerNexus.Blog;

public static class BlogStatuses
{
    public const string Draft = "draft";
    public const string Published = "published";

    public static readonly IReadOnlyList<string> All = [Draft, Published];
}

/// <summary>A blog category (document 003 shows {id, name}): a fixed list, like the job categories.</summary>
public sealed record BlogCategory(long Id, string Name)
{
    public string Slug => Common.Slugs.Of(Name);
}

public static class BlogCategories
{
    public static readonly IReadOnlyList<BlogCategory> All =
    [
        new(1, "Career Tips"), new(2, "Interviews"), new(3, "Resumes & CVs"), new(4, "Job Search"), new(5, "Workplace"),
        new(6, "Industry News"), new(7, "Hiring"), new(8, "Company Culture"), new(9, "Platform News"), new(10, "Other"),
    ];

    public static BlogCategory? Find(long id) => All.FirstOrDefault(c => c.Id == id);

    /// <summary>A category by id, name or slug, any case; null when none is.</summary>
    public static BlogCategory? Find(string text)
    {
        var value = text.Trim();
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return Find(id);
        return All.FirstOrDefault(c => string.Equals(c.Name, value, StringComparison.OrdinalIgnoreCase) || c.Slug == value.ToLowerInvariant());
    }
}

/// <summary>The author as a post shows them, copied when the post is written or edited.</summary>
public sealed record BlogAuthor(long Id, string Username, string FullName);

/// <summary>
/// A blog post (document 003), by "post:{id}" in the catalog partition with every other post, its view tallies and its
/// slug's claim: lists and filters are single-partition queries. Written by administrators.
/// </summary>
public sealed class BlogPost
{
    public string Id { get; set; } = "";
    public string Partition { get; set; } = BlogDocuments.Catalog;
    public string Kind { get; set; } = BlogDocuments.PostKind;
    public long PostId { get; set; }
    public string Title { get; set; } = "";
    public string Slug { get; set; } = "";
    public BlogAuthor Author { get; set; } = new(0, "", "");

    /// <summary>The author's username in lower case, for the author filter.</summary>
    public string AuthorKey { get; set; } = "";

    public long CategoryId { get; set; }
    public string Excerpt { get; set; } = "";
    public string Content { get; set; } = "";
    public string? FeaturedImage { get; set; }
    public string Status { get; set; } = BlogStatuses.Draft;

    /// <summary>When the post was first published; kept when it is taken back to a draft and published again.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>Newest first: the publication time (the creation time for a draft never published), then the id.</summary>
    public string SortKey { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsPublished => Status == BlogStatuses.Published;
}

/// <summary>One of a post's <see cref="BlogDocuments.ViewShards"/> view counters; views_count is their sum.</summary>
public sealed class BlogViewTally
{
    public string Id { get; set; } = "";
    public string Partition { get; set; } = BlogDocuments.Catalog;
    public string Kind { get; set; } = BlogDocuments.ViewsKind;
    public long PostId { get; set; }
    public long Views { get; set; }

    [JsonPropertyName("counted_facts")]
    public List<string>? CountedFacts { get; set; }
}

/// <summary>A viewer's first view of a post on one day (it expires after two days), so that reloading counts nothing.</summary>
public sealed record BlogView(string Id, string Partition, string Day, int Ttl, bool Counted = false);

public static class BlogDocuments
{
    public const string Catalog = "posts";
    public const string PostKind = "post";
    public const string ViewsKind = "views";
    public const int ViewShards = 4;

    public static string PostKey(long postId) => string.Create(CultureInfo.InvariantCulture, $"post:{postId}");
    public static string TallyKey(long postId, int shard) => string.Create(CultureInfo.InvariantCulture, $"views:{postId}:{shard}");
    public static string ViewPartition(long postId) => PostKey(postId);
}
