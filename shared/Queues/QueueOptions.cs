namespace CareerNexus.Queues;

/// <summary>Settings under CareerNexus:Queues.</summary>
public sealed class QueueOptions
{
    /// <summary>
    /// A Service Bus connection string ("Endpoint=sb://...;SharedAccessKeyName=...;SharedAccessKey=..."). When set,
    /// messages go to Service Bus and arrive back through serviceBusTrigger functions; when empty, the app's
    /// own durable queue carries them.
    /// </summary>
    public string ServiceBusConnectionString { get; set; } = "";

    /// <summary>Deliveries before a message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;
}
