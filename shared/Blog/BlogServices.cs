using CareerNexus.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareerNexus.Blog;

public static class BlogServices
{
    public static IServiceCollection AddBlog(this IServiceCollection services)
    {
        services.TryAddSingleton<SlugClaims>();
        return services.AddSingleton<BlogService>();
    }
}
