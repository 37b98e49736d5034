using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Storage;
using CareerNexus.Tokens;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.Experiments;

/// <summary>What an administrator sends to make or change an experiment; null leaves a field as it is.</summary>
public sealed record ExperimentChange(string? Name, string? Description, string? Status, IReadOnlyList<VariantChange>? Variants);

public sealed record VariantChange(string? Name, double? Weight);

/// <summary>An experiment with its figures: exposures and conversions per variant id, summed over the tallies.</summary>
public sealed record ExperimentResults(Experiment Experiment, IReadOnlyDictionary<long, (long Exposures, long Conversions)> Figures)
{
    /// <summary>Conversions per hundred exposures, to one decimal; 0 before anyone saw the variant.</summary>
    public double ConversionRate(long variantId) =>
        Figures.TryGetValue(variantId, out var f) && f.Exposures > 0 ? Math.Round(100.0 * f.Conversions / f.Exposures, 1) : 0;
}

/// <summary>
/// A/B experiments (document 003's admin module, and the routes a client needs to take part): administrators make,
/// change and read experiments; a signed-in user of a running experiment is given a variant, the same one every time
/// (a hash of the experiment and the user over the variants' weights, kept on first exposure), and converts once.
/// Exposures and conversions are counted once per user with <see cref="CountOnce"/> on sharded tallies.
/// </summary>
public sealed class ExperimentService(DocumentStore store, IdAllocator ids, CountOnce counts, AccountService accounts, AdminPolicy admins,
    TimeProvider clock)
{
    public const int MaxVariants = 10;
    public const int MaxWeight = 1000;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 2000;

    private const string AdminsOnly = "Only administrators manage experiments.";

    public async Task<Page<ExperimentResults>> ListAsync(Caller caller, string? status, PageRequest page, CancellationToken ct = default)
    {
        await admins.RequireAdminAsync(caller, AdminsOnly, ct);
        if (status is not null && !ExperimentStatuses.All.Contains(status))
            throw PlatformException.InvalidFields(new Dictionary<string, string> { ["status"] = StatusChoices(status) });
        var where = "c.partition = @catalog AND c.kind = @kind" + (status is null ? "" : " AND c.status = @status");
        QueryDefinition Query(string select) => new QueryDefinition($"{select} FROM c WHERE {where} ORDER BY c.experiment_id DESC")
            .WithParameter("@catalog", ExperimentDocuments.Catalog).WithParameter("@kind", ExperimentDocuments.ExperimentKind)
            .WithParameter("@status", status ?? "");
        var counting = store.QueryListAsync<string>(Containers.Experiments, Query($"SELECT TOP {PageRequest.MaxReach} VALUE c.id"),
            ExperimentDocuments.Catalog, take: PageRequest.MaxReach, ct: ct);
        var reading = store.PartitionPageAsync<Experiment>(Containers.Experiments, Query("SELECT *"), ExperimentDocuments.Catalog, 0, page, ct);
        var (all, experiments) = (await counting, await reading);
        var results = await ResultsAsync(experiments.Items, ct);
        return new Page<ExperimentResults>(results, all.Count, page);
    }

    public async Task<ExperimentResults> GetAsync(Caller caller, long experimentId, CancellationToken ct = default)
    {
        await admins.RequireAdminAsync(caller, AdminsOnly, ct);
        return (await ResultsAsync([await FindAsync(experimentId, ct)], ct))[0];
    }

    public async Task<ExperimentResults> CreateAsync(Caller caller, ExperimentChange change, CancellationToken ct = default)
    {
        await admins.RequireAdminAsync(caller, AdminsOnly, ct);
        var errors = new FieldErrors();
        var name = Text(change.Name, "name", MaxNameLength, required: true, errors);
        var description = Text(change.Description, "description", MaxDescriptionLength, required: false, errors);
        var status = change.Status ?? ExperimentStatuses.Draft;
        if (!ExperimentStatuses.All.Contains(status)) errors.Add("status", StatusChoices(status));
        var variants = Variants(change.Variants, errors, required: true);
        errors.ThrowIfAny();

        var experimentId = await ids.NextAsync("experiments", ct);
        var now = clock.GetUtcNow();
        var experiment = new Experiment
        {
            Id = ExperimentDocuments.ExperimentKey(experimentId), ExperimentId = experimentId, Name = name!, Description = description ?? "",
            Status = status, Variants = variants!, CreatedAt = now, UpdatedAt = now,
        };
        // The tallies first: a participant only ever meets an experiment whose tallies exist.
        foreach (var shard in Enumerable.Range(0, ExperimentDocuments.TallyShards))
            await store.UpsertAsync(Containers.Experiments, Tally(experiment, shard), ExperimentDocuments.Catalog, ct);
        await store.UpsertAsync(Containers.Experiments, experiment, ExperimentDocuments.Catalog, ct);
        return new ExperimentResults(experiment, new Dictionary<long, (long, long)>());
    }

    /// <summary>Changes the fields sent. Variants change only while the experiment is a draft: after that they have participants.</summary>
    public async Task<ExperimentResults> UpdateAsync(Caller caller, long experimentId, ExperimentChange change, CancellationToken ct = default)
    {
        await admins.RequireAdminAsync(caller, AdminsOnly, ct);
        var current = await FindAsync(experimentId, ct);
        var errors = new FieldErrors();
        var name = Text(change.Name, "name", MaxNameLength, required: false, errors);
        var description = Text(change.Description, "description", MaxDescriptionLength, required: false, errors);
        if (change.Status is { } wanted && !ExperimentStatuses.All.Contains(wanted)) errors.Add("status", StatusChoices(wanted));
        var variants = Variants(change.Variants, errors, required: false);
        if (variants is not null && current.Status != ExperimentStatuses.Draft)
            errors.Add("variants", "Variants change only while the experiment is a draft.");
        errors.ThrowIfAny();

        var updated = await store.ReplaceAsync<Experiment>(Containers.Experiments, current.Id, ExperimentDocuments.Catalog, experiment =>
        {
            if (variants is not null && experiment.Status != ExperimentStatuses.Draft)
                throw PlatformException.InvalidFields(new Dictionary<string, string> { ["variants"] = "Variants change only while the experiment is a draft." });
            experiment.Name = name ?? experiment.Name;
            experiment.Description = description ?? experiment.Description;
            experiment.Status = change.Status ?? experiment.Status;
            experiment.Variants = variants ?? experiment.Variants;
            experiment.UpdatedAt = clock.GetUtcNow();
            return experiment;
        }, ct) ?? throw PlatformException.NotFound("Not found.");
        if (variants is not null)
            foreach (var shard in Enumerable.Range(0, ExperimentDocuments.TallyShards))
                await store.UpsertAsync(Containers.Experiments, Tally(updated, shard), ExperimentDocuments.Catalog, ct);
        return (await ResultsAsync([updated], ct))[0];
    }

    /// <summary>The caller's variant of a running experiment, given on the first call and counted once as an exposure.</summary>
    public async Task<(Experiment Experiment, Variant Variant)> ExposeAsync(Caller caller, long experimentId, CancellationToken ct = default)
    {
        var experiment = await RunningAsync(experimentId, ct);
        var participant = await ParticipantAsync(experiment, caller.UserId, ct);
        if (!participant.ExposureCounted)
        {
            await counts.CountAsync(ExposureFact(participant), [Target(experiment, participant, "exposures")], ct);
            await MarkAsync(participant, p => p.ExposureCounted = true, ct);
        }
        return (experiment, VariantOf(experiment, participant));
    }

    /// <summary>Records the caller's conversion in a running experiment, once; a caller not yet exposed is exposed first.</summary>
    public async Task<(Experiment Experiment, Variant Variant, DateTimeOffset ConvertedAt)> ConvertAsync(Caller caller, long experimentId,
        CancellationToken ct = default)
    {
        var (experiment, _) = await ExposeAsync(caller, experimentId, ct);
        var participant = await ParticipantAsync(experiment, caller.UserId, ct);
        if (participant.ConvertedAt is null) participant = await MarkAsync(participant, p => p.ConvertedAt ??= clock.GetUtcNow(), ct);
        if (!participant.ConversionCounted)
        {
            await counts.CountAsync(ConversionFact(participant), [Target(experiment, participant, "conversions")], ct);
            participant = await MarkAsync(participant, p => p.ConversionCounted = true, ct);
        }
        return (experiment, VariantOf(experiment, participant), participant.ConvertedAt!.Value);
    }

    /// <summary>
    /// The variant a user gets: the first 8 bytes of SHA-256("{experiment}:{user}") over the sum of the weights, so it
    /// is the same on every instance and every call, and spread as the weights say.
    /// </summary>
    public static Variant Assign(Experiment experiment, long userId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{experiment.ExperimentId}:{userId}")));
        var total = experiment.Variants.Sum(v => v.Weight);
        var point = (long)(BitConverter.ToUInt64(hash, 0) % (ulong)total);
        foreach (var variant in experiment.Variants)
        {
            if (point < variant.Weight) return variant;
            point -= variant.Weight;
        }
        return experiment.Variants[^1];
    }

    private async Task<Experiment> FindAsync(long experimentId, CancellationToken ct) =>
        (experimentId > 0 ? (await store.ReadAsync<Experiment>(Containers.Experiments, ExperimentDocuments.ExperimentKey(experimentId),
            ExperimentDocuments.Catalog, ct))?.Document : null) ?? throw PlatformException.NotFound("Not found.");

    private async Task<Experiment> RunningAsync(long experimentId, CancellationToken ct)
    {
        var experiment = await FindAsync(experimentId, ct);
        return experiment.Status == ExperimentStatuses.Running ? experiment
            : throw PlatformException.Conflict("Experiment not running", $"The experiment is {experiment.Status}; only a running experiment takes participants.");
    }

    private async Task<Participant> ParticipantAsync(Experiment experiment, long userId, CancellationToken ct)
    {
        var partition = ExperimentDocuments.ParticipantPartition(experiment.ExperimentId);
        var id = ExperimentDocuments.ParticipantKey(experiment.ExperimentId, userId);
        var existing = await store.ReadAsync<Participant>(Containers.Experiments, id, partition, ct);
        if (existing is not null) return existing.Document;
        await accounts.GetAsync(userId, ct);
        var participant = new Participant
        {
            Id = id, Partition = partition, ExperimentId = experiment.ExperimentId, UserId = userId, VariantId = Assign(experiment, userId).Id,
            ExposedAt = clock.GetUtcNow(),
        };
        // Two first calls at once: one creates, the other reads what it created.
        if (await store.TryCreateAsync(Containers.Experiments, participant, partition, ct)) return participant;
        return (await store.ReadAsync<Participant>(Containers.Experiments, id, partition, ct))!.Document;
    }

    private async Task<Participant> MarkAsync(Participant participant, Action<Participant> mark, CancellationToken ct) =>
        await store.ReplaceAsync<Participant>(Containers.Experiments, participant.Id, participant.Partition, p =>
        {
            mark(p);
            return p;
        }, ct) ?? participant;

    private async Task<List<ExperimentResults>> ResultsAsync(IReadOnlyList<Experiment> experiments, CancellationToken ct)
    {
        if (experiments.Count == 0) return [];
        var tallies = await store.QueryListAsync<ExperimentTally>(Containers.Experiments,
            new QueryDefinition("SELECT * FROM c WHERE c.partition = @catalog AND c.kind = @kind AND ARRAY_CONTAINS(@ids, c.experiment_id)")
                .WithParameter("@catalog", ExperimentDocuments.Catalog).WithParameter("@kind", ExperimentDocuments.TallyKind)
                .WithParameter("@ids", experiments.Select(e => e.ExperimentId).ToList()),
            ExperimentDocuments.Catalog, ct: ct);
        return experiments.Select(experiment =>
        {
            var mine = tallies.Where(t => t.ExperimentId == experiment.ExperimentId).ToList();
            var figures = experiment.Variants.ToDictionary(v => v.Id, v =>
            {
                var key = ExperimentDocuments.VariantKey(v.Id);
                return (mine.Sum(t => t.Exposures.GetValueOrDefault(key)), mine.Sum(t => t.Conversions.GetValueOrDefault(key)));
            });
            return new ExperimentResults(experiment, figures);
        }).ToList();
    }

    private static ExperimentTally Tally(Experiment experiment, int shard) => new()
    {
        Id = ExperimentDocuments.TallyKey(experiment.ExperimentId, shard), ExperimentId = experiment.ExperimentId,
        Exposures = experiment.Variants.ToDictionary(v => ExperimentDocuments.VariantKey(v.Id), _ => 0L),
        Conversions = experiment.Variants.ToDictionary(v => ExperimentDocuments.VariantKey(v.Id), _ => 0L),
    };

    /// <summary>The participant's tally shard, and the variant's counter on it.</summary>
    private static CounterTarget Target(Experiment experiment, Participant participant, string figure) =>
        new(Containers.Experiments, ExperimentDocuments.TallyKey(experiment.ExperimentId, (int)(participant.UserId % ExperimentDocuments.TallyShards)),
            ExperimentDocuments.Catalog, [($"/{figure}/{ExperimentDocuments.VariantKey(participant.VariantId)}", 1)]);

    private static string ExposureFact(Participant p) => "exposure:" + p.Id;
    private static string ConversionFact(Participant p) => "conversion:" + p.Id;

    private static Variant VariantOf(Experiment experiment, Participant participant) =>
        experiment.Variants.FirstOrDefault(v => v.Id == participant.VariantId) ?? Assign(experiment, participant.UserId);

    private static string StatusChoices(string sent) =>
        $"\"{sent}\" is not a valid choice. Valid options: {string.Join(", ", ExperimentStatuses.All)}.";

    private static string? Text(string? value, string field, int maxLength, bool required, FieldErrors errors)
    {
        if (value is null)
        {
            if (required) errors.Add(field, "This field is required.");
            return null;
        }
        var text = value.Trim();
        if (required && text.Length == 0) errors.Add(field, "This field may not be blank.");
        else if (text.Length > maxLength) errors.Add(field, $"Ensure this field has no more than {maxLength} characters.");
        return text;
    }

    /// <summary>2 to 10 variants, each with a name and a weight of 1 to 1,000 (default 1), numbered from 1.</summary>
    private static List<Variant>? Variants(IReadOnlyList<VariantChange>? sent, FieldErrors errors, bool required)
    {
        if (sent is null)
        {
            if (required) errors.Add("variants", "This field is required.");
            return null;
        }
        if (sent.Count is < 2 or > MaxVariants)
        {
            errors.Add("variants", $"An experiment has 2 to {MaxVariants} variants.");
            return null;
        }
        var variants = new List<Variant>();
        foreach (var (variant, index) in sent.Select((v, i) => (v, i)))
        {
            var name = variant.Name?.Trim() ?? "";
            var weight = variant.Weight ?? 1;
            if (name.Length is 0 or > MaxNameLength || weight != Math.Floor(weight) || weight is < 1 or > MaxWeight)
            {
                errors.Add("variants", $"Variant {index + 1} needs a name of at most {MaxNameLength} characters and a weight of 1 to {MaxWeight}.");
                return null;
            }
            variants.Add(new Variant(index + 1, name, (int)weight));
        }
        if (variants.Select(v => v.Name.ToLowerInvariant()).Distinct().Count() != variants.Count)
        {
            errors.Add("variants", "Variant names must differ.");
            return null;
        }
        return variants;
    }
}
