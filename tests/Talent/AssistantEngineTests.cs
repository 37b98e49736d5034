using CareerNexus.Assistant;
using Xunit;
using static CareerNexus.Tests.Talent.AssistantSamples;

namespace CareerNexus.Tests.Talent;

/// <summary>
/// The assistant's engines on known facts, without a store: the resume chat names the resume's facts, the agent search
/// reads its criteria from English and French queries and ranks hand-made candidates in the obvious order, the coach
/// counts the skill gaps over the jobs given.
/// </summary>
public sealed class AssistantEngineTests
{
    private static void Has(string part, string text) => Assert.True(text.Contains(part, StringComparison.Ordinal), $"Not found: {part}\nIn: {text}");

    private static void HasNot(string part, string text) => Assert.False(text.Contains(part, StringComparison.Ordinal), $"Found: {part}\nIn: {text}");

    private static void Starts(string start, string text) => Assert.True(text.StartsWith(start, StringComparison.Ordinal), $"Does not start with: {start}\nIn: {text}");

    private static string Ask(CandidateFacts facts, string question, ThreadContext? context = null) =>
        ResumeChat.Answer(facts, question, context ?? new ThreadContext(), Today).Output;

    [Fact]
    public void Resume_chat_names_the_skills_years_employers_and_degrees_of_the_resume()
    {
        var alice = Alice();
        var skills = Ask(alice, "What are this candidate's key skills?");
        Has("Python", skills);
        Has("Django", skills);
        Has("PostgreSQL", skills);
        Starts("Alice's key skills are", skills);

        // Python: both jobs name it, 2015-09 to now; Django: the Acme job only, 2019-03 to now.
        var python = Ask(alice, "How many years of Python?");
        Has("10.7 years with Python", python);
        Has("Acme", python);
        Has("Beta Labs", python);
        Has("7.3 years with Django", Ask(alice, "How many years of experience with Django does she have?"));
        Has("10.7 years of work experience across 2 jobs, since 2015-09", Ask(alice, "How many years of experience does this candidate have?"));

        var study = Ask(alice, "Where did she study?");
        Has("Master in Computer Science at Université Paris-Saclay", study);
        Has("Bachelor in Mathematics at Université de Lyon", study);

        var worked = Ask(alice, "Where has she worked?");
        Has("is now Senior Backend Developer at Acme (2019-03 to now)", worked);
        Has("Backend Developer at Beta Labs (2015-09 to 2019-02)", worked);

        Has("English (fluent) and French (native)", Ask(alice, "What languages does she speak?"));
        Assert.Equal("Alice lists these programming languages: Python.", Ask(alice, "Which programming languages does she use?"));
        Has("based in Paris, France", Ask(alice, "Where is she based?"));
        Has("available for new roles", Ask(alice, "Is she open to remote work?"));
        Has("work modes: remote and hybrid", Ask(alice, "Is she open to remote work?"));
    }

    [Fact]
    public void Fit_for_a_role_named_in_the_question_weighs_its_skills_and_level()
    {
        var alice = Alice();
        var senior = Ask(alice, "Is he a fit for a senior Django role?");
        Starts("Yes, a strong fit for a senior Django role", senior);
        Has("Django (7.3 years)", senior);
        Has("against the 5 a senior role asks", senior);

        var rust = Ask(alice, "Is she a good fit for a Rust and Kubernetes position?");
        Starts("Not a clear fit", rust);
        Has("does not show Rust and Kubernetes", rust);

        Starts("A partial fit", Ask(alice, "Would she be suitable for a lead Django and Kubernetes engineer?"));
    }

    [Fact]
    public void Follow_ups_read_the_skill_and_topic_of_the_turn_before()
    {
        var alice = Alice();
        var first = ResumeChat.Answer(alice, "Does she know Django?", new ThreadContext(), Today);
        Starts("Yes: Django is among her skills".Replace("her", "Alice's"), first.Output);
        Assert.Equal(["Django"], first.Context.Skills);

        var years = ResumeChat.Answer(alice, "and how many years of that?", first.Context, Today);
        Has("7.3 years with Django", years.Output);

        var python = ResumeChat.Answer(alice, "What about Python?", years.Context, Today);
        Has("10.7 years with Python", python.Output);

        var kubernetes = ResumeChat.Answer(alice, "Kubernetes?", new ThreadContext { Topic = Topics.HasSkill }, Today);
        Assert.Equal("No: Kubernetes is not on Alice's resume.", kubernetes.Output);
    }

    [Fact]
    public void French_questions_are_understood()
    {
        var alice = Alice();
        Has("Python", Ask(alice, "Quelles sont ses compétences ?"));
        Has("10.7 years with Python", Ask(alice, "Combien d'années d'expérience en Python ?"));
        Has("Université Paris-Saclay", Ask(alice, "Où a-t-elle étudié ?"));
    }

    [Fact]
    public void Contact_details_are_answered_only_from_facts_the_caller_may_see()
    {
        var alice = Alice();
        Has("alice.martin@example.com", Ask(alice, "What is her email?"));
        var hidden = Ask(alice.Redacted(), "How can I contact her?");
        HasNot("alice.martin@example.com", hidden);
        HasNot("+33", hidden);
        Has("shown only to Alice and to signed-in employers", hidden);
        HasNot("linkedin.com", Ask(alice.Redacted(), "Tell me about this candidate"));
    }

    [Theory]
    [InlineData("5+ years of Python and Django, remote, willing to relocate to Paris", "Python|Django", 5.0, "Python", "Paris", true, "remote", null, false, "en")]
    [InlineData("Find candidates with 5+ years of Python experience and Django expertise", "Python|Django", 5.0, "Python", null, false, null, null, false, "en")]
    [InlineData("Développeur Python avec au moins 3 ans d'expérience en Django, en télétravail, CDI, disponible immédiatement", "Python|Django", 3.0, "Django", null, false, "remote", "full-time", false, "fr")]
    [InlineData("Senior React Native developer in Lagos with a work permit, contract", "React Native", 5.0, null, "Lagos", false, null, "contract", true, "en")]
    [InlineData("Go engineers with at least five years, hybrid, based in Berlin", "Go", 5.0, null, "Berlin", false, "hybrid", null, false, "en")]
    [InlineData("someone willing to go to London on-site, part-time", "", null, null, "London", true, "onsite", "part-time", false, "en")]
    [InlineData("Cherche des candidats freelance qui maîtrisent k8s et Kubernetes, prêts à déménager en France", "Kubernetes", null, null, "France", true, null, "freelance", false, "fr")]
    [InlineData("Stagiaire en data science à Lyon avec permis de travail", "Data Science", null, null, "Lyon", false, null, "internship", true, "fr")]
    [InlineData("py and postgres devs, 4 yrs of experience, no visa sponsorship", "Python|PostgreSQL", 4.0, null, null, false, null, null, false, "en")]
    public void Agent_queries_are_read_into_criteria(string query, string skills, double? years, string? yearsSkill, string? location,
        bool relocation, string? workMode, string? contract, bool visa, string language)
    {
        var criteria = CriteriaParser.Parse(query);
        var seen = System.Text.Json.JsonSerializer.Serialize(criteria);
        Assert.True(skills.Split('|', StringSplitOptions.RemoveEmptyEntries).SequenceEqual(criteria.Skills), seen);
        Assert.True(years == criteria.MinimumYears && yearsSkill == criteria.YearsSkill && location == criteria.Location && relocation == criteria.Relocation
                    && workMode == criteria.WorkMode && contract == criteria.ContractType && visa == criteria.WorkVisa && language == criteria.Language, seen);
        Assert.Equal(skills.Split('|', StringSplitOptions.RemoveEmptyEntries), criteria.Skills);
        Assert.Equal(years, criteria.MinimumYears);
        Assert.Equal(yearsSkill, criteria.YearsSkill);
        Assert.Equal(location, criteria.Location);
        Assert.Equal(relocation, criteria.Relocation);
        Assert.Equal(workMode, criteria.WorkMode);
        Assert.Equal(contract, criteria.ContractType);
        Assert.Equal(visa, criteria.WorkVisa);
        Assert.Equal(language, criteria.Language);
    }

    [Fact]
    public void Agent_queries_read_counts_levels_roles_and_availability()
    {
        var top = CriteriaParser.Parse("Show me the top 3 senior data engineers who know Spark, available now");
        Assert.Equal(3, top.Count);
        Assert.Equal("senior", top.Level);
        Assert.Equal(5, top.MinimumYears);
        Assert.Equal("data engineers", top.Role);
        Assert.True(top.AvailableNow);
        Assert.Equal(["Spark"], top.Skills);
        Assert.Equal(5, CriteriaParser.Parse("Trouve 5 candidats Java").Count);
        Assert.Null(CriteriaParser.Parse("5+ years of Java").Count);
        Assert.Null(CriteriaParser.Parse("less than 3 years of Java").MinimumYears);
    }

    [Fact]
    public void The_agent_ranks_candidates_in_the_obvious_order_and_says_why()
    {
        var pool = new[]
        {
            Candidate(1, "Ann Berlin", ["Python", "Django"], "2018-01", "Berlin, Germany", ["remote"]),
            Candidate(2, "Bob Python", ["Python"], "2019-01", "Madrid, Spain", ["remote"]),
            Candidate(3, "Cleo Junior", ["Python", "Django"], "2024-06", "Rome, Italy", ["remote"]),
            Candidate(4, "Dan Office", ["Python", "Django"], "2017-01", "Paris, France", ["onsite"]),
            Candidate(5, "Eve Java", ["Java"], "2010-01", "Paris, France", ["remote"]),
            Candidate(6, "Finn Lyon", ["Python", "Django"], "2016-01", "Lyon, France", ["remote"], relocate: false),
            Candidate(7, "Gus Paris", ["Python", "Django"], "2014-01", "Paris, France", ["remote"], relocate: false),
            Candidate(8, "Hal Away", ["Python", "Django"], "2012-01", "Paris, France", ["remote"], available: false),
            Candidate(9, "Ivy Any", ["python", "DRF"], "2015-01", "Paris", []),
        };
        var query = "5+ years of Python and Django, remote, willing to relocate to Paris";
        var outcome = CandidateSearch.Rank(CriteriaParser.Parse(query), query, pool, Today);

        // Everyone with both skills and the years, by the engine's score (Paris is nearer than Berlin), then the junior, then one skill.
        Assert.Equal(["Gus Paris", "Ivy Any", "Ann Berlin", "Cleo Junior", "Bob Python"], outcome.Matches.Select(m => m.Candidate.Name));
        Assert.Equal(8, outcome.Considered);
        Assert.Equal(1, outcome.LeftOut["not open to remote work"]);
        Assert.Equal(1, outcome.LeftOut["with none of the skills asked"]);
        Assert.Equal(1, outcome.LeftOut["based outside Paris and not willing to relocate"]);
        var ann = outcome.Matches.Single(m => m.Candidate.Name == "Ann Berlin");
        Assert.Contains("has Python and Django", ann.Reasons);
        Assert.Contains("8.4 years with Python, meeting the 5 asked", ann.Reasons);
        Assert.Contains("willing to relocate to Paris from Berlin, Germany", ann.Reasons);
        Assert.False(outcome.Matches.Single(m => m.Candidate.Name == "Cleo Junior").MeetsYears);
        Has("Criteria understood: skills: Python and Django (synonyms included); at least 5 years with Python; work mode: remote; "
                        + "based in Paris or willing to relocate there", outcome.Reasoning);
        Has("Found 5 candidates matching criteria: 1. Gus Paris", outcome.Reasoning);
        Has("Left out: 1 based outside Paris and not willing to relocate, 1 not open to remote work, 1 with none of the skills asked.", outcome.Reasoning);

        var two = CandidateSearch.Rank(CriteriaParser.Parse("find 2 Django developers"), "find 2 Django developers", pool, Today);
        Assert.Equal(2, two.Matches.Count);
        Has("Found 6 candidates matching criteria, showing the best 2", two.Reasoning);
    }

    [Fact]
    public void A_follow_up_refines_the_criteria_and_a_new_search_replaces_them()
    {
        var first = CriteriaParser.Parse("Python developers in Paris");
        var refined = first.Refine(CriteriaParser.Parse("only remote ones with Docker"), CriteriaParser.IsNewSearch("only remote ones with Docker"));
        Assert.Equal(["Python", "Docker"], refined.Skills);
        Assert.Equal("Paris", refined.Location);
        Assert.Equal("remote", refined.WorkMode);
        var fresh = first.Refine(CriteriaParser.Parse("Find Java developers"), CriteriaParser.IsNewSearch("Find Java developers"));
        Assert.Equal(["Java"], fresh.Skills);
        Assert.Null(fresh.Location);
    }

    private static readonly PostedJob[] Jobs =
    [
        new(1, "Senior Data Engineer", "DataCo", ["Python", "Airflow", "Spark", "Kafka"], "senior", "Paris, France", "full_time", 70_000, 90_000, "Pipelines."),
        new(2, "Data Engineer", "Streamly", ["Python", "Spark", "SQL", "Airflow"], "mid", "Remote", "full_time", 55_000, 70_000, "Batch and streaming."),
        new(3, "Data Engineer", "ScalaWorks", ["Scala", "Spark", "Kubernetes"], "mid", "Berlin, Germany", "full_time", null, null, "Spark on Kubernetes."),
        new(4, "Frontend Developer", "Pixel", ["React", "TypeScript", "CSS"], "mid", "Remote", "full_time", null, null, "Web apps."),
        new(5, "Senior Backend Developer", "Acme Cloud", ["Python", "Django", "Kubernetes", "AWS"], "senior", "Paris, France", "full_time", 80_000, 95_000,
            "Django services on Kubernetes."),
    ];

    [Fact]
    public void The_coach_counts_the_skills_a_direction_s_jobs_ask_that_the_resume_lacks()
    {
        var alice = Alice();
        var gaps = CareerCoach.Answer(alice, "What skills do I need to become a data engineer?", new ThreadContext(), Jobs, Today);
        Has("Skills the 3 data engineer jobs on the platform ask that your resume lacks: Spark (3 of 3), Airflow (2 of 3)", gaps.Output);
        Has("You already have Python (2 of 3)", gaps.Output);
        Assert.Equal(["Spark", "Airflow", "Kafka"], gaps.Context.Skills);

        var plan = CareerCoach.Answer(alice, "What career path would you recommend for me?", new ThreadContext(), Jobs, Today);
        Has("Based on your experience with Python", plan.Output);
        Has("the next step is Lead Backend Developer", plan.Output);
        Has("Senior Backend Developer at Acme Cloud", plan.Output);
        Has("1. learn Airflow (asked by 2 of the 4 jobs close to your profile on the platform)", plan.Output);
        Has("Verify your profile".ToLowerInvariant(), plan.Output);

        var salary = CareerCoach.Answer(alice, "and what salary could I expect?", gaps.Context, Jobs, Today);
        Has("The 2 data engineer jobs on the platform that state a salary offer 62,500 to 80,000", salary.Output);

        var none = CareerCoach.Answer(alice, "What career path would you recommend for me?", new ThreadContext(), [], Today);
        Has("No jobs are open on the platform yet", none.Output);
    }
}
