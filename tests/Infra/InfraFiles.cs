using System.Diagnostics;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CareerNexus.Tests.Infra;

/// <summary>
/// The repository's infrastructure files, and infra/main.bicep as the Bicep compiler (restored from NuGet with the
/// tests) builds it: the tests read the compiled template, which is what Azure deploys, rather than the Bicep text.
/// </summary>
public static class InfraFiles
{
    /// <summary>Set to 1 to have the tests write the generated infra files (the container and queue tables) from the code.</summary>
    public const string WriteSetting = "CAREERNEXUS_WRITE_INFRA";

    public static readonly string Root = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string BicepPath => typeof(InfraFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BicepPath").Value!;

    private static readonly Lazy<Task<BicepRun>> Build = new(() => RunBicepAsync("build", Path("infra", "main.bicep"), "--stdout"));
    private static readonly Lazy<Task<BicepRun>> Lint = new(() => RunBicepAsync("lint", Path("infra", "main.bicep")));

    /// <summary>`bicep build infra/main.bicep`, run once for all the tests that read it.</summary>
    public static Task<BicepRun> BuildAsync() => Build.Value;

    /// <summary>`bicep lint infra/main.bicep`, run once.</summary>
    public static Task<BicepRun> LintAsync() => Lint.Value;

    /// <summary>The compiled template; fails with the compiler's diagnostics when it does not compile.</summary>
    public static async Task<JsonObject> TemplateAsync()
    {
        var build = await BuildAsync();
        if (build.ExitCode != 0) throw new InvalidOperationException($"infra/main.bicep does not compile:\n{build.Diagnostics}");
        return JsonNode.Parse(build.Output)!.AsObject();
    }

    /// <summary>The template of the module deployed under <paramref name="deploymentName"/> (the module's `name:`).</summary>
    public static async Task<JsonObject> ModuleAsync(string deploymentName)
    {
        var template = await TemplateAsync();
        var module = Resources(template)
            .SingleOrDefault(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == deploymentName)
            ?? throw new InvalidOperationException($"infra/main.bicep deploys no module named '{deploymentName}'");
        return module["properties"]!["template"]!.AsObject();
    }

    /// <summary>A template's resources, whether it lists them (an array) or names them (symbolic names, an object).</summary>
    public static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray list => list.Select(r => r!.AsObject()),
        JsonObject named => named.Select(r => r.Value!.AsObject()),
        _ => [],
    };

    /// <summary>A template variable's value, through the hidden variable Bicep keeps loadJsonContent's content in.</summary>
    public static JsonNode? Variable(JsonObject template, string name)
    {
        var value = template["variables"]?[name];
        if (value is JsonValue text && text.TryGetValue<string>(out var expression)
            && expression.StartsWith("[variables('", StringComparison.Ordinal) && expression.EndsWith("')]", StringComparison.Ordinal))
            return template["variables"]?[expression["[variables('".Length..^"')]".Length]];
        return value;
    }

    /// <summary>Writes a generated file when asked to (<see cref="WriteSetting"/>); says whether it did.</summary>
    public static bool WriteIfAsked(string relativePath, string text)
    {
        if (Environment.GetEnvironmentVariable(WriteSetting) != "1") return false;
        File.WriteAllText(Path(relativePath.Split('/')), text);
        return true;
    }

    public static string Indented(JsonNode node) =>
        node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    private static async Task<BicepRun> RunBicepAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(BicepPath, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path("infra"),
        };
        // No telemetry, and no registry: every module is a local file.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new BicepRun(process.ExitCode, await output, (await errors).Trim());
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "CareerNexus.sln"))) return folder.FullName;
        throw new InvalidOperationException("The tests run outside the repository: no CareerNexus.sln above " + AppContext.BaseDirectory);
    }
}

/// <summary>A run of the Bicep compiler: its exit code, what it wrote, and its diagnostics (warnings and errors, on stderr).</summary>
public sealed record BicepRun(int ExitCode, string Output, string Diagnostics);
