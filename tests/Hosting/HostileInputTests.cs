using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CareerNexus.Functions.Hosting;
using CareerNexus.Tests.Recruitment;
using CareerNexus.Tests.Support;
using CareerNexus.Tests.Talent;
using Xunit;

namespace CareerNexus.Tests.Hosting;

/// <summary>
/// Nothing a client sends may crash a request: every documented route, called by a signed-in account with odd
/// path values, odd query strings and bodies of every wrong shape, answers below 500 and, when it refuses, in its
/// surface's error shape: JSON with an "error" (documents 000-002), or document 003's Django REST Framework shapes
/// ({"detail"}, {"error"} or field errors) called by a candidate and by a recruiter, who reach further into its rules.
/// </summary>
public sealed class HostileInputTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly TestApp _app = fixture.App;

    /// <summary>Field names the documents use, so that wrong values reach the binders and the rules behind them.</summary>
    private static readonly string[] Fields =
    [
        "id", "user", "user_id", "username", "email", "password", "password_confirm", "old_password", "new_password", "refresh",
        "code", "otp", "hash", "token", "first_name", "last_name", "middle_name", "bio", "title", "content", "body", "text",
        "image", "media", "pic1", "pic2", "pic3", "video", "article", "parent", "post_id", "comment_id", "message", "chat_id",
        "industry", "country", "country_code", "phone_number", "location", "organization", "employment_type", "work_type",
        "experience_level", "salary", "description", "school", "course", "qualification", "start_date", "end_date",
        "issue_date", "status", "permitted", "page", "batch_number", "batch_size", "profile_photo", "cover_photo",
        "intro_video", "avatar", "skills", "position", "summary", "name", "connection", "person", "following_username",
        "user_type", "phone", "job", "cover_letter", "category", "job_type", "salary_min", "salary_max", "requirements", "benefits",
        "company", "application", "answers", "notes", "questions", "job_id", "candidate_id", "force", "hiring_needs", "cv_file",
        "work_experiences", "educations", "projects", "company_name", "current", "profile_picture",
        "confirm_password", "invite_code", "newsletter", "is_candidate", "referral_code", "current_password", "confirm_new_password",
        "urgency", "subject", "emoji", "attachment", "linkedin_url", "headquarter_location", "about", "employee_size", "url",
        "job_desc", "workplace_type", "estimated_salary", "visa_required",
        "willing_to_relocate", "employment_type_preferences", "work_mode_preferences", "has_workvisa", "expected_salary_range", "is_available",
        "disability_categories", "accommodation_needs", "workplace_accommodations", "is_public", "resume_file", "video_pitch", "linkedin",
        "github", "work_experience", "identifier", "note", "section", "selected_text", "context", "note_file",
        "query", "input_text", "resume_slug", "thread_id",
    ];

    private static readonly object?[] WrongValues =
    [
        new Dictionary<string, object>(), Array.Empty<object>(), 1e308, -1, long.MinValue, "", new string('x', 20_000),
        true, null, "\u0000\ud800", "2026-02-31", "../../etc/passwd",
    ];

    // No %00: Kestrel refuses it in a path before the app sees it, and the test server cannot send it.
    private static readonly string[] PathValues = ["0", "-1", "99999999999999999999", "abc", "%20", "a%2Fb", "%E2%98%83", new string('9', 300)];

    /// <summary>The query parameters the documents use.</summary>
    private static readonly string[] QueryNames =
    [
        "page", "batch_number", "batch_size", "post_id", "chat_id", "experience_id", "education_id", "certification_id",
        "connection_id", "user_id", "id", "username", "status", "search", "criteria", "title", "token",
        "limit", "category", "job_type", "location", "experience_level", "min_salary", "max_salary", "is_active", "industry", "ordering",
        "min_score", "has_applied", "job", "code", "state", "email", "unread_only", "type",
    ];

    private static readonly string[] Queries =
    [
        "", .. new[] { "-1", "abc", "99999999999999999999", "%00", "", "1.5", "%E2%98%83" }
            .Select(value => "?" + string.Join("&", QueryNames.Select(name => $"{name}={value}"))),
        "?" + string.Join("&", QueryNames.Select(name => $"{name}=1&{name}=2")),
    ];

    /// <summary>Every documented route but the notification socket, which takes no body and is tested on its own.</summary>
    public static TheoryData<string, string> Routes()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in DocumentedRoutes.Read("careers-routes.tsv", "nexus-routes.tsv", "recruitment-routes.tsv", "talent-routes.tsv"))
            if ((string)row[0] != "WS") data.Add((string)row[0], (string)row[1]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Odd_paths_queries_and_bodies_are_refused_never_crashed_on(string method, string path)
    {
        var http = _app.CreateClient();
        if (Functions.Talent.TalentDialect.Instance.PathPrefixes.Any(prefix => ErrorDialects.ClaimsPath(prefix, path)))
        {
            // Document 004: as a candidate, and as the root user of an organization, who reaches further into its rules.
            await Attack(http, await _app.TalentUser(), method, path, ExpectTalentError);
            await Attack(http, (await _app.Employer()).User, method, path, ExpectTalentError);
            return;
        }
        if (!Functions.Recruitment.RecruitmentDialect.Instance.PathPrefixes.Any(prefix => ErrorDialects.ClaimsPath(prefix, path)))
        {
            await Attack(http, await _app.Api().Register("hostile"), method, path, ExpectError);
            return;
        }
        await Attack(http, await _app.Candidate(), method, path, ExpectRecruitmentError);
        await Attack(http, await _app.Recruiter(), method, path, ExpectRecruitmentError);
    }

    private static async Task Attack(HttpClient http, TestUser user, string method, string path, Action<string, string> expectError)
    {
        var verb = new HttpMethod(method);
        Task Check(string pathAndQuery, HttpContent? body) => Send(http, user, verb, pathAndQuery, body, expectError);
        var takesBody = method is "POST" or "PUT" or "PATCH";

        for (var i = 0; i < Math.Max(PathValues.Length, Queries.Length); i++)
            await Check(Concrete(path, PathValues[i % PathValues.Length]) + Queries[i % Queries.Length], takesBody ? Json("{}") : null);

        if (!takesBody) return;
        var target = Concrete(path, "1");
        // Lone surrogate escapes are well-formed JSON that no string can hold; the serializer would never write them.
        foreach (var raw in new[] { "not json", "[]", "null", "{", "{\"a\":", "\"text\"", "1e99999", "{\"email\":\"\\uD800x\",\"password\":\"\\uDC00\"}",
                     "{\"\\uD800\":\"x\"}" })
            await Check(target, Json(raw));
        foreach (var value in WrongValues)
            await Check(target, Json(JsonSerializer.Serialize(Fields.ToDictionary(f => f, _ => value))));
        await Check(target, Multipart());
        await Check(target, new StringContent("email=%ZZ&password=%00&page=-1&&=&id", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await Check(target, new StringContent("<xml/>", Encoding.UTF8, "application/xml"));
    }

    private static string Concrete(string path, string value) =>
        System.Text.RegularExpressions.Regex.Replace(path, "\\{[^}]+\\}", value);

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static MultipartFormDataContent Multipart()
    {
        var form = new MultipartFormDataContent();
        foreach (var field in Fields)
        {
            if (field is "image" or "media" or "pic1" or "pic2" or "video" or "profile_photo" or "cover_photo" or "intro_video" or "avatar" or "attachment"
                or "resume_file" or "video_pitch" or "note_file")
            {
                var part = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0, 0, 0]);
                part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
                form.Add(part, field, "../../x.png");
            }
            else form.Add(new StringContent("\u0000"), field);
        }
        return form;
    }

    private static async Task Send(HttpClient http, TestUser user, HttpMethod method, string pathAndQuery, HttpContent? body,
        Action<string, string> expectError)
    {
        var request = new HttpRequestMessage(method, pathAndQuery) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Access);
        var described = $"{method} {pathAndQuery} with {(body is null ? "no body" : await body.ReadAsStringAsync() is var text && text.Length > 120 ? text[..120] : text)}";
        using var response = await http.SendAsync(request);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{described} answered {(int)response.StatusCode}: {answer}");
        if ((int)response.StatusCode < 400) return;
        expectError($"{described} answered {(int)response.StatusCode}", answer);
    }

    private static JsonElement Parsed(string described, string answer)
    {
        try
        {
            return JsonDocument.Parse(answer).RootElement;
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"{described} without JSON: {answer}");
        }
    }

    private static void ExpectError(string described, string answer)
    {
        var parsed = Parsed(described, answer);
        Assert.True(parsed.ValueKind == JsonValueKind.Object && parsed.TryGetProperty("error", out _), $"{described} without an error: {answer}");
    }

    /// <summary>Document 004's {"detail": text}, with "fields" (each a text) on validation errors, nothing else.</summary>
    private static void ExpectTalentError(string described, string answer)
    {
        var parsed = Parsed(described, answer);
        var shaped = parsed.ValueKind == JsonValueKind.Object && parsed.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
                     && parsed.EnumerateObject().All(p => p.Name == "detail"
                                                         || p.Name == "fields" && p.Value.EnumerateObject().All(f => f.Value.ValueKind == JsonValueKind.String));
        Assert.True(shaped, $"{described} outside document 004's error shape: {answer}");
    }

    /// <summary>{"detail": text}, {"error": text}, or field errors: every property a list of messages.</summary>
    private static void ExpectRecruitmentError(string described, string answer)
    {
        var parsed = Parsed(described, answer);
        var shaped = parsed.ValueKind == JsonValueKind.Object && parsed.EnumerateObject().Any() && (
            parsed.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
            || parsed.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
            || parsed.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.Array
                                                && p.Value.EnumerateArray().All(m => m.ValueKind == JsonValueKind.String)));
        Assert.True(shaped, $"{described} outside document 003's error shapes: {answer}");
    }
}
