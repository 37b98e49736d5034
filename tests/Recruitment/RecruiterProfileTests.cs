using System.Globalization;
using System.Net;
using System.Text.Json;
using CareerNexus.Accounts;
using CareerNexus.Companies;
using CareerNexus.Storage;
using CareerNexus.Tests.Budgets;
using CareerNexus.Tests.Support;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

public sealed class RecruiterProfileTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const string Me = "/accounts/api/v1/recruiter-profiles/me/";

    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task The_profile_shows_the_company_and_the_stored_counters_and_takes_hiring_needs_and_the_accounts_bio()
    {
        var me = await _app.Recruiter("Jane", company: "Tech Corp");
        var profile = (await _api.Get(Me, me.Access)).Expect(HttpStatusCode.OK);
        Assert.True(profile["id"].GetInt64() > 0);
        Assert.Equal(me.Id, profile["user"].GetProperty("id").GetInt64());
        Assert.Equal(me.Username, profile["user"].GetProperty("username").GetString());
        Assert.Equal(me.Email, profile["user"].GetProperty("email").GetString());
        var stored = await StoredAsync(me.Id);
        Assert.Equal(stored.CompanyId, profile["company"].GetProperty("id").GetInt64());
        Assert.Equal("Tech Corp", profile["company"].GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, profile["company"].GetProperty("logo").ValueKind);
        Assert.Equal("", profile["hiring_needs"].GetString());
        Assert.Equal(0, profile["total_hires"].GetInt64());
        Assert.Equal(0, profile["active_jobs"].GetInt64());

        // The counters are stored on the profile (other features move them); the profile shows what is stored.
        await _app.Store.PatchAsync<RecruiterProfile>(Containers.RecruiterProfiles, Key(me.Id), Key(me.Id),
            [PatchOperation.Set("/total_hires", 25), PatchOperation.Set("/active_jobs", 5)]);
        var patched = (await _api.Patch(Me.TrimEnd('/'), new { hiring_needs = "Looking for senior developers...", bio = "Experienced recruiter..." }, me.Access))
            .Expect(HttpStatusCode.OK);
        Assert.Equal("Looking for senior developers...", patched["hiring_needs"].GetString());
        Assert.Equal("Experienced recruiter...", patched["bio"].GetString());
        Assert.Equal(25, patched["total_hires"].GetInt64());
        Assert.Equal(5, patched["active_jobs"].GetInt64());
        Assert.Equal("Experienced recruiter...", (await _app.Services.GetRequiredService<AccountService>().GetAsync(me.Id)).Bio);

        var read = (await _api.Get(Me, me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Looking for senior developers...", read["hiring_needs"].GetString());
        Assert.Equal("Experienced recruiter...", read["bio"].GetString());
    }

    [Fact]
    public async Task The_copies_follow_the_company_and_the_account()
    {
        var me = await _app.Recruiter(company: "Before");
        var stored = await StoredAsync(me.Id);
        var companyId = Key(stored.CompanyId);
        var company = (await _app.Store.PatchAsync<Company>(Containers.Companies, companyId, companyId,
            [PatchOperation.Set("/name", "After"), PatchOperation.Set("/logo", "https://cdn.example.com/logo.png")]))!;
        foreach (var observer in _app.Services.GetServices<ICompanyObserver>()) await observer.CompanyChangedAsync(company);

        var newEmail = ApiClient.Unique("moved") + "@example.com";
        await _app.Services.GetRequiredService<AccountService>().UpdateProfileAsync(me.Id, new ProfileChanges(Email: newEmail, Bio: "New bio"));

        var profile = (await _api.Get(Me, me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("After", profile["company"].GetProperty("name").GetString());
        Assert.Equal("https://cdn.example.com/logo.png", profile["company"].GetProperty("logo").GetString());
        Assert.Equal(newEmail, profile["user"].GetProperty("email").GetString());
        Assert.Equal("New bio", profile["bio"].GetString());
    }

    [Fact]
    public async Task A_profile_without_copies_gets_them_from_the_account_and_the_company_on_its_first_read()
    {
        var me = await _app.Recruiter(company: "Old Profile Inc");
        await _app.Store.PatchAsync<RecruiterProfile>(Containers.RecruiterProfiles, Key(me.Id), Key(me.Id),
            [PatchOperation.Set("/company_name", (string?)null), PatchOperation.Set("/username", "")]);
        var profile = (await _api.Get(Me, me.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Old Profile Inc", profile["company"].GetProperty("name").GetString());
        Assert.Equal(me.Username, profile["user"].GetProperty("username").GetString());
        Assert.Equal("Old Profile Inc", (await StoredAsync(me.Id)).CompanyName);
    }

    [Fact]
    public async Task Without_a_token_401_a_candidate_403_and_malformed_input_400_in_the_dialect()
    {
        (await _api.Get(Me)).ExpectRecruitmentError(HttpStatusCode.Unauthorized);
        (await _api.Patch(Me, new { hiring_needs = "x" })).ExpectRecruitmentError(HttpStatusCode.Unauthorized);

        var candidate = await _app.Candidate();
        (await _api.Get(Me, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        (await _api.Patch(Me, new { hiring_needs = "x", bio = "Taken over" }, candidate.Access)).ExpectRecruitmentError(HttpStatusCode.Forbidden);
        Assert.NotEqual("Taken over", (await _app.Services.GetRequiredService<AccountService>().GetAsync(candidate.Id)).Bio);

        var me = await _app.Recruiter();
        Assert.NotEmpty((await _api.Patch(Me, new { hiring_needs = 42 }, me.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("hiring_needs"));
        Assert.NotEmpty((await _api.Patch(Me, new { hiring_needs = new string('x', RecruiterProfileService.MaxHiringNeedsLength + 1) }, me.Access))
            .ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("hiring_needs"));
        Assert.NotEmpty((await _api.Patch(Me, new { bio = new[] { "a" } }, me.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest).FieldErrors("bio"));
        (await _api.Send(new HttpRequestMessage(HttpMethod.Patch, Me) { Content = new StringContent("not json", System.Text.Encoding.UTF8, "application/json") },
            me.Access)).ExpectRecruitmentError(HttpStatusCode.BadRequest);
        Assert.Equal("", (await _api.Get(Me, me.Access)).Expect(HttpStatusCode.OK)["hiring_needs"].GetString());
    }

    [Fact]
    public async Task The_own_profile_costs_one_operation_at_ten_times_the_data()
    {
        var me = await _app.Recruiter(company: "Budget Co");
        await _app.ExpectOnePointReadAtTwoSizes(Me, me, 20, id => _app.Store.TryCreateAsync(Containers.RecruiterProfiles,
            new RecruiterProfile { Id = Key(id), UserId = id, ProfileId = id, CompanyId = id, Username = "u" + Key(id), CompanyName = "Other" }, Key(id)));
    }

    private async Task<RecruiterProfile> StoredAsync(long userId) =>
        (await _app.Store.ReadAsync<RecruiterProfile>(Containers.RecruiterProfiles, Key(userId), Key(userId)))!.Document;

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
