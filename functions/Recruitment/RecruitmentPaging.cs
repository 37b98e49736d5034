using System.Globalization;
using CareerNexus.Common;
using Microsoft.AspNetCore.WebUtilities;
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
        var number = Read(context, "page", 1, int.MaxValue, "A valid integer is required.");
        var limit = Read(context, "limit", DefaultLimit, PageRequest.MaxSize, $"Ensure this value is between 1 and {PageRequest.MaxSize}.");
        if ((long)(number - 1) * limit >= PageRequest.MaxReach && number > 1) throw PlatformException.NotFound("Invalid page.");
        return ValueTask.FromResult<RecruitmentPage?>(new RecruitmentPage(number, limit));
    }

    /// <summary>The envelope of one page; a page past the last one (other than the first) is a 404.</summary>
    public RecruitmentList<TItem> Envelope<T, TItem>(HttpRequest request, Page<T> page, Func<T, TItem> map)
    {
        var lastPage = Math.Max(1, (int)Math.Min(int.MaxValue, page.TotalPages));
        if (Number > lastPage) throw PlatformException.NotFound("Invalid page.");
        var links = request.HttpContext.RequestServices.GetRequiredService<PlatformOptions>().PublicBaseUrl.TrimEnd('/');
        return new RecruitmentList<TItem>(page.Total,
            Number < lastPage ? Link(links, request, Number + 1) : null,
            Number > 1 ? Link(links, request, Number - 1) : null,
            page.Items.Select(map).ToList());
    }

    private static string Link(string baseUrl, HttpRequest request, int number)
    {
        var query = request.Query.Where(q => q.Key != "page").ToDictionary(q => q.Key, q => q.Value.ToString());
        var url = QueryHelpers.AddQueryString($"{baseUrl}{request.Path}", query!);
        return QueryHelpers.AddQueryString(url, "page", number.ToString(CultureInfo.InvariantCulture));
    }

    private static int Read(HttpContext context, string name, int absent, int max, string rule)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0) return absent;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > max)
            throw PlatformException.InvalidFields(new Dictionary<string, string> { [name] = rule });
        return value;
    }
}

/// <summary>One page of a document 003 list.</summary>
public sealed record RecruitmentList<T>(long Count, string? Next, string? Previous, IReadOnlyList<T> Results);
