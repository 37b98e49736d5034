using System.Security.Claims;
using CareerNexus.Common;
using CareerNexus.Functions.Hosting;
using CareerNexus.Ngos;
using Microsoft.OpenApi;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// Document 003's NGO module, under /ngo/api/v1/: ngos/ (the public list), and what the document leaves to us: an NGO's
/// public detail (by id or slug), and its ngo_manager's create and edit.
/// </summary>
public static class RecruitmentNgoEndpoints
{
    public static void MapRecruitmentNgos(this RouteGroupBuilder group)
    {
        group.MapGet("/ngos", async (string? search, string? location, RecruitmentPage page, HttpRequest request, NgoService service,
                CancellationToken ct) =>
            page.Envelope(request, await service.ListAsync(new NgoFilters(search, location), page.Request, ct), NgoItem.Of))
            .WithMetadata(new Docs.QueryParameters([("search", JsonSchemaType.String), ("location", JsonSchemaType.String)]))
            .Produces<RecruitmentList<NgoItem>>();

        group.MapGet("/ngos/{id}", async (string id, NgoService service, CancellationToken ct) => NgoDetail.Of(await service.GetAsync(id, ct)))
            .Produces<NgoDetail>();

        group.MapPost("/ngos", async (RecruitmentBody body, ClaimsPrincipal user, NgoService service, CancellationToken ct) =>
                Results.Json(NgoDetail.Of(await service.CreateAsync(user.Caller(), Change(body), ct)), PlatformJson.Options,
                    statusCode: StatusCodes.Status201Created))
            .RequireAuthorization().Accepts<NgoBody>("application/json").Produces<NgoDetail>(StatusCodes.Status201Created);

        group.MapPatch("/ngos/{id}", async (string id, RecruitmentBody body, ClaimsPrincipal user, NgoService service, CancellationToken ct) =>
                NgoDetail.Of(await service.UpdateAsync(user.Caller(), RecruitmentIds.FromPath(id), Change(body), ct)))
            .RequireAuthorization().Accepts<NgoBody>("application/json").Produces<NgoDetail>();
    }

    private static NgoChange Change(RecruitmentBody body)
    {
        var change = new NgoChange(body.Text("name"), body.Text("description"), body.Text("mission"), body.Text("location"), body.Text("logo"),
            body.Text("website"));
        body.ThrowIfInvalid();
        return change;
    }
}

/// <summary>An NGO as its manager sends it: a name (required on create, unique), logo and website as http(s) links.</summary>
public sealed record NgoBody(string Name, string? Description, string? Mission, string? Location, string? Logo, string? Website);

/// <summary>An NGO in the list, as document 003 shows it.</summary>
public sealed record NgoItem(long Id, string Name, string Slug, string? Logo, string Description, string Mission, string Location)
{
    public static NgoItem Of(Ngo n) => new(n.NgoId, n.Name, n.Slug, n.Logo, n.Description, n.Mission, n.Location);
}

/// <summary>An NGO with its website, manager and dates.</summary>
public sealed record NgoDetail(long Id, string Name, string Slug, string? Logo, string Description, string Mission, string Location, string Website,
    long Manager, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static NgoDetail Of(Ngo n) =>
        new(n.NgoId, n.Name, n.Slug, n.Logo, n.Description, n.Mission, n.Location, n.Website, n.ManagerId, n.CreatedAt, n.UpdatedAt);
}
