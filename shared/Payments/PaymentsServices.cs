using CareerNexus.Common;
using CareerNexus.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace CareerNexus.Payments;

public static class PaymentsServices
{
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        services.AddPlatformHttpClient(StripeGateway.HttpClientName);
        services.AddPlatformHttpClient(AfribaPayGateway.HttpClientName);
        services.AddSingleton<StripeGateway>();
        services.AddSingleton<AfribaPayGateway>();
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<StripeGateway>());
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<AfribaPayGateway>());
        services.AddSingleton<PaymentService>();
        services.AddSingleton<PaymentWebhooks>();
        services.AddQueueHandler<PaymentEventsHandler>(QueueNames.Payments);
        services.AddScheduledJob<PaymentPoller>(PaymentPoller.JobName, PaymentPoller.Every);
        return services;
    }
}
