using System.Globalization;
using System.Net;
using CareerNexus.Companies;
using CareerNexus.Jobs;
using CareerNexus.Storage;
using CareerNexus.Tests.Budgets;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// The Cosmos budget of the public job and company routes: a detail is one read (a company's adds its job list and one
/// read of its team's accounts), a search one capped query for the ordered ids and one read of the page, whether 12 or
/// 120 jobs and companies match.
/// </summary>
public sealed class JobsBudgetTests(SharedApp fixture, ITestOutputHelper output) : IClassFixture<SharedApp>
{
    private const int Small = 12;
    private const int Large = 120;
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task Job_and_company_searches_and_details_cost_the_same_at_ten_times_the_data()
    {
        var costs = new Dictionary<string, List<CosmosBudgetTests.Cost>>();
        var listings = _app.Services.GetRequiredService<JobListings>();
        foreach (var size in new[] { Small, Large })
        {
            var marker = ApiClient.Unique("bdg");
            var recruiter = await _app.Recruiter();
            foreach (var _ in Enumerable.Range(0, size / Small)) await _app.JoinCompany(recruiter, await _app.Recruiter(), CompanyRoles.Recruiter);
            var jobs = await Task.WhenAll(Enumerable.Range(1, size).Select(i => _app.RecruitmentJob(recruiter, $"Budget {marker} {i}")));
            await Task.WhenAll(jobs.Select(job => listings.AddAsync(job, default)));
            await Task.WhenAll(Enumerable.Range(1, size).Select(i => SeedCompany($"{marker} company {i}")));
            var company = (await _app.CompanyOf(recruiter)).CompanyId;

            foreach (var (name, path, total) in new[]
                     {
                         ("job search", $"/jobs/api/v1/jobs/?search={marker}&limit=10", (long?)size),
                         ("job detail", $"/jobs/api/v1/jobs/{jobs[0].JobId}/", null),
                         ("company search", $"/companies/api/v1/companies/?search={marker}&limit=10", size),
                         ("company detail", $"/companies/api/v1/companies/{company}/", null),
                     })
            {
                var response = (await _api.Get(path)).Expect(HttpStatusCode.OK);
                if (total is { } count)
                {
                    Assert.Equal(count, response["count"].GetInt64());
                    Assert.Equal(10, response["results"].GetArrayLength());
                }
                costs.TryAdd(name, []);
                costs[name].Add(CosmosBudgetTests.Cost.Of(response));
            }
        }
        var allowed = new Dictionary<string, int> { ["job search"] = 11, ["job detail"] = 1, ["company search"] = 11, ["company detail"] = 2 };
        foreach (var (name, pair) in costs) output.WriteLine($"{name}: {pair[0]} / {pair[1]}");
        foreach (var (name, pair) in costs)
        {
            var (small, large) = (pair[0], pair[1]);
            Assert.True(small.Operations == large.Operations, $"{name}: {small} over {Small} jobs and companies, {large} over {Large}");
            foreach (var cost in pair) Assert.True(cost.Operations <= allowed[name], $"{name}: at most {allowed[name]} operations, not {cost}");
        }
        Assert.All(costs["job detail"].Concat(costs["company detail"]), cost => Assert.Equal(0, cost.CrossPartitionQueries));
    }

    private async Task SeedCompany(string name)
    {
        var companyId = await _app.Services.GetRequiredService<IdAllocator>().NextAsync("companies");
        var id = companyId.ToString(CultureInfo.InvariantCulture);
        await _app.Store.UpsertAsync(Containers.Companies, new Company { Id = id, CompanyId = companyId, Name = name, Description = "Budget company" }, id);
    }
}
