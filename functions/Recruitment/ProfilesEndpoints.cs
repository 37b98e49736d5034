namespace CareerNexus.Functions.Recruitment;

/// <summary>Document 003's profiles module.</summary>
public static class RecruitmentProfilesEndpoints
{
    public static void MapRecruitmentProfiles(this RouteGroupBuilder group)
    {
    }
}
