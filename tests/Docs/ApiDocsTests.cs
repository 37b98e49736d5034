using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CareerNexus.Functions.Hosting;
using CareerNexus.Functions.Workers;
using CareerNexus.Tests.Support;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Xunit;

namespace CareerNexus.Tests.Docs;

/// <summary>The surfaces' OpenAPI documents, read back with an OpenAPI parser, against the app's own endpoint table.</summary>
public sealed partial class ApiDocsTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;

    private List<RouteEndpoint> HttpEndpoints() => _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is { HttpMethods.Count: > 0 } && e.Metadata.GetMetadata<LoopbackOnly>() is null)
        .ToList();

    private async Task<(OpenApiDocument Document, string Text)> Read(string query)
    {
        var response = await _app.CreateClient().GetAsync($"/api/schema/{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var read = OpenApiDocument.Parse(text, "json");
        Assert.True(read.Diagnostic?.Errors.Count is null or 0, string.Join("; ", read.Diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? []));
        Assert.NotNull(read.Document);
        var invalid = read.Document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.True(invalid.Count == 0, string.Join("; ", invalid.Select(e => $"{e.Pointer}: {e.Message}")));
        return (read.Document, text);
    }

    [Theory]
    [InlineData("careers", 27)]
    [InlineData("nexus", 47)]
    [InlineData("recruitment", 43)]
    [InlineData("talent", 37)]
    public async Task Each_surface_document_is_valid_and_has_every_route_of_the_surface_with_its_success_schema(string surface, int atLeast)
    {
        var (document, _) = await Read($"?surface={surface}&format=json");
        var routes = HttpEndpoints().Where(e => e.Metadata.GetMetadata<ErrorDialect>()?.Surface == surface).ToList();
        Assert.True(routes.Count >= atLeast, $"{routes.Count} routes");
        var errorSchema = surface switch { "careers" => "CareersError", "nexus" => "NexusError", "talent" => "TalentError", _ => "RecruitmentError" };
        // Document 003 answers {"error"} on the few routes where it shows that shape, {"detail"} elsewhere.
        string[] errorSchemas = surface == "recruitment" ? [errorSchema, "RecruitmentKeyedError"] : [errorSchema];
        var operations = 0;
        foreach (var endpoint in routes)
        {
            var path = "/" + FunctionManifest.RouteTemplate(endpoint.RoutePattern);
            Assert.True(document.Paths.TryGetValue(path, out var item), $"{path} is not in the {surface} document");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                var where = $"{method} {path}";
                OpenApiOperation? operation = null;
                Assert.True(item!.Operations?.TryGetValue(new HttpMethod(method), out operation) == true, $"{where} is not documented");
                operations++;
                var success = operation!.Responses!.Where(r => r.Key.StartsWith('2')).ToList();
                Assert.True(success.Count > 0, $"{where} has no success response");
                foreach (var (status, response) in success)
                    Assert.True(status == "204" || response.Content is { } content && content.TryGetValue("application/json", out var json) && json.Schema is not null,
                        $"{where} answers {status} without a schema");
                var badRequest = operation.Responses!["400"].Content!["application/json"].Schema as OpenApiSchemaReference;
                Assert.True(errorSchemas.Contains(badRequest?.Reference.Id), $"{where} refuses with {badRequest?.Reference.Id}");
            }
        }
        Assert.Equal(operations, document.Paths.Sum(p => p.Value.Operations?.Count ?? 0));

        // The error body as the dialect writes it.
        var error = document.Components!.Schemas![errorSchema];
        if (surface == "recruitment")
        {
            Assert.Equal(["detail"], error.Properties!.Keys);
            return;
        }
        if (surface == "talent")
        {
            Assert.Equal(["detail", "fields"], error.Properties!.Keys.Order());
            return;
        }
        Assert.Contains("error", error.Properties!.Keys);
        Assert.Contains("fields", error.Properties!.Keys);
        Assert.Equal(surface == "careers", error.Properties!.ContainsKey("details"));
    }

    [Fact]
    public void Every_route_is_in_a_surface_document_or_explicitly_left_out()
    {
        var undocumented = HttpEndpoints()
            .Where(e => e.Metadata.GetMetadata<ErrorDialect>() is null && e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Select(e => e.DisplayName).ToList();
        Assert.Empty(undocumented);
    }

    [Fact]
    public async Task Documents_show_typed_bodies_parameters_and_bearer_auth()
    {
        var (nexus, text) = await Read("?surface=nexus");
        var patch = nexus.Paths["/user/profile-update"].Operations![HttpMethod.Patch];
        Assert.Equal(["application/json", "application/x-www-form-urlencoded", "multipart/form-data"], patch.RequestBody!.Content!.Keys.Order());
        Assert.NotEmpty(patch.Security!);
        var feed = nexus.Paths["/post/following"].Operations![HttpMethod.Get];
        Assert.Contains(feed.Parameters!, p => p.Name == "page" && p.In == ParameterLocation.Query);
        Assert.DoesNotContain("__", text);

        var (careers, _) = await Read("");
        Assert.Equal("Career Nexus: Careers", careers.Info.Title);
        var register = careers.Paths["/careers/users/register"].Operations![HttpMethod.Post];
        Assert.True(register.Security is null || register.Security.Count == 0);
        var registerBody = await register.RequestBody!.Content!["application/json"].Schema!.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1);
        Assert.Contains("#/components/schemas/RegisterRequest", registerBody);
        Assert.Contains("password_confirm", careers.Components!.Schemas!["RegisterRequest"].Properties!.Keys);
        Assert.Contains(careers.Paths["/careers/users"].Operations![HttpMethod.Get].Parameters!, p => p.Name == "batch_size");
    }

    [Fact]
    public async Task The_talent_document_shows_the_access_cookie_beside_bearer_tokens_and_public_routes_need_neither()
    {
        var (talent, _) = await Read("?surface=talent");
        Assert.Equal("Career Nexus: Talent", talent.Info.Title);
        Assert.Equal(ParameterLocation.Cookie, talent.Components!.SecuritySchemes!["cookie"].In);
        var me = talent.Paths["/api/auth/users/me"].Operations![HttpMethod.Get];
        Assert.Equal(2, me.Security!.Count);
        var signup = talent.Paths["/api/auth/signup"].Operations![HttpMethod.Post];
        Assert.True(signup.Security is null || signup.Security.Count == 0);
        Assert.Contains("confirm_password", talent.Components.Schemas!["SignupBody"].Properties!.Keys);
    }

    [Fact]
    public async Task Unknown_surfaces_and_formats_are_a_400_and_yaml_is_served()
    {
        var http = _app.CreateClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/schema/?surface=talentx")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/schema/?format=xml")).StatusCode);
        var yaml = await http.GetAsync("/api/schema?surface=nexus&format=yaml");
        Assert.Equal(HttpStatusCode.OK, yaml.StatusCode);
        Assert.Matches("^openapi: '?3\\.1", await yaml.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/docs/")]
    [InlineData("/api/redoc/")]
    [InlineData("/api/redoc/nexus/")]
    [InlineData("/api/redoc/talent/")]
    public async Task The_documentation_pages_and_every_asset_they_load_are_served_by_the_app(string page)
    {
        var http = _app.CreateClient();
        var index = await http.GetAsync(page);
        if (index.StatusCode is HttpStatusCode.Moved or HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect)
            index = await http.GetAsync(new Uri(new Uri("http://localhost" + page), index.Headers.Location!));
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        var html = await index.Content.ReadAsStringAsync();
        var baseUri = index.RequestMessage!.RequestUri!;
        var assets = new Queue<string>(Asset().Matches(html).Select(m => m.Groups[1].Value).Where(a => !a.StartsWith("data:")));
        Assert.NotEmpty(assets);
        var scripts = "";
        while (assets.TryDequeue(out var asset))
        {
            Assert.False(asset.StartsWith("http:") || asset.StartsWith("https:") || asset.StartsWith("//"), $"{page} loads {asset} from elsewhere");
            var served = await http.GetAsync(new Uri(baseUri, asset));
            Assert.True(served.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)served.StatusCode}");
            if (asset.EndsWith(".js") && asset.StartsWith("index"))
            {
                // Module scripts import their neighbours.
                var script = await served.Content.ReadAsStringAsync();
                scripts += script;
                foreach (Match import in Import().Matches(script)) assets.Enqueue(import.Groups[1].Value);
            }
        }
        // The pages read the documents from /api/schema/.
        Assert.Contains("/api/schema/?surface=", html + scripts);

        // A file the pages do not have is a 404, however it is spelled.
        foreach (var missing in new[] { "no-such-asset.js", "index.html/", "no/such/dir/" })
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(baseUri, missing))).StatusCode);
    }

    [GeneratedRegex("""(?:src|href)=["']([^"']+)["']""")]
    private static partial Regex Asset();

    [GeneratedRegex("""import [^;]*?from ['"]\./([^'"]+)['"]""")]
    private static partial Regex Import();
}
