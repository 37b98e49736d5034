namespace CareerNexus.Companies;

/// <summary>Roles within a company's team.</summary>
public static class CompanyRoles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Recruiter = "recruiter";
}

/// <summary>
/// A hiring company (document 003), by company id in the companies container. Its team is embedded (capped), so
/// the "may this recruiter act for this company" check is part of the company read.
/// </summary>
public sealed class Company
{
    public string Id { get; set; } = "";
    public long CompanyId { get; set; }
    public string Name { get; set; } = "";
    public string? Logo { get; set; }
    public string Description { get; set; } = "";
    public string Industry { get; set; } = "";
    public string Location { get; set; } = "";
    public string Website { get; set; } = "";
    public long OwnerId { get; set; }
    public List<TeamMember> Team { get; set; } = [];

    /// <summary>Stored counter of the company's active jobs.</summary>
    public long ActiveJobsCount { get; set; }

    /// <summary>Stored counters of the company's reviews by candidates (Reviews feature), moved once per review.</summary>
    public Reviews.RatingTally Ratings { get; set; } = new();
    /// <summary>Stored counter of the accounts following the company, moved once per follow.</summary>
    public long FollowersCount { get; set; }

    /// <summary>Lower-cased name, location and industry for filters (the query language has no collation).</summary>
    public string SearchText { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Document 003's size band ("100-500") and founding year; empty until the company says.</summary>
    public string EmployeeCount { get; set; } = "";
    public int? FoundedYear { get; set; }

    /// <summary>Document 004's linkedin_url of an organization; empty until set.</summary>
    public string LinkedinUrl { get; set; } = "";

    /// <summary>The member's role in this company, or null when they are not on its team.</summary>
    public string? RoleOf(long userId) => Team.FirstOrDefault(m => m.UserId == userId)?.Role;

    /// <summary>Owners and admins manage every job of the company; a recruiter their own.</summary>
    public bool IsAdmin(long userId) => RoleOf(userId) is CompanyRoles.Owner or CompanyRoles.Admin;
}

/// <summary>A member of a company's team, with copies of their account's username and name so a company's detail reads no accounts.</summary>
public sealed record TeamMember(long UserId, string Role, DateTimeOffset JoinedAt)
{
    public string Username { get; init; } = "";
    public string FullName { get; init; } = "";

    /// <summary>Copies document 004 shows of an organization's users (absent on entries made before they were kept).</summary>
    public string Email { get; init; } = "";
    public string FirstName { get; init; } = "";
    public string LastName { get; init; } = "";

    public static TeamMember Of(Accounts.Account account, string role, DateTimeOffset joinedAt) => new TeamMember(account.UserId, role, joinedAt).Copying(account);

    /// <summary>The entry with the account's current details.</summary>
    public TeamMember Copying(Accounts.Account account) => this with
    {
        Username = account.Username, FullName = account.FullName(), Email = account.Email, FirstName = account.FirstName, LastName = account.LastName,
    };
}

/// <summary>A recruiter's profile (document 003), one per recruiter account, by user id.</summary>
public sealed class RecruiterProfile
{
    public string Id { get; set; } = "";
    public long UserId { get; set; }
    public long ProfileId { get; set; }
    public long CompanyId { get; set; }
    public string HiringNeeds { get; set; } = "";

    /// <summary>Stored counters: applications this recruiter accepted, and their jobs that are active.</summary>
    public long TotalHires { get; set; }
    public long ActiveJobs { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Copies of the account's username, email and bio and of the company's name and logo, so that the own-profile
    /// read is the profile alone. RecruiterProfileService keeps them: on account changes (IAccountObserver), on
    /// company changes (ICompanyObserver), and on the first read when <see cref="CompanyName"/> is still null.
    /// </summary>
    public string Username { get; set; } = "";
    public string Email { get; set; } = "";
    public string Bio { get; set; } = "";
    public string? CompanyName { get; set; }
    public string? CompanyLogo { get; set; }
}
