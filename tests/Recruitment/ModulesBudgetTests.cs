using System.Globalization;
using System.Net;
using CareerNexus.Blog;
using CareerNexus.Companies;
using CareerNexus.Ngos;
using CareerNexus.Reviews;
using CareerNexus.Statistics;
using CareerNexus.Storage;
using CareerNexus.Tests.Budgets;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// The Cosmos budget of the blog, NGO, review and dashboard routes and of a company's detail with its ratings: each
/// costs the same operations with 20 and 200 posts, NGOs, reviews and counted facts, none of them a cross-partition
/// query. Blog and NGO lists are single-partition queries of their catalog (the count's ids, the page, the page's view
/// tallies); the dashboard is the admin's account and one query of the figure shards; ratings are stored on the company.
/// </summary>
public sealed class ModulesBudgetTests(ITestOutputHelper output)
{
    private const int Small = 20;
    private const int Large = 200;

    [Fact]
    public async Task Blog_ngo_review_and_dashboard_routes_cost_the_same_at_ten_times_the_data()
    {
        // An app of its own: the lists count every post and NGO, so other tests' would move the sizes.
        using var app = new TestApp();
        var api = app.Api();
        var admin = await app.Admin();
        var reader = await app.Candidate();
        var recruiter = await app.Recruiter();
        var company = await app.CompanyOf(recruiter);
        var ids = app.Services.GetRequiredService<IdAllocator>();
        var statistics = app.Services.GetRequiredService<PlatformStatistics>();
        var post = (await api.Post("/blog/api/v1/posts/", new { title = "Budget post", content = "Measured", category = 1, status = "published" },
            admin.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        var costs = new Dictionary<string, List<CosmosBudgetTests.Cost>>();
        var seeded = 0;
        foreach (var size in new[] { Small, Large })
        {
            for (; seeded < size; seeded++)
            {
                await SeedPost(app, ids, admin.Id, seeded);
                await SeedNgo(app, ids, seeded);
                await SeedReview(app, ids, company.CompanyId, seeded);
                await statistics.CountAsync($"budget:{seeded}", [(Figures.Users, 1)]);
            }
            foreach (var (name, path, token) in new[]
                     {
                         ("blog list", "/blog/api/v1/posts/?limit=10", null),
                         ("blog list by category", "/blog/api/v1/posts/?category=2&limit=10", null),
                         ("blog list by author", $"/blog/api/v1/posts/?author={admin.Id}&limit=10", null),
                         ("blog search", "/blog/api/v1/posts/?search=budget&limit=10", null),
                         ("blog list with drafts", "/blog/api/v1/posts/?limit=10", admin.Access),
                         ("blog detail", $"/blog/api/v1/posts/{post}/", reader.Access),
                         ("ngo list", "/ngo/api/v1/ngos/?limit=10", null),
                         ("dashboard", "/admin-panel/api/v1/dashboard/stats/", admin.Access),
                         ("company detail", $"/companies/api/v1/companies/{company.CompanyId}/", null),
                         ("company reviews", $"/reviews/api/v1/reviews/?target_type=company&target_id={company.CompanyId}&limit=10", reader.Access),
                     })
            {
                // Warm: the token's session cached, the reader's view of the day already counted.
                (await api.Get(path, token)).Expect(HttpStatusCode.OK);
                var response = (await api.Get(path, token)).Expect(HttpStatusCode.OK);
                if (path.Contains("limit=10", StringComparison.Ordinal)) Assert.Equal(10, response["results"].GetArrayLength());
                costs.TryAdd(name, []);
                costs[name].Add(CosmosBudgetTests.Cost.Of(response));
            }
            Assert.Equal(size, (await api.Get("/admin-panel/api/v1/dashboard/stats/", admin.Access)).Expect(HttpStatusCode.OK)["users"]
                .GetProperty("total").GetInt64() - 3);
        }
        var allowed = new Dictionary<string, int>
        {
            ["blog list"] = 3, ["blog list by category"] = 3, ["blog list by author"] = 3, ["blog search"] = 3, ["blog list with drafts"] = 4,
            ["blog detail"] = 4, ["ngo list"] = 2, ["dashboard"] = 2, ["company detail"] = 2, ["company reviews"] = 2,
        };
        foreach (var (name, pair) in costs) output.WriteLine($"{name}: {pair[0]} / {pair[1]}");
        foreach (var (name, pair) in costs)
        {
            Assert.True(pair[0].Operations == pair[1].Operations, $"{name}: {pair[0]} at {Small}, {pair[1]} at {Large}");
            foreach (var cost in pair)
            {
                Assert.True(cost.CrossPartitionQueries == 0, $"{name} reads across partitions: {cost}");
                Assert.True(cost.Operations <= allowed[name], $"{name}: at most {allowed[name]} operations, not {cost}");
            }
        }
    }

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A published post written straight to the catalog, as the blog stores it (every other one in category 2).</summary>
    private static async Task SeedPost(TestApp app, IdAllocator ids, long authorId, int n)
    {
        var postId = await ids.NextAsync("blog_posts");
        var at = DateTimeOffset.UtcNow.AddDays(-1).AddSeconds(n);
        await app.Store.UpsertAsync(Containers.Blog, new BlogPost
        {
            Id = BlogDocuments.PostKey(postId), PostId = postId, Title = $"Budget post {n}", Slug = $"budget-post-{postId}", Author = new BlogAuthor(authorId, "admin", "Admin"),
            AuthorKey = "admin", CategoryId = 1 + n % 2, Excerpt = "Excerpt", Content = "Budget content", Status = BlogStatuses.Published, PublishedAt = at,
            SortKey = DocumentKeys.TimeOrder(at, postId), CreatedAt = at, UpdatedAt = at,
        }, BlogDocuments.Catalog);
    }

    private static async Task SeedNgo(TestApp app, IdAllocator ids, int n)
    {
        var ngoId = await ids.NextAsync("ngos");
        var ngo = new Ngo { Id = NgoDocuments.NgoKey(ngoId), NgoId = ngoId, Name = $"Budget NGO {n:D4}", Slug = $"budget-ngo-{ngoId}", Location = "Dakar" };
        ngo.RefreshKeys();
        await app.Store.UpsertAsync(Containers.Ngos, ngo, NgoDocuments.Catalog);
    }

    /// <summary>A review in the company's partition, counted on the company's ratings as the reviews feature counts it.</summary>
    private static async Task SeedReview(TestApp app, IdAllocator ids, long companyId, int n)
    {
        var reviewId = await ids.NextAsync("reviews");
        var review = new Review
        {
            Id = Review.KeyOf(1_000_000 + n), Partition = Review.TargetPartition(ReviewTargets.Company, companyId), ReviewId = reviewId,
            TargetType = ReviewTargets.Company, TargetId = companyId, Author = new ReviewAuthor(1_000_000 + n, "budget", "Budget"), Rating = 1 + n % 5,
            CreatedAt = DateTimeOffset.UtcNow, Counted = true,
        };
        await app.Store.UpsertAsync(Containers.Reviews, review, review.Partition);
        await app.Services.GetRequiredService<CountOnce>().CountAsync("review:" + Key(reviewId),
            [new CounterTarget(Containers.Companies, Key(companyId), Key(companyId), RatingTally.Deltas("/ratings", review.Rating))]);
    }
}
