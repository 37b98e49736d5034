using System.Net;
using System.Text.Json;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

public sealed class BlogTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const string Posts = "/blog/api/v1/posts/";
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private static IEnumerable<string> Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).Order();

    private static object Body(string title, string? status = null, object? category = null, string content = "Prepare well, listen, and ask questions.") =>
        new { title, content, category = category ?? 1, status = status ?? "draft", featured_image = "https://cdn.example.com/interview.jpg" };

    private async Task<long> Write(TestUser admin, string title, string? status = null, object? category = null, string? content = null) =>
        (await _api.Post(Posts, Body(title, status, category, content ?? "Content of " + title), admin.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();

    private static List<JsonElement> Results(ApiResponse list) => list["results"].EnumerateArray().ToList();

    private static bool Lists(ApiResponse list, long id) => Results(list).Any(p => p.GetProperty("id").GetInt64() == id);

    [Fact]
    public async Task Administrators_write_publish_edit_and_delete_posts_and_everyone_reads_the_published_ones()
    {
        var admin = await _app.Admin();
        var title = ApiClient.Unique("10 Tips for Job Interview Success ");
        var content = string.Join(' ', Enumerable.Repeat("Research the company before the interview.", 10));
        var created = (await _api.Post(Posts, Body(title, content: content), admin.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(["author", "category", "content", "created_at", "excerpt", "featured_image", "id", "published_at", "slug", "status", "title",
            "updated_at", "views_count"], Names(created.Body));
        var id = created["id"].GetInt64();
        Assert.Equal("draft", created["status"].GetString());
        Assert.Equal(JsonValueKind.Null, created["published_at"].ValueKind);
        Assert.StartsWith("10-tips-for-job-interview-success-", created["slug"].GetString());
        Assert.Equal(admin.Id, created["author"].GetProperty("id").GetInt64());
        Assert.Equal(admin.Username, created["author"].GetProperty("username").GetString());
        Assert.Equal("FirstAdmin LastAdmin", created["author"].GetProperty("full_name").GetString());
        Assert.Equal("Career Tips", created["category"].GetProperty("name").GetString());
        // No excerpt sent: the content's first words.
        Assert.EndsWith("...", created["excerpt"].GetString());
        Assert.True(created["excerpt"].GetString()!.Length <= 203);
        Assert.Equal(0, created["views_count"].GetInt64());

        // A draft is the administrators' alone.
        Assert.False(Lists((await _api.Get(Posts + "?limit=100")).Expect(HttpStatusCode.OK), id));
        Assert.True(Lists((await _api.Get(Posts + "?limit=100", admin.Access)).Expect(HttpStatusCode.OK), id));
        Assert.False(Lists((await _api.Get(Posts + "?limit=100&published_only=true", admin.Access)).Expect(HttpStatusCode.OK), id));
        (await _api.Get($"{Posts}{id}/")).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Get($"{Posts}{id}/", (await _app.Candidate()).Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        Assert.Equal("draft", (await _api.Get($"{Posts}{id}/", admin.Access)).Expect(HttpStatusCode.OK)["status"].GetString());

        var published = (await _api.Post($"{Posts}{id}/publish/", null, admin.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("published", published["status"].GetString());
        var publishedAt = published["published_at"].GetDateTimeOffset();
        // Publishing again changes nothing.
        Assert.Equal(publishedAt, (await _api.Post($"{Posts}{id}/publish", null, admin.Access)).Expect(HttpStatusCode.OK)["published_at"].GetDateTimeOffset());

        foreach (var path in new[] { Posts, Posts.TrimEnd('/') })
        {
            var list = (await _api.Get(path + "?limit=100")).Expect(HttpStatusCode.OK);
            Assert.Equal(["count", "next", "previous", "results"], Names(list.Body));
            var item = Results(list).Single(p => p.GetProperty("id").GetInt64() == id);
            Assert.Equal(["author", "category", "excerpt", "featured_image", "id", "published_at", "slug", "title", "views_count"], Names(item));
            Assert.Equal(title, item.GetProperty("title").GetString());
            Assert.Equal(["full_name", "id", "username"], Names(item.GetProperty("author")));
            Assert.Equal(["id", "name"], Names(item.GetProperty("category")));
            Assert.Equal("https://cdn.example.com/interview.jpg", item.GetProperty("featured_image").GetString());
        }
        var slug = created["slug"].GetString();
        Assert.Equal(id, (await _api.Get($"{Posts}{slug}/")).Expect(HttpStatusCode.OK)["id"].GetInt64());

        // Edits keep the slug, so links keep working; an excerpt written by hand replaces the derived one.
        var edited = (await _api.Patch($"{Posts}{id}/", new { title = title + " (2025)", excerpt = "Learn how to ace it.", category = "interviews" },
            admin.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal(title + " (2025)", edited["title"].GetString());
        Assert.Equal(slug, edited["slug"].GetString());
        Assert.Equal("Learn how to ace it.", edited["excerpt"].GetString());
        Assert.Equal("Interviews", edited["category"].GetProperty("name").GetString());
        Assert.Equal(content, edited["content"].GetString());
        // Taken back to a draft and published again, it keeps its first publication time.
        (await _api.Patch($"{Posts}{id}/", new { status = "draft" }, admin.Access)).Expect(HttpStatusCode.OK);
        (await _api.Get($"{Posts}{id}/")).ExpectRecruitmentError(HttpStatusCode.NotFound);
        Assert.Equal(publishedAt, (await _api.Post($"{Posts}{id}/publish/", null, admin.Access)).Expect(HttpStatusCode.OK)["published_at"].GetDateTimeOffset());

        // Anyone else is refused every write; without a token, a 401.
        foreach (var who in new[] { await _app.Candidate(), await _app.Recruiter() })
        {
            (await _api.Post(Posts, Body(ApiClient.Unique("Mine ")), who.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
            (await _api.Patch($"{Posts}{id}/", new { title = "Taken over" }, who.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
            (await _api.Post($"{Posts}{id}/publish/", null, who.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
            (await _api.Delete($"{Posts}{id}/", who.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        }
        (await _api.Post(Posts, Body("Anonymous"))).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Patch($"{Posts}{id}/", new { title = "Anonymous" })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Post($"{Posts}{id}/publish/")).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Delete($"{Posts}{id}/")).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        Assert.Equal(title + " (2025)", (await _api.Get($"{Posts}{id}/")).Expect(HttpStatusCode.OK)["title"].GetString());

        (await _api.Delete($"{Posts}{id}/", admin.Access)).Expect(HttpStatusCode.NoContent);
        (await _api.Get($"{Posts}{id}/", admin.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await _api.Get($"{Posts}{slug}/")).ExpectRecruitmentError(HttpStatusCode.NotFound);
        Assert.False(Lists((await _api.Get(Posts + "?limit=100", admin.Access)).Expect(HttpStatusCode.OK), id));
        (await _api.Delete($"{Posts}{id}/", admin.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        // Its slug is free again.
        Assert.Equal(slug, (await _api.Post(Posts, Body(title), admin.Access)).Expect(HttpStatusCode.Created)["slug"].GetString());
    }

    [Fact]
    public async Task The_list_filters_by_search_category_and_author_and_pages()
    {
        var (admin, other) = (await _app.Admin(), await _app.Admin());
        var marker = ApiClient.Unique("zq");
        var tips = await Write(admin, $"Salary talks {marker}", "published", 1);
        var cv = await Write(admin, ApiClient.Unique("CV layouts "), "published", "Resumes & CVs", $"Keep it to one page {marker}.");
        var news = await Write(other, ApiClient.Unique("Platform update "), "published", 9, $"New features {marker}.");
        var draft = await Write(admin, $"Unfinished {marker}");

        List<long> Ids(ApiResponse list) => Results(list).Select(p => p.GetProperty("id").GetInt64()).ToList();
        // Search reads titles and content, any case; newest first.
        Assert.Equal([news, cv, tips], Ids((await _api.Get($"{Posts}?search={marker.ToUpperInvariant()}")).Expect(HttpStatusCode.OK)));
        Assert.Equal([draft, news, cv, tips], Ids((await _api.Get($"{Posts}?search={marker}", admin.Access)).Expect(HttpStatusCode.OK)));
        Assert.Equal([cv], Ids((await _api.Get($"{Posts}?search={marker}&category=3")).Expect(HttpStatusCode.OK)));
        Assert.Equal([cv], Ids((await _api.Get($"{Posts}?search={marker}&category=resumes-cvs")).Expect(HttpStatusCode.OK)));
        Assert.Equal([tips], Ids((await _api.Get($"{Posts}?search={marker}&category=Career%20Tips")).Expect(HttpStatusCode.OK)));
        Assert.Equal([news], Ids((await _api.Get($"{Posts}?search={marker}&author={other.Id}")).Expect(HttpStatusCode.OK)));
        Assert.Equal([cv, tips], Ids((await _api.Get($"{Posts}?search={marker}&author={admin.Username.ToUpperInvariant()}")).Expect(HttpStatusCode.OK)));
        Assert.Empty(Ids((await _api.Get($"{Posts}?search={marker}&author=nobody-at-all")).Expect(HttpStatusCode.OK)));

        var first = (await _api.Get($"{Posts}?search={marker}&limit=2")).Expect(HttpStatusCode.OK);
        Assert.Equal(3, first["count"].GetInt64());
        Assert.Equal([news, cv], Ids(first));
        Assert.Contains("page=2", first["next"].GetString());
        var second = (await _api.Get($"{Posts}?search={marker}&limit=2&page=2")).Expect(HttpStatusCode.OK);
        Assert.Equal([tips], Ids(second));
        (await _api.Get($"{Posts}?search={marker}&limit=2&page=3")).ExpectRecruitmentError(HttpStatusCode.NotFound);

        foreach (var (query, field) in new[] { ("category=99", "category"), ("category=gardening", "category"), ("published_only=maybe", "published_only"),
                     ("search=" + new string('x', 201), "search"), ("page=0", "page"), ("limit=abc", "limit") })
            Assert.NotEmpty((await _api.Get($"{Posts}?{query}")).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors(field));
        var categories = (await _api.Get("/blog/api/v1/categories/")).Expect(HttpStatusCode.OK);
        Assert.Contains(Results(categories), c => c.GetProperty("id").GetInt64() == 3 && c.GetProperty("slug").GetString() == "resumes-cvs");
    }

    [Fact]
    public async Task A_published_post_counts_one_view_per_viewer_and_day_and_none_of_its_author()
    {
        var admin = await _app.Admin();
        var id = await Write(admin, ApiClient.Unique("Negotiating offers "), "published");
        var (reader, another) = (await _app.Candidate(), await _app.Recruiter());

        long Views(ApiResponse r) => r["views_count"].GetInt64();
        Assert.Equal(1, Views((await _api.Get($"{Posts}{id}/")).Expect(HttpStatusCode.OK)));
        // The same client again (no token: its address), and many times at once: still one.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _api.Get($"{Posts}{id}/")));
        Assert.Equal(1, Views((await _api.Get($"{Posts}{id}/")).Expect(HttpStatusCode.OK)));
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _api.Get($"{Posts}{id}/", reader.Access)));
        Assert.Equal(2, Views((await _api.Get($"{Posts}{id}/", reader.Access)).Expect(HttpStatusCode.OK)));
        Assert.Equal(3, Views((await _api.Get($"{Posts}{id}/", another.Access)).Expect(HttpStatusCode.OK)));
        Assert.Equal(3, Views((await _api.Get($"{Posts}{id}/", admin.Access)).Expect(HttpStatusCode.OK)));
        var item = Results((await _api.Get($"{Posts}?author={admin.Id}")).Expect(HttpStatusCode.OK)).Single(p => p.GetProperty("id").GetInt64() == id);
        Assert.Equal(3, item.GetProperty("views_count").GetInt64());
    }

    [Fact]
    public async Task Bad_posts_are_refused_in_the_dialect_and_a_retried_post_is_made_once()
    {
        var admin = await _app.Admin();
        foreach (var (body, field) in new (object, string)[]
        {
            (new { content = "No title", category = 1 }, "title"),
            (new { title = "  ", content = "Blank title", category = 1 }, "title"),
            (new { title = 5, content = "Number", category = 1 }, "title"),
            (new { title = "No content", category = 1 }, "content"),
            (new { title = "No category", content = "x" }, "category"),
            (new { title = "Unknown category", content = "x", category = 99 }, "category"),
            (new { title = "Status", content = "x", category = 1, status = "live" }, "status"),
            (new { title = "Image", content = "x", category = 1, featured_image = "ftp://example.com/a.png" }, "featured_image"),
            (new { title = new string('t', 201), content = "x", category = 1 }, "title"),
            (new { title = "Excerpt", content = "x", category = 1, excerpt = new string('e', 501) }, "excerpt"),
        })
            Assert.NotEmpty((await _api.Post(Posts, body, admin.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors(field));
        (await _api.PostRaw(Posts, "{\"title\": ", admin.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        (await _api.PostRaw(Posts, "[1, 2]", admin.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);

        // The same post sent again by its author is the first one; another post under that title is refused.
        var title = ApiClient.Unique("Remote work ");
        var first = await Write(admin, title, content: "Same words");
        Assert.Equal(first, await Write(admin, title, content: "Same words"));
        Assert.NotEmpty((await _api.Post(Posts, Body(title, content: "Other words"), admin.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest)
            .FieldErrors("title"));
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _api.Post(Posts, Body(title + " again", content: "Racing"), admin.Access)));
        Assert.Single(racing.Where(r => r.Status == HttpStatusCode.Created).Select(r => r["id"].GetInt64()).Distinct());

        Assert.NotEmpty((await _api.Patch($"{Posts}{first}/", new { category = "gardening" }, admin.Access))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("category"));
        Assert.NotEmpty((await _api.Patch($"{Posts}{first}/", new { content = "" }, admin.Access))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("content"));
        foreach (var id in new[] { "999999999", "0", "abc" })
        {
            (await _api.Patch($"{Posts}{id}/", new { title = "Nothing" }, admin.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
            (await _api.Get($"{Posts}{id}/")).ExpectRecruitmentError(HttpStatusCode.NotFound);
        }
    }
}
