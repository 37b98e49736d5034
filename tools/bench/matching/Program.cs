using System.Diagnostics;
using System.Globalization;
using CareerNexus.Matching;

// One core: the figure is the engine's, not the machine's parallelism.
if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()) Process.GetCurrentProcess().ProcessorAffinity = 1;

const int candidates = 10_000;
var today = new DateOnly(2026, 1, 15);
var job = new MatchJob(1, "Senior Python Developer",
    "We are looking for an experienced Python developer to build our data platform APIs with Django and PostgreSQL, "
    + "deployed on Kubernetes in AWS. You will design REST services, mentor juniors and work with product teams.",
    ["5+ years Python", "Django experience", "PostgreSQL", "Docker and Kubernetes"], ["Python", "Django", "PostgreSQL", "Docker", "Kubernetes", "AWS", "REST", "Redis"],
    "Paris, France", 50000, 80000, "senior", "full_time", "technology");
var profiles = Profiles(candidates, today);

var scorer = MatchEngine.Prepare(job, today);
double checksum = 0;
for (var warm = 0; warm < 5; warm++) checksum += ScoreAll(scorer, profiles);

var runs = new List<double>();
long allocated = 0;
for (var run = 0; run < 15; run++)
{
    var before = GC.GetAllocatedBytesForCurrentThread();
    var started = Stopwatch.GetTimestamp();
    checksum += ScoreAll(scorer, profiles);
    runs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    allocated = GC.GetAllocatedBytesForCurrentThread() - before;
}
runs.Sort();
var prepare = Stopwatch.GetTimestamp();
var prepared = MatchEngine.Prepare(job, today);
var prepareMs = Stopwatch.GetElapsedTime(prepare).TotalMilliseconds;
var explain = Stopwatch.GetTimestamp();
foreach (var profile in profiles) prepared.Explain(prepared.Score(profile));
var explainMs = Stopwatch.GetElapsedTime(explain).TotalMilliseconds;

string F(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);
Console.WriteLine($"[bench] matching: {candidates:N0} candidate profiles scored against one job on one core: "
                  + $"median {F(runs[runs.Count / 2])} ms, best {F(runs[0])} ms, worst {F(runs[^1])} ms (goal: under 200 ms); "
                  + $"{allocated / candidates} bytes allocated per candidate");
Console.WriteLine($"[bench] matching: the job prepared in {F(prepareMs)} ms; scoring with both summaries written: {F(explainMs)} ms "
                  + $"(checksum {checksum.ToString("0", CultureInfo.InvariantCulture)})");

static double ScoreAll(JobScorer scorer, List<MatchCandidate> profiles)
{
    double sum = 0;
    foreach (var profile in profiles) sum += scorer.Score(profile).Score;
    return sum;
}

// Profiles of a realistic size, the same on every run: 8-15 skills, 1-4 jobs with a paragraph each, 0-3 projects.
static List<MatchCandidate> Profiles(int count, DateOnly today)
{
    var random = new Random(20260115);
    string[] skills = ["Python", "python3", "Django", "Flask", "FastAPI", "PostgreSQL", "postgres", "MySQL", "Java", "Spring Boot", "JavaScript", "js",
        "TypeScript", "React", "Node.js", "Docker", "k8s", "Kubernetes", "AWS", "Azure", "GCP", "Redis", "Kafka", "REST", "GraphQL", "Go", "C#", ".NET",
        "Terraform", "Linux", "Git", "Scrum", "Figma", "Excel", "Pandas", "Machine Learning", "Celery", "nginx", "HTML", "CSS"];
    string[] cities = ["Paris, France", "Lyon, France", "Lagos, Nigeria", "London, United Kingdom", "Berlin, Germany", "Nairobi, Kenya", "Remote", "",
        "Toulouse, France", "Abidjan, Cote d'Ivoire"];
    string[] positions = ["Backend Developer", "Senior Python Developer", "Software Engineer", "Data Engineer", "Java Developer", "Frontend Developer",
        "DevOps Engineer", "Intern"];
    string[] sentences = ["Built REST APIs in Python and Django for a payments platform.", "Maintained PostgreSQL databases and wrote migrations.",
        "Deployed services on Kubernetes with Helm and Terraform on AWS.", "Developed React front ends with TypeScript.",
        "Led a team of four engineers and mentored juniors.", "Wrote Java microservices with Spring Boot and Kafka.",
        "Automated data pipelines with Airflow and Pandas.", "Improved performance of the search service by caching in Redis."];
    string[] types = ["full_time", "part_time", "contract", "freelance", "internship"];
    var list = new List<MatchCandidate>(count);
    for (var i = 0; i < count; i++)
    {
        var experiences = new List<MatchExperience>();
        var start = today.AddDays(-random.Next(200, 6000));
        for (var e = random.Next(1, 5); e > 0; e--)
        {
            var end = start.AddDays(random.Next(150, 1500));
            experiences.Add(new MatchExperience(positions[random.Next(positions.Length)], start, end > today ? null : end, types[random.Next(types.Length)],
                string.Join(' ', Enumerable.Range(0, random.Next(2, 5)).Select(_ => sentences[random.Next(sentences.Length)]))));
            start = end.AddDays(-random.Next(0, 120));
            if (start > today) break;
        }
        var projects = Enumerable.Range(0, random.Next(0, 4)).Select(p => new MatchProject($"Project {p}", sentences[random.Next(sentences.Length)],
            Enumerable.Range(0, random.Next(1, 5)).Select(_ => skills[random.Next(skills.Length)]).ToList())).ToList();
        list.Add(new MatchCandidate(i + 1, Enumerable.Range(0, random.Next(8, 16)).Select(_ => skills[random.Next(skills.Length)]).ToList(), experiences,
            ["Master Computer Science"], projects, "Developer who enjoys clean code, " + sentences[random.Next(sentences.Length)],
            cities[random.Next(cities.Length)], null, null, random.Next(0, 4) == 0 ? null : random.Next(30, 110) * 1000m,
            random.Next(0, 3) == 0 ? [] : [types[random.Next(types.Length)]], random.Next(0, 2) == 0 ? "technology" : "banking"));
    }
    return list;
}
