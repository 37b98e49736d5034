using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace CareerNexus.Tests.Infra;

/// <summary>
/// infra/main.bicep compiles and lints clean with the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64), warnings
/// counted as errors, and deploys what the app's hosting expects.
/// </summary>
public sealed class BicepTests
{
    [Fact]
    public async Task Main_bicep_builds_without_an_error_or_a_warning()
    {
        var build = await InfraFiles.BuildAsync();
        Assert.True(build.ExitCode == 0 && build.Diagnostics.Length == 0, $"bicep build infra/main.bicep:\n{build.Diagnostics}");
        Assert.NotNull(JsonNode.Parse(build.Output)?["resources"]);
    }

    [Fact]
    public async Task Main_bicep_lints_without_an_error_or_a_warning()
    {
        var lint = await InfraFiles.LintAsync();
        Assert.True(lint.ExitCode == 0 && lint.Diagnostics.Length == 0, $"bicep lint infra/main.bicep:\n{lint.Diagnostics}");
    }

    [Fact]
    public async Task The_function_app_is_a_linux_custom_handler_reaching_everything_with_one_identity()
    {
        var module = await InfraFiles.ModuleAsync("function-app");
        var site = InfraFiles.Resources(module).Single(r => (string?)r["type"] == "Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal("UserAssigned", (string?)site["identity"]!["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)site["properties"]!["keyVaultReferenceIdentity"]);
        var settings = module["variables"]!.AsObject();
        // Elastic Premium runs the custom handler through FUNCTIONS_WORKER_RUNTIME; Flex Consumption through functionAppConfig.
        Assert.Contains("'FUNCTIONS_WORKER_RUNTIME', 'custom'", (string?)settings["premiumHostSettings"]);
        Assert.Contains("'runtime', createObject('name', 'custom'", (string?)site["properties"]!["functionAppConfig"]);
        var careerNexus = settings["careerNexusSettings"]!.AsObject();
        // Every identity-based connection names the user-assigned identity, so no connection falls back to another credential.
        foreach (var clientId in new[] { "CareerNexus__Cosmos__ClientId", "CareerNexus__Blob__ClientId", "CareerNexus__Realtime__ClientId", "ServiceBusConnection__clientId" })
            Assert.Equal("[parameters('identityClientId')]", (string?)careerNexus[clientId]);
        Assert.Equal("false", (string?)careerNexus["CareerNexus__Blob__PublicRead"]);
    }

    [Fact]
    public void Host_json_loads_the_extension_bundle_with_service_bus_signalr_and_web_pubsub()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(InfraFiles.Path("functions", "host.json")));
        var bundle = host.RootElement.GetProperty("extensionBundle");
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", bundle.GetProperty("id").GetString());
        // Bundle 4.x carries the Service Bus, SignalR Service and Web PubSub extensions.
        var range = bundle.GetProperty("version").GetString()!;
        Assert.Matches(@"^\[4\.(\*|\d+(\.\d+)*), 5\.0\.0\)$", range);
    }
}
