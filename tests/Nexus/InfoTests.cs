using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Nexus;

public sealed class InfoTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly ApiClient _api = fixture.App.Api();

    private static List<(int Id, string Country, string Code)> Countries(ApiResponse r) => r.Body.EnumerateArray()
        .Select(c =>
        {
            Assert.Equal(new[] { "code", "country", "id" }, c.EnumerateObject().Select(p => p.Name).Order());
            return (c.GetProperty("id").GetInt32(), c.GetProperty("country").GetString()!, c.GetProperty("code").GetString()!);
        }).ToList();

    [Fact]
    public async Task Country_list_holds_every_country_with_its_phone_code_and_stable_ids()
    {
        var all = Countries((await _api.Get("/info/country-permit/")).Expect(HttpStatusCode.OK));
        Assert.InRange(all.Count, 230, 260);
        Assert.Contains((155, "Nigeria", "+234"), all);
        Assert.Contains(all, c => c is { Country: "United Kingdom", Code: "+44" });
        Assert.Contains(all, c => c is { Country: "Kenya", Code: "+254" });
        Assert.Equal(all.Count, all.Select(c => c.Id).Distinct().Count());
        Assert.All(all, c => Assert.Matches(@"^\+\d{1,7}$", c.Code));
        Assert.Equal(all.OrderBy(c => c.Id), all);

        // Seeding is idempotent: a second app over the same database sees the same list, not a doubled one. Its queue pump
        // stays off: it would take the shared app's messages and push them through its own hub, where no test listens.
        using var again = new TestApp(fixture.App.Database, settings: new Dictionary<string, string?> { ["CareerNexus:Queues:PumpEnabled"] = "false" });
        var second = Countries((await again.Api().Get("/info/country-permit")).Expect(HttpStatusCode.OK));
        Assert.Equal(all.Count, second.Count);
    }

    [Fact]
    public async Task Only_an_admin_may_change_a_permission_and_the_status_filter_follows_it()
    {
        var member = await _api.Register();
        (await _api.Put("/info/country-permit/", new { country = "Tuvalu", status = "disable" })).ExpectNexusError(HttpStatusCode.Unauthorized);
        (await _api.Put("/info/country-permit/", new { country = "Tuvalu", status = "disable" }, member.Access)).ExpectNexusError(HttpStatusCode.Forbidden);
        Assert.Contains(Countries(await _api.Get("/info/country-permit/?status=enable")), c => c.Country == "Tuvalu");

        var admin = await InfoAdmin.TokenAsync(_api);
        var r = (await _api.Put("/info/country-permit/", new { country = "tuvalu ", status = "disable" }, admin)).Expect(HttpStatusCode.OK);
        Assert.Equal("Tuvalu", r["country"].GetString());
        Assert.False(r["permitted"].GetBoolean());
        Assert.Equal(new[] { "country", "permitted" }, r.Body.EnumerateObject().Select(p => p.Name).Order());

        Assert.Contains(Countries(await _api.Get("/info/country-permit/?status=disable")), c => c.Country == "Tuvalu");
        Assert.DoesNotContain(Countries(await _api.Get("/info/country-permit/?status=enable")), c => c.Country == "Tuvalu");
        var disabled = Countries(await _api.Get("/info/country-permit/?status=disable"));
        Assert.DoesNotContain(disabled, c => c.Country == "Nigeria");

        r = (await _api.Put("/info/country-permit/", new { country = "Tuvalu", status = "enable" }, admin)).Expect(HttpStatusCode.OK);
        Assert.True(r["permitted"].GetBoolean());
        Assert.Contains(Countries(await _api.Get("/info/country-permit/?status=enable")), c => c.Country == "Tuvalu");
    }

    [Fact]
    public async Task Bad_permission_requests_are_refused()
    {
        var admin = await InfoAdmin.TokenAsync(_api);
        (await _api.Get("/info/country-permit/?status=sometimes")).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Put("/info/country-permit/", new { country = "Atlantis", status = "enable" }, admin)).ExpectNexusError(HttpStatusCode.NotFound);
        (await _api.Put("/info/country-permit/", new { country = "Nigeria", status = "maybe" }, admin)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Put("/info/country-permit/", new { status = "enable" }, admin)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Put("/info/country-permit/", new { country = new[] { "Nigeria" }, status = "enable" }, admin)).ExpectNexusError(HttpStatusCode.BadRequest);
        (await _api.Send(HttpMethod.Put, "/info/country-permit/", null, admin)).ExpectNexusError(HttpStatusCode.BadRequest);
        var byId = (await _api.Put("/info/country-permit/", new { country = 155, status = "enable" }, admin)).Expect(HttpStatusCode.OK);
        Assert.Equal("Nigeria", byId["country"].GetString());
    }

    [Theory]
    [InlineData("tos", "Terms")]
    [InlineData("privacy", "information")]
    public async Task Content_pages_answer_with_the_documented_envelope(string title, string expectedWord)
    {
        var r = (await _api.Get($"/info/?title={title}")).Expect(HttpStatusCode.OK);
        Assert.Equal("Success", r["status"].GetString());
        var content = r["content"];
        Assert.Equal(new[] { "content", "items", "title", "updated" }, content.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(title, content.GetProperty("title").GetString());
        Assert.Contains(expectedWord, content.GetProperty("content").GetString());
        Assert.Equal(JsonValueKind.Null, content.GetProperty("items").ValueKind);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", content.GetProperty("updated").GetString());
        var titles = r["Available_titles"].EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("tos", titles);
        Assert.Contains("privacy", titles);
    }

    [Theory]
    [InlineData("/info/?title=nothing-here")]
    [InlineData("/info/")]
    [InlineData("/info/?title=")]
    [InlineData("/info/?title=a%2Fb")]
    public async Task An_unknown_or_missing_title_is_a_400_naming_the_available_titles(string path)
    {
        var r = (await _api.Get(path)).ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Contains("tos", r["error"].GetString());
        Assert.Contains("privacy", r["error"].GetString());
    }

    [Fact]
    public async Task Choice_data_lists_the_fields_and_each_fields_options()
    {
        var r = (await _api.Get("/info/choice-data/")).Expect(HttpStatusCode.OK);
        Assert.Equal(new[] { "industry", "employment_type", "user", "employment_category", "experience_level", "work_type" },
            r["field_names"].EnumerateArray().Select(f => f.GetString()));
        Assert.Single(r.Body.EnumerateObject());

        r = (await _api.Get("/info/choice-data/?field_name=experience_level")).Expect(HttpStatusCode.OK);
        Assert.Equal("experience_level", r["field_name"].GetString());
        Assert.Equal(new[] { "entry", "mid", "senior", "executive" }, r["Valid options"].EnumerateArray().Select(f => f.GetString()));

        r = (await _api.Get("/info/choice-data?field_name=employment_category")).Expect(HttpStatusCode.OK);
        Assert.Contains("Onsite", r["Valid options"].EnumerateArray().Select(f => f.GetString()));

        var error = (await _api.Get("/info/choice-data/?field_name=colour")).ExpectNexusError(HttpStatusCode.BadRequest);
        Assert.Contains("industry", error["error"].GetString());
    }
}

/// <summary>
/// The one admin account of the shared app, made on first use as an operator would: a Nexus signup (which verifies
/// the address), then the operator's grant.
/// </summary>
public static class InfoAdmin
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _email;

    public static async Task<string> TokenAsync(ApiClient api)
    {
        await Gate.WaitAsync();
        try
        {
            if (_email is null)
            {
                var admin = await AccountsFlow.SignUpAsync(api);
                await TestApp.Shared.Services.GetRequiredService<CareerNexus.Accounts.AdminPolicy>().SetRoleAsync(admin.Email, admin: true);
                _email = admin.Email;
            }
            var signin = (await api.Post("/user/signin", new { email = _email, password = AccountsFlow.Password })).Expect(HttpStatusCode.OK);
            return signin["access"].GetString()!;
        }
        finally
        {
            Gate.Release();
        }
    }
}
