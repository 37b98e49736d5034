using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Files;

public static class FileServices
{
    public static IServiceCollection AddFiles(this IServiceCollection services)
    {
        services.AddSingleton<FileStore>();
        return services;
    }
}
