using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace CareerNexus.Tests.Support;

/// <summary>A response as the tests look at it: the status and the parsed JSON body.</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Raw)
{
    public ApiResponse Expect(HttpStatusCode expected)
    {
        Assert.True(Status == expected, $"Expected {(int)expected} but got {(int)Status}: {Body}");
        return this;
    }

    public JsonElement this[string name] => Body.GetProperty(name);

    /// <summary>A response header (or content header), null when absent.</summary>
    public string? Header(string name) =>
        Raw.Headers.TryGetValues(name, out var values) || Raw.Content.Headers.TryGetValues(name, out values) ? values.First() : null;

    /// <summary>Asserts a 429 with a Retry-After of 1 to <paramref name="maxSeconds"/> seconds, and returns the seconds.</summary>
    public int ExpectRetryAfter(int maxSeconds)
    {
        Expect(HttpStatusCode.TooManyRequests);
        var seconds = int.Parse(Header("Retry-After") ?? "0");
        Assert.InRange(seconds, 1, maxSeconds);
        return seconds;
    }

    /// <summary>Asserts the Careers error body: {"error": "...", "details": "..."}.</summary>
    public ApiResponse ExpectCareersError(HttpStatusCode expected)
    {
        Expect(expected);
        Assert.Equal(JsonValueKind.String, Body.GetProperty("error").ValueKind);
        Assert.Equal(JsonValueKind.String, Body.GetProperty("details").ValueKind);
        return this;
    }

    /// <summary>Asserts the Nexus error body: {"error": "..."} (and "fields" for validation errors), nothing else.</summary>
    public ApiResponse ExpectNexusError(HttpStatusCode expected)
    {
        Expect(expected);
        Assert.Equal(JsonValueKind.String, Body.GetProperty("error").ValueKind);
        Assert.All(Body.EnumerateObject(), p => Assert.Contains(p.Name, new[] { "error", "fields" }));
        return this;
    }

    /// <summary>
    /// Document 003's error shape: {"detail": "..."}, or for a 400 with field errors {"field": ["message", ...]}.
    /// </summary>
    public ApiResponse ExpectRecruitmentError(HttpStatusCode expected)
    {
        Expect(expected);
        Assert.Equal(JsonValueKind.Object, Body.ValueKind);
        if (Body.TryGetProperty("detail", out var detail))
        {
            Assert.Equal(JsonValueKind.String, detail.ValueKind);
            Assert.Single(Body.EnumerateObject());
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, expected);
            Assert.NotEmpty(Body.EnumerateObject());
            Assert.All(Body.EnumerateObject(), p => Assert.All(p.Value.EnumerateArray(), m => Assert.Equal(JsonValueKind.String, m.ValueKind)));
        }
        return this;
    }

    /// <summary>The messages of one field in a document 003 validation error.</summary>
    public IReadOnlyList<string> FieldErrors(string field) =>
        Body.GetProperty(field).EnumerateArray().Select(m => m.GetString()!).ToList();
}

/// <summary>A file part of a multipart form.</summary>
public sealed record FormFile(string FileName, string ContentType, byte[] Content);

/// <summary>A registered account with its current tokens.</summary>
public sealed record TestUser(long Id, string Username, string Email, string Password, string Access, string Refresh);

/// <summary>Thin JSON client over the app's real HTTP pipeline.</summary>
public sealed class ApiClient(HttpClient http)
{
    public HttpClient Http => http;

    public Task<ApiResponse> Get(string path, string? token = null) => Send(HttpMethod.Get, path, null, token);
    public Task<ApiResponse> Post(string path, object? body = null, string? token = null) => Send(HttpMethod.Post, path, body, token);
    public Task<ApiResponse> Patch(string path, object? body = null, string? token = null) => Send(HttpMethod.Patch, path, body, token);
    public Task<ApiResponse> Put(string path, object? body = null, string? token = null) => Send(HttpMethod.Put, path, body, token);
    public Task<ApiResponse> Delete(string path, string? token = null) => Send(HttpMethod.Delete, path, null, token);

    /// <summary>Sends a multipart form: strings become text fields, <see cref="FormFile"/>s file parts.</summary>
    public Task<ApiResponse> SendForm(HttpMethod method, string path, IReadOnlyDictionary<string, object> fields, string? token = null)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            if (value is FormFile file)
            {
                var part = new ByteArrayContent(file.Content);
                part.Headers.ContentType = new MediaTypeHeaderValue(file.ContentType);
                form.Add(part, name, file.FileName);
            }
            else form.Add(new StringContent(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""), name);
        }
        return Send(new HttpRequestMessage(method, path) { Content = form }, token);
    }

    /// <summary>Sends a raw body, for malformed input.</summary>
    public Task<ApiResponse> PostRaw(string path, string body, string? token = null, string contentType = "application/json") =>
        Send(new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) }, token);

    public Task<ApiResponse> Send(HttpMethod method, string path, object? body, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        return Send(request, token);
    }

    public async Task<ApiResponse> Send(HttpRequestMessage request, string? token)
    {
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, Json(text, response.Content.Headers.ContentType?.MediaType), response);
    }

    /// <summary>The body as JSON; a page or asset (HTML, CSS, script) has none, but a JSON response must parse.</summary>
    private static JsonElement Json(string text, string? mediaType)
    {
        if (text.Length == 0) return default;
        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException) when (mediaType is not null && !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return default;
        }
    }

    /// <summary>Registers a fresh account; the tag goes into its names so that list tests can find their own accounts.</summary>
    public async Task<TestUser> Register(string tag = "", string? first = null, string? last = null, string? bio = null)
    {
        var username = Unique("u");
        var password = "Pw-" + Guid.NewGuid().ToString("N")[..10];
        var response = (await Post("/careers/users/register/", new
        {
            username, email = $"{username}@example.com", password, password_confirm = password,
            first_name = first ?? "First" + tag, last_name = last ?? "Last" + tag, bio = bio ?? $"Bio {tag}",
        })).Expect(HttpStatusCode.Created);
        return new TestUser(response["user"].GetProperty("id").GetInt64(), username, $"{username}@example.com", password,
            response["access"].GetString()!, response["refresh"].GetString()!);
    }

    public async Task<long> CreatePost(TestUser author, string content = "Hello network") =>
        (await Post("/careers/create/", new { content }, author.Access)).Expect(HttpStatusCode.Created)["data"].GetProperty("id").GetInt64();

    public static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..12];
}
