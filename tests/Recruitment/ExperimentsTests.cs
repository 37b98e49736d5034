using System.Net;
using System.Text.Json;
using CareerNexus.Accounts;
using CareerNexus.Experiments;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

public sealed class ExperimentsTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const string Path = "/ab-testing/api/v1/experiments/";
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    private async Task<TestUser> Admin()
    {
        var admin = await _app.Candidate("Admin");
        await _app.Services.GetRequiredService<AdminPolicy>().SetRoleAsync(admin.Email, admin: true);
        return admin;
    }

    private static object Body(string name, string status = ExperimentStatuses.Running, int controlWeight = 1, int variantWeight = 1) => new
    {
        name, description = "Which call to action converts", status,
        variants = new[] { new { name = "Control", weight = controlWeight }, new { name = "Variant A", weight = variantWeight } },
    };

    private static IEnumerable<string> Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).Order();

    [Fact]
    public async Task Administrators_make_and_list_experiments_and_everyone_else_is_refused()
    {
        var admin = await Admin();
        var name = ApiClient.Unique("Homepage CTA ");
        var created = (await _api.Post(Path, Body(name, ExperimentStatuses.Draft), admin.Access)).Expect(HttpStatusCode.Created);
        Assert.Equal(["created_at", "description", "id", "name", "status", "updated_at", "variants"], Names(created.Body));
        Assert.Equal("draft", created["status"].GetString());
        var id = created["id"].GetInt64();
        var variants = created["variants"].EnumerateArray().ToList();
        Assert.Equal([1L, 2L], variants.Select(v => v.GetProperty("id").GetInt64()));
        Assert.Equal(["Control", "Variant A"], variants.Select(v => v.GetProperty("name").GetString()));
        Assert.All(variants, v => Assert.Equal(0, v.GetProperty("conversion_rate").GetDouble()));

        foreach (var path in new[] { Path, Path.TrimEnd('/') })
        {
            var list = (await _api.Get(path + "?status=draft", admin.Access)).Expect(HttpStatusCode.OK);
            Assert.Equal(["count", "next", "previous", "results"], Names(list.Body));
            var item = list["results"].EnumerateArray().Single(e => e.GetProperty("id").GetInt64() == id);
            Assert.Equal(name, item.GetProperty("name").GetString());
            Assert.All(item.GetProperty("variants").EnumerateArray(), v => Assert.True(v.TryGetProperty("conversion_rate", out _)));
        }
        Assert.DoesNotContain((await _api.Get(Path + "?status=running", admin.Access)).Expect(HttpStatusCode.OK)["results"].EnumerateArray(),
            e => e.GetProperty("id").GetInt64() == id);

        var changed = (await _api.Patch($"{Path}{id}/", new { status = "running", variants = new[] { new { name = "A" }, new { name = "B" } } },
            admin.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("running", changed["status"].GetString());
        Assert.Equal(["A", "B"], changed["variants"].EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        // Running: its variants have participants and stay as they are.
        var frozen = (await _api.Patch($"{Path}{id}/", new { variants = new[] { new { name = "C" }, new { name = "D" } } }, admin.Access))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.NotEmpty(frozen.FieldErrors("variants"));

        var candidate = await _app.Candidate();
        var recruiter = await _app.Recruiter();
        foreach (var who in new[] { candidate, recruiter })
        {
            (await _api.Get(Path, who.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
            (await _api.Post(Path, Body("Mine"), who.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
            (await _api.Patch($"{Path}{id}/", new { status = "completed" }, who.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
            (await _api.Get($"{Path}{id}/", who.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        }
        Assert.Equal("running", (await _api.Get($"{Path}{id}/", admin.Access)).Expect(HttpStatusCode.OK)["status"].GetString());
        (await _api.Get(Path)).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Get($"{Path}{id}/variant/")).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Each_user_keeps_one_variant_and_counts_once_so_the_rates_are_conversions_per_exposure()
    {
        var admin = await Admin();
        var id = (await _api.Post(Path, Body(ApiClient.Unique("Signup button ")), admin.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        var users = new List<TestUser>();
        for (var i = 0; i < 12; i++) users.Add(await _app.Candidate());

        var given = new Dictionary<long, long>();
        foreach (var user in users)
        {
            var first = (await _api.Get($"{Path}{id}/variant/", user.Access)).Expect(HttpStatusCode.OK);
            Assert.Equal(["experiment", "name", "variant"], Names(first.Body));
            var again = (await _api.Get($"{Path}{id}/variant", user.Access)).Expect(HttpStatusCode.OK);
            Assert.Equal(first["variant"].GetProperty("id").GetInt64(), again["variant"].GetProperty("id").GetInt64());
            given[user.Id] = first["variant"].GetProperty("id").GetInt64();
        }
        // The first four convert, twice each (a retried request); one converts without having asked for a variant first.
        foreach (var user in users.Take(4))
            for (var n = 0; n < 2; n++)
            {
                var converted = (await _api.Post($"{Path}{id}/conversions/", new { }, user.Access)).Expect(HttpStatusCode.OK);
                Assert.Equal(given[user.Id], converted["variant"].GetProperty("id").GetInt64());
            }
        var late = await _app.Candidate();
        var lateVariant = (await _api.Post($"{Path}{id}/conversions/", new { }, late.Access)).Expect(HttpStatusCode.OK)["variant"].GetProperty("id").GetInt64();
        given[late.Id] = lateVariant;

        var item = (await _api.Get($"{Path}{id}/", admin.Access)).Expect(HttpStatusCode.OK);
        var converters = users.Take(4).Select(u => u.Id).Append(late.Id).ToHashSet();
        foreach (var variant in item["variants"].EnumerateArray())
        {
            var variantId = variant.GetProperty("id").GetInt64();
            var exposed = given.Count(g => g.Value == variantId);
            var converted = given.Count(g => g.Value == variantId && converters.Contains(g.Key));
            Assert.Equal(exposed, variant.GetProperty("exposures").GetInt64());
            Assert.Equal(converted, variant.GetProperty("conversions").GetInt64());
            Assert.Equal(exposed == 0 ? 0 : Math.Round(100.0 * converted / exposed, 1), variant.GetProperty("conversion_rate").GetDouble());
        }
        Assert.Equal(13, item["variants"].EnumerateArray().Sum(v => v.GetProperty("exposures").GetInt64()));
        Assert.Equal(5, item["variants"].EnumerateArray().Sum(v => v.GetProperty("conversions").GetInt64()));
    }

    [Fact]
    public void Assignment_is_deterministic_and_follows_the_weights()
    {
        var experiment = new Experiment { ExperimentId = 42, Variants = [new Variant(1, "Control", 1), new Variant(2, "Variant A", 3)] };
        var shares = Enumerable.Range(1, 10_000).GroupBy(user => ExperimentService.Assign(experiment, user).Id).ToDictionary(g => g.Key, g => g.Count());
        Assert.InRange(shares[1], 2_200, 2_800);
        Assert.InRange(shares[2], 7_200, 7_800);
        Assert.All(Enumerable.Range(1, 100), user => Assert.Equal(ExperimentService.Assign(experiment, user), ExperimentService.Assign(experiment, user)));
        var other = new Experiment { ExperimentId = 43, Variants = experiment.Variants };
        Assert.True(Enumerable.Range(1, 100).Count(u => ExperimentService.Assign(experiment, u).Id != ExperimentService.Assign(other, u).Id) > 10,
            "another experiment splits the same users differently");
    }

    [Fact]
    public async Task Bad_experiments_unknown_ids_and_experiments_not_running_are_refused_in_the_dialect()
    {
        var admin = await Admin();
        foreach (var (body, field) in new (object, string)[]
        {
            (new { variants = new[] { new { name = "A" }, new { name = "B" } } }, "name"),
            (new { name = "One", variants = new[] { new { name = "A" } } }, "variants"),
            (new { name = "Zero", variants = new[] { new { name = "A", weight = 0 }, new { name = "B", weight = 1 } } }, "variants"),
            (new { name = "Same", variants = new[] { new { name = "A" }, new { name = "a" } } }, "variants"),
            (new { name = "Status", status = "live", variants = new[] { new { name = "A" }, new { name = "B" } } }, "status"),
            (new { name = 5, variants = "A,B" }, "name"),
        })
            Assert.NotEmpty((await _api.Post(Path, body, admin.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors(field));
        (await _api.Get(Path + "?status=live", admin.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);

        foreach (var id in new[] { "999999999", "0", "abc", "-1" })
        {
            (await _api.Get($"{Path}{id}/", admin.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
            (await _api.Get($"{Path}{id}/variant/", admin.Access)).ExpectRecruitmentError(HttpStatusCode.NotFound);
        }
        var draft = (await _api.Post(Path, Body(ApiClient.Unique("Draft "), ExperimentStatuses.Draft), admin.Access)).Expect(HttpStatusCode.Created)["id"]
            .GetInt64();
        var user = await _app.Candidate();
        (await _api.Get($"{Path}{draft}/variant/", user.Access)).ExpectRecruitmentError(HttpStatusCode.Conflict);
        (await _api.Post($"{Path}{draft}/conversions/", new { }, user.Access)).ExpectRecruitmentError(HttpStatusCode.Conflict);
    }
}

/// <summary>
/// The Cosmos budget of the experiments: the list is the caller's account (read fresh: an admin check never trusts a
/// cache) and three single-partition queries (the capped count, the page, the page's tallies) whether 3 or 30
/// experiments exist, and a returning participant's variant is two point reads.
/// </summary>
public sealed class ExperimentsBudgetTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task The_list_and_a_returning_variant_cost_the_same_at_ten_times_the_experiments()
    {
        // An app of its own: the list counts every experiment, so other tests' experiments would move the sizes.
        using var app = new TestApp();
        var api = app.Api();
        var admin = await app.Candidate("Admin");
        await app.Services.GetRequiredService<AdminPolicy>().SetRoleAsync(admin.Email, admin: true);
        var user = await app.Candidate();
        var costs = new List<(Budgets.CosmosBudgetTests.Cost List, Budgets.CosmosBudgetTests.Cost Variant)>();
        var made = 0;
        foreach (var size in new[] { 3, 30 })
        {
            long last = 0;
            for (; made < size; made++)
                last = (await api.Post("/ab-testing/api/v1/experiments/", new { name = $"Budget {made}", status = "running",
                    variants = new[] { new { name = "A" }, new { name = "B" } } }, admin.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
            (await api.Get("/ab-testing/api/v1/experiments/?limit=3", admin.Access)).Expect(HttpStatusCode.OK);
            var list = (await api.Get("/ab-testing/api/v1/experiments/?limit=3", admin.Access)).Expect(HttpStatusCode.OK);
            Assert.Equal(size, list["count"].GetInt64());
            (await api.Get($"/ab-testing/api/v1/experiments/{last}/variant/", user.Access)).Expect(HttpStatusCode.OK);
            var variant = (await api.Get($"/ab-testing/api/v1/experiments/{last}/variant/", user.Access)).Expect(HttpStatusCode.OK);
            costs.Add((Budgets.CosmosBudgetTests.Cost.Of(list), Budgets.CosmosBudgetTests.Cost.Of(variant)));
        }
        foreach (var (list, variant) in costs) output.WriteLine($"list: {list}; returning variant: {variant}");
        Assert.Equal(costs[0].List.Operations, costs[1].List.Operations);
        Assert.All(costs, c => Assert.True(c.List.CrossPartitionQueries == 0 && c.List.Operations <= 4, $"list: {c.List}"));
        Assert.All(costs, c => Assert.True(c.Variant.Reads == 2 && c.Variant.Operations == 2, $"returning variant: {c.Variant}"));
    }
}
