using System.Text.Json.Serialization;
using CareerNexus.Reference;

namespace CareerNexus.Functions.Nexus;

// Document 002's reference data answers. Keys the platform's snake_case naming would respell
// ("Available_titles", "Valid options") are named explicitly, in the document's spelling.

public sealed record CountryPermitBody(string? Country, string? Status);

public sealed record CountryItem(int Id, string Country, string Code)
{
    public static CountryItem Of(Country c) => new(c.Id, c.Name, c.Code);
}

public sealed record CountryPermission(string Country, bool Permitted);

public sealed record InfoContent(string Status, ContentPage Content, [property: JsonPropertyName("Available_titles")] IReadOnlyList<string> AvailableTitles);

/// <summary>Without a field name: the fields that have choices; with one: its options.</summary>
public sealed record ChoiceData(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? FieldNames,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FieldName,
    [property: JsonPropertyName("Valid options"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? ValidOptions);
