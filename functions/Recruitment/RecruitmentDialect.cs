using CareerNexus.Functions.Hosting;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// Document 003's errors, in the Django REST Framework style it shows: {"detail": "..."} for refusals, and
/// {"field": ["message", ...]} with 400 for validation errors. 402 is a quota, 409 a duplicate.
/// </summary>
public sealed class RecruitmentDialect : ErrorDialect
{
    public static readonly RecruitmentDialect Instance = new();

    /// <summary>
    /// The same surface for routes whose refusals document 003 shows as {"error": "..."} (the activation confirm);
    /// field errors stay {"field": [...]}. Put it on the endpoint: its metadata wins over the group's.
    /// </summary>
    public static readonly RecruitmentDialect ErrorKeyed = new(errorKeyed: true);

    private readonly bool _errorKeyed;

    public RecruitmentDialect() : this(false)
    {
    }

    private RecruitmentDialect(bool errorKeyed) => _errorKeyed = errorKeyed;

    public override string Surface => "recruitment";

    public override Type ErrorBodyType => _errorKeyed ? typeof(RecruitmentKeyedError) : typeof(RecruitmentError);

    public override IReadOnlyList<string> PathPrefixes =>
    [
        "/accounts/api/v1", "/jobs/api/v1", "/applications/api/v1", "/matching/api/v1", "/messaging/api/v1", "/notifications/api/v1",
        "/companies/api/v1", "/payments/api/v1", "/subscriptions/api/v1", "/gamification/api/v1", "/blog/api/v1", "/reviews/api/v1",
        "/ngo/api/v1", "/admin-panel/api/v1", "/ab-testing/api/v1", "/ws/messaging",
    ];

    public override object Body(int status, string message, string? details, IReadOnlyDictionary<string, string> fields) =>
        fields.Count > 0 ? fields.ToDictionary(f => f.Key, f => new[] { f.Value })
        : _errorKeyed ? new RecruitmentKeyedError(details ?? message)
        : new RecruitmentError(details ?? message);
}

/// <summary>Document 003's error body for everything but field errors.</summary>
public sealed record RecruitmentError(string Detail);

/// <summary>Document 003's error body where it shows "error" rather than "detail".</summary>
public sealed record RecruitmentKeyedError(string Error);
