using System.Text.Json;
using System.Text.Json.Serialization;
using CareerNexus.Tokens;

namespace CareerNexus.Functions.Nexus;

// Document 002's account bodies. Every field is optional here: the platform reports what is missing.
// Codes may come as JSON numbers as well as strings, as clients of the document send both.

public sealed record SignupBody(string? Email, string? Password1, string? Password2, [property: JsonConverter(typeof(LenientText))] string? Otp);

public sealed record HashBody([property: JsonConverter(typeof(LenientText))] string? Hash);

public sealed record SigninBody(string? Email, string? Password);

public sealed record SignoutBody(string? Refresh);

public sealed record ForgetPasswordBody(string? Email, string? Password1, string? Password2, [property: JsonConverter(typeof(LenientText))] string? Otp,
    [property: JsonConverter(typeof(LenientText))] string? Hash);

public sealed record SignedUp(string Refresh, string Access, string Email, string Status)
{
    public static SignedUp Of(Session session) => new(session.Tokens.Refresh, session.Tokens.Access, session.Account.Email, "Success");
}

public sealed record SignedIn(string Refresh, string Access, string User);

public sealed record StatusResponse(string Status);

public sealed record PasswordChanged(string Status, string Email);

/// <summary>Reads a JSON string, number or boolean as its text; objects and arrays are malformed input.</summary>
public sealed class LenientText : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw new JsonException("Expected a string or a number."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
