using CareerNexus.Files;

namespace CareerNexus.Functions.Hosting;

/// <summary>
/// Media fields of multipart forms: a file part is checked against its kind's limits and stored, a text
/// value is taken as a URL and kept as given, an absent field is null.
/// </summary>
public static class Uploads
{
    public static Task<string?> ReadAsync(IFormCollection form, string field, FileKind kind, string folder, FileStore files,
        CancellationToken ct) => throw new NotImplementedException("Uploads: being built");
}
