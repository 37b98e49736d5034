using CareerNexus.Email;
using CareerNexus.Files;
using CareerNexus.Queues;
using CareerNexus.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CareerNexus.Health;

/// <summary>The dependencies the app needs to serve, each with a cheap call that proves it answers.</summary>
public static class HealthProbes
{
    public const string Cosmos = "cosmos";
    public const string Blob = "blob";
    public const string Queue = "queue";
    public const string Smtp = "smtp";

    /// <summary>How long one probe may take before its dependency counts as down.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static IReadOnlyList<(string Name, Func<IServiceProvider, CancellationToken, Task> Probe)> All { get; } =
    [
        (Cosmos, (sp, ct) => ReadContainerAsync(sp, Containers.Accounts, ct)),
        (Blob, (sp, ct) => sp.GetRequiredService<FileStore>().CheckAsync(ct)),
        // The local queue lives in Cosmos DB; Service Bus is asked to open a sender's link to a queue.
        (Queue, (sp, ct) => sp.GetRequiredService<QueueOptions>().UsesLocalQueue()
            ? ReadContainerAsync(sp, Containers.QueueMessages, ct)
            : sp.GetRequiredService<IServiceBusTransport>().CheckAsync(QueueNames.Email, ct)),
        (Smtp, (sp, ct) => sp.GetRequiredService<SmtpSender>().CheckAsync(ct)),
    ];

    private static async Task ReadContainerAsync(IServiceProvider services, ContainerSpec spec, CancellationToken ct)
    {
        using var response = await services.GetRequiredService<DocumentStore>().Container(spec).ReadContainerStreamAsync(cancellationToken: ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Cosmos DB answered {(int)response.StatusCode}");
    }
}

/// <summary>One probe as a health check. A failure is reported by its kind only: messages may name hosts or keys.</summary>
public sealed class ProbeHealthCheck(IServiceProvider services, Func<IServiceProvider, CancellationToken, Task> probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await probe(services, ct);
            return HealthCheckResult.Healthy();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"unreachable ({error.GetType().Name})");
        }
    }
}
