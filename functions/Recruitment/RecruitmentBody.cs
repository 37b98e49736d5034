using System.Globalization;
using System.Text.Json;
using CareerNexus.Common;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// A document 003 JSON body, read field by field so that a value of the wrong type is a field error in Django REST
/// Framework's words ({"salary_min": ["A valid number is required."]}) rather than a failed bind. Bind it as an endpoint
/// parameter, read the fields, then call <see cref="Check"/>. An absent or empty body is an empty object; a null value
/// counts as absent.
/// </summary>
public sealed class RecruitmentBody
{
    private readonly JsonElement _root;
    private readonly FieldErrors _errors = new();

    private RecruitmentBody(JsonElement root) => _root = root;

    public static async ValueTask<RecruitmentBody?> BindAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength == 0 || (request.ContentLength is null && request.ContentType is null))
            return new RecruitmentBody(JsonDocument.Parse("{}").RootElement);
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("Unsupported media type", StatusCodes.Status415UnsupportedMediaType);
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, context.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw PlatformException.InvalidFields(new Dictionary<string, string>
                {
                    ["non_field_errors"] = $"Invalid data. Expected a dictionary, but got {TypeName(document.RootElement)}.",
                });
            return new RecruitmentBody(document.RootElement.Clone());
        }
        catch (JsonException malformed)
        {
            throw new BadHttpRequestException("Invalid JSON body", StatusCodes.Status400BadRequest, malformed);
        }
    }

    /// <summary>A text field; numbers are taken as their text, other kinds are a field error.</summary>
    public string? Text(string name) => Read(name, value => value.ValueKind switch
    {
        JsonValueKind.String => (true, value.GetString()),
        JsonValueKind.Number => (true, value.GetRawText()),
        _ => (false, null),
    }, "Not a valid string.");

    /// <summary>An id of another object: a whole number, or its digits as text.</summary>
    public long? Id(string name) => Read<long?>(name, value => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var id) => (true, id),
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) => (true, id),
        _ => (false, null),
    }, $"Incorrect type. Expected pk value, received {TypeName(Field(name))}.");

    /// <summary>A reference by id or by code: a whole number or a text, kept as text.</summary>
    public string? IdOrCode(string name) => Read(name, value => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out _) => (true, value.GetRawText()),
        JsonValueKind.String => (true, value.GetString()),
        _ => (false, null),
    }, $"Incorrect type. Expected pk value, received {TypeName(Field(name))}.");

    /// <summary>A decimal number, or its text.</summary>
    public decimal? Number(string name) => Read<decimal?>(name, value => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetDecimal(out var number) => (true, number),
        JsonValueKind.String when decimal.TryParse(value.GetString(), NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture,
            out var number) => (true, number),
        _ => (false, null),
    }, "A valid number is required.");

    /// <summary>A list of texts.</summary>
    public IReadOnlyList<string>? TextList(string name) => Read<IReadOnlyList<string>?>(name, value =>
        value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String)
            ? (true, value.EnumerateArray().Select(item => item.GetString()!).ToList())
            : (false, null),
        Field(name).ValueKind == JsonValueKind.Array ? "Each item must be a valid string." : $"Expected a list of items but got type \"{TypeName(Field(name))}\".");

    /// <summary>Throws the field errors of the values read, all at once.</summary>
    public void Check() => _errors.ThrowIfAny();

    private JsonElement Field(string name) => _root.TryGetProperty(name, out var value) ? value : default;

    private T? Read<T>(string name, Func<JsonElement, (bool Ok, T? Value)> read, string error)
    {
        var value = Field(name);
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null) return default;
        var (ok, result) = read(value);
        if (!ok) _errors.Add(name, error);
        return ok ? result : default;
    }

    private static string TypeName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "str",
        JsonValueKind.Number => "int",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "list",
        JsonValueKind.Object => "dict",
        _ => "null",
    };
}
