using CareerNexus.Reference;

namespace CareerNexus.Functions.Nexus;

// Document 002's reference data answers. Keys the platform's snake_case naming would respell
// ("Available_titles", "Valid options") are written as dictionaries, in the document's spelling.

public sealed record CountryPermitBody(string? Country, string? Status);

public sealed record CountryItem(int Id, string Country, string Code)
{
    public static CountryItem Of(Country c) => new(c.Id, c.Name, c.Code);
}

public sealed record CountryPermission(string Country, bool Permitted);
