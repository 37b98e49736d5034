using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Files;
using CareerNexus.Organizations;
using CareerNexus.Storage;

namespace CareerNexus.TalentProfiles;

/// <summary>
/// Document 004's notes on candidate profiles. Employers of an organization write them on the profiles they may see (every
/// available one); a note is its organization's: its employers read it (in the profile's get_all_notes, and by id), its
/// author alone changes or deletes it. Candidates, other organizations and employers in none never see it (404).
/// </summary>
public sealed class CandidateNoteService(CandidateNoteStore notes, TalentProfileService profiles, OrganizationService organizations, IdAllocator ids,
    FileStore files, TimeProvider clock)
{
    public const int MaxIdentifierLength = 100;
    public const int MaxNoteLength = 5000;
    public const int MaxSectionLength = 100;
    public const int MaxSelectedTextLength = 5000;
    public const int MaxContextLength = 1000;

    /// <summary>
    /// A note by an employer of an organization on a profile they may see (404 otherwise; 403 for a candidate, an employer in no
    /// organization, or one's own profile). The file is stored once the fields are valid.
    /// </summary>
    public async Task<CandidateNote> CreateAsync(Account caller, string slug, CandidateNoteFields fields, Func<Task<string?>>? file,
        CancellationToken ct = default)
    {
        var profile = await profiles.VisibleAsync(caller, slug, ct);
        var organization = await WriterOrganizationAsync(caller, ct);
        if (profile.UserId == caller.UserId) throw PlatformException.Forbidden("Notes are written about other candidates, not about oneself.");
        var checkedFields = Check(fields, replace: true);
        var now = clock.GetUtcNow();
        var noteId = await ids.NextAsync("candidate_notes", ct);
        // The client's identifier names the note: a retried create (the same author, profile and identifier) answers the note
        // made the first time, or finishes it under the same id when that attempt stopped before writing it.
        if (!string.IsNullOrEmpty(checkedFields.Identifier))
        {
            var claimed = await notes.ClaimIdentifierAsync(organization, caller.UserId, profile.ProfileId, checkedFields.Identifier, noteId, ct);
            if (claimed != noteId && await notes.ReadAsync(organization, claimed, ct) is { } earlier) return earlier.Document;
            noteId = claimed;
        }
        var note = new CandidateNote
        {
            Id = CandidateNote.IdOf(noteId), Partition = CandidateNote.PartitionOf(organization), NoteId = noteId, OrganizationId = organization,
            ProfileId = profile.ProfileId, Profile = profile.Slug, CandidateId = profile.UserId, AuthorId = caller.UserId,
            Sort = DocumentKeys.TimeOrder(now, noteId), CreatedAt = now, UpdatedAt = now,
        };
        Apply(note, checkedFields);
        note.NoteFile = NullIfEmpty(file is null ? null : await file());
        await notes.TryCreateAsync(note, ct);
        return note;
    }

    /// <summary>A page of the caller's own notes in their organization, newest first (none for a caller in no organization).</summary>
    public async Task<IReadOnlyList<CandidateNote>> ListAsync(Account caller, PageRequest page, CancellationToken ct = default) =>
        await organizations.IdOfAsync(caller, ct) is { } organization ? await notes.ByAuthorAsync(organization, caller.UserId, page, ct) : [];

    /// <summary>A note of the caller's organization: one point read in its partition; 404 for anyone else.</summary>
    public async Task<CandidateNote> GetAsync(Account caller, long noteId, CancellationToken ct = default) => (await ReadAsync(caller, noteId, ct)).Document;

    /// <summary>Changes the fields sent (PUT must send the note's text) of the caller's own note; a new file replaces the old one.</summary>
    public async Task<CandidateNote> UpdateAsync(Account caller, long noteId, CandidateNoteFields fields, Func<Task<string?>>? file, bool replace,
        CancellationToken ct = default)
    {
        Stored<CandidateNote>? read = await AuthoredAsync(caller, noteId, ct);
        var checkedFields = Check(fields, replace);
        // The identifier is the create's idempotency key, claimed once: it stays what the note was made with.
        if (checkedFields.Identifier is { } identifier && identifier != read.Document.Identifier)
            throw PlatformException.InvalidFields(new Dictionary<string, string> { ["identifier"] = "The identifier of a note cannot be changed." });
        var stored = file is null ? null : await file();
        for (var attempt = 1; ; attempt++)
        {
            Stored<CandidateNote> current;
            try
            {
                // The first attempt uses the read that authorized the change; a lost race reads again.
                current = read ?? await AuthoredAsync(caller, noteId, ct);
                read = null;
            }
            catch (PlatformException)
            {
                // Deleted meanwhile: the file stored for it goes too.
                await files.DeleteAsync(stored, ct);
                throw;
            }
            var note = current.Document;
            var replaced = note.NoteFile;
            Apply(note, checkedFields);
            if (stored is not null) note.NoteFile = NullIfEmpty(stored);
            note.UpdatedAt = clock.GetUtcNow();
            if (await notes.TryReplaceAsync(note, current.ETag, ct))
            {
                if (stored is not null && replaced != note.NoteFile) await files.DeleteAsync(replaced, ct);
                return note;
            }
            await DocumentStore.ContendedAsync(attempt, ct);
        }
    }

    /// <summary>Deletes the caller's own note and its file.</summary>
    public async Task DeleteAsync(Account caller, long noteId, CancellationToken ct = default)
    {
        var note = (await AuthoredAsync(caller, noteId, ct)).Document;
        await notes.DeleteAsync(note, ct);
        await notes.ReleaseIdentifierAsync(note, ct);
        await files.DeleteAsync(note.NoteFile, ct);
    }

    /// <summary>The notes about a deleted profile, and their files, in every organization (the candidate-profiles queue).</summary>
    public Task ForgetProfileAsync(long profileId, CancellationToken ct = default) => RemoveAsync("profile_id", profileId, ct);

    /// <summary>The notes about an account's profile and those it wrote, and their files, in every organization (the erasure).</summary>
    public async Task EraseAsync(long userId, CancellationToken ct = default)
    {
        await RemoveAsync("candidate_id", userId, ct);
        await RemoveAsync("author_id", userId, ct);
    }

    private async Task RemoveAsync(string property, long value, CancellationToken ct)
    {
        foreach (var note in await notes.EverywhereAsync(property, value, ct))
        {
            await files.DeleteAsync(note.NoteFile, ct);
            await notes.DeleteAsync(note, ct);
        }
    }

    /// <summary>A note of the caller's organization, unless it is about the caller (a candidate who joined it since).</summary>
    private async Task<Stored<CandidateNote>> ReadAsync(Account caller, long noteId, CancellationToken ct) =>
        await organizations.IdOfAsync(caller, ct) is { } organization && await notes.ReadAsync(organization, noteId, ct) is { } note
        && note.Document.CandidateId != caller.UserId
            ? note
            : throw PlatformException.NotFound("Note not found.");

    private async Task<Stored<CandidateNote>> AuthoredAsync(Account caller, long noteId, CancellationToken ct)
    {
        var note = await ReadAsync(caller, noteId, ct);
        return note.Document.AuthorId == caller.UserId ? note : throw PlatformException.Forbidden("Only the note's author may change or delete it.");
    }

    private async Task<long> WriterOrganizationAsync(Account caller, CancellationToken ct) =>
        caller.IsEmployerOnTalent() && await organizations.IdOfAsync(caller, ct) is { } organization
            ? organization
            : throw PlatformException.Forbidden("Only employers of an organization write notes on candidate profiles.");

    private static CandidateNoteFields Check(CandidateNoteFields sent, bool replace)
    {
        var errors = new FieldErrors();
        var note = sent.Note?.Trim();
        if (note is null && replace) errors.Add("note", "This field is required.");
        else if (note is { Length: 0 }) errors.Add("note", "This field may not be blank.");
        AccountRules.CheckText(note, MaxNoteLength, errors, "note");
        var identifier = sent.Identifier?.Trim();
        AccountRules.CheckText(identifier, MaxIdentifierLength, errors, "identifier");
        var section = sent.Section?.Trim();
        AccountRules.CheckText(section, MaxSectionLength, errors, "section");
        var selected = sent.SelectedText?.Trim();
        AccountRules.CheckText(selected, MaxSelectedTextLength, errors, "selected_text");
        var context = sent.Context?.Trim();
        AccountRules.CheckText(context, MaxContextLength, errors, "context");
        errors.ThrowIfAny();
        return new CandidateNoteFields(identifier, note, section, selected, context);
    }

    private static void Apply(CandidateNote note, CandidateNoteFields fields)
    {
        if (fields.Identifier is { } identifier) note.Identifier = identifier;
        if (fields.Note is { } text) note.Note = text;
        if (fields.Section is { } section) note.Section = section;
        if (fields.SelectedText is { } selected) note.SelectedText = selected;
        if (fields.Context is { } context) note.Context = context;
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
