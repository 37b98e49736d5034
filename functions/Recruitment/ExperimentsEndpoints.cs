using System.Security.Claims;
using CareerNexus.Common;
using CareerNexus.Experiments;
using CareerNexus.Functions.Hosting;
using Microsoft.OpenApi;

namespace CareerNexus.Functions.Recruitment;

/// <summary>
/// Document 003's A/B testing module: the experiments list for administrators, and what the document leaves to us: making
/// and changing experiments (administrators), a user's variant and their conversion (any signed-in account).
/// </summary>
public static class RecruitmentExperimentsEndpoints
{
    public static void MapRecruitmentExperiments(this RouteGroupBuilder group)
    {
        var experiments = group.MapGroup("/experiments").RequireAuthorization();

        experiments.MapGet("", async (string? status, RecruitmentPage page, HttpRequest request, ClaimsPrincipal user, ExperimentService service,
                CancellationToken ct) =>
            page.Envelope(request, await service.ListAsync(user.Caller(), string.IsNullOrWhiteSpace(status) ? null : status.Trim(), page.Request, ct),
                ExperimentItem.Of))
            .WithMetadata(new Docs.QueryParameters([("status", JsonSchemaType.String)])).Produces<RecruitmentList<ExperimentItem>>();

        experiments.MapPost("", async (RecruitmentBody body, ClaimsPrincipal user, ExperimentService service, CancellationToken ct) =>
                Results.Json(ExperimentItem.Of(await service.CreateAsync(user.Caller(), Change(body), ct)), PlatformJson.Options,
                    statusCode: StatusCodes.Status201Created))
            .Accepts<ExperimentBody>("application/json").Produces<ExperimentItem>(StatusCodes.Status201Created);

        experiments.MapGet("/{id}", async (string id, ClaimsPrincipal user, ExperimentService service, CancellationToken ct) =>
            ExperimentItem.Of(await service.GetAsync(user.Caller(), RecruitmentIds.FromPath(id), ct))).Produces<ExperimentItem>();

        experiments.MapPatch("/{id}", async (string id, RecruitmentBody body, ClaimsPrincipal user, ExperimentService service, CancellationToken ct) =>
                ExperimentItem.Of(await service.UpdateAsync(user.Caller(), RecruitmentIds.FromPath(id), Change(body), ct)))
            .Accepts<ExperimentBody>("application/json").Produces<ExperimentItem>();

        experiments.MapGet("/{id}/variant", async (string id, ClaimsPrincipal user, ExperimentService service, CancellationToken ct) =>
        {
            var (experiment, variant) = await service.ExposeAsync(user.Caller(), RecruitmentIds.FromPath(id), ct);
            return new AssignedVariant(experiment.ExperimentId, experiment.Name, new VariantCard(variant.Id, variant.Name));
        }).Produces<AssignedVariant>();

        experiments.MapPost("/{id}/conversions", async (string id, ClaimsPrincipal user, ExperimentService service, CancellationToken ct) =>
        {
            var (experiment, variant, at) = await service.ConvertAsync(user.Caller(), RecruitmentIds.FromPath(id), ct);
            return new Conversion(experiment.ExperimentId, new VariantCard(variant.Id, variant.Name), at);
        }).Produces<Conversion>();
    }

    private static ExperimentChange Change(RecruitmentBody body)
    {
        var change = new ExperimentChange(body.Text("name"), body.Text("description"), body.Text("status"),
            body.Objects("variants", v => new VariantChange(v.Text("name"), v.Number("weight", out _))));
        body.ThrowIfInvalid();
        return change;
    }
}

public sealed record ExperimentBody(string Name, string? Description, string? Status, IReadOnlyList<VariantBody> Variants);

public sealed record VariantBody(string Name, int? Weight);

public sealed record VariantCard(long Id, string Name);

/// <summary>A variant as document 003 lists it (id, name, conversion_rate), with the figures and weight behind the rate.</summary>
public sealed record VariantResult(long Id, string Name, double ConversionRate, int Weight, long Exposures, long Conversions);

public sealed record ExperimentItem(long Id, string Name, string Description, string Status, IReadOnlyList<VariantResult> Variants,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ExperimentItem Of(ExperimentResults results)
    {
        var e = results.Experiment;
        return new(e.ExperimentId, e.Name, e.Description, e.Status, e.Variants.Select(v =>
        {
            var (exposures, conversions) = results.Figures.GetValueOrDefault(v.Id);
            return new VariantResult(v.Id, v.Name, results.ConversionRate(v.Id), v.Weight, exposures, conversions);
        }).ToList(), e.CreatedAt, e.UpdatedAt);
    }
}

public sealed record AssignedVariant(long Experiment, string Name, VariantCard Variant);

public sealed record Conversion(long Experiment, VariantCard Variant, DateTimeOffset ConvertedAt);
