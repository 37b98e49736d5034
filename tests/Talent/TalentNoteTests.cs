using System.Net;
using System.Text.Json;
using CareerNexus.Tests.Adapters;
using CareerNexus.Tests.Support;
using Xunit;
using static CareerNexus.Tests.Talent.TalentCandidates;

namespace CareerNexus.Tests.Talent;

/// <summary>
/// Document 004's notes on candidate profiles: an organization's record, read by its employers only (in get_all_notes and by
/// id), changed and deleted by their author; never shown to the candidate, another organization or an employer in none.
/// </summary>
public sealed class TalentNoteTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private static readonly HttpClient Reader = new();
    private readonly TestApp _app = fixture.App;
    private readonly ApiClient _api = fixture.App.Api();

    [Fact]
    public async Task A_note_is_read_by_the_employers_of_its_organization_only()
    {
        var (candidate, slug) = await _app.CandidateWithProfile();
        var (author, organization) = await _app.Employer();
        var colleague = await _app.Member(organization);
        var (outsider, _) = await _app.Employer();
        var loner = await _app.TalentUser(candidate: false);

        var created = (await _api.Post($"{ProfilesRoute}/{slug}/create-notes/", new
        {
            identifier = "note-001", note = "Strong Python skills, 5 years experience", section = "skills", selected_text = "Python, Django, PostgreSQL",
            context = "Resume section 2", note_file = (string?)null,
        }, author.Access)).Expect(HttpStatusCode.Created);
        var id = created["id"].GetInt64();
        Assert.Equal("note-001", created["identifier"].GetString());
        Assert.Equal("Strong Python skills, 5 years experience", created["note"].GetString());
        Assert.Equal("skills", created["section"].GetString());
        Assert.Equal("Python, Django, PostgreSQL", created["selected_text"].GetString());
        Assert.Equal("Resume section 2", created["context"].GetString());
        Assert.Equal(JsonValueKind.Null, created["note_file"].ValueKind);
        Assert.Equal(slug, created["profile"].GetString());
        Assert.Equal(author.Id, created["author_id"].GetInt64());
        Assert.True(created["created_at"].GetDateTimeOffset() <= DateTimeOffset.UtcNow.AddMinutes(1));

        // The organization's employers see it on the profile (GET and the list) and by id.
        foreach (var reader in new[] { author, colleague })
        {
            var shown = Assert.Single((await _api.Get($"{ProfilesRoute}/{slug}/", reader.Access)).Expect(HttpStatusCode.OK)["get_all_notes"].EnumerateArray());
            Assert.Equal(id, shown.GetProperty("id").GetInt64());
            var listed = (await _api.Get($"{ProfilesRoute}/?limit=100", reader.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray()
                .Single(p => p.GetProperty("slug").GetString() == slug);
            Assert.Equal(id, Assert.Single(listed.GetProperty("get_all_notes").EnumerateArray()).GetProperty("id").GetInt64());
            Assert.Equal(created.Body.GetRawText(), (await _api.Get($"{NotesRoute}/{id}/", reader.Access)).Expect(HttpStatusCode.OK).Body.GetRawText());
        }

        // Nobody else: the candidate, another organization, an employer in none; the note is a 404 to them.
        foreach (var reader in new[] { candidate, outsider, loner })
        {
            Assert.Empty((await _api.Get($"{ProfilesRoute}/{slug}/", reader.Access)).Expect(HttpStatusCode.OK)["get_all_notes"].EnumerateArray());
            (await _api.Get($"{NotesRoute}/{id}/", reader.Access)).ExpectTalentError(HttpStatusCode.NotFound);
            (await _api.Patch($"{NotesRoute}/{id}/", new { note = "Mine now" }, reader.Access)).ExpectTalentError(HttpStatusCode.NotFound);
            (await _api.Delete($"{NotesRoute}/{id}/", reader.Access)).ExpectTalentError(HttpStatusCode.NotFound);
            Assert.DoesNotContain("Strong Python", (await _api.Get($"{NotesRoute}/", reader.Access)).Expect(HttpStatusCode.OK).Body.GetRawText());
        }
        Assert.DoesNotContain("Strong Python", (await _api.Get($"{ProfilesRoute}/?limit=100", outsider.Access)).Expect(HttpStatusCode.OK).Body.GetRawText());

        // Only employers of an organization write notes, and only on profiles they see; a colleague reads but does not change one.
        (await _api.Post($"{ProfilesRoute}/{slug}/create-notes/", new { note = "Self review" }, candidate.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await _api.Post($"{ProfilesRoute}/{slug}/create-notes/", new { note = "From nowhere" }, loner.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        var (other, otherSlug) = await _app.CandidateWithProfile();
        (await _api.Post($"{ProfilesRoute}/{otherSlug}/create-notes/", new { note = "Peer review" }, candidate.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        (await _api.Patch($"{ProfilesRoute}/{otherSlug}/", new { is_available = false }, other.Access)).Expect(HttpStatusCode.OK);
        (await _api.Post($"{ProfilesRoute}/{otherSlug}/create-notes/", new { note = "Hidden" }, author.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        (await _api.Patch($"{NotesRoute}/{id}/", new { note = "Colleague's edit" }, colleague.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        (await _api.Delete($"{NotesRoute}/{id}/", colleague.Access)).ExpectTalentError(HttpStatusCode.Forbidden);
        Assert.Equal("Strong Python skills, 5 years experience", (await _api.Get($"{NotesRoute}/{id}/", author.Access)).Expect(HttpStatusCode.OK)["note"].GetString());
    }

    [Fact]
    public async Task A_create_retried_with_its_identifier_answers_the_first_note_and_a_deleted_notes_identifier_makes_a_new_one()
    {
        var (_, slug) = await _app.CandidateWithProfile();
        var (author, _) = await _app.Employer();
        var body = new { identifier = "retry-001", note = "Sent twice", section = "skills" };
        var first = (await _api.Post($"{ProfilesRoute}/{slug}/create-notes/", body, author.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        // The same identifier again (a retry, even with other text) is the same note; another identifier is another note.
        Assert.Equal(first, (await _api.Post($"{ProfilesRoute}/{slug}/create-notes/", body with { note = "Changed" }, author.Access))
            .Expect(HttpStatusCode.Created)["id"].GetInt64());
        var other = (await _api.Post($"{ProfilesRoute}/{slug}/create-notes/", body with { identifier = "retry-002" }, author.Access))
            .Expect(HttpStatusCode.Created)["id"].GetInt64();
        Assert.NotEqual(first, other);
        // The identifier stays what the note was made with: sending it again is fine, another one is refused.
        (await _api.Patch($"{NotesRoute}/{other}/", new { identifier = "retry-003" }, author.Access)).ExpectTalentError(HttpStatusCode.BadRequest);
        (await _api.Patch($"{NotesRoute}/{other}/", new { identifier = "retry-002", section = "experience" }, author.Access)).Expect(HttpStatusCode.OK);
        var shown = (await _api.Get($"{ProfilesRoute}/{slug}/", author.Access)).Expect(HttpStatusCode.OK)["get_all_notes"].EnumerateArray().ToList();
        Assert.Equal([other, first], shown.Select(n => n.GetProperty("id").GetInt64()));
        Assert.Equal("Sent twice", shown[1].GetProperty("note").GetString());

        (await _api.Delete($"{NotesRoute}/{first}/", author.Access)).Expect(HttpStatusCode.OK);
        var again = (await _api.Post($"{ProfilesRoute}/{slug}/create-notes/", body, author.Access)).Expect(HttpStatusCode.Created)["id"].GetInt64();
        Assert.NotEqual(first, again);
    }

    [Fact]
    public async Task The_author_lists_changes_and_deletes_their_notes_with_their_files()
    {
        var (_, slug) = await _app.CandidateWithProfile();
        var (author, organization) = await _app.Employer();
        var colleague = await _app.Member(organization);
        var colleagues = await _api.CreateNote(colleague, slug, "The colleague's note");
        var pdf = FilesTests.Pdf();

        var created = (await _api.SendForm(HttpMethod.Post, $"{ProfilesRoute}/{slug}/create-notes/", new Dictionary<string, object>
        {
            ["identifier"] = "note-002", ["note"] = "Interview notes attached", ["section"] = "experience",
            ["note_file"] = new FormFile("notes.pdf", PdfType, pdf),
        }, author.Access)).Expect(HttpStatusCode.Created);
        var id = created["id"].GetInt64();
        var file = created["note_file"].GetString()!;
        Assert.Contains("candidate-notes/", file);
        Assert.Equal(pdf, await Reader.GetByteArrayAsync(file));
        var second = await _api.CreateNote(author, slug, "A second thought");

        // The author's list: their own notes, newest first, bounded by page and limit.
        var mine = (await _api.Get($"{NotesRoute}/", author.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray().Select(n => n.GetProperty("id").GetInt64()).ToList();
        Assert.Equal([second, id], mine);
        Assert.DoesNotContain(colleagues, mine);
        Assert.Equal([id], (await _api.Get($"{NotesRoute}/?limit=1&page=2", author.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray()
            .Select(n => n.GetProperty("id").GetInt64()));
        Assert.Equal(3, (await _api.Get($"{ProfilesRoute}/{slug}/", colleague.Access)).Expect(HttpStatusCode.OK)["get_all_notes"].GetArrayLength());

        // PATCH changes the fields sent; PUT needs the note's text; a new file replaces the old one, whose blob goes.
        var patched = (await _api.Patch($"{NotesRoute}/{id}/", new { section = "education" }, author.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("education", patched["section"].GetString());
        Assert.Equal("Interview notes attached", patched["note"].GetString());
        Assert.Equal(file, patched["note_file"].GetString());
        (await _api.Put($"{NotesRoute}/{id}/", new { section = "skills" }, author.Access)).ExpectTalentError(HttpStatusCode.BadRequest)["fields"].GetProperty("note");
        var replaced = (await _api.SendForm(HttpMethod.Put, $"{NotesRoute}/{id}/", new Dictionary<string, object>
        {
            ["note"] = "Updated note text", ["note_file"] = new FormFile("notes.txt", "text/plain", "Plain notes"u8.ToArray()),
        }, author.Access)).Expect(HttpStatusCode.OK);
        Assert.Equal("Updated note text", replaced["note"].GetString());
        Assert.Equal("note-002", replaced["identifier"].GetString());
        var newFile = replaced["note_file"].GetString()!;
        Assert.NotEqual(file, newFile);
        Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync(file)).StatusCode);
        (await _api.SendForm(HttpMethod.Patch, $"{NotesRoute}/{id}/", new Dictionary<string, object>
        {
            ["note_file"] = new FormFile("notes.exe", "application/octet-stream", [0x4D, 0x5A, 0x90, 0x00]),
        }, author.Access)).ExpectTalentError(HttpStatusCode.BadRequest)["fields"].GetProperty("note_file");
        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { note = "" }, "note"), (new { note = new string('n', 5001) }, "note"), (new { identifier = new string('i', 101) }, "identifier"),
                     (new { section = 7 }, "section"), (new { context = new string('c', 1001) }, "context"),
                 })
            Assert.True((await _api.Patch($"{NotesRoute}/{id}/", body, author.Access)).ExpectTalentError(HttpStatusCode.BadRequest)["fields"].TryGetProperty(field, out _));
        (await _api.Post($"{ProfilesRoute}/{slug}/create-notes/", new { section = "skills" }, author.Access))
            .ExpectTalentError(HttpStatusCode.BadRequest)["fields"].GetProperty("note");
        (await _api.Get($"{NotesRoute}/abc/", author.Access)).ExpectTalentError(HttpStatusCode.NotFound);

        // Deleting answers the document's words; the note and its file are gone.
        Assert.Equal("Note deleted", (await _api.Delete($"{NotesRoute}/{id}/", author.Access)).Expect(HttpStatusCode.OK)["detail"].GetString());
        (await _api.Get($"{NotesRoute}/{id}/", author.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await Reader.GetAsync(newFile)).StatusCode);
        Assert.Equal([second], (await _api.Get($"{NotesRoute}/", author.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray().Select(n => n.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Deleting_a_profile_deletes_the_notes_about_it()
    {
        var (candidate, slug) = await _app.CandidateWithProfile();
        var (author, _) = await _app.Employer();
        var note = await _api.CreateNote(author, slug, "Soon forgotten");
        (await _api.Delete($"{ProfilesRoute}/{slug}/", candidate.Access)).Expect(HttpStatusCode.OK);
        (await _api.Get($"{ProfilesRoute}/{slug}/", author.Access)).ExpectTalentError(HttpStatusCode.NotFound);
        await Eventually.True(async () => (await _api.Get($"{NotesRoute}/{note}/", author.Access)).Status == HttpStatusCode.NotFound,
            "The note about the deleted profile is still there");
        Assert.Empty((await _api.Get($"{NotesRoute}/", author.Access)).Expect(HttpStatusCode.OK).Body.EnumerateArray());
    }
}
