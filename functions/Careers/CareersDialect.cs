using System.Text.Json.Serialization;
using CareerNexus.Functions.Hosting;

namespace CareerNexus.Functions.Careers;

/// <summary>Document 000's error format: {"error": "...", "details": "..."}; field errors are listed under "fields" too.</summary>
public sealed class CareersDialect : ErrorDialect
{
    public static readonly CareersDialect Instance = new();

    public override string Surface => "careers";

    public override IReadOnlyList<string> PathPrefixes => ["/careers"];

    public override Type ErrorBodyType => typeof(CareersError);

    public override object Body(int status, string message, string? details, IReadOnlyDictionary<string, string> fields) =>
        new CareersError(message, details ?? message, fields.Count == 0 ? null : fields);
}

/// <summary>Document 000's error body; "fields" only for validation errors.</summary>
public sealed record CareersError(string Error, string Details,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Fields);
