using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Reference;

public static class ReferenceServices
{
    public static IServiceCollection AddReference(this IServiceCollection services)
    {
        services.AddSingleton<CountryService>();
        return services;
    }
}
