using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CareerNexus.Functions.Workers;
using CareerNexus.Queues;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CareerNexus.Functions.Hosting;

/// <summary>One Azure Functions function: its folder name and its function.json.</summary>
public sealed record FunctionDefinition(string Name, JsonObject Json);

/// <summary>
/// Generates the Function App's function folders from the app's own endpoint table, so that the routes
/// are declared once. Every HTTP endpoint becomes an httpTrigger function whose requests the Functions
/// host forwards to this custom handler unchanged; every queue trigger endpoint a serviceBusTrigger function, every
/// scheduled job's endpoint a timerTrigger function.
/// </summary>
public static partial class FunctionManifest
{
    public const string EmitArgument = "--emit-functions";

    public static IReadOnlyList<FunctionDefinition> Build(IEnumerable<EndpointDataSource> sources)
    {
        var functions = new List<FunctionDefinition>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (methods is null || methods.Count == 0) continue;
            if (endpoint.Metadata.GetMetadata<QueueTrigger>() is { } trigger)
            {
                functions.Add(ServiceBusFunction(trigger));
                continue;
            }
            if (endpoint.Metadata.GetMetadata<TimerTrigger>() is { } timer)
            {
                functions.Add(TimerFunction(timer));
                continue;
            }
            // Loopback-only endpoints (queue triggers, operator tools) must never be reachable through the host.
            if (endpoint.Metadata.GetMetadata<LoopbackOnly>() is not null) continue;
            var route = RouteTemplate(endpoint.RoutePattern);
            functions.Add(new FunctionDefinition(Name(route, methods), new JsonObject
            {
                ["bindings"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "httpTrigger",
                        ["direction"] = "in",
                        ["name"] = "req",
                        // Authorization is the app's own (tokens), not function keys.
                        ["authLevel"] = "anonymous",
                        ["methods"] = new JsonArray(methods.Select(m => (JsonNode)m.ToLowerInvariant()).ToArray()),
                        ["route"] = route,
                    },
                    new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
            }));
        }
        var duplicate = functions.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidOperationException($"Two endpoints map to function {duplicate.Key}");
        return functions;
    }

    /// <summary>
    /// A queue's function: the host receives from Service Bus and posts each message to the app at
    /// /{FunctionName} in the custom-handler invocation payload, under the binding's name.
    /// </summary>
    private static FunctionDefinition ServiceBusFunction(QueueTrigger trigger) => new(trigger.FunctionName, new JsonObject
    {
        ["bindings"] = new JsonArray(new JsonObject
        {
            ["type"] = "serviceBusTrigger",
            ["direction"] = "in",
            ["name"] = QueueTrigger.BindingName,
            ["queueName"] = trigger.Queue,
            ["connection"] = QueueOptions.TriggerConnectionSetting,
        }),
    });

    /// <summary>
    /// A scheduled job's function: the host fires it on its NCRONTAB schedule (fixed in code, no setting) and posts the
    /// invocation to the app at /{FunctionName}, as it does a queue message.
    /// </summary>
    private static FunctionDefinition TimerFunction(TimerTrigger trigger) => new(trigger.FunctionName, new JsonObject
    {
        ["bindings"] = new JsonArray(new JsonObject
        {
            ["type"] = "timerTrigger",
            ["direction"] = "in",
            ["name"] = TimerTrigger.BindingName,
            ["schedule"] = trigger.Schedule,
            ["runOnStartup"] = false,
            ["useMonitor"] = true,
        }),
    });

    /// <summary>Writes one folder per function under the output folder, replacing earlier generated ones.</summary>
    public static void Write(IReadOnlyList<FunctionDefinition> functions, string outputDirectory)
    {
        foreach (var stale in Directory.EnumerateFiles(outputDirectory, "function.json", SearchOption.AllDirectories).ToList())
            Directory.Delete(Path.GetDirectoryName(stale)!, recursive: true);
        var options = new JsonSerializerOptions { WriteIndented = true };
        foreach (var function in functions)
        {
            var folder = Directory.CreateDirectory(Path.Combine(outputDirectory, function.Name));
            File.WriteAllText(Path.Combine(folder.FullName, "function.json"), function.Json.ToJsonString(options) + "\n");
        }
    }

    /// <summary>Handles "--emit-functions DIR": writes the manifest and tells the caller not to start the server.</summary>
    public static bool TryEmit(WebApplication app, string[] args)
    {
        var index = Array.IndexOf(args, EmitArgument);
        if (index < 0) return false;
        if (index + 1 >= args.Length) throw new ArgumentException($"{EmitArgument} needs an output folder");
        var functions = Build(((IEndpointRouteBuilder)app).DataSources);
        Write(functions, args[index + 1]);
        Console.WriteLine($"Wrote {functions.Count} functions to {args[index + 1]}");
        return true;
    }

    /// <summary>The route as the Functions host writes it: no leading or trailing slash.</summary>
    public static string RouteTemplate(RoutePattern pattern) => (pattern.RawText ?? "").Trim('/');

    private static string Name(string route, IEnumerable<string> methods)
    {
        var name = NonWord().Replace(route.Replace("{", "by_").Replace("}", ""), "_").Trim('_');
        return $"{(name.Length == 0 ? "root" : name)}_{string.Join('_', methods).ToLowerInvariant()}";
    }

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NonWord();
}
