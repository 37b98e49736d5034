using CareerNexus.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Erasure;

public static class ErasureServices
{
    /// <summary>The account-erasure worker and each feature's eraser (their classes live in their features' folders).</summary>
    public static IServiceCollection AddErasure(this IServiceCollection services)
    {
        services.AddSingleton<AccountErasure>();
        services.AddSingleton<IPersonalData, Organizations.OrganizationErasure>();
        services.AddSingleton<IPersonalData, Jobs.JobErasure>();
        services.AddSingleton<IPersonalData, Applications.ApplicationErasure>();
        services.AddSingleton<IPersonalData, Matching.MatchErasure>();
        services.AddSingleton<IPersonalData, Candidates.ProfileErasure>();
        services.AddSingleton<IPersonalData, Posts.PostErasure>();
        services.AddSingleton<IPersonalData, Social.FollowErasure>();
        services.AddSingleton<IPersonalData, Connections.ConnectionErasure>();
        services.AddSingleton<IPersonalData, Notifications.NotificationErasure>();
        services.AddSingleton<IPersonalData, Feedback.FeedbackErasure>();
        services.AddSingleton<IPersonalData, Verification.VerificationErasure>();
        services.AddSingleton<IPersonalData, Payments.PaymentErasure>();
        services.AddSingleton<IPersonalData, Subscriptions.SubscriptionErasure>();
        services.AddSingleton<IPersonalData, Reviews.ReviewErasure>();
        services.AddSingleton<IPersonalData, Blog.BlogErasure>();
        services.AddSingleton<IPersonalData, Ngos.NgoErasure>();
        services.AddSingleton<IPersonalData, Companies.CompanyFollowErasure>();
        services.AddSingleton<IPersonalData, Gamification.GamificationErasure>();
        services.AddSingleton<IPersonalData, Messaging.MessagingErasure>();
        services.AddSingleton<IPersonalData, TalentProfiles.TalentProfileErasure>();
        services.AddSingleton<IPersonalData, Assistant.AssistantErasure>();
        services.AddQueueHandler<AccountErasureHandler>(QueueNames.AccountErasure);
        return services;
    }
}
