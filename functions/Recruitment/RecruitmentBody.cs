using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// A document 003 request body read field by field, so that a value of the wrong type is a field error in Django REST
/// Framework's words ({"skills": ["Expected a list of items but got type \"str\"."]}) rather than one message for the
/// whole body. Takes a JSON object, or a multipart or URL-encoded form (whose file fields stay on <see cref="Form"/>);
/// in a form, a list is a JSON array in one field or its items separated by commas. Absent fields read as null.
/// </summary>
public sealed class RecruitmentBody
{
    private readonly JsonObject _json;
    private readonly bool _fromForm;
    private readonly FieldErrors _errors = new();

    private RecruitmentBody(JsonObject json, RequestForm? form)
    {
        _json = json;
        _fromForm = form is not null;
        Form = form;
    }

    /// <summary>The form the body came in, for its file fields; null for JSON.</summary>
    public RequestForm? Form { get; }

    public static async Task<RecruitmentBody> ReadAsync(HttpRequest request, string[] formFields, CancellationToken ct)
    {
        if (request.HasJsonContentType())
        {
            JsonNode? node;
            try
            {
                node = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
                if (node is JsonObject parsed) _ = parsed.Count;
            }
            catch (Exception malformed) when (malformed is JsonException or ArgumentException or InvalidOperationException)
            {
                // ArgumentException: a property named twice; InvalidOperationException: a name no string can hold (a lone surrogate).
                throw new BadHttpRequestException("Invalid JSON body", StatusCodes.Status400BadRequest, malformed);
            }
            return node is JsonObject json ? new RecruitmentBody(json, null)
                : throw PlatformException.InvalidFields(new Dictionary<string, string>
                {
                    ["non_field_errors"] = "Invalid data. Expected a dictionary.",
                });
        }
        var form = await RequestForm.ReadAsync(request, ct);
        var fields = new JsonObject();
        foreach (var name in formFields)
            if (form.Text(name) is { } text) fields[name] = text;
        return new RecruitmentBody(fields, form);
    }

    /// <summary>
    /// Binds a JSON-only body as an endpoint parameter: an absent or empty body is an empty object, another media
    /// type is 415.
    /// </summary>
    public static async ValueTask<RecruitmentBody?> BindAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength == 0 || (request.ContentLength is null && request.ContentType is null))
            return new RecruitmentBody(new JsonObject(), null);
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("Unsupported media type", StatusCodes.Status415UnsupportedMediaType);
        return await ReadAsync(request, [], context.RequestAborted);
    }

    /// <summary>A JSON object that came another way than a request body (a chat socket's frame).</summary>
    public static RecruitmentBody Of(JsonObject json) => new(json, null);

    public bool Has(string name) => _json.ContainsKey(name) || (Form?.Has(name) ?? false);

    /// <summary>Throws the type errors found so far, all at once.</summary>
    public void ThrowIfInvalid() => _errors.ThrowIfAny();

    public string? Text(string name)
    {
        var node = Node(name);
        if (node is null) return null;
        if (node is JsonValue value && TryString(value, out var text)) return text;
        _errors.Add(name, "Not a valid string.");
        return null;
    }

    /// <summary>A list of strings; absent is null.</summary>
    public List<string>? TextList(string name)
    {
        var items = Items(name);
        if (items is null) return null;
        var texts = new List<string>();
        foreach (var item in items)
        {
            if (item is JsonValue value && TryString(value, out var text)) texts.Add(text);
            else
            {
                _errors.Add(name, "Each item must be a valid string.");
                return null;
            }
        }
        return texts;
    }

    /// <summary>A list of objects, each read by its own <see cref="RecruitmentBody"/> whose type errors count as this field's.</summary>
    public List<T>? Objects<T>(string name, Func<RecruitmentBody, T> read)
    {
        var items = Items(name);
        if (items is null) return null;
        var results = new List<T>();
        foreach (var item in items)
        {
            if (item is not JsonObject json)
            {
                _errors.Add(name, "Each item must be an object.");
                return null;
            }
            var inner = new RecruitmentBody(json, null);
            results.Add(read(inner));
            if (inner._errors.Any)
            {
                _errors.Add(name, $"Item {results.Count} has a value of the wrong type.");
                return null;
            }
        }
        return results;
    }

    /// <summary>A boolean: true or false, or in a form "true"/"false" (any case) or 1/0.</summary>
    public bool? Boolean(string name)
    {
        var node = Node(name);
        if (node is null) return null;
        if (node is JsonValue value)
        {
            if (value.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return value.GetValue<bool>();
            if (_fromForm && TryString(value, out var text))
                switch (text.Trim().ToLowerInvariant())
                {
                    case "true" or "1": return true;
                    case "false" or "0": return false;
                }
        }
        _errors.Add(name, "Must be a valid boolean.");
        return null;
    }

    /// <summary>A number (or a string holding one, as forms send them); <paramref name="present"/> says whether it was sent at all.</summary>
    public double? Number(string name, out bool present)
    {
        present = Has(name);
        var node = Node(name);
        if (node is null) return null;
        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var number) && double.IsFinite(number)) return number;
            if (TryString(value, out var text) && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)
                && double.IsFinite(number))
                return number;
        }
        _errors.Add(name, "A valid number is required.");
        return null;
    }

    public decimal? Decimal(string name, out bool present)
    {
        var number = Number(name, out present);
        if (number is null) return null;
        if (Math.Abs(number.Value) < 1e15) return Math.Round((decimal)number.Value, 2);
        _errors.Add(name, "Ensure that there are no more than 15 digits in total.");
        return null;
    }

    /// <summary>An id of another object: a whole number from 1, or its digits as text, refused in Django REST Framework's words.</summary>
    public long? Id(string name)
    {
        var node = Node(name);
        if (node is null) return null;
        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var id)
                || TryString(value, out var text) && long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out id))
            {
                if (id >= 1) return id;
                _errors.Add(name, $"Invalid pk \"{id}\" - object does not exist.");
                return null;
            }
        }
        _errors.Add(name, $"Incorrect type. Expected pk value, received {KindOf(node)}.");
        return null;
    }

    /// <summary>A reference by id or by code: a whole number or a text, kept as text.</summary>
    public string? IdOrCode(string name)
    {
        var node = Node(name);
        if (node is null) return null;
        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var id)) return id.ToString(CultureInfo.InvariantCulture);
            if (TryString(value, out var code)) return code;
        }
        _errors.Add(name, $"Incorrect type. Expected pk value, received {KindOf(node)}.");
        return null;
    }

    /// <summary>A JSON string's text; false for other kinds and for escapes no string can hold (a lone surrogate, "\uD800").</summary>
    private static bool TryString(JsonValue value, out string text)
    {
        text = "";
        if (value.GetValueKind() != JsonValueKind.String) return false;
        try
        {
            text = value.GetValue<string>();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The field's value; JSON null reads as absent.</summary>
    private JsonNode? Node(string name) => _json.TryGetPropertyValue(name, out var node) ? node : null;

    private IEnumerable<JsonNode?>? Items(string name)
    {
        var node = Node(name);
        if (node is null) return null;
        if (node is JsonArray array) return array;
        if (_fromForm && node is JsonValue value && TryString(value, out var text))
        {
            if (text.TrimStart().StartsWith('['))
            {
                try
                {
                    if (JsonNode.Parse(text) is JsonArray parsed) return parsed;
                }
                catch (JsonException)
                {
                    // Not JSON after all: reported below.
                }
                _errors.Add(name, "Send a JSON array, or the items separated by commas.");
                return null;
            }
            return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(t => (JsonNode?)JsonValue.Create(t));
        }
        _errors.Add(name, $"Expected a list of items but got type \"{KindOf(node)}\".");
        return null;
    }

    /// <summary>A JSON value's type in Python's words, as Django REST Framework names it.</summary>
    private static string KindOf(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => "str",
        JsonValueKind.Number => "int",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "list",
        _ => "dict",
    };
}
