using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CareerNexus.Bench;
using CareerNexus.Assistant;
using CareerNexus.Resumes;
using CareerNexus.Storage;
using CareerNexus.TalentProfiles;

// Usage: dotnet run --project tools/bench/assistant -- --url http://127.0.0.1:PORT [--profiles 10000] [--runs 5]
// Seeds Talent candidate profiles (parsed resume data, preferences, a third public) straight into the app's database (the
// CareerNexus__Cosmos__* settings ./bench.sh exports), then times POST /api/channels/agent/ through HTTP for a few queries, as an
// employer (every available profile) and without a token (the public ones), and the ranking engine alone over the same profiles.
var url = Arg("--url") ?? throw new ArgumentException("--url is required");
var count = int.Parse(Arg("--profiles") ?? "10000", CultureInfo.InvariantCulture);
var runs = int.Parse(Arg("--runs") ?? "5", CultureInfo.InvariantCulture);

var store = BenchApi.Store();
using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
var api = new BenchApi(http);
var tag = Guid.NewGuid().ToString("N")[..8];
var token = await api.EmployerAsync("Agent", tag);

var seeding = Stopwatch.StartNew();
var random = new Random(20261207);
var profiles = Enumerable.Range(1, count).Select(i => Profile(random, 8_000_000_000 + i, tag)).ToList();
await Parallel.ForEachAsync(profiles, new ParallelOptions { MaxDegreeOfParallelism = 16 },
    async (profile, ct) => await store.UpsertAsync(Containers.TalentProfiles, profile, profile.Partition, ct));
Console.WriteLine($"[bench] agent search: {count:N0} Talent profiles seeded in {seeding.Elapsed.TotalSeconds:0.0} s ({profiles.Count(p => p.IsPublic):N0} public)");

string[] queries =
[
    "5+ years of Python and Django, remote, willing to relocate to Paris",
    "Senior Java developer with Spring Boot and Kubernetes in Berlin, full-time",
    "Développeur React avec au moins 3 ans d'expérience, en télétravail",
];
foreach (var (who, bearer) in new[] { ("employer", (string?)token), ("anonymous", null) })
    foreach (var query in queries)
    {
        await api.SendAsync(HttpMethod.Post, "/api/channels/agent/", new { query }, bearer);
        var times = new List<double>();
        JsonElement last = default;
        string cost = "";
        for (var run = 0; run < runs; run++)
        {
            var started = Stopwatch.StartNew();
            (last, cost) = await api.SendAsync(HttpMethod.Post, "/api/channels/agent/", new { query }, bearer);
            times.Add(started.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        var results = last.GetProperty("results");
        Console.WriteLine($"[bench] agent search, {who}, \"{query}\": {results.GetProperty("profiles_searched").GetInt32():N0} profiles ranked, "
                          + $"{results.GetProperty("candidates").GetArrayLength()} shown; median {times[times.Count / 2]:0} ms, best {times[0]:0} ms, "
                          + $"worst {times[^1]:0} ms ({runs} runs); Cosmos: {cost}");
    }

// The engine alone: the same profiles read into facts once, then parsed and ranked, on one core.
var today = DateOnly.FromDateTime(DateTime.UtcNow);
var facts = profiles.Where(p => p.IsAvailable).Select(p => CandidateFacts.From(p, [], today)).ToList();
foreach (var query in queries)
{
    var times = new List<double>();
    for (var run = 0; run < runs; run++)
    {
        var started = Stopwatch.StartNew();
        CandidateSearch.Rank(CriteriaParser.Parse(query), query, facts, today);
        times.Add(started.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"[bench] agent engine alone, {facts.Count:N0} available profiles, \"{query}\": median {times[times.Count / 2]:0} ms, best {times[0]:0} ms");
}

string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

// Profiles of a realistic size: 5-12 skills, 1-4 jobs with a paragraph each, an education, two languages; preferences drawn at random.
static TalentProfile Profile(Random random, long id, string tag)
{
    string[] skills = ["Python", "Django", "Flask", "FastAPI", "PostgreSQL", "MySQL", "Java", "Spring Boot", "JavaScript", "TypeScript", "React",
        "Node.js", "Docker", "Kubernetes", "AWS", "Azure", "Google Cloud", "Redis", "Kafka", "REST", "GraphQL", "Go", "C#", ".NET", "Terraform",
        "Linux", "Git", "Scrum", "Pandas", "Machine Learning", "Celery", "HTML", "CSS"];
    string[] cities = ["Paris, France", "Lyon, France", "Lagos, Nigeria", "London, United Kingdom", "Berlin, Germany", "Nairobi, Kenya", "Dakar, Senegal", "Madrid, Spain"];
    string[] positions = ["Software Engineer", "Backend Developer", "Data Engineer", "Python Developer", "Full Stack Developer", "DevOps Engineer", "Java Developer"];
    string[] modes = ["remote", "hybrid", "onsite"];
    var own = skills.OrderBy(_ => random.Next()).Take(random.Next(5, 13)).ToList();
    var year = DateTime.UtcNow.Year - random.Next(1, 15);
    var jobs = Enumerable.Range(0, random.Next(1, 5)).Select(i => new ResumeExperience
    {
        Company = "Company " + random.Next(1000), Position = positions[random.Next(positions.Length)], StartDate = $"{year + i * 2}-0{random.Next(1, 10)}",
        EndDate = i == 0 ? null : $"{year + i * 2 + 2}-06", IsCurrent = i == 0,
        Description = $"Built REST services and data pipelines with {string.Join(", ", own.Take(3))}, reviewed code and mentored juniors.",
    }).ToList();
    var slug = $"bench-{tag}-{id}";
    var now = DateTimeOffset.UtcNow;
    return new TalentProfile
    {
        Id = TalentProfile.DocumentId, Partition = TalentProfile.PartitionOf(slug), ProfileId = id, Slug = slug, UserId = id,
        Email = $"bench{id}@bench.example.com", FirstName = "Bench", LastName = id.ToString(CultureInfo.InvariantCulture),
        ResumeData = new ResumeData
        {
            Name = $"Bench Candidate {id}", Email = $"bench{id}@bench.example.com", Location = cities[random.Next(cities.Length)],
            Summary = "Engineer who enjoys building reliable backend systems and data products.", Skills = own, Experience = jobs,
            Education = [new ResumeEducation { School = "University", Degree = "MSc", Field = "Computer Science", EndDate = "2010" }],
            Languages = [new ResumeLanguage("English", "fluent"), new ResumeLanguage("French", null)],
        },
        ParsingStatus = ParsingStatuses.Parsed, WillingToRelocate = random.Next(2) == 0, HasWorkvisa = random.Next(3) > 0,
        WorkModePreferences = [modes[random.Next(modes.Length)]], EmploymentTypePreferences = ["full-time"], IsAvailable = random.Next(10) > 0,
        IsPublic = random.Next(3) == 0, CreatedAt = now, UpdatedAt = now.AddSeconds(-random.Next(100_000)),
    };
}
