namespace CareerNexus.Common;

/// <summary>What went wrong, in platform terms; each surface maps it to its own status code and error body.</summary>
public enum ErrorKind
{
    Invalid,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    TooLarge,

    /// <summary>Over a rate limit: the surface answers 429 with Retry-After.</summary>
    TooManyRequests,

    /// <summary>Over the quota of the caller's plan (402): a paid plan lifts it.</summary>
    PaymentRequired,

    /// <summary>A service the request needs (a payment provider) could not be reached (503): the same request may be sent again.</summary>
    Unavailable,
}

/// <summary>
/// A failure the caller can act on. Feature services throw it; one mapper per surface turns it into
/// that surface's dialect, so no endpoint formats errors itself.
/// </summary>
public sealed class PlatformException(ErrorKind kind, string message, string? details = null,
    IReadOnlyDictionary<string, string>? fields = null) : Exception(message)
{
    public ErrorKind Kind { get; } = kind;
    public string? Details { get; } = details;

    /// <summary>Per-field messages for validation failures (field name as the surface spells it).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; } = fields ?? new Dictionary<string, string>();

    /// <summary>For <see cref="ErrorKind.TooManyRequests"/>: how long until the next attempt may succeed.</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static PlatformException TooManyRequests(string message, TimeSpan retryAfter, string? details = null) =>
        new(ErrorKind.TooManyRequests, message, details) { RetryAfter = retryAfter };

    public static PlatformException PaymentRequired(string message, string? details = null) => new(ErrorKind.PaymentRequired, message, details);
    public static PlatformException Invalid(string message, string? details = null) => new(ErrorKind.Invalid, message, details);
    public static PlatformException Unavailable(string message, string? details = null) => new(ErrorKind.Unavailable, message, details);
    public static PlatformException NotFound(string message) => new(ErrorKind.NotFound, message);
    public static PlatformException Conflict(string message, string? details = null) => new(ErrorKind.Conflict, message, details);
    public static PlatformException Forbidden(string message) => new(ErrorKind.Forbidden, message);
    public static PlatformException Unauthenticated(string message, string? details = null) => new(ErrorKind.Unauthenticated, message, details);

    public static PlatformException InvalidFields(IReadOnlyDictionary<string, string> fields) =>
        new(ErrorKind.Invalid, "Validation failed", string.Join("; ", fields.Select(f => $"{f.Key}: {f.Value}")), fields);
}

/// <summary>Collects field errors so a request reports all of them at once.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string> _errors = new();

    public FieldErrors Add(string field, string message)
    {
        _errors.TryAdd(field, message);
        return this;
    }

    public bool Any => _errors.Count > 0;

    public void ThrowIfAny()
    {
        if (Any) throw PlatformException.InvalidFields(_errors);
    }
}
