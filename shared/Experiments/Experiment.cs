using System.Globalization;
using System.Text.Json.Serialization;

namespace CareerNexus.Experiments;

public static class ExperimentStatuses
{
    public const string Draft = "draft";
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Completed = "completed";

    public static readonly IReadOnlyList<string> All = [Draft, Running, Paused, Completed];
}

/// <summary>An A/B experiment (document 003), in the catalog partition with the others, by "experiment:{n}".</summary>
public sealed class Experiment
{
    public string Id { get; set; } = "";
    public string Partition { get; set; } = ExperimentDocuments.Catalog;
    public string Kind { get; set; } = ExperimentDocuments.ExperimentKind;
    public long ExperimentId { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Status { get; set; } = ExperimentStatuses.Draft;
    public List<Variant> Variants { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A variant and its share of the participants (weights are relative: 1 and 1 split evenly).</summary>
public sealed record Variant(long Id, string Name, int Weight);

/// <summary>
/// One of an experiment's <see cref="ExperimentDocuments.TallyShards"/> counter documents: exposures and conversions per
/// variant id. Participants are spread over the shards by user so that a busy experiment does not contend on one
/// document; the figures are the sums.
/// </summary>
public sealed class ExperimentTally
{
    public string Id { get; set; } = "";
    public string Partition { get; set; } = ExperimentDocuments.Catalog;
    public string Kind { get; set; } = ExperimentDocuments.TallyKind;
    public long ExperimentId { get; set; }
    public Dictionary<string, long> Exposures { get; set; } = [];
    public Dictionary<string, long> Conversions { get; set; } = [];

    [JsonPropertyName("counted_facts")]
    public List<string>? CountedFacts { get; set; }
}

/// <summary>A user in an experiment: the variant they were given (kept, so a later weight change moves nobody) and what was counted.</summary>
public sealed class Participant
{
    public string Id { get; set; } = "";
    public string Partition { get; set; } = "";
    public long ExperimentId { get; set; }
    public long UserId { get; set; }
    public long VariantId { get; set; }
    public DateTimeOffset ExposedAt { get; set; }
    public DateTimeOffset? ConvertedAt { get; set; }

    /// <summary>CountOnce's flags: the exposure and the conversion are each on the tallies once.</summary>
    public bool ExposureCounted { get; set; }
    public bool ConversionCounted { get; set; }
}

public static class ExperimentDocuments
{
    public const string Catalog = "experiments";
    public const string ExperimentKind = "experiment";
    public const string TallyKind = "tally";
    public const int TallyShards = 4;

    public static string ExperimentKey(long experimentId) => string.Create(CultureInfo.InvariantCulture, $"experiment:{experimentId}");
    public static string TallyKey(long experimentId, int shard) => string.Create(CultureInfo.InvariantCulture, $"tally:{experimentId}:{shard}");
    public static string ParticipantPartition(long experimentId) => ExperimentKey(experimentId);
    public static string ParticipantKey(long experimentId, long userId) => string.Create(CultureInfo.InvariantCulture, $"participant:{experimentId}:{userId}");
    public static string VariantKey(long variantId) => variantId.ToString(CultureInfo.InvariantCulture);
}
