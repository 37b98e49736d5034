using CareerNexus.Matching;
using Xunit;

namespace CareerNexus.Tests.Recruitment;

/// <summary>
/// The matching engine on hand-made profiles whose ranking is obvious, without the app: synonyms, each sub-score,
/// the weighted total, determinism, the summaries, and the shipped data files.
/// </summary>
public sealed class MatchEngineTests
{
    private static readonly DateOnly Today = new(2026, 1, 15);

    /// <summary>The job; given skills replace its skills and its requirements (which name skills too).</summary>
    private static MatchJob DjangoJobInDakar(params string[] skills) => new(1, "Senior Python Developer",
        "Build the REST APIs of our payments platform with Python and Django on PostgreSQL.",
        skills.Length > 0 ? [] : ["5+ years Python", "Django experience"], skills.Length > 0 ? skills : ["Python", "Django", "PostgreSQL"],
        "Dakar, Senegal", 1_500_000, 2_500_000, "senior", "full_time", "technology");

    private static MatchCandidate Candidate(long id, string[] skills, string location, string position = "Backend Developer", int years = 6,
        string industry = "technology", decimal? salary = 2_000_000m, string[]? contracts = null, string[]? technologies = null, string bio = "") =>
        new(id, skills,
            [new MatchExperience(position, Today.AddDays(-(int)(years * 365.25)), null, "full_time",
                "Built REST APIs in Python and Django for a payments platform, on PostgreSQL.")],
            ["Master Computer Science"], technologies is null ? [] : [new MatchProject("Payments API", "REST APIs", technologies)], bio, location,
            null, null, salary, contracts ?? ["full_time"], industry);

    private static MatchCandidate PythonDakar(long id = 1) =>
        Candidate(id, ["Python", "Django", "Postgres"], "Dakar, Senegal", "Senior Python Developer", technologies: ["Python", "Django"]);

    private static MatchCandidate JavaParis(long id = 2) =>
        new(id, ["Java", "Spring Boot"], [new MatchExperience("Java Developer", Today.AddYears(-2), null, "contract", "Wrote Spring microservices with Kafka.")],
            ["Bachelor Marketing"], [], "Java enthusiast", "Paris, France", null, null, 4_000_000m, ["contract"], "banking");

    [Fact]
    public void A_matching_Python_Django_Postgres_Dakar_candidate_ranks_above_a_Java_Paris_one()
    {
        var scorer = MatchEngine.Prepare(DjangoJobInDakar(), Today);
        var python = scorer.Score(PythonDakar());
        var java = scorer.Score(JavaParis());

        Assert.True(python.Score > java.Score + 40, $"python {python.Score}, java {java.Score}");
        Assert.True(python.Score >= 80, $"python {python.Score}");
        Assert.Equal(100, python.Skills);
        Assert.Equal(0, java.Skills);
        Assert.Equal(100, python.Location);
        Assert.Equal(0, java.Location);
        Assert.Equal(100, python.Experience);
        Assert.Equal(40, java.Experience); // 2 of the 5 years a senior job asks for
        Assert.Equal(100, python.ContractType);
        Assert.Equal(0, java.ContractType);
        Assert.Equal(100, python.Domain);
        Assert.True(python.Description > java.Description, $"description {python.Description} / {java.Description}");
        Assert.True(python.Salary > java.Salary, $"salary {python.Salary} / {java.Salary}");
    }

    [Theory]
    [InlineData("js", "JavaScript")]
    [InlineData("javascript", "JS")]
    [InlineData("postgres", "PostgreSQL")]
    [InlineData("PostgreSQL", "postgres")]
    [InlineData("node js", "Node.js")]
    public void Synonyms_name_the_same_skill(string candidateSkill, string jobSkill)
    {
        var scorer = MatchEngine.Prepare(DjangoJobInDakar(jobSkill), Today);
        Assert.Equal(100, scorer.Score(Candidate(1, [candidateSkill], "Dakar")).Skills);
        Assert.Equal(0, scorer.Score(Candidate(2, ["COBOL"], "Dakar")).Skills);
        Assert.Equal(scorer.SkillNames, MatchEngine.Prepare(DjangoJobInDakar(candidateSkill), Today).SkillNames);
    }

    [Fact]
    public void Each_sub_score_is_within_0_and_100_and_the_total_is_their_weighted_sum()
    {
        Assert.Equal(100, MatchWeights.Total);
        Assert.Equal(100, MatchWeights.Skills + MatchWeights.Experience + MatchWeights.Technologies + MatchWeights.Description
                          + MatchWeights.Location + MatchWeights.Salary + MatchWeights.Domain + MatchWeights.ContractType);
        var scorer = MatchEngine.Prepare(DjangoJobInDakar(), Today);
        MatchCandidate[] candidates =
        [
            PythonDakar(), JavaParis(), Candidate(3, [], "", years: 0, industry: "", salary: null, contracts: []),
            Candidate(4, ["Python"], "Thies, Senegal", years: 30, salary: 99_000_000m, bio: string.Join(' ', Enumerable.Repeat("python django", 500))),
            Candidate(5, ["python", "PYTHON", "Python 3"], "Remote", salary: 0m),
        ];
        foreach (var candidate in candidates)
        {
            var s = scorer.Score(candidate);
            int[] parts = [s.Skills, s.Experience, s.Technologies, s.Description, s.Location, s.Salary, s.Domain, s.ContractType];
            Assert.All(parts, part => Assert.InRange(part, 0, 100));
            var weighted = (s.Skills * 35 + s.Experience * 20 + s.Technologies * 10 + s.Description * 10 + s.Location * 10 + s.Salary * 8
                            + s.Domain * 5 + s.ContractType * 2) / 100.0;
            Assert.Equal(Math.Round(weighted, 1, MidpointRounding.AwayFromZero), s.Score);
            Assert.InRange(s.Score, 0, 100);
        }
        var perfect = MatchEngine.Total(100, 100, 100, 100, 100, 100, 100, 100);
        Assert.Equal(100, perfect);
        Assert.Equal(0, MatchEngine.Total(0, 0, 0, 0, 0, 0, 0, 0));
    }

    [Fact]
    public void The_same_inputs_give_the_same_score_and_words_on_any_scorer()
    {
        var first = MatchEngine.Prepare(DjangoJobInDakar(), Today);
        var second = MatchEngine.Prepare(DjangoJobInDakar(), Today);
        var scores = Enumerable.Range(0, 3).Select(_ => first.Score(PythonDakar())).Append(second.Score(PythonDakar())).ToList();
        // Scoring another candidate in between leaves no trace in the scorer's scratch.
        first.Score(JavaParis());
        scores.Add(first.Score(PythonDakar()));
        Assert.All(scores, s => Assert.Equal(scores[0], s));
        Assert.Equal(first.Explain(scores[0]).Summary, second.Explain(scores[^1]).Summary);
        Assert.Equal(first.Explain(scores[0]).RecruiterSummary, second.Explain(scores[^1]).RecruiterSummary);
    }

    [Fact]
    public void The_summaries_name_the_matched_and_the_missing_skills()
    {
        var scorer = MatchEngine.Prepare(DjangoJobInDakar("Python", "Django", "PostgreSQL", "Docker"), Today);
        var score = scorer.Score(Candidate(1, ["python", "postgres"], "Dakar, Senegal"));
        var words = scorer.Explain(score);

        Assert.Equal(["Python", "PostgreSQL"], words.MatchedSkills);
        Assert.Equal(["Django", "Docker"], words.MissingSkills);
        Assert.Equal(50, score.Skills);
        foreach (var text in new[] { words.Summary, words.RecruiterSummary })
        {
            Assert.Contains("Python and PostgreSQL", text);
            Assert.Contains("Django and Docker", text);
        }
        Assert.Contains("Skills to add: Django and Docker.", words.Summary);
        Assert.Contains("6 years of experience", words.RecruiterSummary);

        var all = scorer.Explain(scorer.Score(PythonDakar()));
        Assert.Equal(["Docker"], all.MissingSkills);
    }

    [Fact]
    public void Requirements_name_skills_too_and_an_open_range_counts_to_today()
    {
        var job = new MatchJob(1, "Backend Developer", "", ["3 years of Ruby on Rails", "Spring Boot"], [], "Remote", null, null, "mid", "", "");
        var scorer = MatchEngine.Prepare(job, Today);
        Assert.Equal(2, scorer.SkillNames.Count);
        Assert.Equal(100, scorer.Score(Candidate(1, ["rails", "spring boot"], "")).Skills);
        Assert.Equal(100, scorer.Score(Candidate(1, [], "Anywhere")).Location);

        MatchExperience[] overlapping =
        [
            new("A", Today.AddYears(-4), Today.AddYears(-2), "", ""), new("B", Today.AddYears(-3), null, "", ""),
        ];
        Assert.InRange(MatchEngine.YearsOfExperience(overlapping, Today), 3.99, 4.01);
        Assert.InRange(MatchEngine.Haversine(48.8566, 2.3522, 14.7167, -17.4677), 4100, 4300);
    }

    [Fact]
    public void The_skills_list_gives_each_name_and_synonym_to_one_skill()
    {
        var data = MatchData.Shared;
        var folder = Path.Combine(AppContext.BaseDirectory, "Matching", "Data");
        var seen = new Dictionary<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(folder, "skills.tsv")).Where(l => l.Length > 0 && !l.StartsWith('#')).Skip(1))
        {
            var columns = line.Split('\t');
            foreach (var name in (columns.Length > 1 ? columns[1].Split('|', StringSplitOptions.RemoveEmptyEntries) : []).Prepend(columns[0]))
            {
                var key = MatchText.SkillKey(name.Trim());
                Assert.False(key.Length == 0, $"'{name}' of {columns[0]} has no key");
                Assert.True(!seen.TryGetValue(key, out var other) || other == columns[0], $"'{name}' names both {other} and {columns[0]}");
                seen[key] = columns[0];
            }
        }
        Assert.True(data.SkillCount > 100, $"{data.SkillCount} skills");
        Assert.Equal(seen.Count, data.SkillKeys.Count);
        Assert.Equal(0, data.TermWeight("the"));
        Assert.NotNull(data.PlaceOf("dakar"));
    }
}
