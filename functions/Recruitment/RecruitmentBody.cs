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
            catch (Exception malformed) when (malformed is JsonException or ArgumentException)
            {
                // ArgumentException: a property named twice.
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

    public bool Has(string name) => _json.ContainsKey(name) || (Form?.Has(name) ?? false);

    /// <summary>Throws the type errors found so far, all at once.</summary>
    public void ThrowIfInvalid() => _errors.ThrowIfAny();

    public string? Text(string name)
    {
        var node = Node(name);
        if (node is null) return null;
        if (node is JsonValue value && value.TryGetValue<string>(out var text)) return text;
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
            if (item is JsonValue value && value.TryGetValue<string>(out var text)) texts.Add(text);
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

    /// <summary>A number (or a string holding one, as forms send them); <paramref name="present"/> says whether it was sent at all.</summary>
    public double? Number(string name, out bool present)
    {
        present = Has(name);
        var node = Node(name);
        if (node is null) return null;
        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<double>(out var number) && double.IsFinite(number)) return number;
            if (value.TryGetValue<string>(out var text) && double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out number)
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

    public long? Id(string name)
    {
        var number = Number(name, out _);
        return number is { } n && n == Math.Floor(n) && n is >= 1 and < 1e15 ? (long)n : null;
    }

    /// <summary>The field's value; JSON null reads as absent.</summary>
    private JsonNode? Node(string name) => _json.TryGetPropertyValue(name, out var node) ? node : null;

    private IEnumerable<JsonNode?>? Items(string name)
    {
        var node = Node(name);
        if (node is null) return null;
        if (node is JsonArray array) return array;
        if (_fromForm && node is JsonValue value && value.TryGetValue<string>(out var text))
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
        var kind = node.GetValueKind() switch
        {
            JsonValueKind.String => "str",
            JsonValueKind.Number => "int",
            JsonValueKind.True or JsonValueKind.False => "bool",
            _ => "dict",
        };
        _errors.Add(name, $"Expected a list of items but got type \"{kind}\".");
        return null;
    }
}
