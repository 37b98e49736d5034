using System.Security.Cryptography;
using CareerNexus.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Tests.Support;

/// <summary>
/// The real app, in-process, against the local Cosmos server that ./test.sh starts. Each app gets a
/// database of its own, so test runs never see each other's data.
/// </summary>
public sealed class TestApp : WebApplicationFactory<Program>
{
    // The documented key of the Cosmos emulator, public by design; the local server does not check it.
    private const string LocalCosmosKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    public static readonly string SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="database">Reuse a database, e.g. to start the app again over the same data.</param>
    /// <param name="settings">Extra or overriding settings ("CareerNexus:Queues:MaxAttempts" = "2").</param>
    /// <param name="services">Test-only services over the app's own, such as the fault points a test stops handlers at.</param>
    public TestApp(string? database = null, int passwordIterations = 1_000, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        var endpoint = Environment.GetEnvironmentVariable("CareerNexus__Cosmos__Endpoint");
        if (string.IsNullOrEmpty(endpoint))
            throw new InvalidOperationException("No local Cosmos server: run the tests with ./test.sh, which starts one.");
        Database = database ?? "tests-" + Guid.NewGuid().ToString("N")[..12];
        _settings = new Dictionary<string, string?>
        {
            ["CareerNexus:Cosmos:Endpoint"] = endpoint,
            ["CareerNexus:Cosmos:Key"] = Environment.GetEnvironmentVariable("CareerNexus__Cosmos__Key") ?? LocalCosmosKey,
            ["CareerNexus:Cosmos:Database"] = Database,
            ["CareerNexus:Tokens:SigningKey"] = SigningKey,
            // Fast hashing keeps the suite quick; the OWASP default is exercised by its own test.
            ["CareerNexus:Passwords:Iterations"] = passwordIterations.ToString(),
            // The per-IP limit is tested by apps of its own: every test request comes from one address.
            ["CareerNexus:CredentialRequestsPerIpPerMinute"] = "1000000",
            ["CareerNexus:Assistant:RequestsPerIpPerMinute"] = "1000000",
            // A local server busy with the whole suite may take longer than Azure's 3 s to answer a probe.
            ["CareerNexus:HealthProbeSeconds"] = "20",
            // Every response then says what it cost in Cosmos operations (CosmosBudgetTests read it).
            ["CareerNexus:Cosmos:ServerTiming"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    public string Database { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureTestServices(_services);
    }

    public DocumentStore Store => Services.GetRequiredService<DocumentStore>();

    public ApiClient Api() => new(CreateClient());

    /// <summary>One app for the whole run: starting one per class would only repeat the same work.</summary>
    public static TestApp Shared => SharedApp.Value;

    /// <summary>
    /// Built inside the lazy's lock: the factory builds its host on first use without a lock of its own, so test
    /// classes starting in parallel could otherwise build two hosts over one database, each with its own queue
    /// pump, hub and id blocks (a job pushed by one host never reached a socket on the other).
    /// </summary>
    private static readonly Lazy<TestApp> SharedApp = new(() =>
    {
        var app = new TestApp();
        _ = app.Server;
        return app;
    });
}

/// <summary>Gives each test class the shared app.</summary>
public sealed class SharedApp
{
    public TestApp App => TestApp.Shared;
}
