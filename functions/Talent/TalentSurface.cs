using CareerNexus.Functions.Docs;
using CareerNexus.Functions.Hosting;
using Microsoft.OpenApi;

namespace CareerNexus.Functions.Talent;

/// <summary>
/// The Talent surface (document 004), under /api/auth/, /api/token/, /api/organization/, /api/channels/ and /api/candidates/, on
/// the same accounts, sign-ins, organizations (companies) and jobs as the other surfaces. Its routes alone take the access token
/// from a cookie as well as from a Bearer header, and answer CORS with credentials to the configured client origins.
/// </summary>
public static class TalentSurface
{
    private const string CookieScheme = "cookie";

    public static IServiceCollection AddTalentSurface(this IServiceCollection services)
    {
        services.AddSingleton<ErrorDialect>(TalentDialect.Instance).AddSingleton<TalentCookies>()
            .AddSurfaceDocument(TalentDialect.Instance, "Career Nexus: Talent");
        // The document shows the access cookie as the other way to authenticate every route that takes a Bearer token.
        return services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>(TalentDialect.Instance.Surface, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Components!.SecuritySchemes![CookieScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = TalentCookies.AccessCookie,
                    Description = "The access cookie set by POST /api/auth/token/; state-changing requests also send X-CSRFToken.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (operation.Security is { Count: > 0 })
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] });
                return Task.CompletedTask;
            });
        });
    }

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
        Group("/api/candidates").MapTalentCandidates();
        Group("/api/candidates").MapTalentNotes();
        Group("/api/channels").MapTalentAgent();
        Group("/api/candidates").MapTalentAssistant();
    }
}
