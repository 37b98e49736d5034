using CareerNexus.Common;
using CareerNexus.Storage;
using Microsoft.Azure.Cosmos;

namespace CareerNexus.TalentProfiles;

/// <summary>
/// An employer's note on a candidate profile (document 004), in the partition of the organization it was written for
/// ("organization:{id}" of candidate_notes): it is that organization's record, read by its employers only. The profile it is
/// about is named by id and slug, its candidate by account id (so that erasing either finds it).
/// </summary>
public sealed class CandidateNote
{
    public string Id { get; set; } = "";
    public string Partition { get; set; } = "";
    public long NoteId { get; set; }
    public long OrganizationId { get; set; }
    public long ProfileId { get; set; }
    public string Profile { get; set; } = "";
    public long CandidateId { get; set; }
    public long AuthorId { get; set; }

    /// <summary>The client's own name for the note ("note-001"), kept as sent.</summary>
    public string Identifier { get; set; } = "";

    public string Note { get; set; } = "";
    public string Section { get; set; } = "";
    public string SelectedText { get; set; } = "";
    public string Context { get; set; } = "";
    public string? NoteFile { get; set; }

    /// <summary>Newest first: <see cref="DocumentKeys.TimeOrder"/> of its creation.</summary>
    public string Sort { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public static string IdOf(long noteId) => "note:" + TalentIdText.Of(noteId);

    public static string PartitionOf(long organizationId) => "organization:" + TalentIdText.Of(organizationId);
}

/// <summary>A note's fields as sent: null leaves a field as it is on a change; a create needs the note's text.</summary>
public sealed record CandidateNoteFields(string? Identifier, string? Note, string? Section, string? SelectedText, string? Context);

/// <summary>
/// Where notes live: a profile's notes for one organization, and an author's own, are each one single-partition query; a note
/// by id is a point read in the caller's organization's partition. Only the erasure and a deleted profile's cleanup look
/// across partitions, from the queue.
/// </summary>
public sealed class CandidateNoteStore(DocumentStore store)
{
    /// <summary>Notes a profile shows to one organization, newest first.</summary>
    public const int MaxShown = 50;

    /// <summary>Notes one list page reads for all its profiles together (each still shows at most <see cref="MaxShown"/>).</summary>
    public const int MaxPerList = 1000;

    public async Task<IReadOnlyList<CandidateNote>> OfProfileAsync(long organizationId, long profileId, CancellationToken ct = default)
    {
        var partition = CandidateNote.PartitionOf(organizationId);
        var query = new QueryDefinition($"SELECT TOP {MaxShown} * FROM c WHERE c.partition = @partition AND c.profile_id = @profile ORDER BY c.sort DESC")
            .WithParameter("@partition", partition).WithParameter("@profile", profileId);
        return await store.QueryListAsync<CandidateNote>(Containers.CandidateNotes, query, partition, take: MaxShown, ct: ct);
    }

    /// <summary>The notes of a page of profiles for one organization: one query, the newest <see cref="MaxPerList"/> of them.</summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<CandidateNote>>> OfProfilesAsync(long organizationId, IReadOnlyCollection<long> profileIds,
        CancellationToken ct = default)
    {
        if (profileIds.Count == 0) return new Dictionary<long, IReadOnlyList<CandidateNote>>();
        var partition = CandidateNote.PartitionOf(organizationId);
        var query = new QueryDefinition(
                $"SELECT TOP {MaxPerList} * FROM c WHERE c.partition = @partition AND ARRAY_CONTAINS(@profiles, c.profile_id) ORDER BY c.sort DESC")
            .WithParameter("@partition", partition).WithParameter("@profiles", profileIds.ToArray());
        var found = await store.QueryListAsync<CandidateNote>(Containers.CandidateNotes, query, partition, take: MaxPerList, ct: ct);
        return found.GroupBy(n => n.ProfileId).ToDictionary(g => g.Key, g => (IReadOnlyList<CandidateNote>)g.Take(MaxShown).ToList());
    }

    /// <summary>A page of one author's notes in one organization, newest first.</summary>
    public async Task<IReadOnlyList<CandidateNote>> ByAuthorAsync(long organizationId, long authorId, PageRequest page, CancellationToken ct = default)
    {
        var partition = CandidateNote.PartitionOf(organizationId);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.partition = @partition AND c.author_id = @author ORDER BY c.sort DESC")
            .WithParameter("@partition", partition).WithParameter("@author", authorId);
        return (await store.PartitionPageAsync<CandidateNote>(Containers.CandidateNotes, query, partition, 0, page, ct)).Items;
    }

    public Task<Stored<CandidateNote>?> ReadAsync(long organizationId, long noteId, CancellationToken ct = default) =>
        store.ReadAsync<CandidateNote>(Containers.CandidateNotes, CandidateNote.IdOf(noteId), CandidateNote.PartitionOf(organizationId), ct);

    public Task<bool> TryCreateAsync(CandidateNote note, CancellationToken ct = default) =>
        store.TryCreateAsync(Containers.CandidateNotes, note, note.Partition, ct);

    public Task<bool> TryReplaceAsync(CandidateNote note, string etag, CancellationToken ct = default) =>
        store.TryReplaceAsync(Containers.CandidateNotes, note.Id, note, note.Partition, etag, ct);

    public Task<bool> DeleteAsync(CandidateNote note, CancellationToken ct = default) =>
        store.DeleteAsync(Containers.CandidateNotes, note.Id, note.Partition, ct: ct);

    /// <summary>
    /// The note id that an author's identifier on a profile stands for: <paramref name="noteId"/> when this claim is the first,
    /// else the id the earlier claim named. The claim sits beside the notes, keyed by a digest of the identifier.
    /// </summary>
    public async Task<long> ClaimIdentifierAsync(long organizationId, long authorId, long profileId, string identifier, long noteId,
        CancellationToken ct = default)
    {
        var claim = new IdentifierClaim(IdentifierKey(authorId, profileId, identifier), CandidateNote.PartitionOf(organizationId), noteId);
        for (var attempt = 1; ; attempt++)
        {
            if (await store.TryCreateAsync(Containers.CandidateNotes, claim, claim.Partition, ct)) return noteId;
            if (await store.ReadAsync<IdentifierClaim>(Containers.CandidateNotes, claim.Id, claim.Partition, ct) is { } earlier) return earlier.Document.NoteId;
            // Released between the create and the read (the note was deleted): claim it again.
            await DocumentStore.ContendedAsync(attempt, ct);
        }
    }

    /// <summary>Frees the note's identifier once the note is deleted, so that the author may use it for a new note.</summary>
    public async Task ReleaseIdentifierAsync(CandidateNote note, CancellationToken ct = default)
    {
        if (note.Identifier.Length == 0) return;
        var key = IdentifierKey(note.AuthorId, note.ProfileId, note.Identifier);
        if (await store.ReadAsync<IdentifierClaim>(Containers.CandidateNotes, key, note.Partition, ct) is { Document.NoteId: var claimed } && claimed == note.NoteId)
            await store.DeleteAsync(Containers.CandidateNotes, key, note.Partition, ct: ct);
    }

    private static string IdentifierKey(long authorId, long profileId, string identifier) =>
        $"identifier:{TalentIdText.Of(authorId)}:{TalentIdText.Of(profileId)}:"
        + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(identifier)))[..32];

    private sealed record IdentifierClaim(string Id, string Partition, long NoteId);

    /// <summary>Every note (in any organization) whose property equals the value: for the queue's cleanup and the erasure only.</summary>
    public Task<List<CandidateNote>> EverywhereAsync(string property, long value, CancellationToken ct = default) =>
        store.QueryListAsync<CandidateNote>(Containers.CandidateNotes,
            new QueryDefinition($"SELECT * FROM c WHERE c.{property} = @value").WithParameter("@value", value), ct: ct);
}

internal static class TalentIdText
{
    public static string Of(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
