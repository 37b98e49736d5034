using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Reviews;

public static class ReviewsServices
{
    public static IServiceCollection AddReviews(this IServiceCollection services) => services.AddSingleton<ReviewService>();
}
