using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CareerNexus.Functions.Hosting;
using CareerNexus.Functions.Workers;
using CareerNexus.Queues;
using CareerNexus.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CareerNexus.Tests.Hosting;

public sealed class RouteTableTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;

    /// <summary>Every documented Careers route (copied from the design's route table), as method and path.</summary>
    public static TheoryData<string, string> DocumentedRoutes() => Support.DocumentedRoutes.Read("careers-routes.tsv");

    [Fact]
    public async Task The_generated_function_folders_match_the_endpoint_table_one_to_one()
    {
        // Run the same command the publish step runs, against the built app.
        var output = Directory.CreateTempSubdirectory("functions-").FullName;
        try
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "CareerNexus.Functions.dll");
            using var process = Process.Start(new ProcessStartInfo("dotnet", [dll, FunctionManifest.EmitArgument, output])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            })!;
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, stderr);

            var functions = Directory.GetDirectories(output).Select(folder =>
            {
                using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "function.json")));
                return (Name: Path.GetFileName(folder), Trigger: json.RootElement.GetProperty("bindings")[0].Clone());
            }).ToList();
            var generated = functions.Where(f => f.Trigger.GetProperty("type").GetString() is not ("serviceBusTrigger" or "timerTrigger")).Select(f =>
            {
                var trigger = f.Trigger;
                Assert.Equal("httpTrigger", trigger.GetProperty("type").GetString());
                Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());
                var methods = trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant());
                return $"{string.Join(',', methods)} {trigger.GetProperty("route").GetString()}";
            }).Order().ToList();

            // Loopback-only endpoints (queue triggers, operator tools) are never HTTP functions.
            var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null && e.Metadata.GetMetadata<LoopbackOnly>() is null)
                .Select(e => $"{string.Join(',', e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)} {FunctionManifest.RouteTemplate(e.RoutePattern)}")
                .Order().ToList();
            Assert.Equal(endpoints, generated);

            // Every queue handler has its serviceBusTrigger function, named as its trigger endpoint, and every such function a handler.
            var queueFunctions = functions.Where(f => f.Trigger.GetProperty("type").GetString() == "serviceBusTrigger").Select(f =>
            {
                Assert.Equal("in", f.Trigger.GetProperty("direction").GetString());
                Assert.Equal(QueueTrigger.BindingName, f.Trigger.GetProperty("name").GetString());
                Assert.Equal("ServiceBusConnection", f.Trigger.GetProperty("connection").GetString());
                return $"{f.Name} {f.Trigger.GetProperty("queueName").GetString()}";
            }).Order().ToList();
            var handlers = _app.Services.GetServices<IQueueHandler>().Select(h => $"{QueueTrigger.FunctionNameOf(h.Queue)} {h.Queue}").Order().ToList();
            Assert.Contains($"queue_email {QueueNames.Email}", handlers);
            Assert.Equal(handlers, queueFunctions);
            var triggerEndpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Select(e => e.Metadata.GetMetadata<QueueTrigger>()).OfType<QueueTrigger>()
                .Select(t => $"{t.FunctionName} {t.Queue}").Order().ToList();
            Assert.Equal(handlers, triggerEndpoints);

            // Every scheduled job has its timerTrigger function, with its schedule in code, and its trigger endpoint.
            var timerFunctions = functions.Where(f => f.Trigger.GetProperty("type").GetString() == "timerTrigger").Select(f =>
            {
                Assert.Equal("in", f.Trigger.GetProperty("direction").GetString());
                Assert.Equal(TimerTrigger.BindingName, f.Trigger.GetProperty("name").GetString());
                Assert.False(f.Trigger.GetProperty("runOnStartup").GetBoolean());
                return $"{f.Name} {f.Trigger.GetProperty("schedule").GetString()}";
            }).Order().ToList();
            var jobs = _app.Services.GetServices<ScheduledJobRegistration>().Select(j => $"{TimerTrigger.FunctionNameOf(j.Name)} {j.Schedule}").Order().ToList();
            Assert.Contains("timer_payments_poll 0 */5 * * * *", jobs);
            Assert.Equal(jobs, timerFunctions);
            var timerEndpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                .Select(e => e.Metadata.GetMetadata<TimerTrigger>()).OfType<TimerTrigger>()
                .Select(t => $"{t.FunctionName} {t.Schedule}").Order().ToList();
            Assert.Equal(jobs, timerEndpoints);

            var documented = DocumentedRoutes().Select(row => $"{row[0]} {((string)row[1]).Trim('/')}").Order().ToList();
            Assert.Empty(documented.Except(generated));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Function_folders_are_generated_without_any_settings_as_at_publish_time()
    {
        // The publish step has no Cosmos endpoint or keys: nothing may need them to list functions.
        var output = Directory.CreateTempSubdirectory("functions-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "CareerNexus.Functions.dll"), FunctionManifest.EmitArgument, output])
            {
                RedirectStandardOutput = true, RedirectStandardError = true,
            };
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("CareerNexus__", StringComparison.OrdinalIgnoreCase)).ToList())
                start.Environment.Remove(name);
            using var process = Process.Start(start)!;
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, stderr);
            Assert.True(File.Exists(Path.Combine(output, "queue_email", "function.json")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void Host_json_makes_the_app_a_forwarding_custom_handler_without_route_prefix()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        var handler = host.RootElement.GetProperty("customHandler");
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        // The app's own executable: a published app carries its .NET runtime, which the host's image lacks.
        Assert.Equal("CareerNexus.Functions", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.Equal(0, handler.GetProperty("description").GetProperty("arguments").GetArrayLength());
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Fact]
    public async Task Unknown_paths_and_methods_answer_in_the_careers_error_shape()
    {
        var api = _app.Api();
        (await api.Get("/careers/users/me/extra/path/")).ExpectCareersError(HttpStatusCode.NotFound);
        (await api.Send(HttpMethod.Put, "/careers/users/me/", new { }, null)).ExpectCareersError(HttpStatusCode.MethodNotAllowed);
    }
}
