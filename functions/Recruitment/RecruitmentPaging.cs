using System.Globalization;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using Microsoft.OpenApi;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// Document 003's lists: `?page=N` from 1 and `?limit=M` (<see cref="DefaultLimit"/> by default, at most
/// <see cref="PageRequest.MaxSize"/>), answered as {"count", "next", "previous", "results"} with absolute links built
/// from PublicBaseUrl. Bind it as an endpoint parameter. Bad values are a 400; a page past the end is a 404
/// "Invalid page." as Django REST Framework answers it; no page starts past <see cref="PageRequest.MaxReach"/>.
/// </summary>
public sealed record RecruitmentPage(int Number, int Limit) : Microsoft.AspNetCore.Http.Metadata.IEndpointParameterMetadataProvider
{
    public const int DefaultLimit = 20;

    public static void PopulateMetadata(System.Reflection.ParameterInfo parameter, EndpointBuilder builder) =>
        Docs.QueryParameters.AddTo(builder, ("page", JsonSchemaType.Integer), ("limit", JsonSchemaType.Integer));

    /// <summary>The zero-based page; counts that are not stored counters stop at the list reach.</summary>
    public PageRequest Request => new(Number - 1, Limit, PageRequest.MaxReach);

    public static ValueTask<RecruitmentPage?> BindAsync(HttpContext context)
    {
        var number = PageQuery.Read(context, "page", 1, int.MaxValue, () => Refused("page", "A valid integer is required."));
        var limit = PageQuery.Read(context, "limit", context.GetEndpoint()?.Metadata.GetMetadata<RecruitmentPageDefault>()?.Limit ?? DefaultLimit,
            PageRequest.MaxSize,
            () => Refused("limit", $"Ensure this value is between 1 and {PageRequest.MaxSize}."));
        if ((long)(number - 1) * limit >= PageRequest.MaxReach && number > 1) throw PlatformException.NotFound("Invalid page.");
        return ValueTask.FromResult<RecruitmentPage?>(new RecruitmentPage(number, limit));
    }

    private static PlatformException Refused(string name, string rule) =>
        PlatformException.InvalidFields(new Dictionary<string, string> { [name] = rule });

    /// <summary>The envelope of one page; a page past the last one (other than the first) is a 404.</summary>
    public RecruitmentList<TItem> Envelope<T, TItem>(HttpRequest request, Page<T> page, Func<T, TItem> map)
    {
        var lastPage = Math.Max(1, (int)Math.Min(int.MaxValue, page.TotalPages));
        if (Number > lastPage) throw PlatformException.NotFound("Invalid page.");
        var links = request.HttpContext.RequestServices.GetRequiredService<PlatformOptions>().PublicBaseUrl.TrimEnd('/');
        return new RecruitmentList<TItem>(page.Total,
            Number < lastPage ? PageQuery.Link(links, request, Number + 1) : null,
            Number > 1 ? PageQuery.Link(links, request, Number - 1) : null,
            page.Items.Select(map).ToList());
    }
}

/// <summary>Endpoint metadata: the list's own default page size, where document 003 gives one (a conversation's messages: 50).</summary>
public sealed record RecruitmentPageDefault(int Limit);

/// <summary>One page of a document 003 list.</summary>
public sealed record RecruitmentList<T>(long Count, string? Next, string? Previous, IReadOnlyList<T> Results);
