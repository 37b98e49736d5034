using System.Diagnostics;
using System.Globalization;
using CareerNexus.Matching;
using CareerNexus.Resumes;
using CareerNexus.Tests.Resumes.Corpus;

// Usage: dotnet run -c Release [-- --count 144 --seed 13 --examples | --dump 7 [--as SidebarRight/fr/pdf]]
// --examples lists the first mismatches of each field; --dump N prints one corpus resume's lines, truth and result;
// --seed draws other people than the corpus the tests use (the parser was tuned on seed 13: other seeds tell how it generalises).
var count = 144;
var seed = ResumeCorpus.Seed;
var examples = false;
int? dump = null;
string[]? shape = null;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--count" && i + 1 < args.Length) count = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--seed" && i + 1 < args.Length) seed = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--examples") examples = true;
    else if (args[i] == "--dump" && i + 1 < args.Length) dump = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--as" && i + 1 < args.Length) shape = args[++i].Split('/');
}

// One core: the figure is the parser's, not the machine's parallelism.
if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()) Process.GetCurrentProcess().ProcessorAffinity = 1;

var generated = Stopwatch.StartNew();
var corpus = ResumeCorpus.Generate(count, seed).ToList();
generated.Stop();
var parser = new ResumeParser(new ResumeReader(ResumeVocabulary.Shared, MatchData.Shared), ResumeCorpus.Limits, new CorpusClock());

if (dump is { } number)
{
    // "--as SidebarRight/fr/pdf" makes resume N in that shape (as the tests do) instead of taking the corpus's N-th.
    var resume = shape is null ? corpus[number] : ResumeCorpus.Make(number, Enum.Parse<CorpusLayout>(shape[0]), shape[1], shape[2], seed);
    var json = new System.Text.Json.JsonSerializerOptions(CareerNexus.Common.PlatformJson.Options) { WriteIndented = true };
    Console.WriteLine(resume.Name);
    foreach (var line in ResumeParser.Lines(resume.Content))
        Console.WriteLine($"  c{line.Column} r{line.Row} x{line.X,5:0} {line.Size,4:0.#}{(line.Bold ? " B" : "  ")}{(line.Italic ? "I" : " ")}{(line.Heading ? "H" : " ")} {line.Text}");
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(resume.Truth, json));
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(parser.Parse(resume.Content, resume.Name), json));
    return;
}

// Warm-up: the first parses pay for loading the readers and the data files.
foreach (var resume in corpus.Take(12)) parser.Parse(resume.Content, resume.Name);

var accuracy = new CorpusAccuracy();
var times = new List<double>();
var byFormat = new Dictionary<string, List<double>>();
foreach (var resume in corpus)
{
    var started = Stopwatch.GetTimestamp();
    var result = parser.Parse(resume.Content, resume.Name);
    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    times.Add(ms);
    if (!byFormat.TryGetValue(resume.Format, out var list)) byFormat[resume.Format] = list = [];
    list.Add(ms);
    accuracy.Add(resume, result);
}
times.Sort();
string F(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);
var layouts = corpus.GroupBy(r => (r.Layout, r.Format)).Count();
Console.WriteLine($"[bench] resumes: {corpus.Count} generated resumes (seed {seed}; {layouts} layout x format pairs, English and French) in {F(generated.Elapsed.TotalSeconds)} s");
foreach (var line in accuracy.Report(examples).TrimEnd().Split('\n')) Console.WriteLine("[bench] resumes: " + line.TrimEnd());
var formats = string.Join(", ", byFormat.OrderBy(f => f.Key).Select(f => $"{f.Key.ToUpperInvariant()} median {F(f.Value.Order().ElementAt(f.Value.Count / 2))} ms"));
Console.WriteLine($"[bench] resumes: time to parse one resume on one core: median {F(times[times.Count / 2])} ms, p95 {F(times[(int)(times.Count * 0.95)])} ms, worst {F(times[^1])} ms ({formats})");
