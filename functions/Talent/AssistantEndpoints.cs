using CareerNexus.Accounts;
using CareerNexus.Assistant;
using CareerNexus.Functions.Hosting;
using CareerNexus.Functions.Recruitment;
using CareerNexus.Tokens;
using Microsoft.AspNetCore.Authentication;

namespace CareerNexus.Functions.Talent;

// Routes: /api/channels/agent/ (POST), /api/candidates/prompt/ (POST), /api/candidates/career-coach/ (POST).

/// <summary>
/// Document 004's agent search, resume chat and career coach: callable without a token ("Authentication: Not required"); a
/// token (Bearer, or the cookie with its CSRF header) that is sent must be valid, and decides what the answer may show.
/// Limited per client IP (<see cref="CredentialLimits.AssistantPolicy"/>).
/// </summary>
public static class TalentAssistantEndpoints
{
    public static void MapTalentAgent(this RouteGroupBuilder group) =>
        group.MapPost("/agent", async (RecruitmentBody body, HttpContext http, AccountService accounts, AssistantService service, CancellationToken ct) =>
        {
            var (query, threadId) = (body.Text("query"), body.Text("thread_id"));
            body.ThrowIfInvalid();
            return AgentResponse.Of(await service.SearchAsync(await CallerAsync(http, accounts, ct), query, threadId, ct));
        }).Optional().Accepts<AgentBody>("application/json").Produces<AgentResponse>();

    public static void MapTalentAssistant(this RouteGroupBuilder group)
    {
        group.MapPost("/prompt", async (RecruitmentBody body, HttpContext http, AccountService accounts, AssistantService service, CancellationToken ct) =>
        {
            var (input, slug, threadId) = Read(body);
            var answer = await service.ResumeChatAsync(await CallerAsync(http, accounts, ct), input, slug, threadId, ct);
            return new AssistantOutput(answer.Output, answer.ThreadId);
        }).Optional().Accepts<AssistantBody>("application/json").Produces<AssistantOutput>();

        group.MapPost("/career-coach", async (RecruitmentBody body, HttpContext http, AccountService accounts, AssistantService service, CancellationToken ct) =>
        {
            var (input, slug, threadId) = Read(body);
            var answer = await service.CoachAsync(await CallerAsync(http, accounts, ct), input, slug, threadId, ct);
            return new AssistantOutput(answer.Output, answer.ThreadId);
        }).Optional().Accepts<AssistantBody>("application/json").Produces<AssistantOutput>();
    }

    private static (string? Input, string? Slug, string? ThreadId) Read(RecruitmentBody body)
    {
        var read = (body.Text("input_text"), body.Text("resume_slug"), body.Text("thread_id"));
        body.ThrowIfInvalid();
        return read;
    }

    /// <summary>Public, per-IP limited, and refusing a token that was sent but is not valid (see <see cref="CallerAsync"/>).</summary>
    private static RouteHandlerBuilder Optional(this RouteHandlerBuilder route) => route.RequireRateLimiting(CredentialLimits.AssistantPolicy)
        .AddEndpointFilter(async (context, next) =>
        {
            // A token that fails (expired, revoked, a cookie without its CSRF header) is answered as on any route, 401 or 403,
            // rather than read as no token: the caller would otherwise get less than they may see without knowing why.
            var result = await context.HttpContext.AuthenticateAsync();
            if (result.Failure is null) return await next(context);
            await context.HttpContext.ChallengeAsync();
            return Results.Empty;
        });

    private static async Task<Account?> CallerAsync(HttpContext http, AccountService accounts, CancellationToken ct) =>
        http.User.Identity?.IsAuthenticated == true ? await accounts.GetAsync(http.User.Caller(), ct) : null;
}
