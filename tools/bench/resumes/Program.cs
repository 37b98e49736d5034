using System.Diagnostics;
using System.Globalization;
using CareerNexus.Matching;
using CareerNexus.Resumes;
using CareerNexus.Tests.Resumes.Corpus;

// Usage: dotnet run -c Release [-- --count 144 --examples]
var count = 144;
var examples = false;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--count" && i + 1 < args.Length) count = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--examples") examples = true;
}

// One core: the figure is the parser's, not the machine's parallelism.
if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()) Process.GetCurrentProcess().ProcessorAffinity = 1;

var generated = Stopwatch.StartNew();
var corpus = ResumeCorpus.Generate(count).ToList();
generated.Stop();
var parser = new ResumeParser(new ResumeReader(ResumeVocabulary.Shared, MatchData.Shared), new ResumeLimits(), new CorpusClock());

// Warm-up: the first parses pay for loading the readers and the data files.
foreach (var resume in corpus.Take(12)) parser.Parse(resume.Content, resume.Name);

var accuracy = new CorpusAccuracy();
var times = new List<double>();
foreach (var resume in corpus)
{
    var started = Stopwatch.GetTimestamp();
    var result = parser.Parse(resume.Content, resume.Name);
    times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    accuracy.Add(resume, result);
}
times.Sort();
string F(double ms) => ms.ToString("0.0", CultureInfo.InvariantCulture);
var layouts = corpus.GroupBy(r => (r.Layout, r.Format)).Count();
Console.WriteLine($"[bench] resumes: {corpus.Count} generated resumes ({layouts} layout x format pairs, English and French) in {F(generated.Elapsed.TotalSeconds)} s");
foreach (var line in accuracy.Report(examples).TrimEnd().Split('\n')) Console.WriteLine("[bench] resumes: " + line.TrimEnd());
Console.WriteLine($"[bench] resumes: time to parse one resume on one core: median {F(times[times.Count / 2])} ms, p95 {F(times[(int)(times.Count * 0.95)])} ms, worst {F(times[^1])} ms (PDF and DOCX)");
