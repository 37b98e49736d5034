namespace CareerNexus.Common;

/// <summary>
/// Reads "Name=value;Name=value" connection strings (storage, SignalR, Service Bus) the same way everywhere:
/// names case-insensitive, the last of a repeated name wins, a value may itself contain '='. Errors name the
/// setting and the position of the bad part, never a value: connection strings hold keys.
/// </summary>
public static class ConnectionStrings
{
    public static IReadOnlyDictionary<string, string> Parse(string connectionString, string setting)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var position = 0;
        foreach (var part in (connectionString ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            position++;
            var equals = part.IndexOf('=');
            if (equals <= 0)
                throw new InvalidOperationException($"{setting} is not a usable connection string: part {position} is not Name=value.");
            parts[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }
        return parts;
    }
}
