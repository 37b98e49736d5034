using System.Net;
using System.Text.Json;
using CareerNexus.Tests.Resumes.Corpus;
using CareerNexus.Tests.Support;

namespace CareerNexus.Tests.Talent;

/// <summary>Candidate profiles and notes made through their routes, and the resume files the tests upload.</summary>
public static class TalentCandidates
{
    public const string ProfilesRoute = "/api/candidates/profiles";
    public const string NotesRoute = "/api/candidates/notes";

    public const string PdfType = "application/pdf";
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>A new Talent candidate with a profile made through the route: JSON, or a multipart form with the resume.</summary>
    public static async Task<(TestUser User, string Slug)> CandidateWithProfile(this TestApp app, object? fields = null, FormFile? resume = null,
        string tag = "")
    {
        var user = await app.TalentUser(tag: tag);
        return (user, await app.Api().CreateProfile(user, fields, resume));
    }

    public static async Task<string> CreateProfile(this ApiClient api, TestUser user, object? fields = null, FormFile? resume = null)
    {
        var created = resume is null
            ? await api.Post(ProfilesRoute + "/", fields ?? new { is_available = true }, user.Access)
            : await api.SendForm(HttpMethod.Post, ProfilesRoute + "/", Form(fields, ("resume_file", resume)), user.Access);
        return created.Expect(HttpStatusCode.Created)["slug"].GetString()!;
    }

    /// <summary>An employer's note on the profile; its id.</summary>
    public static async Task<long> CreateNote(this ApiClient api, TestUser employer, string slug, string text) =>
        (await api.Post($"{ProfilesRoute}/{slug}/create-notes/", new { identifier = "note-001", note = text, section = "skills" }, employer.Access))
        .Expect(HttpStatusCode.Created)["id"].GetInt64();

    /// <summary>A form of the object's properties (lists as JSON arrays, as document 004's forms send them) and the files.</summary>
    public static Dictionary<string, object> Form(object? fields, params (string Name, FormFile File)[] files)
    {
        var form = new Dictionary<string, object>();
        if (fields is not null)
            foreach (var property in JsonSerializer.SerializeToElement(fields).EnumerateObject())
                form[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Null => "null",
                    _ => property.Value.GetRawText(),
                };
        foreach (var (name, file) in files) form[name] = file;
        return form;
    }

    /// <summary>The smallest file the upload takes as a PDF (its leading bytes); the parser finds it corrupt.</summary>
    public static FormFile MinimalPdf() => new("cv.pdf", PdfType, Adapters.FilesTests.Pdf());

    /// <summary>A generated resume of the parser's corpus (what it holds is known), as a PDF or DOCX upload.</summary>
    public static (FormFile File, CareerNexus.Resumes.ResumeData Truth) Resume(int number, string format, CorpusLayout layout = CorpusLayout.Classic)
    {
        var resume = ResumeCorpus.Make(number, layout, "en", format);
        return (new FormFile($"resume.{format}", format == "pdf" ? PdfType : DocxType, resume.Content), resume.Truth);
    }

    /// <summary>The profile once its parsing left "parsing": its parsing-status answer.</summary>
    public static async Task<ApiResponse> ParsedAsync(this ApiClient api, TestUser caller, string slug)
    {
        ApiResponse status = null!;
        await Eventually.True(async () =>
            (status = (await api.Get($"{ProfilesRoute}/{slug}/parsing-status/", caller.Access)).Expect(HttpStatusCode.OK))["parsing_status"].GetString() is not "parsing",
            $"The resume of {slug} was not parsed");
        return status;
    }
}
