using CareerNexus.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CareerNexus.Ngos;

public static class NgosServices
{
    public static IServiceCollection AddNgos(this IServiceCollection services)
    {
        services.TryAddSingleton<SlugClaims>();
        return services.AddSingleton<NgoService>();
    }
}
