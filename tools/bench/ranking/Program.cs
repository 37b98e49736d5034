using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CareerNexus.Bench;
using CareerNexus.Candidates;
using CareerNexus.Storage;

// Usage: dotnet run --project tools/bench/ranking -- --url http://127.0.0.1:PORT [--candidates 10000] [--runs 3]
// Seeds the candidate profiles straight into the app's database (the CareerNexus__Cosmos__* settings ./bench.sh exports);
// through HTTP, an employer posts a job (before the candidates are seeded, so that the matching worker's scoring of a new job
// has no candidates to write matches for) and asks for its ranking: each run is the time from POST rank-candidates to the job
// showing "ranked" (polled every 20 ms), one candidate changed between runs so that each ranks again.
var url = Arg("--url") ?? throw new ArgumentException("--url is required");
var count = int.Parse(Arg("--candidates") ?? "10000", CultureInfo.InvariantCulture);
var runs = int.Parse(Arg("--runs") ?? "3", CultureInfo.InvariantCulture);

var store = BenchApi.Store();
using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
var api = new BenchApi(http);
var token = await api.EmployerAsync("Ranking", Guid.NewGuid().ToString("N")[..8]);
var job = (await Send(HttpMethod.Post, "/api/channels/jobs/", new
{
    title = "Senior Python Developer", job_desc = "Build our data platform APIs with Django and PostgreSQL on Kubernetes in AWS.",
    workplace_type = "hybrid", location = "Paris, France", job_type = "full-time", estimated_salary = "50,000 - 80,000",
    skills = new[] { "Python", "Django", "PostgreSQL", "Docker", "Kubernetes", "AWS", "REST", "Redis" },
}, token)).GetProperty("id").GetInt64();

// The matching worker scores the new job against the candidates there are: let it finish with none first.
await Task.Delay(TimeSpan.FromSeconds(3));
var seeding = Stopwatch.StartNew();
var random = new Random(20260115);
var profiles = Enumerable.Range(1, count).Select(i => Profile(random, 9_000_000_000 + i)).ToList();
await Parallel.ForEachAsync(profiles, new ParallelOptions { MaxDegreeOfParallelism = 16 },
    async (profile, ct) => await store.UpsertAsync(Containers.CandidateProfiles, profile, profile.Id, ct));
Console.WriteLine($"[bench] ranking: {count:N0} candidate profiles seeded in {seeding.Elapsed.TotalSeconds:0.0} s");

var times = new List<double>();
long considered = 0;
for (var run = 1; run <= runs; run++)
{
    // A changed candidate makes the pool newer than the last ranking, so the job ranks again. Written straight to the store, it
    // asks the matching worker for nothing (a job edit would have it score all the candidates meanwhile).
    if (run > 1)
    {
        profiles[run].UpdatedAt = DateTimeOffset.UtcNow;
        await store.UpsertAsync(Containers.CandidateProfiles, profiles[run], profiles[run].Id);
    }
    var started = Stopwatch.StartNew();
    await Send(HttpMethod.Post, $"/api/channels/jobs/{job}/rank-candidates/", null, token);
    while (true)
    {
        var shown = await Send(HttpMethod.Get, $"/api/channels/jobs/{job}/", null, token);
        if (shown.GetProperty("ranking_status").GetString() == "ranked")
        {
            considered = shown.GetProperty("candidate_ranking_data").GetProperty("candidates_considered").GetInt64();
            break;
        }
        if (started.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("The job was not ranked within 5 minutes.");
        await Task.Delay(20);
    }
    times.Add(started.Elapsed.TotalMilliseconds);
}
times.Sort();
Console.WriteLine($"[bench] ranking: {considered:N0} candidates ranked for one job, from the call to \"ranked\" ({runs} runs): "
                  + $"median {times[times.Count / 2]:0} ms, best {times[0]:0} ms, worst {times[^1]:0} ms");

async Task<JsonElement> Send(HttpMethod method, string path, object? body, string? bearer) => (await api.SendAsync(method, path, body, bearer)).Body;

string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

// Profiles of a realistic size: 6-14 skills, 1-4 experiences with a paragraph each, an education, 0-2 projects.
static CandidateProfile Profile(Random random, long userId)
{
    string[] skills = ["Python", "Django", "Flask", "FastAPI", "PostgreSQL", "MySQL", "Java", "Spring Boot", "JavaScript", "TypeScript", "React",
        "Node.js", "Docker", "Kubernetes", "AWS", "Azure", "GCP", "Redis", "Kafka", "REST", "GraphQL", "Go", "C#", ".NET", "Terraform", "Linux",
        "Git", "Scrum", "Pandas", "Machine Learning", "Celery", "HTML", "CSS"];
    string[] cities = ["Paris, France", "Lyon, France", "Lagos, Nigeria", "London, United Kingdom", "Berlin, Germany", "Nairobi, Kenya", "Remote", "Dakar, Senegal"];
    string[] positions = ["Software Engineer", "Backend Developer", "Data Engineer", "Python Developer", "Full Stack Developer", "DevOps Engineer", "Java Developer"];
    const string paragraph = "Designed and built REST services and data pipelines, reviewed code, mentored juniors and worked with product teams on delivery.";
    var today = DateOnly.FromDateTime(DateTime.UtcNow);
    var id = userId.ToString(CultureInfo.InvariantCulture);
    var start = today.AddYears(-random.Next(1, 15));
    var experiences = Enumerable.Range(0, random.Next(1, 5)).Select(i =>
    {
        var from = start.AddYears(i * 2);
        return new WorkExperience(i + 1, "Company " + random.Next(1000), positions[random.Next(positions.Length)], from,
            i == 0 ? null : from.AddYears(2), random.Next(3) == 0 ? "contract" : "full_time", paragraph);
    }).ToList();
    return new CandidateProfile
    {
        Id = id, UserId = userId, ProfileId = userId, Skills = skills.OrderBy(_ => random.Next()).Take(random.Next(6, 15)).ToList(),
        Bio = "Engineer who enjoys building reliable backend systems and data products.", WorkExperiences = experiences,
        Educations = [new Education(1, "University", "MSc", "Computer Science", today.AddYears(-16), today.AddYears(-14), null)],
        Projects = Enumerable.Range(0, random.Next(0, 3)).Select(i => new Project(i + 1, "Project " + i, paragraph, ["Python", "Docker"])).ToList(),
        Location = cities[random.Next(cities.Length)], ExpectedSalary = random.Next(30, 120) * 1000, PreferredContractTypes = ["full_time"],
        CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, Username = "bench" + id, Email = $"bench{id}@bench.example.com",
    };
}
