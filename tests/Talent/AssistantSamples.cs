using CareerNexus.Assistant;
using CareerNexus.Resumes;
using CareerNexus.TalentProfiles;

namespace CareerNexus.Tests.Talent;

/// <summary>
/// Resumes with known facts for the assistant's tests: Alice Martin, a backend developer in Paris (Python since 2015-09,
/// Django since 2019-03, a master's at Université Paris-Saclay), and a few hand-made candidates for the agent search.
/// </summary>
public static class AssistantSamples
{
    public static readonly DateOnly Today = new(2026, 6, 1);

    public static ResumeData AliceResume(string tag = "") => new()
    {
        Name = "Alice Martin" + tag, Email = "alice.martin@example.com", Phone = "+33 6 12 34 56 78", Linkedin = "https://linkedin.com/in/alicemartin",
        Location = "Paris, France", Summary = "Backend developer who ships reliable Python services. I like mentoring.",
        Skills = ["Python", "Django", "PostgreSQL", "Docker", "React"],
        Experience =
        [
            new ResumeExperience
            {
                Company = "Acme", Position = "Senior Backend Developer", StartDate = "2019-03", IsCurrent = true,
                Description = "Built Django REST APIs in Python on PostgreSQL, shipped with Docker.",
            },
            new ResumeExperience
            {
                Company = "Beta Labs", Position = "Backend Developer", StartDate = "2015-09", EndDate = "2019-02",
                Description = "Python services and Flask APIs for logistics.",
            },
        ],
        Education =
        [
            new ResumeEducation { School = "Université Paris-Saclay", Degree = "Master", Field = "Computer Science", StartDate = "2013", EndDate = "2015" },
            new ResumeEducation { School = "Université de Lyon", Degree = "Bachelor", Field = "Mathematics", EndDate = "2013" },
        ],
        Languages = [new ResumeLanguage("English", "fluent"), new ResumeLanguage("French", "native")],
    };

    public static TalentProfile Profile(long id, string slug, ResumeData? resume, bool available = true, bool isPublic = true, string[]? workModes = null,
        string[]? employmentTypes = null, bool relocate = true, bool visa = true, string salary = "") => new()
    {
        Id = TalentProfile.DocumentId, Partition = TalentProfile.PartitionOf(slug), ProfileId = id, UserId = id, Slug = slug, ResumeData = resume,
        IsAvailable = available, IsPublic = isPublic, WorkModePreferences = [.. workModes ?? []], EmploymentTypePreferences = [.. employmentTypes ?? []],
        WillingToRelocate = relocate, HasWorkvisa = visa, ExpectedSalaryRange = salary, ParsingStatus = ParsingStatuses.Parsed,
    };

    public static CandidateFacts Alice(bool available = true) => CandidateFacts.From(
        Profile(1, "alice-martin", AliceResume(), available, workModes: ["remote", "hybrid"], employmentTypes: ["full-time"], salary: "$90,000 - $110,000"),
        [], Today);

    /// <summary>A candidate for the ranking tests: skills, one job from a start date to now, where they live and what they want.</summary>
    public static CandidateFacts Candidate(long id, string name, string[] skills, string start, string location, string[] workModes,
        bool relocate = true, bool available = true, bool visa = true, string position = "Developer") => CandidateFacts.From(
        Profile(id, name.ToLowerInvariant().Replace(' ', '-'), Resume(name, skills, start, location, position), available, workModes: workModes,
            relocate: relocate, visa: visa), [], Today);

    public static ResumeData Resume(string name, string[] skills, string start, string location, string position = "Developer") => new()
    {
        Name = name, Location = location, Skills = skills,
        Experience = [new ResumeExperience { Company = "Acme", Position = position, StartDate = start, IsCurrent = true, Description = $"Worked with {string.Join(", ", skills)}." }],
    };
}
