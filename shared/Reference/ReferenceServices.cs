using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Reference;

public static class ReferenceServices
{
    public static IServiceCollection AddReference(this IServiceCollection services)
    {
        services.AddSingleton<CountryService>();
        services.AddSingleton<ContentService>();
        return services;
    }
}
