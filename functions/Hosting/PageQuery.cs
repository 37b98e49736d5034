using System.Globalization;
using CareerNexus.Common;
using Microsoft.AspNetCore.WebUtilities;

namespace CareerNexus.Functions.Hosting;

/// <summary>What the paged lists of every surface read from the query and write into their links.</summary>
public static class PageQuery
{
    /// <summary>
    /// A whole number from 1 to <paramref name="max"/> (`page`, `limit`), <paramref name="absent"/> when not sent; anything
    /// else is refused with <paramref name="refusal"/>, in the surface's words.
    /// </summary>
    public static int Read(HttpContext context, string name, int absent, int max, Func<PlatformException> refusal)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0) return absent;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > max) throw refusal();
        return value;
    }

    /// <summary>The request's own address at another page, every other query parameter kept; <paramref name="origin"/> is scheme and host.</summary>
    public static string Link(string origin, HttpRequest request, int number)
    {
        var query = request.Query.Where(q => q.Key != "page").ToDictionary(q => q.Key, q => q.Value.ToString());
        var url = QueryHelpers.AddQueryString($"{origin}{request.PathBase}{request.Path}", query!);
        return QueryHelpers.AddQueryString(url, "page", number.ToString(CultureInfo.InvariantCulture));
    }
}
