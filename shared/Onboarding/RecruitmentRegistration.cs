using CareerNexus.Accounts;
using CareerNexus.Common;
using CareerNexus.Verification;

namespace CareerNexus.Onboarding;

/// <summary>Document 003's registration body.</summary>
public sealed record RecruitmentSignup(string? Username, string? Email, string? Password, string? Password2, string? FirstName,
    string? LastName, string? UserType, string? Phone, string? Location, string? Bio, string? CompanyName);

/// <summary>
/// Registration on the Recruitment surface: the account starts inactive, takes its role (a candidate profile, or a
/// recruiter profile and the company they own), and is mailed its activation link. Only candidates and recruiters
/// register; the other user types are granted.
/// </summary>
public sealed class RecruitmentRegistration(AccountService accounts, RecruitmentOnboarding onboarding, ActivationService activation)
{
    public static readonly IReadOnlyList<string> RegistrableRoles = [RecruitmentRoles.Candidate, RecruitmentRoles.Recruiter];

    public async Task<Account> RegisterAsync(RecruitmentSignup request, CancellationToken ct = default)
    {
        Account account;
        try
        {
            account = await CreateAsync(request, ct);
        }
        catch (PlatformException taken) when (taken.Fields.Count == 1 && (taken.Fields.ContainsKey("username") || taken.Fields.ContainsKey("email")))
        {
            // A retry of a registration that stopped after its account was written (before its profile or its mail)
            // finishes that one; a different role is a different registration and stays refused.
            var unfinished = await accounts.FindUnfinishedRegistrationAsync(request.Username, request.Email, request.Password, ct);
            if (unfinished is null || (!string.IsNullOrEmpty(unfinished.RecruitmentRole) && unfinished.RecruitmentRole != request.UserType)) throw;
            account = unfinished;
        }
        await onboarding.StartAsync(account, request.UserType!, request.CompanyName, ct);
        await activation.SendAsync(account, ct);
        return account;
    }

    private Task<Account> CreateAsync(RecruitmentSignup request, CancellationToken ct) =>
        accounts.RegisterAsync(new NewAccount(request.Username, request.Email, request.Password, request.FirstName,
            request.LastName, request.Bio, Active: false,
            Confirmation: string.IsNullOrEmpty(request.Password2) ? null : new PasswordConfirmation(request.Password2, "password2"),
            Location: request.Location, Phone: request.Phone, MoreRules: errors =>
            {
                if (string.IsNullOrEmpty(request.Password2)) errors.Add("password2", "This field is required.");
                if (string.IsNullOrWhiteSpace(request.UserType)) errors.Add("user_type", "This field is required.");
                else if (!RegistrableRoles.Contains(request.UserType))
                    errors.Add("user_type", $"\"{request.UserType}\" is not a valid choice: only candidate and recruiter accounts may register.");
                AccountRules.CheckText(request.CompanyName, RecruitmentOnboarding.MaxCompanyNameLength, errors, "company_name");
            }, DuplicatesAsFieldErrors: true), ct);
}
