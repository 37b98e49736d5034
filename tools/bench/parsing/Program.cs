using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using CareerNexus.Tests.Resumes.Corpus;

// Usage: dotnet run --project tools/bench/parsing -- --url http://127.0.0.1:PORT [--resumes 20]
// One candidate (registered through Careers, a candidate on every surface) makes a Talent candidate profile; then, for each
// resume of the parser's generated corpus (PDF and DOCX in turn, every layout), it uploads the file (which resets the parsing)
// and times POST parse-resume until parsing-status shows "parsed" (polled every 10 ms): the queue, the worker's read of the
// blob, the parser and the write, as a client sees them. A PDF and a DOCX go first, uncounted: the app's first parse of each
// format loads the readers (about half a second).
var url = Arg("--url") ?? throw new ArgumentException("--url is required");
var count = int.Parse(Arg("--resumes") ?? "20", CultureInfo.InvariantCulture);

using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
var tag = Guid.NewGuid().ToString("N")[..8];
string? token = null;
var registered = await Send(HttpMethod.Post, "/careers/users/register/", Json(new
{
    username = "parse" + tag, email = $"parse{tag}@bench.example.com", password = "Bench-pass-42", password_confirm = "Bench-pass-42",
    first_name = "Parsing", last_name = "Bench",
}));
token = registered.GetProperty("access").GetString()!;
var slug = (await Send(HttpMethod.Post, "/api/candidates/profiles/", Json(new { is_available = false }))).GetProperty("slug").GetString()!;

var times = new Dictionary<string, List<double>> { ["pdf"] = [], ["docx"] = [] };
var inOrder = new List<double>();
var failed = 0;
await ParseAsync(100);
await ParseAsync(101);
for (var i = 0; i < count; i++)
{
    var (format, elapsed, parsed) = await ParseAsync(i);
    times[format].Add(elapsed);
    inOrder.Add(elapsed);
    if (!parsed) failed++;
}

var all = times.Values.SelectMany(t => t).Order().ToList();
Console.WriteLine($"[bench] parsing: {count} resumes from POST parse-resume to \"parsed\" through the worker ({failed} failed): "
                  + $"median {Median(all):0} ms, p90 {all[(int)(all.Count * 0.9)]:0} ms, best {all[0]:0} ms, worst {all[^1]:0} ms; "
                  + $"PDF median {Median(times["pdf"]):0} ms, DOCX median {Median(times["docx"]):0} ms");
Console.WriteLine($"[bench] parsing: each, in order (ms): {string.Join(", ", inOrder.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))}");
await Send(HttpMethod.Delete, $"/api/candidates/profiles/{slug}/", null);

// Uploads resume `number` of the corpus (even: PDF, odd: DOCX) and times its parsing.
async Task<(string Format, double Milliseconds, bool Parsed)> ParseAsync(int number)
{
    var format = number % 2 == 0 ? "pdf" : "docx";
    var layouts = Enum.GetValues<CorpusLayout>();
    var resume = ResumeCorpus.Make(number, layouts[number / 2 % layouts.Length], number / 2 % 4 < 2 ? "en" : "fr", format);
    var form = new MultipartFormDataContent();
    var file = new ByteArrayContent(resume.Content);
    file.Headers.ContentType = new MediaTypeHeaderValue(format == "pdf" ? "application/pdf"
        : "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    form.Add(file, "resume_file", resume.Name);
    await Send(HttpMethod.Patch, $"/api/candidates/profiles/{slug}/", form);

    var started = Stopwatch.StartNew();
    await Send(HttpMethod.Post, $"/api/candidates/profiles/{slug}/parse-resume/", null);
    while (true)
    {
        var status = (await Send(HttpMethod.Get, $"/api/candidates/profiles/{slug}/parsing-status/", null)).GetProperty("parsing_status").GetString();
        if (status is "parsed" or "failed") return (format, started.Elapsed.TotalMilliseconds, status == "parsed");
        if (started.Elapsed > TimeSpan.FromMinutes(1)) throw new TimeoutException("The resume was not parsed within a minute.");
        await Task.Delay(10);
    }
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
}

static StringContent Json(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

async Task<JsonElement> Send(HttpMethod method, string path, HttpContent? body)
{
    var request = new HttpRequestMessage(method, path) { Content = body };
    if (token is not null) request.Headers.Authorization = new("Bearer", token);
    using var response = await http.SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
    return JsonDocument.Parse(text).RootElement.Clone();
}

string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
