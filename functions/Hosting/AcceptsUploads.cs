using CareerNexus.Files;

namespace CareerNexus.Functions.Hosting;

/// <summary>
/// Endpoint metadata: the route takes file uploads in a multipart form, so <see cref="RequestLimits"/> lets its
/// body reach <see cref="MaxBodyBytes"/> (every file it takes at its largest, plus the text fields) rather than
/// the 1 MiB of every other request. Routes without it never read a large body, before or after authentication.
/// </summary>
public sealed record AcceptsUploads(long MaxBodyBytes)
{
    /// <summary>The allowance of a route that takes these files (one entry per file field).</summary>
    public static AcceptsUploads Of(params FileKind[] files) =>
        new(files.Sum(kind => FileLimits.For(kind).MaxBytes) + RequestLimits.MaxBodyBytes);
}
