using CareerNexus.Accounts;
using CareerNexus.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Posts;

public static class PostServices
{
    public static IServiceCollection AddPosts(this IServiceCollection services)
    {
        services.AddSingleton<PostService>();
        services.AddSingleton<PostActivityService>();
        services.AddSingleton<SavedPostService>();
        services.AddSingleton<PostFeedService>();
        services.AddSingleton<TimelineStore>();
        services.AddSingleton<PostWork>();
        services.AddSingleton<IAccountObserver, PostAuthors>();
        services.AddQueueHandler<PostWorkHandler>(QueueNames.Posts);
        return services;
    }
}
