namespace CareerNexus.Payments;

/// <summary>A checkout made at a provider: its id there, and where to send the payer (none for a mobile-money prompt).</summary>
public sealed record ProviderCheckout(string ProviderRef, string? PaymentUrl);

/// <summary>What the provider says of a payment now: one of <see cref="PaymentStatuses"/>.</summary>
public sealed record ProviderStatus(string Status, string? ProviderRef);

/// <summary>A provider's failure. Refused: it answered no (the payment fails); otherwise it could not be reached (try again).</summary>
public sealed class PaymentProviderException(string message, bool refused, Exception? inner = null) : Exception(message, inner)
{
    public bool Refused { get; } = refused;
}

/// <summary>One payment provider, spoken to at its protocol boundary.</summary>
public interface IPaymentGateway
{
    string Method { get; }

    bool IsConfigured { get; }

    /// <summary>Makes the checkout of a transaction; repeating it for the same transaction makes no second payment.</summary>
    Task<ProviderCheckout> StartAsync(PaymentTransaction transaction, CancellationToken ct);

    /// <summary>Reads the payment back from the provider; null when the provider has no such payment.</summary>
    Task<ProviderStatus?> CheckAsync(PaymentTransaction transaction, CancellationToken ct);
}
