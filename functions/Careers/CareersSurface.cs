using CareerNexus.Functions.Docs;
using CareerNexus.Functions.Hosting;

namespace CareerNexus.Functions.Careers;

/// <summary>The Careers surface (documents 000 and 001), everything under /careers/.</summary>
public static class CareersSurface
{
    public static IServiceCollection AddCareersSurface(this IServiceCollection services) =>
        services.AddSingleton<ErrorDialect>(CareersDialect.Instance).AddSurfaceDocument(CareersDialect.Instance, "Career Nexus: Careers");

    public static void MapCareers(this IEndpointRouteBuilder app)
    {
        var careers = app.MapGroup("/careers").WithSurface(CareersDialect.Instance);
        careers.MapUsers();
        careers.MapPosts();
    }
}
