using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using Microsoft.OpenApi;

namespace CareerNexus.Functions.Talent;

/// <summary>
/// Document 004's lists are bare JSON arrays; ours are bounded: `?limit=` (default <see cref="DefaultLimit"/>, at most
/// <see cref="PageRequest.MaxSize"/>) items of page `?page=` (from 1). A page shorter than the limit is the last; no page
/// starts past <see cref="PageRequest.MaxReach"/> items. Bind it as an endpoint parameter; a bad value is a 400.
/// </summary>
public sealed record TalentPage(int Number, int Limit) : Microsoft.AspNetCore.Http.Metadata.IEndpointParameterMetadataProvider
{
    public const int DefaultLimit = 20;

    public PageRequest Request => new(Number - 1, Limit, PageRequest.MaxReach);

    public static void PopulateMetadata(System.Reflection.ParameterInfo parameter, EndpointBuilder builder) =>
        Docs.QueryParameters.AddTo(builder, ("page", JsonSchemaType.Integer), ("limit", JsonSchemaType.Integer));

    public static ValueTask<TalentPage?> BindAsync(HttpContext context)
    {
        var number = PageQuery.Read(context, "page", 1, int.MaxValue,
            () => PlatformException.InvalidFields(new Dictionary<string, string> { ["page"] = "A page number from 1." }));
        var limit = PageQuery.Read(context, "limit", DefaultLimit, PageRequest.MaxSize,
            () => PlatformException.InvalidFields(new Dictionary<string, string> { ["limit"] = $"A number from 1 to {PageRequest.MaxSize}." }));
        return ValueTask.FromResult<TalentPage?>(new TalentPage(number, limit));
    }
}
