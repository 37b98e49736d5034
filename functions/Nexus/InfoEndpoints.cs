using System.Security.Claims;
using CareerNexus.Functions.Hosting;
using CareerNexus.Reference;

namespace CareerNexus.Functions.Nexus;

/// <summary>Document 002, under /info/: countries, content pages, choice data.</summary>
public static class NexusInfoEndpoints
{
    public static void MapNexusInfo(this RouteGroupBuilder nexus)
    {
        var info = nexus.MapGroup("/info");

        info.MapGet("/country-permit", async (string? status, CountryService countries, CancellationToken ct) =>
            (await countries.ListAsync(status, ct)).Select(CountryItem.Of));

        info.MapPut("/country-permit", async (FormBody<CountryPermitBody> body, ClaimsPrincipal caller, CountryService countries, CancellationToken ct) =>
        {
            var country = await countries.SetPermissionAsync(caller.Caller(), body.Value.Country, body.Value.Status, ct);
            return new CountryPermission(country.Name, country.Permitted);
        }).RequireAuthorization();

        info.MapGet("", async (string? title, ContentService content, CancellationToken ct) =>
        {
            var found = await content.GetAsync(title, ct);
            return new InfoContent("Success", found.Page, found.Titles);
        });

        info.MapGet("/choice-data", (string? field_name) => string.IsNullOrWhiteSpace(field_name)
            ? new ChoiceData(Choices.FieldNames, null, null)
            : new ChoiceData(null, field_name.Trim(), Choices.OptionsOf(field_name)));
    }
}
