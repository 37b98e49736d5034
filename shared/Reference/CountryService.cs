namespace CareerNexus.Reference;

/// <summary>Countries, their phone codes, and whether the platform permits them.</summary>
public sealed class CountryService
{
    /// <summary>Whether a phone country code ("+234") belongs to a permitted country.</summary>
    public Task<bool> IsPermittedCodeAsync(string code, CancellationToken ct = default) =>
        throw new NotImplementedException("Countries: being built");
}
