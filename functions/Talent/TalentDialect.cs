using System.Text.Json.Serialization;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;

namespace CareerNexus.Functions.Talent;

/// <summary>
/// Document 004's errors: {"detail": "..."} with 400, 401, 403 and 404; a validation error adds "fields", the message of
/// each field. The document has no 402 or 409: a plan's quota is a refusal (403) and a collision with existing state
/// (an email already registered) is bad input (400). Rate limits answer 429, oversized bodies 413, other media types 415.
/// </summary>
public sealed class TalentDialect : ErrorDialect
{
    public static readonly TalentDialect Instance = new();

    public override string Surface => "talent";

    public override Type ErrorBodyType => typeof(TalentError);

    public override IReadOnlyList<string> PathPrefixes => ["/api/auth", "/api/organization", "/api/channels", "/api/candidates", "/api/token"];

    public override int StatusCode(ErrorKind kind) => kind switch
    {
        ErrorKind.Conflict => StatusCodes.Status400BadRequest,
        ErrorKind.PaymentRequired => StatusCodes.Status403Forbidden,
        _ => base.StatusCode(kind),
    };

    public override object Body(int status, string message, string? details, IReadOnlyDictionary<string, string> fields) =>
        new TalentError(details ?? message, fields.Count > 0 ? fields : null);
}

/// <summary>Document 004's error body; "fields" only on validation errors, naming each field's problem.</summary>
public sealed record TalentError(
    string Detail,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Fields = null);
