using System.Security.Claims;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Files;
using CareerNexus.Functions.Hosting;
using CareerNexus.Functions.Recruitment;
using CareerNexus.TalentProfiles;
using CareerNexus.Tokens;

namespace CareerNexus.Functions.Talent;

// Routes: /api/candidates/profiles/{slug}/create-notes/ (POST), /api/candidates/notes/ (GET),
// /api/candidates/notes/{id}/ (GET, PUT, PATCH, DELETE).

/// <summary>
/// Document 004's notes on candidate profiles, by employers of an organization and for that organization only: written on a
/// profile, listed by their author, read by the organization's employers, changed and deleted by their author. Bodies are
/// JSON or a multipart form with a `note_file` document.
/// </summary>
public static class TalentNoteEndpoints
{
    private static readonly string[] NoteFields = ["identifier", "note", "section", "selected_text", "context", "note_file"];

    public static void MapTalentNotes(this RouteGroupBuilder group)
    {
        group.MapPost("/profiles/{slug}/create-notes", async (string slug, HttpRequest request, ClaimsPrincipal user, AccountService accounts,
            CandidateNoteService notes, CancellationToken ct) =>
        {
            var (fields, file) = await ReadAsync(request, ct);
            var note = await notes.CreateAsync(await accounts.GetAsync(user.Caller(), ct), slug, fields, file, ct);
            return Results.Json(CandidateNoteItem.Of(note), PlatformJson.Options, statusCode: StatusCodes.Status201Created);
        }).RequireAuthorization().WithMetadata(AcceptsUploads.Of(FileKind.Document))
            .Accepts<CandidateNoteBody>("application/json", "multipart/form-data").Produces<CandidateNoteItem>(StatusCodes.Status201Created);

        var notes = group.MapGroup("/notes").RequireAuthorization();

        notes.MapGet("", async (TalentPage page, ClaimsPrincipal user, AccountService accounts, CandidateNoteService service, CancellationToken ct) =>
            (await service.ListAsync(await accounts.GetAsync(user.Caller(), ct), page.Request, ct)).Select(CandidateNoteItem.Of).ToList())
            .Produces<List<CandidateNoteItem>>();

        notes.MapGet("/{id}", async (string id, ClaimsPrincipal user, AccountService accounts, CandidateNoteService service, CancellationToken ct) =>
            CandidateNoteItem.Of(await service.GetAsync(await accounts.GetAsync(user.Caller(), ct), RecruitmentIds.FromPath(id), ct)))
            .Produces<CandidateNoteItem>();

        notes.MapPut("/{id}", (string id, HttpRequest request, ClaimsPrincipal user, AccountService accounts, CandidateNoteService service,
                CancellationToken ct) => ChangeAsync(id, request, user, accounts, service, replace: true, ct))
            .WithMetadata(AcceptsUploads.Of(FileKind.Document)).Accepts<CandidateNoteBody>("application/json", "multipart/form-data")
            .Produces<CandidateNoteItem>();

        notes.MapPatch("/{id}", (string id, HttpRequest request, ClaimsPrincipal user, AccountService accounts, CandidateNoteService service,
                CancellationToken ct) => ChangeAsync(id, request, user, accounts, service, replace: false, ct))
            .WithMetadata(AcceptsUploads.Of(FileKind.Document)).Accepts<CandidateNoteBody>("application/json", "multipart/form-data")
            .Produces<CandidateNoteItem>();

        notes.MapDelete("/{id}", async (string id, ClaimsPrincipal user, AccountService accounts, CandidateNoteService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(await accounts.GetAsync(user.Caller(), ct), RecruitmentIds.FromPath(id), ct);
            return new TalentDetail("Note deleted");
        }).Produces<TalentDetail>();
    }

    private static async Task<CandidateNoteItem> ChangeAsync(string id, HttpRequest request, ClaimsPrincipal user, AccountService accounts,
        CandidateNoteService service, bool replace, CancellationToken ct)
    {
        var (fields, file) = await ReadAsync(request, ct);
        return CandidateNoteItem.Of(await service.UpdateAsync(await accounts.GetAsync(user.Caller(), ct), RecruitmentIds.FromPath(id), fields, file,
            replace, ct));
    }

    /// <summary>The note's fields, and its file to store once they are valid: a document part, or in JSON a URL or null (removed).</summary>
    private static async Task<(CandidateNoteFields Fields, Func<Task<string?>>? File)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await RecruitmentBody.ReadAsync(request, NoteFields, ct);
        var fields = new CandidateNoteFields(body.Text("identifier"), body.Text("note"), body.Text("section"), body.Text("selected_text"),
            body.Text("context"));
        var file = TalentMedia.Upload(body, "note_file", FileKind.Document, "candidate-notes", takesUrl: true, ct);
        body.ThrowIfInvalid();
        return (fields, file);
    }
}
