using System.Net;
using CareerNexus.Functions.Hosting;
using CareerNexus.Tests.Support;
using Xunit;

namespace CareerNexus.Tests.Hosting;

/// <summary>A path that matched no route is answered in the dialect of the surface that owns it, by whole path segments.</summary>
public sealed class ErrorDialectTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;

    [Theory]
    [InlineData("/job", "/job", true)]
    [InlineData("/job", "/job/", true)]
    [InlineData("/job", "/JOB/recommend", true)]
    [InlineData("/job", "/jobs/api/v1/", false)]
    [InlineData("/user", "/users", false)]
    [InlineData("/careers", "/careersx/users/", false)]
    [InlineData("/ws/notification/jobs", "/ws/notification/jobsx", false)]
    public void A_prefix_claims_a_path_only_by_whole_segments(string prefix, string path, bool claimed) =>
        Assert.Equal(claimed, ErrorDialects.ClaimsPath(prefix, path));

    [Fact]
    public async Task Unknown_paths_answer_in_their_own_surface_dialect_and_neighbours_in_the_neutral_one()
    {
        var api = _app.Api();
        (await api.Get("/job/no/such/route/")).ExpectNexusError(HttpStatusCode.NotFound);
        (await api.Get("/user/no/such/route/")).ExpectNexusError(HttpStatusCode.NotFound);
        (await api.Get("/careers/no/such/route/")).ExpectCareersError(HttpStatusCode.NotFound);

        // Recruitment's /jobs/api/v1/ is not Nexus's /job/: it answers in document 003's {"detail"}.
        (await api.Get("/jobs/api/v1/no/such/route/")).ExpectRecruitmentError(HttpStatusCode.NotFound);
        (await api.Get("/accounts/api/v1/no/such/route/")).ExpectRecruitmentError(HttpStatusCode.NotFound);

        // Talent's /api/auth/... shares /api/ with Recruitment's documents, by whole segments.
        Talent.TalentUsers.ExpectTalentError(await api.Get("/api/auth/no/such/route/"), HttpStatusCode.NotFound);
        Talent.TalentUsers.ExpectTalentError(await api.Get("/api/channels/no/such/route/"), HttpStatusCode.NotFound);
        Assert.True((await api.Get("/api/authx/")).Expect(HttpStatusCode.NotFound).Body.TryGetProperty("details", out _));

        // Paths of no surface: the neutral body carries details, Nexus's never does.
        foreach (var path in new[] { "/users/whoever/", "/posts/1/", "/careersx/", "/jobs/api/v2/" })
        {
            var response = (await api.Get(path)).Expect(HttpStatusCode.NotFound);
            Assert.True(response.Body.TryGetProperty("details", out _), $"{path}: {response.Body}");
        }
    }
}
