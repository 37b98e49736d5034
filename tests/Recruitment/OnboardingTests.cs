using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Candidates;
using CareerNexus.Companies;
using CareerNexus.Onboarding;
using CareerNexus.Storage;
using CareerNexus.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

public sealed class OnboardingTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;

    [Fact]
    public async Task A_candidate_gets_one_profile_and_a_recruiter_one_company_they_own_even_when_onboarding_runs_twice()
    {
        var candidate = await _app.Candidate();
        var recruiter = await _app.Recruiter(company: "Acme Hiring");
        var accounts = _app.Services.GetRequiredService<AccountService>();
        var onboarding = _app.Services.GetRequiredService<RecruitmentOnboarding>();
        await onboarding.StartAsync(await accounts.GetAsync(candidate.Id), RecruitmentRoles.Candidate, null);
        await onboarding.StartAsync(await accounts.GetAsync(recruiter.Id), RecruitmentRoles.Recruiter, "Another name");

        Assert.Equal(RecruitmentRoles.Candidate, (await accounts.GetAsync(candidate.Id)).RecruitmentRole);
        var id = candidate.Id.ToString(CultureInfo.InvariantCulture);
        Assert.NotNull(await _app.Store.ReadAsync<CandidateProfile>(Containers.CandidateProfiles, id, id));

        var recruiterId = recruiter.Id.ToString(CultureInfo.InvariantCulture);
        var profile = (await _app.Store.ReadAsync<RecruiterProfile>(Containers.RecruiterProfiles, recruiterId, recruiterId))!.Document;
        var companyId = profile.CompanyId.ToString(CultureInfo.InvariantCulture);
        var company = (await _app.Store.ReadAsync<Company>(Containers.Companies, companyId, companyId))!.Document;
        Assert.Equal("Acme Hiring", company.Name);
        Assert.Equal(CompanyRoles.Owner, company.RoleOf(recruiter.Id));
        Assert.Single(company.Team);
    }
}
