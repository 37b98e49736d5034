using CareerNexus.Accounts;
using CareerNexus.Blog;
using CareerNexus.Common;
using CareerNexus.Connections;
using CareerNexus.Email;
using CareerNexus.Erasure;
using CareerNexus.Experiments;
using CareerNexus.Feedback;
using CareerNexus.Files;
using CareerNexus.Gamification;
using CareerNexus.Applications;
using CareerNexus.Assistant;
using CareerNexus.Candidates;
using CareerNexus.Companies;
using CareerNexus.Jobs;
using CareerNexus.LinkedIn;
using CareerNexus.Matching;
using CareerNexus.Messaging;
using CareerNexus.Ngos;
using CareerNexus.Notifications;
using CareerNexus.Payments;
using CareerNexus.Organizations;
using CareerNexus.Profiles;
using CareerNexus.Queues;
using CareerNexus.Ranking;
using CareerNexus.Realtime;
using CareerNexus.Resumes;
using CareerNexus.Reference;
using CareerNexus.Reviews;
using CareerNexus.Verification;
using CareerNexus.Posts;
using CareerNexus.Social;
using CareerNexus.Statistics;
using CareerNexus.Storage;
using CareerNexus.Subscriptions;
using CareerNexus.TalentProfiles;
using CareerNexus.Tokens;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus;

public static class PlatformServices
{
    /// <summary>Registers the platform's features and their Cosmos store, configured from the "CareerNexus" section.</summary>
    public static IServiceCollection AddCareerNexusPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        // Bound when first resolved, so that hosts (and tests) may add configuration after this call.
        services.AddSingleton(_ => BindOptions(configuration));
        services.AddSingleton(sp => sp.GetRequiredService<PlatformOptions>().Passwords);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => CreateCosmosClient(sp.GetRequiredService<PlatformOptions>().Cosmos));
        services.AddSingleton(sp => new DocumentStore(sp.GetRequiredService<CosmosClient>(), sp.GetRequiredService<PlatformOptions>().Cosmos));
        services.AddSingleton<IdAllocator>(sp => new IdAllocator(sp.GetRequiredService<DocumentStore>()));
        services.AddSingleton<HandleRegistry>();
        services.AddSingleton<HandleAvailability>();
        services.AddSingleton<IFaultPoints, NoFaults>();
        services.AddSingleton<CountOnce>();
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<SessionCache>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<AdminPolicy>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<FollowService>();
        services.AddSingleton<PeopleService>();
        services.AddPosts();
        services.AddFiles();
        services.AddQueues();
        services.AddEmail();
        services.AddRealtime();
        services.AddVerification();
        services.AddProfiles();
        services.AddConnectionFeature();
        services.AddJobs();
        services.AddMessaging();
        services.AddNotifications();
        services.AddReference();
        services.AddSingleton<Onboarding.RecruitmentOnboarding>();
        services.AddSingleton<Onboarding.RecruitmentRegistration>();
        services.AddLinkedIn();
        services.AddSubscriptions();
        services.AddCandidates();
        services.AddCompanies();
        services.AddApplications();
        services.AddMatching();
        services.AddExperiments();
        services.AddPayments();
        // Document 003's blog, reviews, NGOs and the admin panel's platform figures.
        services.AddStatistics();
        services.AddBlog();
        services.AddReviews();
        services.AddNgos();
        services.AddGamification();
        services.AddResumes();
        // Document 004 (Talent).
        services.AddSingleton<Referrals>();
        services.AddOrganizations();
        services.AddSingleton<Onboarding.TalentRegistration>();
        services.AddFeedback();
        services.AddErasure();
        services.AddSingleton<TalentJobService>();
        services.AddRanking();
        services.AddTalentProfiles();
        services.AddAssistant();
        return services;
    }

    private static PlatformOptions BindOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(PlatformOptions.Section).Get<PlatformOptions>() ?? new PlatformOptions();
        // The triggers' connection setting serves the sender too: a connection string, or (identity-based, as the
        // Functions host names them) ServiceBusConnection__fullyQualifiedNamespace, __credential and __clientId.
        var queues = options.Queues;
        var trigger = configuration.GetSection(QueueOptions.TriggerConnectionSetting);
        if (string.IsNullOrWhiteSpace(queues.ServiceBusConnectionString)) queues.ServiceBusConnectionString = trigger.Value ?? "";
        if (string.IsNullOrWhiteSpace(queues.FullyQualifiedNamespace)) queues.FullyQualifiedNamespace = trigger["fullyQualifiedNamespace"] ?? "";
        if (string.IsNullOrWhiteSpace(queues.Credential)) queues.Credential = trigger["credential"] ?? "";
        if (string.IsNullOrWhiteSpace(queues.ClientId)) queues.ClientId = trigger["clientId"] ?? "";
        return options;
    }

    private const string QueryPlanSwitch = "AZURE_COSMOS_USE_QUERY_PLAN_INTEROP_LINUX";

    /// <summary>The Cosmos client: with the account key when one is set, otherwise by identity.</summary>
    public static CosmosClient CreateCosmosClient(CosmosOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Endpoint))
            throw new InvalidOperationException("CareerNexus:Cosmos:Endpoint must be set (with CareerNexus:Cosmos:Key, or none to connect by identity).");
        // Cross-partition queries need a query plan; on Linux the SDK computes it only with this switch on,
        // and the local server cannot serve one from the gateway.
        if (Environment.GetEnvironmentVariable(QueryPlanSwitch) is null) Environment.SetEnvironmentVariable(QueryPlanSwitch, "true");
        var clientOptions = new CosmosClientOptions
        {
            UseSystemTextJsonSerializerWithOptions = PlatformJson.Options,
            ApplicationName = "careernexus",
            // The SDK's own operation spans (source Azure.Cosmos.Operation), exported when telemetry is on.
            CosmosClientTelemetryOptions = new CosmosClientTelemetryOptions { DisableDistributedTracing = false },
        };
        if (options.GatewayOnly)
        {
            clientOptions.ConnectionMode = ConnectionMode.Gateway;
            clientOptions.LimitToEndpoint = true;
        }
        return options.Identity() is { } identity
            ? new PlatformCosmosClient(options.Endpoint, identity.Create(), clientOptions)
            : new PlatformCosmosClient(options.Endpoint, options.Key, clientOptions);
    }

    /// <summary>
    /// The SDK's client, disposed safely: a host stopped while the client still reads the account's metadata in the
    /// background makes the SDK dispose that unfinished task, which throws; at shutdown that is nothing to fail on.
    /// </summary>
    private sealed class PlatformCosmosClient : CosmosClient
    {
        public PlatformCosmosClient(string endpoint, string key, CosmosClientOptions options) : base(endpoint, key, options) { }

        public PlatformCosmosClient(string endpoint, Azure.Core.TokenCredential credential, CosmosClientOptions options)
            : base(endpoint, credential, options) { }

        protected override void Dispose(bool disposing)
        {
            try
            {
                base.Dispose(disposing);
            }
            catch (InvalidOperationException)
            {
                // The unfinished background task: the process or test host is going away.
            }
        }
    }
}
