using System.Text.Json.Serialization;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;

namespace CareerNexus.Functions.Nexus;

/// <summary>
/// Document 002's error format: {"error": "..."}, with the failing fields under "fields" for validation errors.
/// Like the document's examples, a request that collides with existing state (a second like, a repeated
/// connection request) is a 400, not a 409.
/// </summary>
public sealed class NexusDialect : ErrorDialect
{
    public static readonly NexusDialect Instance = new();

    public override string Surface => "nexus";

    public override Type ErrorBodyType => typeof(NexusError);

    public override IReadOnlyList<string> PathPrefixes => ["/user", "/post", "/job", "/connection", "/chats", "/info", "/ws/notification/jobs"];

    public override int StatusCode(ErrorKind kind) => kind == ErrorKind.Conflict ? StatusCodes.Status400BadRequest : base.StatusCode(kind);

    public override object Body(int status, string message, string? details, IReadOnlyDictionary<string, string> fields) =>
        new NexusError(details ?? message, fields.Count == 0 ? null : fields);
}

/// <summary>Document 002's error body; "fields" only for validation errors.</summary>
public sealed record NexusError(string Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Fields);
