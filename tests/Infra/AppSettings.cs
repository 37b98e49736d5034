using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace CareerNexus.Tests.Infra;

/// <summary>
/// Every app setting the code reads: what PlatformOptions binds from the "CareerNexus" section (nested options
/// included, each with its default), and what the code reads outside it, found by scanning the source.
/// </summary>
public static partial class AppSettings
{
    /// <summary>Settings that `func start` needs locally and the app does not read: in the sample file, not in the comparison.</summary>
    public static readonly string[] LocalHostSettings = ["FUNCTIONS_WORKER_RUNTIME", "AzureWebJobsStorage"];

    /// <summary>
    /// The reads of configuration outside PlatformOptions, by the expression the code reads with, and the settings each
    /// stands for that the sample file and the infrastructure must list (none: the runtime or the app provides it).
    /// A read not listed here fails <see cref="UnknownReads"/>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[]> OutsideReads = new Dictionary<string, string[]>
    {
        // The "CareerNexus" section itself, bound into PlatformOptions.
        ["PlatformOptions.Section"] = [],
        // The Service Bus trigger connection, which the sender uses too: a connection string or the identity-based form.
        ["QueueOptions.TriggerConnectionSetting"] =
        [
            "ServiceBusConnection", "ServiceBusConnection__fullyQualifiedNamespace", "ServiceBusConnection__credential",
            "ServiceBusConnection__clientId",
        ],
        ["OtlpEndpointSetting"] = ["OTEL_EXPORTER_OTLP_ENDPOINT"],
        ["AppInsightsSetting"] = ["APPLICATIONINSIGHTS_CONNECTION_STRING"],
        // Set by the Functions host for its custom handler.
        ["\"FUNCTIONS_CUSTOMHANDLER_PORT\""] = [],
        // The app sets it itself when it is absent.
        ["QueryPlanSwitch"] = [],
        // Where a standalone app listens (ASP.NET Core's own setting).
        ["\"urls\""] = [],
    };

    /// <summary>Every setting the app reads, as environment variable names, with its default ("" outside PlatformOptions).</summary>
    public static SortedDictionary<string, string> All()
    {
        var settings = new SortedDictionary<string, string>(StringComparer.Ordinal);
        Walk(typeof(PlatformOptions), new PlatformOptions(), PlatformOptions.Section, settings);
        foreach (var name in OutsideReads.Values.SelectMany(n => n)) settings[name] = "";
        return settings;
    }

    /// <summary>Where the code reads configuration with an expression <see cref="OutsideReads"/> does not know: "file: expression".</summary>
    public static List<string> UnknownReads()
    {
        var unknown = new List<string>();
        foreach (var folder in new[] { "functions", "shared" })
            foreach (var file in Directory.EnumerateFiles(InfraFiles.Path(folder), "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(InfraFiles.Root, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj")) continue;
                foreach (Match read in ConfigurationRead().Matches(File.ReadAllText(file)))
                {
                    var expression = read.Groups["key"].Value.Trim();
                    if (!OutsideReads.ContainsKey(expression)) unknown.Add($"{relative}: {read.Value.Trim()}");
                }
            }
        return unknown;
    }

    private static void Walk(Type type, object instance, string prefix, SortedDictionary<string, string> settings)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0) continue;
            var name = $"{prefix}__{property.Name}";
            var kind = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var value = property.GetValue(instance);
            if (kind == typeof(string) || kind.IsPrimitive || kind.IsEnum || kind == typeof(decimal) || kind == typeof(TimeSpan) || kind == typeof(Uri))
                settings[name] = value switch
                {
                    null => "",
                    bool flag => flag ? "true" : "false",
                    IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                    _ => value.ToString() ?? "",
                };
            else if (typeof(IEnumerable).IsAssignableFrom(kind))
                throw new InvalidOperationException(
                    $"{name} is a list, which one app setting cannot hold: make it a comma-separated string (like AdminEmails)");
            else Walk(kind, value ?? Activator.CreateInstance(kind)!, name, settings);
        }
    }

    /// <summary>Configuration["key"], GetSection(key), GetValue&lt;T&gt;(key), GetEnvironmentVariable(key).</summary>
    [GeneratedRegex(@"(?:\bConfiguration\[(?<key>[^\]]+)\]|\.GetSection\((?<key>[^)]+)\)|\.GetValue<[^>]+>\((?<key>[^,)]+)[,)]|GetEnvironmentVariable\((?<key>[^)]+)\))")]
    private static partial Regex ConfigurationRead();
}
