using System.Globalization;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using Microsoft.OpenApi;

namespace CareerNexus.Functions.Nexus;

/// <summary>
/// Document 002's paged lists: `?page=N` from 1, ten to a page, answered as
/// {"count", "next", "previous", "results", "last_page"} with absolute links.
/// Bind it as an endpoint parameter; a page that is not a positive integer is a 400, one past the end
/// (or past <see cref="MaxNumber"/>) a 404.
/// </summary>
public sealed record NexusPage(int Number) : Microsoft.AspNetCore.Http.Metadata.IEndpointParameterMetadataProvider
{
    public static void PopulateMetadata(System.Reflection.ParameterInfo parameter, EndpointBuilder builder) =>
        Docs.QueryParameters.AddTo(builder, ("page", JsonSchemaType.Integer));

    public const int Size = 10;

    /// <summary>The deepest page a list is read to: as far as any list reaches (<see cref="PageRequest.MaxReach"/>).</summary>
    public const int MaxNumber = PageRequest.MaxReach / Size;

    /// <summary>Counts stop at the end of the deepest page, so a list longer than that reports that many.</summary>
    public PageRequest Request => new(Number - 1, Size, MaxNumber * Size);

    public static ValueTask<NexusPage?> BindAsync(HttpContext context)
    {
        var text = context.Request.Query["page"].ToString();
        if (text.Length == 0) return ValueTask.FromResult<NexusPage?>(new NexusPage(1));
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            throw PlatformException.Invalid("Invalid page.", "page must be a positive integer.");
        if (number > MaxNumber) throw PlatformException.NotFound("Invalid page.");
        return ValueTask.FromResult<NexusPage?>(new NexusPage(number));
    }

    /// <summary>The envelope of one page, with links built from the request's own address.</summary>
    public NexusList<TItem> Envelope<T, TItem>(HttpRequest request, Page<T> page, Func<T, TItem> map)
    {
        var lastPage = Math.Max(1, (int)page.TotalPages);
        if (Number > lastPage) throw PlatformException.NotFound("Invalid page.");
        var origin = $"{request.Scheme}://{request.Host}";
        return new NexusList<TItem>(page.Total, Number < lastPage ? PageQuery.Link(origin, request, Number + 1) : null,
            Number > 1 ? PageQuery.Link(origin, request, Number - 1) : null, page.Items.Select(map).ToList(), PageQuery.Link(origin, request, lastPage));
    }
}

/// <summary>One page of a document 002 list, with absolute links to its neighbours and its last page.</summary>
public sealed record NexusList<T>(long Count, string? Next, string? Previous, IReadOnlyList<T> Results, string LastPage);

/// <summary>
/// Optional `?page=N&amp;limit=M` on the lists document 002 shows as plain arrays (chats, chat messages), as document 003's
/// messaging lists page: page from 1, <see cref="DefaultLimit"/> to a page unless `limit` (at most
/// <see cref="PageRequest.MaxSize"/>) says otherwise. A page past the end is an empty array; bad values are a 400.
/// </summary>
public sealed record NexusWindow(int Number, int Limit) : Microsoft.AspNetCore.Http.Metadata.IEndpointParameterMetadataProvider
{
    public static void PopulateMetadata(System.Reflection.ParameterInfo parameter, EndpointBuilder builder) =>
        Docs.QueryParameters.AddTo(builder, ("page", JsonSchemaType.Integer), ("limit", JsonSchemaType.Integer));

    public const int DefaultLimit = 50;

    public PageRequest Request => new(Number - 1, Limit);

    public static ValueTask<NexusWindow?> BindAsync(HttpContext context)
    {
        var number = PageQuery.Read(context, "page", 1, int.MaxValue, () => PlatformException.Invalid("Invalid page.", "page must be a positive integer."));
        var limit = PageQuery.Read(context, "limit", DefaultLimit, PageRequest.MaxSize,
            () => PlatformException.Invalid("Invalid limit.", $"limit must be an integer from 1 to {PageRequest.MaxSize}."));
        return ValueTask.FromResult<NexusWindow?>(new NexusWindow(number, limit));
    }
}
