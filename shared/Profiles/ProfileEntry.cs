using System.Globalization;

namespace CareerNexus.Profiles;

/// <summary>The three kinds of entry a profile lists.</summary>
public static class EntryKinds
{
    public const string Experience = "experience";
    public const string Education = "education";
    public const string Certification = "certification";
}

/// <summary>
/// One experience, education or certification entry, kept in its account document's list of entries. Each kind uses
/// its own fields; the others stay empty.
/// </summary>
public sealed class ProfileEntry
{
    public string Id { get; set; } = "";
    public string Kind { get; set; } = "";
    public long EntryId { get; set; }
    public long UserId { get; set; }

    /// <summary>Experience: the job title. Certification: the certificate's title.</summary>
    public string Title { get; set; } = "";
    public string Organization { get; set; } = "";
    public string Course { get; set; } = "";

    /// <summary>Education: the school. Certification: who issued it.</summary>
    public string School { get; set; } = "";

    /// <summary>"YYYY-MM-DD".</summary>
    public string StartDate { get; set; } = "";

    /// <summary>"YYYY-MM-DD", "Present", or empty.</summary>
    public string EndDate { get; set; } = "";
    public string Location { get; set; } = "";

    /// <summary>One of the employment_category choices.</summary>
    public string EmploymentType { get; set; } = "";
    public string Detail { get; set; } = "";
    public string IssueDate { get; set; } = "";
    public string CertId { get; set; } = "";
    public string Skills { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static string PartitionOf(long userId) => Storage.DocumentKeys.UserPartition(userId);
    public static string DocumentId(string kind, long entryId) => kind + ":" + entryId.ToString(CultureInfo.InvariantCulture);

    /// <summary>The date the entry is listed by: newest first, as the document's examples are.</summary>
    public string SortDate() => Kind == EntryKinds.Certification ? IssueDate : StartDate;
}

/// <summary>An experience entry as sent: null leaves a field as it is (on update), "" clears an optional one.</summary>
public sealed record ExperienceFields(string? Title, string? Organization, string? StartDate, string? EndDate, string? Location,
    string? EmploymentType, string? Detail);

public sealed record EducationFields(string? Course, string? School, string? StartDate, string? EndDate, string? Location, string? Detail);

public sealed record CertificationFields(string? Title, string? School, string? IssueDate, string? CertId, string? Skills);
