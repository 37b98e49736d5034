using System.Text.Json;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Files;
using Microsoft.AspNetCore.Http.Features;

namespace CareerNexus.Functions.Hosting;

/// <summary>
/// The fields of a request that may come as JSON, as a multipart form (with file uploads) or URL-encoded.
/// Media fields take a file part, which is checked against its kind's limits and stored, or a URL, which
/// is kept as given.
/// </summary>
public sealed class RequestForm
{
    private static readonly FormOptions FormLimits = new()
    {
        MultipartBodyLengthLimit = RequestLimits.MaxFormBodyBytes,
        // Text fields are as large as a whole JSON body may be; only file parts may be larger.
        ValueLengthLimit = (int)RequestLimits.MaxBodyBytes,
        ValueCountLimit = 256,
    };

    private readonly Dictionary<string, string> _values;
    private readonly IFormFileCollection? _files;
    private readonly IServiceProvider? _services;
    private readonly Dictionary<string, string?> _media = new(StringComparer.Ordinal);

    private RequestForm(Dictionary<string, string> values, IFormFileCollection? files, IServiceProvider? services)
    {
        _values = values;
        _files = files;
        _services = services;
    }

    /// <summary>Reads the body; a body that is none of the accepted kinds is a 415, a malformed one a 400.</summary>
    public static async Task<RequestForm> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        // A fresh form even when empty: a form remembers the media it stored, so it must not be shared between requests.
        if (!HasBody(request)) return new RequestForm(new Dictionary<string, string>(), null, request.HttpContext.RequestServices);
        if (request.HasJsonContentType()) return await ReadJsonAsync(request, ct);
        if (request.HasFormContentType) return await ReadFormAsync(request, ct);
        throw new BadHttpRequestException("Unsupported media type", StatusCodes.Status415UnsupportedMediaType);
    }

    /// <summary>Whether the field was sent at all (even empty).</summary>
    public bool Has(string name) => _values.ContainsKey(name) || _files?.GetFile(name) is not null;

    /// <summary>A text field as sent (JSON numbers and booleans as their text), or null when absent.</summary>
    public string? Text(string name) => _values.GetValueOrDefault(name);

    private static readonly JsonSerializerOptions BindOptions = new(PlatformJson.Options)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
    };

    /// <summary>The text fields as a typed body (snake_case names); a value that does not fit its type is a 400.</summary>
    public T Bind<T>()
    {
        var fields = new System.Text.Json.Nodes.JsonObject();
        foreach (var (name, value) in _values) fields[name] = value;
        try
        {
            return fields.Deserialize<T>(BindOptions)!;
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("Invalid body", StatusCodes.Status400BadRequest, e);
        }
    }

    /// <summary>
    /// A media field: an uploaded file is stored under the folder and its URL returned; a text value must be an
    /// http(s) URL and is returned as given; an empty value is ""; an absent field is null.
    /// </summary>
    public async Task<string?> MediaAsync(string name, FileKind kind, string folder, CancellationToken ct)
    {
        // Asking twice must not store the file twice.
        if (_media.TryGetValue(name, out var known)) return known;
        string? result;
        if (_files?.GetFile(name) is { } file)
        {
            try
            {
                await using var content = file.OpenReadStream();
                var stored = await _services!.GetRequiredService<FileStore>()
                    .SaveAsync(kind, folder, file.FileName, file.ContentType, content, file.Length, ct);
                result = stored.Url;
            }
            catch (PlatformException refused) when (refused.Kind == ErrorKind.Invalid)
            {
                throw Field(name, refused.Details ?? refused.Message);
            }
        }
        else if (_values.TryGetValue(name, out var text))
        {
            result = text.Trim();
            if (result.Length > 0 && !IsWebUrl(result, name))
                throw Field(name, $"Send a file, or an absolute http(s) URL of at most {AccountRules.MaxAvatarLength} characters.");
        }
        else result = null;
        _media[name] = result;
        return result;
    }

    /// <summary>The accounts' URL rule, so that a media URL is accepted wherever a profile URL is.</summary>
    private static bool IsWebUrl(string text, string name)
    {
        var errors = new FieldErrors();
        AccountRules.CheckUrl(text, errors, name);
        return !errors.Any;
    }

    private static bool HasBody(HttpRequest request) => request.ContentLength switch
    {
        0 => false,
        > 0 => true,
        // Chunked or HTTP/2 bodies have no length; the server knows whether one follows.
        _ => request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.ContentType is not null,
    };

    private static async Task<RequestForm> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, ct);
        }
        catch (JsonException malformed)
        {
            throw new BadHttpRequestException("Invalid JSON body", StatusCodes.Status400BadRequest, malformed);
        }
        using (document)
        try
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw PlatformException.Invalid("Invalid JSON body", "The body must be a JSON object.");
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var errors = new FieldErrors();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        values[property.Name] = property.Value.GetString()!;
                        break;
                    case JsonValueKind.Number:
                        values[property.Name] = property.Value.GetRawText();
                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        values[property.Name] = property.Value.GetBoolean() ? "true" : "false";
                        break;
                    case JsonValueKind.Null:
                        values.Remove(property.Name);
                        break;
                    default:
                        errors.Add(property.Name, "Must be a text, number or boolean value.");
                        break;
                }
            }
            errors.ThrowIfAny();
            return new RequestForm(values, null, request.HttpContext.RequestServices);
        }
        catch (InvalidOperationException unreadable)
        {
            // Well-formed JSON whose text cannot be a string: a lone UTF-16 surrogate escape ("\uD800").
            throw new BadHttpRequestException("Invalid JSON body", StatusCodes.Status400BadRequest, unreadable);
        }
    }

    private static async Task<RequestForm> ReadFormAsync(HttpRequest request, CancellationToken ct)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(FormLimits, ct);
        }
        catch (BadHttpRequestException refused) when (refused.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw RequestLimits.TooLarge(RequestLimits.LimitFor(request.HttpContext));
        }
        catch (InvalidDataException unreadable) when (unreadable.Message.Contains("body length limit", StringComparison.OrdinalIgnoreCase))
        {
            throw RequestLimits.TooLarge(RequestLimits.LimitFor(request.HttpContext));
        }
        catch (InvalidDataException unreadable)
        {
            // The framework's message names the broken rule (boundary, value count, value length) and nothing internal.
            throw PlatformException.Invalid("Malformed form", $"The form could not be read: {unreadable.Message}");
        }
        catch (IOException) when (!ct.IsCancellationRequested)
        {
            throw PlatformException.Invalid("Malformed form", "The form body is incomplete or malformed.");
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, sent) in form)
            values[name] = sent.LastOrDefault() ?? "";
        return new RequestForm(values, form.Files, request.HttpContext.RequestServices);
    }

    private static PlatformException Field(string name, string message) =>
        PlatformException.InvalidFields(new Dictionary<string, string> { [name] = message });
}

/// <summary>
/// A typed request body read through <see cref="RequestForm"/>: bind it as an endpoint parameter and the route
/// takes JSON, multipart or URL-encoded bodies alike, as document 002's clients send them.
/// </summary>
public sealed record FormBody<T>(T Value, RequestForm Form) : Microsoft.AspNetCore.Http.Metadata.IEndpointParameterMetadataProvider
{
    public static async ValueTask<FormBody<T>?> BindAsync(HttpContext context)
    {
        var form = await RequestForm.ReadAsync(context.Request, context.RequestAborted);
        return new(form.Bind<T>(), form);
    }

    public static void PopulateMetadata(System.Reflection.ParameterInfo parameter, EndpointBuilder builder) =>
        Docs.FormBodyMetadata.AddTo(builder, typeof(T));
}
