using CareerNexus.Common;
using CareerNexus.Files;

namespace CareerNexus.Functions.Media;

/// <summary>
/// GET /media/{name}: the stable links of files kept in a private container (CareerNexus:Blob:PublicRead false): each GET redirects to
/// a read-only signed URL of the blob, so stored links never expire while the storage account stays private.
/// Anyone holding a link may read its file, as with a public container; names carry a random part.
/// </summary>
public static class MediaEndpoints
{
    public static void MapMedia(this IEndpointRouteBuilder app) =>
        app.MapGet($"/{FileStore.MediaPath}/{{*blob}}", async (string? blob, FileStore files, HttpContext context) =>
        {
            var target = blob is null ? null : await files.MediaReadUrlAsync(blob, context.RequestAborted);
            if (target is null) throw new PlatformException(ErrorKind.NotFound, "No such file.");
            // Clients may reuse the redirect well within the signature's lifetime.
            context.Response.Headers.CacheControl = "private, max-age=600";
            return Results.Redirect(target);
        }).ExcludeFromDescription();
}
