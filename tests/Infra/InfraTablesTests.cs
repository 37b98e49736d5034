using System.Reflection;
using System.Text.Json.Nodes;
using CareerNexus.Functions.Hosting;
using CareerNexus.Queues;
using CareerNexus.Storage;
using CareerNexus.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Infra;

/// <summary>
/// The Cosmos containers and Service Bus queues the Bicep deploys are the app's own tables written out
/// (infra/cosmos-containers.json, infra/service-bus-queues.json, read by the Bicep with loadJsonContent): a container
/// or queue added to the code without its line there, or left there after the code dropped it, fails here, saying what
/// to change. `CAREERNEXUS_WRITE_INFRA=1 ./test.sh --filter FullyQualifiedName~Infra` writes both files from the code.
/// </summary>
public sealed class InfraTablesTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private const string ContainersFile = "infra/cosmos-containers.json";
    private const string QueuesFile = "infra/service-bus-queues.json";

    [Fact]
    public async Task The_bicep_deploys_every_container_of_the_app_as_the_app_creates_it()
    {
        var expected = new JsonArray(Containers.All.Select(c => (JsonNode)ArmContainer(c.Properties())).ToArray());
        var text = InfraFiles.Indented(expected);
        // Asked to, the file is written from the code first; the checks below run either way.
        InfraFiles.WriteIfAsked(ContainersFile, text);

        var committed = JsonNode.Parse(File.ReadAllText(InfraFiles.Path("infra", "cosmos-containers.json")))!.AsArray();
        var differences = Differences(expected, committed, "container");
        Assert.True(differences.Count == 0,
            $"{ContainersFile} differs from the container table (shared/Storage/ContainerSpec.cs, Containers.All):\n" +
            string.Join("\n", differences) +
            $"\nWrite the file from the code with {InfraFiles.WriteSetting}=1 ./test.sh --filter FullyQualifiedName~Infra, or edit it as above." +
            "\nA container's partition key and unique keys cannot change in place: a changed one needs a new container.");

        // The Bicep deploys exactly the file: the cosmos module loads it.
        var module = await InfraFiles.ModuleAsync("cosmos");
        var containers = InfraFiles.Resources(module).Single(r => (string?)r["type"] == "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers");
        Assert.True(JsonNode.DeepEquals(committed, InfraFiles.Variable(module, "containers"))
                    && (string?)containers["copy"]?["count"] == "[length(variables('containers'))]",
            "infra/modules/cosmos.bicep must deploy one container per entry of loadJsonContent('../cosmos-containers.json')");
    }

    [Fact]
    public async Task Generated_functions_bicep_queues_and_queue_handlers_are_the_same_set()
    {
        var handlers = fixture.App.Services.GetServices<QueueHandlerRegistration>().Select(r => r.Queue).Order(StringComparer.Ordinal).ToList();
        var text = InfraFiles.Indented(new JsonArray(handlers.Select(q => (JsonNode)q).ToArray()));
        InfraFiles.WriteIfAsked(QueuesFile, text);

        var bicep = JsonNode.Parse(File.ReadAllText(InfraFiles.Path("infra", "service-bus-queues.json")))!.AsArray()
            .Select(q => (string)q!).ToList();
        var functions = FunctionManifest.Build([fixture.App.Services.GetRequiredService<EndpointDataSource>()])
            .Select(f => f.Json["bindings"]![0]!)
            .Where(b => (string?)b["type"] == "serviceBusTrigger")
            .Select(b => (string)b["queueName"]!).ToList();
        var names = typeof(QueueNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        var problems = new List<string>();
        foreach (var queue in handlers.Except(bicep))
            problems.Add($"queue '{queue}' has a handler but no Service Bus queue: add \"{queue}\" to {QueuesFile}");
        foreach (var queue in bicep.Except(handlers))
            problems.Add($"{QueuesFile} names queue '{queue}', which no handler takes: remove it, or register its handler (AddQueueHandler)");
        foreach (var queue in handlers.Except(functions))
            problems.Add($"queue '{queue}' has a handler but no serviceBusTrigger function (functions/Workers/QueueTriggers.cs maps one per registration)");
        foreach (var queue in functions.Except(handlers))
            problems.Add($"a serviceBusTrigger function listens to '{queue}', which no handler takes");
        foreach (var queue in names.Except(handlers))
            problems.Add($"QueueNames declares '{queue}', which no handler takes: register its handler or remove the name");
        Assert.True(problems.Count == 0, string.Join("\n", problems) +
            $"\n(or write {QueuesFile} from the handlers with {InfraFiles.WriteSetting}=1 ./test.sh --filter FullyQualifiedName~Infra)");
        Assert.Equal(handlers, bicep);

        var module = await InfraFiles.ModuleAsync("service-bus");
        var queues = InfraFiles.Resources(module).Single(r => (string?)r["type"] == "Microsoft.ServiceBus/namespaces/queues");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(InfraFiles.Path("infra", "service-bus-queues.json"))), InfraFiles.Variable(module, "queues"))
                    && (string?)queues["copy"]?["count"] == "[length(variables('queues'))]",
            "infra/modules/service-bus.bicep must deploy one queue per entry of loadJsonContent('../service-bus-queues.json')");
    }

    [Fact]
    public async Task Every_queue_dead_letters_no_earlier_than_the_app_and_detects_duplicates()
    {
        var module = await InfraFiles.ModuleAsync("service-bus");
        var queue = InfraFiles.Resources(module)
            .Single(r => (string?)r["type"] == "Microsoft.ServiceBus/namespaces/queues")["properties"]!.AsObject();
        Assert.Equal(true, (bool?)queue["requiresDuplicateDetection"]);
        Assert.Equal(true, (bool?)queue["deadLetteringOnMessageExpiration"]);
        // One parameter feeds both the queues' MaxDeliveryCount and the app's CareerNexus__Queues__MaxAttempts.
        Assert.Equal("[parameters('maxDeliveryCount')]", (string?)queue["maxDeliveryCount"]);
        var main = await InfraFiles.TemplateAsync();
        var serviceBus = Deployment(main, "service-bus");
        var functionApp = Deployment(main, "function-app");
        Assert.Equal("[parameters('queueMaxAttempts')]", (string?)serviceBus["properties"]!["parameters"]!["maxDeliveryCount"]!["value"]);
        Assert.Equal("[parameters('queueMaxAttempts')]", (string?)functionApp["properties"]!["parameters"]!["queueMaxAttempts"]!["value"]);
        Assert.True((int)main["parameters"]!["queueMaxAttempts"]!["defaultValue"]! >= new QueueOptions().MaxAttempts,
            "the queues must allow at least the app's default attempts");
    }

    private static JsonObject Deployment(JsonObject template, string name) =>
        InfraFiles.Resources(template).Single(r => (string?)r["name"] == name);

    /// <summary>The container in the shape of ARM's SqlContainerResource, from the properties the app creates it with.</summary>
    private static JsonObject ArmContainer(Microsoft.Azure.Cosmos.ContainerProperties properties)
    {
        var policy = properties.IndexingPolicy;
        return new JsonObject
        {
            ["id"] = properties.Id,
            ["partitionKey"] = new JsonObject
            {
                ["paths"] = new JsonArray(properties.PartitionKeyPath),
                ["kind"] = "Hash",
                ["version"] = properties.PartitionKeyDefinitionVersion == Microsoft.Azure.Cosmos.PartitionKeyDefinitionVersion.V2 ? 2 : 1,
            },
            ["defaultTtl"] = properties.DefaultTimeToLive,
            ["indexingPolicy"] = new JsonObject
            {
                ["indexingMode"] = policy.IndexingMode.ToString().ToLowerInvariant(),
                ["automatic"] = policy.Automatic,
                ["includedPaths"] = new JsonArray(policy.IncludedPaths.Select(p => (JsonNode)new JsonObject { ["path"] = p.Path }).ToArray()),
                ["excludedPaths"] = new JsonArray(policy.ExcludedPaths.Select(p => (JsonNode)new JsonObject { ["path"] = p.Path }).ToArray()),
                ["compositeIndexes"] = new JsonArray(policy.CompositeIndexes.Select(index => (JsonNode)new JsonArray(index.Select(p =>
                    (JsonNode)new JsonObject { ["path"] = p.Path, ["order"] = p.Order.ToString().ToLowerInvariant() }).ToArray())).ToArray()),
            },
            ["uniqueKeyPolicy"] = new JsonObject
            {
                ["uniqueKeys"] = new JsonArray(properties.UniqueKeyPolicy.UniqueKeys.Select(k =>
                    (JsonNode)new JsonObject { ["paths"] = new JsonArray(k.Paths.Select(p => (JsonNode)p).ToArray()) }).ToArray()),
            },
        };
    }

    private static string Compact(JsonNode node) =>
        node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Per item (by "id"), what the committed file lacks, has in excess, or has otherwise than the code.</summary>
    private static List<string> Differences(JsonArray expected, JsonArray committed, string kind)
    {
        var want = expected.ToDictionary(e => (string)e!["id"]!);
        var have = committed.ToDictionary(e => (string)e!["id"]!);
        var differences = new List<string>();
        foreach (var (id, item) in want)
        {
            if (!have.TryGetValue(id, out var found)) differences.Add($"- add {kind} '{id}': {Compact(item!)}");
            else if (!JsonNode.DeepEquals(item, found)) differences.Add($"- change {kind} '{id}' to: {Compact(item!)}\n  (now: {Compact(found!)})");
        }
        foreach (var id in have.Keys.Except(want.Keys)) differences.Add($"- remove {kind} '{id}' (no longer in the code's table)");
        if (differences.Count == 0 && !want.Keys.SequenceEqual(have.Keys)) differences.Add($"- order the {kind}s as the code lists them");
        return differences;
    }
}
