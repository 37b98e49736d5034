using System.Text.Json;
using CareerNexus.Common;
using CareerNexus.Files;
using Microsoft.AspNetCore.WebUtilities;

namespace CareerNexus.Functions.Hosting;

/// <summary>
/// The one place where failures become responses: platform errors, unreadable requests and anything
/// unexpected are answered in the surface's dialect. Unexpected failures are logged with the request's
/// correlation id and answered without internals.
/// </summary>
public sealed class ErrorHandling(RequestDelegate next, ErrorDialects dialects, ILogger<ErrorHandling> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
            // The framework answers unmatched paths (404), methods (405) and content types (415) with an
            // empty body; endpoints always write their own, so an empty error here is the framework's.
            if (context.Response is { HasStarted: false, StatusCode: >= 400 } response)
                await dialects.For(context).WriteAsync(context, response.StatusCode, FrameworkMessage(response.StatusCode),
                    $"{context.Request.Method} {context.Request.Path}: {FrameworkMessage(response.StatusCode).ToLowerInvariant()}.");
        }
        catch (Exception error) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            context.Response.Clear();
            var dialect = dialects.For(context);
            switch (error)
            {
                case PlatformException platform:
                    await dialect.WriteAsync(context, platform);
                    break;
                case BadHttpRequestException bad:
                    await dialect.WriteAsync(context, bad.StatusCode, Describe(bad), DescribeDetails(bad, context));
                    break;
                default:
                    logger.LogError(error, "Unhandled failure of {Method} {Path} (correlation id {CorrelationId})",
                        context.Request.Method, context.Request.Path, context.TraceIdentifier);
                    await dialect.WriteAsync(context, StatusCodes.Status500InternalServerError, "Internal server error",
                        $"Something went wrong on our side. Quote correlation id {context.TraceIdentifier} when reporting it.");
                    break;
            }
        }
    }

    /// <summary>The standard reason phrase of an error status the framework answered, in sentence case ("Method not allowed").</summary>
    public static string FrameworkMessage(int status)
    {
        var phrase = ReasonPhrases.GetReasonPhrase(status);
        if (phrase.Length == 0) return status < 500 ? "Request failed" : "Server error";
        return phrase[..1] + phrase[1..].ToLowerInvariant();
    }

    private static string Describe(BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        _ when bad.InnerException is JsonException => "Invalid JSON body",
        _ => "Bad request",
    };

    private static string DescribeDetails(BadHttpRequestException bad, HttpContext context) => bad switch
    {
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => $"The body may hold at most {RequestLimits.LimitFor(context)} bytes.",
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => "Send the body as application/json (routes that take uploads also accept multipart/form-data and URL-encoded forms).",
        { InnerException: JsonException { Path: { Length: > 1 } path } } => $"The value at {path} is missing, malformed or of the wrong type.",
        { InnerException: JsonException } => "The body is not valid JSON.",
        _ => "The request could not be read.",
    };
}

/// <summary>
/// Request limits that protect the app before any endpoint runs (and before authentication). Runs after routing:
/// only a multipart body to a route marked <see cref="AcceptsUploads"/> may be larger than 1 MiB.
/// </summary>
public sealed class RequestLimits(RequestDelegate next)
{
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// The largest upload allowance of any route: three pictures, a video and a document (a new post) at their
    /// largest, and the text fields. Form reading never goes beyond it.
    /// </summary>
    public static readonly long MaxFormBodyBytes =
        AcceptsUploads.Of(FileKind.Image, FileKind.Image, FileKind.Image, FileKind.Video, FileKind.Document).MaxBodyBytes;

    /// <summary>The largest body this request may have: its route's upload allowance for a multipart form, else 1 MiB.</summary>
    public static long LimitFor(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<AcceptsUploads>() is { } uploads
        && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
        && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? Math.Min(uploads.MaxBodyBytes, MaxFormBodyBytes)
            : MaxBodyBytes;

    public static PlatformException TooLarge(long limit) =>
        new(ErrorKind.TooLarge, "Request body too large", $"The body may hold at most {limit} bytes.");

    public Task InvokeAsync(HttpContext context)
    {
        var limit = LimitFor(context);
        if (context.Request.ContentLength > limit) throw TooLarge(limit);
        // Kestrel enforces this for chunked bodies too; test and proxy hosts may not offer the feature.
        if (context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        return next(context);
    }
}

/// <summary>
/// Gives every request a correlation id (the caller's X-Correlation-Id when it is sane), echoes it back, tags the request's
/// trace with it and opens a logging scope with it.
/// </summary>
public sealed class CorrelationIds(RequestDelegate next, ILogger<CorrelationIds> logger)
{
    public const string Header = "X-Correlation-Id";

    public Task InvokeAsync(HttpContext context)
    {
        var given = context.Request.Headers[Header].ToString();
        context.TraceIdentifier = given.Length is > 0 and <= 64 && given.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? given
            : Guid.NewGuid().ToString("N");
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = context.TraceIdentifier;
            return Task.CompletedTask;
        });
        System.Diagnostics.Activity.Current?.SetTag("careernexus.correlation_id", context.TraceIdentifier);
        // Every log line written while the request runs carries its correlation id.
        return InvokeInScopeAsync(context);
    }

    private async Task InvokeInScopeAsync(HttpContext context)
    {
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = context.TraceIdentifier }))
            await next(context);
    }
}
