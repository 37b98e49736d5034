using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace CareerNexus.Tests.Infra;

/// <summary>
/// One list of settings, three places that must agree: what the app reads (PlatformOptions and the reads outside it),
/// local.settings.sample.json, and the Function App's settings in the Bicep (infra/modules/function-app.bicep,
/// careerNexusSettings) together with the settings Azure leaves unset on purpose (infra/app-settings-unset.json, each
/// with its reason). The README's Configuration table documents each one.
/// </summary>
public sealed partial class AppSettingsTests
{
    private const string Sample = "local.settings.sample.json";
    private const string BicepSettings = "infra/modules/function-app.bicep (careerNexusSettings)";
    private const string Unset = "infra/app-settings-unset.json";

    [Fact]
    public void Configuration_is_read_only_through_platform_options_or_known_settings()
    {
        var unknown = AppSettings.UnknownReads();
        Assert.True(unknown.Count == 0,
            "Configuration read outside PlatformOptions, by expressions the settings test does not know:\n" + string.Join("\n", unknown) +
            "\nBind the setting in PlatformOptions (shared/PlatformOptions.cs) instead, or add the expression and the settings it stands for " +
            "to AppSettings.OutsideReads in tests/Infra/AppSettings.cs.");
    }

    [Fact]
    public void The_sample_file_lists_every_setting_the_app_reads()
    {
        var app = AppSettings.All();
        var sample = JsonNode.Parse(File.ReadAllText(InfraFiles.Path(Sample)))!["Values"]!.AsObject().Select(p => p.Key).ToHashSet();
        var problems = app.Where(s => !sample.Contains(s.Key))
            .Select(s => $"- missing: add \"{s.Key}\": \"{s.Value}\" to the Values of {Sample}")
            .Concat(sample.Except(app.Keys).Except(AppSettings.LocalHostSettings)
                .Select(name => $"- extra: {Sample} lists \"{name}\", which the app does not read: remove it"))
            .ToList();
        Assert.True(problems.Count == 0, $"{Sample} and the settings the app reads differ:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task The_bicep_sets_every_setting_the_app_reads_or_says_why_not()
    {
        var app = AppSettings.All();
        var module = await InfraFiles.ModuleAsync("function-app");
        var set = module["variables"]?["careerNexusSettings"]?.AsObject().Select(p => p.Key).ToHashSet()
                  ?? throw new InvalidOperationException("infra/modules/function-app.bicep has no variable careerNexusSettings");
        var unset = JsonNode.Parse(File.ReadAllText(InfraFiles.Path("infra", "app-settings-unset.json")))!.AsObject()
            .ToDictionary(p => p.Key, p => (string?)p.Value ?? "");

        var secrets = InfraFiles.Variable(await InfraFiles.TemplateAsync(), "secrets")?.AsObject().Select(p => p.Key).ToList() ?? [];
        var problems = new List<string>();
        foreach (var name in app.Keys.Where(n => !set.Contains(n) && !unset.ContainsKey(n)))
            problems.Add($"- missing: {name} is read by the app but neither set in {BicepSettings} nor listed in {Unset}. {HowToSet(name, secrets)}");
        foreach (var name in set.Where(n => !app.ContainsKey(n)))
            problems.Add($"- extra: {BicepSettings} sets {name}, which the app does not read: remove it (or bind it in PlatformOptions)");
        foreach (var name in unset.Keys.Where(n => !app.ContainsKey(n)))
            problems.Add($"- extra: {Unset} lists {name}, which the app does not read: remove it");
        foreach (var name in unset.Keys.Where(set.Contains))
            problems.Add($"- both: {name} is set in {BicepSettings} and listed as unset in {Unset}: keep one");
        foreach (var (name, reason) in unset.Where(u => string.IsNullOrWhiteSpace(u.Value)))
            problems.Add($"- {Unset} gives no reason for leaving {name} unset");
        Assert.True(problems.Count == 0, "The Function App's settings and the settings the app reads differ:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_readme_documents_every_setting_the_app_reads()
    {
        var documented = DocumentedSettings(File.ReadAllLines(InfraFiles.Path("README.md")));
        var missing = AppSettings.All().Keys.Where(n => !documented.Contains(n)).ToList();
        Assert.True(missing.Count == 0,
            "README.md's Configuration table lacks a row (or a `__Name` in a row of its section) for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task Every_bicep_parameter_is_an_azd_environment_value_with_the_same_default_and_documented()
    {
        var template = await InfraFiles.TemplateAsync();
        var parameters = template["parameters"]!.AsObject();
        var file = JsonNode.Parse(File.ReadAllText(InfraFiles.Path("infra", "main.parameters.json")))!["parameters"]!.AsObject();
        var readme = File.ReadAllText(InfraFiles.Path("README.md"));
        var problems = new List<string>();
        foreach (var (name, definition) in parameters)
        {
            if (file[name]?["value"] is not JsonValue value || value.GetValue<string>() is not { } text
                || EnvironmentValue().Match(text) is not { Success: true } mapped)
            {
                problems.Add($"- infra/main.parameters.json does not map parameter {name} to an azd environment value (\"${{NAME}}\" or \"${{NAME=default}}\")");
                continue;
            }
            var variable = mapped.Groups["name"].Value;
            var fileDefault = mapped.Groups["default"].Success ? mapped.Groups["default"].Value : "";
            if (definition!["defaultValue"] is { } bicepDefault)
            {
                var expected = bicepDefault.GetValueKind() == System.Text.Json.JsonValueKind.String
                    ? bicepDefault.GetValue<string>()
                    : bicepDefault.ToJsonString();
                if (expected != fileDefault)
                    problems.Add($"- parameter {name}: infra/main.bicep defaults to '{expected}', infra/main.parameters.json to '{fileDefault}' (\"${{{variable}={expected}}}\")");
            }
            if (!variable.StartsWith("AZURE_", StringComparison.Ordinal) && !readme.Contains($"`{variable}`", StringComparison.Ordinal))
                problems.Add($"- README.md (Deploying to Azure) does not name `{variable}` (parameter {name})");
        }
        foreach (var (name, _) in file.Where(p => !parameters.ContainsKey(p.Key)))
            problems.Add($"- infra/main.parameters.json maps {name}, which infra/main.bicep does not declare");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>What to write, and where, for a setting that Azure must get.</summary>
    private static string HowToSet(string name, IReadOnlyList<string> secrets) => SecretName().IsMatch(name)
        ? $"If it is a secret, add `{name}: secretSetting(keyVaultName, '<secret-name>', secretsInVault)` to careerNexusSettings, where " +
          $"<secret-name> is one of the Key Vault secrets of infra/main.bicep ({string.Join(", ", secrets)}) or a new entry of its `secrets` " +
          "with a @secure() parameter (mapped to a CAREERNEXUS_* value in infra/main.parameters.json, and named in README's " +
          "\"Where each secret lives\"); otherwise set it as below."
        : $"Add `{name}: <value>` to careerNexusSettings (a resource's output or a parameter of infra/main.bicep passed to the module, " +
          $"mapped in infra/main.parameters.json), or, when the app's default is right in Azure, add \"{name}\": \"<why>\" to {Unset}.";

    /// <summary>Full names in the Configuration table, and "`__Key`" shorthands after a full name in the same row.</summary>
    private static HashSet<string> DocumentedSettings(string[] readme)
    {
        var documented = new HashSet<string>(StringComparer.Ordinal);
        var inTable = false;
        foreach (var line in readme)
        {
            if (line.StartsWith("## ", StringComparison.Ordinal)) inTable = line == "## Configuration";
            if (!inTable || !line.StartsWith('|')) continue;
            var firstCell = line.Split('|')[1];
            string? prefix = null;
            foreach (Match name in Code().Matches(firstCell))
            {
                var text = name.Groups[1].Value;
                if (text.StartsWith("__", StringComparison.Ordinal) && prefix is not null) documented.Add(prefix + text);
                else
                {
                    documented.Add(text);
                    var cut = text.LastIndexOf("__", StringComparison.Ordinal);
                    prefix = cut > 0 ? text[..cut] : text;
                }
            }
        }
        return documented;
    }

    [GeneratedRegex(@"^\$\{(?<name>[A-Z0-9_]+)(=(?<default>[^}]*))?\}$")]
    private static partial Regex EnvironmentValue();

    [GeneratedRegex("(Secrets?|Password|Key)$")]
    private static partial Regex SecretName();

    [GeneratedRegex("`([A-Za-z0-9_]+)`")]
    private static partial Regex Code();
}
