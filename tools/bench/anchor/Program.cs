using Microsoft.Azure.Cosmos;

// GET /read answers one point read of one small document: what the cheapest authenticated read of the app is
// measured against, in the same run and against the same Cosmos server (see tools/bench/bench.js).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var app = builder.Build();

var client = new CosmosClient(Setting("CareerNexus__Cosmos__Endpoint"), Setting("CareerNexus__Cosmos__Key"),
    new CosmosClientOptions { ConnectionMode = ConnectionMode.Gateway, LimitToEndpoint = true, ApplicationName = "careernexus-anchor" });
var database = (await client.CreateDatabaseIfNotExistsAsync("bench-anchor")).Database;
var container = (await database.CreateContainerIfNotExistsAsync("items", "/id")).Container;
using (var seed = new MemoryStream("{\"id\":\"anchor\",\"username\":\"anchor\",\"is_active\":true}"u8.ToArray()))
    (await container.UpsertItemStreamAsync(seed, new PartitionKey("anchor"))).EnsureSuccessStatusCode();

app.MapGet("/read", async (HttpContext context) =>
{
    using var response = await container.ReadItemStreamAsync("anchor", new PartitionKey("anchor"), cancellationToken: context.RequestAborted);
    context.Response.StatusCode = (int)response.StatusCode;
    context.Response.ContentType = "application/json";
    await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
});
app.Run();

static string Setting(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set");
