using System.Globalization;
using CareerNexus.Common;
using CareerNexus.Posts;
using Microsoft.Extensions.Primitives;
using Microsoft.OpenApi;

namespace CareerNexus.Functions.Careers;

/// <summary>
/// The list parameters of document 000: batch_size (default 10, at most 100), batch_number (from 0),
/// search or its alias q, first_name, last_name, ordering ("-" for descending), limit, and author.
/// Parsed once here for every Careers list; a bad value is a 400 in the Careers dialect.
/// </summary>
public sealed record CareersQuery(PageRequest Page, string? Search, string? FirstName, string? LastName, string? OrderingText,
    IReadOnlyList<string> Authors) : Microsoft.AspNetCore.Http.Metadata.IEndpointParameterMetadataProvider
{
    public static void PopulateMetadata(System.Reflection.ParameterInfo parameter, EndpointBuilder builder) =>
        Functions.Docs.QueryParameters.AddTo(builder, ("batch_size", JsonSchemaType.Integer), ("batch_number", JsonSchemaType.Integer),
            ("limit", JsonSchemaType.Integer), ("search", JsonSchemaType.String), ("q", JsonSchemaType.String),
            ("first_name", JsonSchemaType.String), ("last_name", JsonSchemaType.String), ("ordering", JsonSchemaType.String),
            ("author", JsonSchemaType.String));

    public static ValueTask<CareersQuery?> BindAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var errors = new FieldErrors();
        var size = Integer(query, "batch_size", PageRequest.DefaultSize, 1, errors);
        var number = Integer(query, "batch_number", 0, 0, errors);
        int? limit = query.ContainsKey("limit") ? Integer(query, "limit", 0, 0, errors) : null;
        errors.ThrowIfAny();

        var search = First(query, "search") ?? First(query, "q");
        var authors = query["author"].SelectMany(a => (a ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (authors.Count > PostSearch.MaxAuthors) errors.Add("author", $"Ensure this list has no more than {PostSearch.MaxAuthors} usernames.");
        errors.ThrowIfAny();
        var page = new PageRequest(number, Math.Min(size, PageRequest.MaxSize), limit);
        return ValueTask.FromResult<CareersQuery?>(new CareersQuery(page, search, First(query, "first_name"), First(query, "last_name"),
            First(query, "ordering"), authors));
    }

    /// <summary>The requested ordering, if it names one of the allowed fields.</summary>
    public Ordering? Ordering(IEnumerable<string> allowed)
    {
        if (string.IsNullOrWhiteSpace(OrderingText)) return null;
        var text = OrderingText.Trim();
        var descending = text.StartsWith('-');
        var field = descending ? text[1..] : text;
        var allowedFields = allowed.ToList();
        if (!allowedFields.Contains(field))
            throw PlatformException.Invalid("Invalid ordering", $"ordering must be one of: {string.Join(", ", allowedFields)}, optionally prefixed with '-'.");
        return new Ordering(field, descending);
    }

    private static string? First(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && !StringValues.IsNullOrEmpty(values) ? values[0] : null;

    private static int Integer(IQueryCollection query, string name, int fallback, int minimum, FieldErrors errors)
    {
        var text = First(query, name);
        if (text is null) return fallback;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            errors.Add(name, $"Must be a whole number of at least {minimum}.");
            return fallback;
        }
        return value;
    }
}
