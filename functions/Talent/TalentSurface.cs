using CareerNexus.Functions.Docs;
using CareerNexus.Functions.Hosting;

namespace CareerNexus.Functions.Talent;

/// <summary>
/// The Talent surface (document 004), under /api/auth/, /api/token/, /api/organization/ and /api/channels/, on the same
/// accounts, sign-ins, organizations (companies) and jobs as the other surfaces. Its routes alone take the access token
/// from a cookie as well as from a Bearer header, and answer CORS with credentials to the configured client origins.
/// </summary>
public static class TalentSurface
{
    public static IServiceCollection AddTalentSurface(this IServiceCollection services) =>
        services.AddSingleton<ErrorDialect>(TalentDialect.Instance).AddSingleton<TalentCookies>()
            .AddSurfaceDocument(TalentDialect.Instance, "Career Nexus: Talent");

    public static void MapTalent(this IEndpointRouteBuilder app)
    {
        var cookies = app.ServiceProvider.GetRequiredService<TalentCookies>();
        var origins = app.ServiceProvider.GetRequiredService<PlatformOptions>().Talent.Origins();
        RouteGroupBuilder Group(string prefix)
        {
            var group = app.MapGroup(prefix).WithSurface(TalentDialect.Instance).WithMetadata(cookies);
            if (origins.Count > 0)
                group.RequireCors(cors => cors.WithOrigins([.. origins]).AllowCredentials().AllowAnyMethod()
                    .WithHeaders("Content-Type", "Authorization", TalentCookies.CsrfHeader, "X-Correlation-Id").SetPreflightMaxAge(TimeSpan.FromHours(1)));
            return group;
        }
        Group("/api/auth").MapTalentAuth();
        Group("/api/auth").MapTalentUsers();
        Group("/api/token").MapTalentTokens();
        Group("/api/organization").MapTalentOrganizations();
        Group("/api/channels").MapTalentJobs();
    }
}
