using System.Reflection;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CareerNexus.Functions.Docs;

// Routes: GET /api/schema/ (?surface=, ?format=), /api/docs/... (Swagger UI), /api/redoc/... (ReDoc).

/// <summary>
/// One OpenAPI document per surface, generated from the endpoints that carry the surface's dialect, and the
/// routes that serve them: the documents themselves, Swagger UI and ReDoc, whose assets are embedded in their
/// packages so the docs work on machines without internet.
/// </summary>
public static class ApiDocs
{
    public const string SchemaPath = "/api/schema";
    public const string DefaultSurface = "careers";
    private const string BearerScheme = "bearer";

    /// <summary>Registers the surface's document: its routes, its error body on every error status, and bearer auth.</summary>
    public static IServiceCollection AddSurfaceDocument(this IServiceCollection services, ErrorDialect dialect, string title)
    {
        services.AddSingleton(new SurfaceDocument(dialect.Surface, title));
        return services.AddOpenApi(dialect.Surface, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.ShouldInclude = description =>
                description.ActionDescriptor.EndpointMetadata.OfType<ErrorDialect>().LastOrDefault()?.Surface == dialect.Surface;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo { Title = title, Version = "1" };
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                    Description = "The access token of the surface's sign-in route.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any()
                    && !metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any())
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
                foreach (var query in metadata.OfType<QueryParameters>())
                {
                    operation.Parameters ??= [];
                    foreach (var (name, type) in query.Parameters)
                        if (operation.Parameters.All(p => p.Name != name))
                            operation.Parameters.Add(new OpenApiParameter
                            {
                                Name = name, In = ParameterLocation.Query, Schema = new OpenApiSchema { Type = type },
                            });
                }
                return Task.CompletedTask;
            });
        });
    }

    /// <summary>Marks a group's endpoints as the surface's: its error dialect, and its error body on each error status.</summary>
    public static RouteGroupBuilder WithSurface(this RouteGroupBuilder group, ErrorDialect dialect)
    {
        group.WithMetadata(dialect);
        foreach (var status in dialect.ErrorStatuses)
            group.WithMetadata(new ProducesResponseTypeMetadata(status, dialect.ErrorBodyType, ["application/json"]));
        return group;
    }

    public static void MapApiDocs(this WebApplication app)
    {
        var surfaces = app.Services.GetServices<SurfaceDocument>().ToList();

        app.MapGet(SchemaPath, async (string? surface, string? format, HttpContext context) =>
        {
            var name = string.IsNullOrWhiteSpace(surface) ? DefaultSurface : surface.Trim().ToLowerInvariant();
            if (surfaces.All(s => s.Name != name))
                throw PlatformException.Invalid("Unknown surface", $"surface must be one of: {string.Join(", ", surfaces.Select(s => s.Name))}.");
            var yaml = (format?.Trim().ToLowerInvariant()) switch
            {
                null or "" or "json" or "openapi" => false,
                "yaml" => true,
                _ => throw PlatformException.Invalid("Unknown format", "format must be json or yaml."),
            };
            var document = await context.RequestServices.GetRequiredKeyedService<IOpenApiDocumentProvider>(name)
                .GetOpenApiDocumentAsync(context.RequestAborted);
            // The writers are synchronous, which the server refuses on its response stream: write to text first.
            return yaml
                ? Results.Text(await document.SerializeAsYamlAsync(OpenApiSpecVersion.OpenApi3_1, context.RequestAborted), "application/yaml")
                : Results.Text(await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1, context.RequestAborted), "application/json");
        }).ExcludeFromDescription();

        // The UIs are the packages' middleware, mapped as endpoints so that they are functions in Azure like any route.
        var swagger = ((IEndpointRouteBuilder)app).CreateApplicationBuilder().UseSwaggerUI(o =>
        {
            o.RoutePrefix = "api/docs";
            o.DocumentTitle = "Career Nexus API";
            foreach (var s in surfaces) o.SwaggerEndpoint($"{SchemaPath}/?surface={s.Name}", s.Title);
        });
        swagger.Run(NoSuchAsset);
        app.MapGet("/api/docs/{*asset}", swagger.Build()).ExcludeFromDescription();

        // ReDoc shows one document per page: /api/redoc/ the default surface, /api/redoc/{surface}/ the others.
        var redoc = ((IEndpointRouteBuilder)app).CreateApplicationBuilder();
        foreach (var s in surfaces.OrderBy(s => s.Name == DefaultSurface))
            redoc.UseReDoc(o =>
            {
                o.RoutePrefix = s.Name == DefaultSurface ? "api/redoc" : $"api/redoc/{s.Name}";
                o.DocumentTitle = s.Title;
                o.SpecUrl = $"{SchemaPath}/?surface={s.Name}";
                o.IndexStream = ReDocIndexWithoutWebFonts;
            });
        redoc.Run(NoSuchAsset);
        app.MapGet("/api/redoc/{*asset}", redoc.Build()).ExcludeFromDescription();
    }

    /// <summary>The end of a UI's pipeline: a path its middleware does not serve is a 404, not a request left unanswered.</summary>
    private static Task NoSuchAsset(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <summary>ReDoc's own page, less its Google Fonts stylesheet: nothing the docs load may come from elsewhere.</summary>
    private static Stream ReDocIndexWithoutWebFonts()
    {
        using var reader = new StreamReader(new Swashbuckle.AspNetCore.ReDoc.ReDocOptions().IndexStream());
        var lines = reader.ReadToEnd().Split('\n').Where(line => !line.Contains("fonts.googleapis.com", StringComparison.Ordinal));
        return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', lines)));
    }
}

/// <summary>A surface that has a document: its name (the document's) and title.</summary>
public sealed record SurfaceDocument(string Name, string Title);

/// <summary>
/// Query parameters a custom binder reads (paging, search), which the generator cannot see in a BindAsync:
/// added to the operation by <see cref="ApiDocs"/>.
/// </summary>
public sealed record QueryParameters(IReadOnlyList<(string Name, JsonSchemaType Type)> Parameters)
{
    public static void AddTo(EndpointBuilder builder, params (string Name, JsonSchemaType Type)[] parameters) =>
        builder.Metadata.Add(new QueryParameters(parameters));
}

/// <summary>The request body a typed form binder reads, in each content type it accepts.</summary>
public static class FormBodyMetadata
{
    public static readonly string[] ContentTypes = ["application/json", "multipart/form-data", "application/x-www-form-urlencoded"];

    public static void AddTo(EndpointBuilder builder, Type body) =>
        builder.Metadata.Add(new AcceptsMetadata(ContentTypes, body, isOptional: false));
}
