using System.Globalization;
using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Profiles;

namespace CareerNexus.Functions.Nexus;

// Document 002's profile bodies and answers. Blank text reads "" and missing media "", as the document shows.

public sealed record ProfileBody(string? FirstName, string? LastName, string? MiddleName, string? Bio, string? Location, string? Position,
    string? Qualification, string? Summary, string? CountryCode, string? PhoneNumber, string? ProfilePhoto, string? CoverPhoto, string? IntroVideo);

public sealed record IndustryBody(string? Industry, string? User, string? UserType);

public sealed record ExperienceBody(string? Title, string? Organization, string? StartDate, string? EndDate, string? Location,
    string? EmploymentType, string? Detail)
{
    public ExperienceFields Fields => new(Title, Organization, StartDate, EndDate, Location, EmploymentType, Detail);
}

public sealed record UpdateExperienceBody(long? Id, string? Title, string? Organization, string? StartDate, string? EndDate, string? Location,
    string? EmploymentType, string? Detail)
{
    public ExperienceFields Fields => new(Title, Organization, StartDate, EndDate, Location, EmploymentType, Detail);
}

public sealed record EducationBody(string? Course, string? School, string? StartDate, string? EndDate, string? Location, string? Detail)
{
    public EducationFields Fields => new(Course, School, StartDate, EndDate, Location, Detail);
}

public sealed record CertificationBody(string? Title, string? School, string? IssueDate,
    string? CertId, string? Skills)
{
    public CertificationFields Fields => new(Title, School, IssueDate, CertId, Skills);
}

public sealed record ExperienceItem(long Id, string Title, string Organization, string StartDate, string EndDate, string Location,
    string EmploymentType, string Detail)
{
    public static ExperienceItem Of(ProfileEntry e) => new(e.EntryId, e.Title, e.Organization, e.StartDate, e.EndDate, e.Location, e.EmploymentType, e.Detail);
}

public sealed record EducationItem(long Id, string Course, string School, string StartDate, string EndDate, string Location, string Detail)
{
    public static EducationItem Of(ProfileEntry e) => new(e.EntryId, e.Course, e.School, e.StartDate, e.EndDate, e.Location, e.Detail);
}

public sealed record CertificationItem(long Id, string Title, string School, string IssueDate, string CertId, string Skills)
{
    public static CertificationItem Of(ProfileEntry e) => new(e.EntryId, e.Title, e.School, e.IssueDate, e.CertId, e.Skills);
}

public sealed record ProfileResponse(string FirstName, string LastName, string MiddleName, string CoverPhoto, string ProfilePhoto, string Location,
    string Position, string Bio, string Qualification, string IntroVideo, string Summary, IReadOnlyList<ExperienceItem> Experience,
    IReadOnlyList<EducationItem> Education, IReadOnlyList<CertificationItem> Certification, long Followers, long Followings)
{
    public static ProfileResponse Of(ProfileView view)
    {
        var a = view.Account;
        return new ProfileResponse(a.FirstName, a.LastName, a.MiddleName, a.CoverPhoto ?? "", a.Avatar ?? "", a.Location, a.Position, a.Bio,
            a.Qualification, a.IntroVideo ?? "", a.Summary, view.Experience.Select(ExperienceItem.Of).ToList(),
            view.Education.Select(EducationItem.Of).ToList(), view.Certification.Select(CertificationItem.Of).ToList(), a.FollowersCount,
            a.FollowingCount);
    }
}

public sealed record UpdatedProfileResponse(string FirstName, string LastName, string MiddleName, string CountryCode, string PhoneNumber,
    string ProfilePhoto, string CoverPhoto, string Qualification, string IntroVideo, string Location, string Bio, string Position, string Summary)
{
    public static UpdatedProfileResponse Of(Account a) => new(a.FirstName, a.LastName, a.MiddleName, a.CountryCode, a.PhoneNumber, a.Avatar ?? "",
        a.CoverPhoto ?? "", a.Qualification, a.IntroVideo ?? "", a.Location, a.Bio, a.Position, a.Summary);
}

public sealed record IndustryResponse(string Industry, string Email);


public sealed record CompletionResponse(int Completion, IReadOnlyList<string> IncompleteItems, IReadOnlyList<string> CompleteItems);
