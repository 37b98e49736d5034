using CareerNexus.Functions.Hosting;

namespace CareerNexus.Functions.Careers;

/// <summary>Document 000's error format: {"error": "...", "details": "..."}; field errors are listed under "fields" too.</summary>
public sealed class CareersDialect : ErrorDialect
{
    public static readonly CareersDialect Instance = new();

    public override IReadOnlyList<string> PathPrefixes => ["/careers"];

    public override object Body(int status, string message, string? details, IReadOnlyDictionary<string, string> fields) =>
        fields.Count == 0
            ? new { error = message, details = details ?? message }
            : new { error = message, details = details ?? message, fields };
}
