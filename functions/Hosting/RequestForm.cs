using CareerNexus.Files;

namespace CareerNexus.Functions.Hosting;

/// <summary>
/// The fields of a request that may come as JSON, as a multipart form (with file uploads) or URL-encoded.
/// Media fields take a file part, which is checked against its kind's limits and stored, or a URL, which
/// is kept as given.
/// </summary>
public sealed class RequestForm
{
    /// <summary>Reads the body; a body that is none of the accepted kinds is a 415, a malformed one a 400.</summary>
    public static Task<RequestForm> ReadAsync(HttpRequest request, CancellationToken ct) =>
        throw new NotImplementedException("Request forms: being built");

    /// <summary>Whether the field was sent at all (even empty).</summary>
    public bool Has(string name) => throw new NotImplementedException();

    /// <summary>A text field as sent (JSON numbers and booleans as their text), or null when absent.</summary>
    public string? Text(string name) => throw new NotImplementedException();

    /// <summary>
    /// A media field: an uploaded file is stored under the folder and its URL returned; a text value must be an
    /// http(s) URL and is returned as given; an empty value is ""; an absent field is null.
    /// </summary>
    public Task<string?> MediaAsync(string name, FileKind kind, string folder, CancellationToken ct) =>
        throw new NotImplementedException();
}
