using CareerNexus.Common;

namespace CareerNexus.Functions.Hosting;

/// <summary>
/// How one API surface spells an error: its status codes and its body. Each surface has exactly one;
/// endpoints carry it as metadata and the central error handling picks it up from there.
/// </summary>
public abstract class ErrorDialect
{
    /// <summary>The surface's name in lower case, which also names its OpenAPI document ("careers").</summary>
    public abstract string Surface { get; }

    /// <summary>The path prefixes of the surface, for requests that matched no endpoint.</summary>
    public abstract IReadOnlyList<string> PathPrefixes { get; }

    /// <summary>The record <see cref="Body"/> returns, so that the surface's document shows its real error shape.</summary>
    public abstract Type ErrorBodyType { get; }

    /// <summary>Every status this surface answers errors with, for its document.</summary>
    public IEnumerable<int> ErrorStatuses =>
        Enum.GetValues<ErrorKind>().Select(StatusCode)
            .Concat([StatusCodes.Status401Unauthorized, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status500InternalServerError])
            .Distinct().Order();

    public virtual int StatusCode(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.PaymentRequired => StatusCodes.Status402PaymentRequired,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The JSON body of an error in this surface's words.</summary>
    public abstract object Body(int status, string message, string? details, IReadOnlyDictionary<string, string> fields);

    public Task WriteAsync(HttpContext context, int status, string message, string? details = null,
        IReadOnlyDictionary<string, string>? fields = null)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Body(status, message, details, fields ?? new Dictionary<string, string>()),
            PlatformJson.Options, context.RequestAborted);
    }

    public Task WriteAsync(HttpContext context, PlatformException error)
    {
        if (error.RetryAfter is { } wait) SetRetryAfter(context, wait);
        return WriteAsync(context, StatusCode(error.Kind), error.Message, error.Details, error.Fields);
    }

    /// <summary>Retry-After in whole seconds, never 0 (a client would retry at once).</summary>
    public static void SetRetryAfter(HttpContext context, TimeSpan wait) =>
        context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Finds the dialect of a request: from its endpoint, else from its path, else a neutral one.</summary>
public sealed class ErrorDialects(IEnumerable<ErrorDialect> dialects)
{
    private readonly List<(string Prefix, ErrorDialect Dialect)> _prefixes = dialects
        .SelectMany(d => d.PathPrefixes.Select(p => (Prefix: p, Dialect: d)))
        .OrderByDescending(x => x.Prefix.Length).ToList();

    public ErrorDialect For(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ErrorDialect>() is { } fromEndpoint) return fromEndpoint;
        var path = context.Request.Path.Value ?? "/";
        foreach (var (prefix, dialect) in _prefixes)
            if (ClaimsPath(prefix, path)) return dialect;
        return NeutralDialect.Instance;
    }

    /// <summary>
    /// Whether a prefix claims a path by whole segments: "/job" claims "/job" and "/job/recommend", never
    /// "/jobs/api/v1/", which belongs to another surface.
    /// </summary>
    public static bool ClaimsPath(string prefix, string path) =>
        path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        && (path.Length == prefix.Length || path[prefix.Length] == '/' || prefix.EndsWith('/'));

    private sealed class NeutralDialect : ErrorDialect
    {
        public static readonly NeutralDialect Instance = new();
        public override string Surface => "platform";
        public override IReadOnlyList<string> PathPrefixes => [];
        public override Type ErrorBodyType => typeof(PlatformError);
        public override object Body(int status, string message, string? details, IReadOnlyDictionary<string, string> fields) =>
            new PlatformError(message, details);
    }
}

/// <summary>The error body of routes that belong to no surface.</summary>
public sealed record PlatformError(string Error, string? Details);
