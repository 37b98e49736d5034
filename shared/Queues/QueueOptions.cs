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

    /// <summary>
    /// The Service Bus namespace ("acme.servicebus.windows.net") reached by identity when no connection string is
    /// set: from ServiceBusConnection__fullyQualifiedNamespace, the setting the triggers read too.
    /// </summary>
    public string FullyQualifiedNamespace { get; set; } = "";

    /// <summary>ServiceBusConnection__credential: "managedidentity", or empty for DefaultAzureCredential.</summary>
    public string Credential { get; set; } = "";

    /// <summary>ServiceBusConnection__clientId: a user-assigned managed identity.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>
    /// The app setting the generated serviceBusTrigger functions listen with. When ServiceBusConnectionString is
    /// empty the sender uses it too, so one setting serves both directions.
    /// </summary>
    public const string TriggerConnectionSetting = "ServiceBusConnection";

    /// <summary>Deliveries before a message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// Whether this process runs the local queue's pump. Off for a process that should only send (and in
    /// Functions hosting with Service Bus, where triggers deliver and the local queue is not used).
    /// </summary>
    public bool PumpEnabled { get; set; } = true;

    /// <summary>
    /// How often the pump looks for due messages when no local send woke it: each look is one query per handled
    /// queue and process, and a local send wakes the pump at once, so idle polling can be slow.
    /// </summary>
    public int PollMilliseconds { get; set; } = 2_000;

    /// <summary>How long a claimed message stays invisible to other pumps; a crashed claim is retried after it.</summary>
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Delay before the second delivery of a failed message; it doubles with each further attempt (at most 5 minutes).</summary>
    public int RetryDelayMilliseconds { get; set; } = 2_000;

    /// <summary>How long a handled message id is remembered, so that sending it again is a no-op (Service Bus duplicate detection).</summary>
    public int DuplicateWindowMinutes { get; set; } = 10;

    /// <summary>Service Bus as these settings reach it; null when the local queue carries the messages.</summary>
    public ServiceBusTarget? ServiceBus()
    {
        if (!string.IsNullOrWhiteSpace(ServiceBusConnectionString)) return new ServiceBusTarget(ServiceBusConnectionString, null, null);
        if (string.IsNullOrWhiteSpace(FullyQualifiedNamespace)) return null;
        return new ServiceBusTarget(null, FullyQualifiedNamespace.Trim(), Common.AzureIdentity.Choose(Credential, ClientId));
    }

    public TimeSpan RetryDelay(int attempts)
    {
        var delay = RetryDelayMilliseconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 20));
        return TimeSpan.FromMilliseconds(Math.Min(delay, TimeSpan.FromMinutes(5).TotalMilliseconds));
    }
}
