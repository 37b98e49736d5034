namespace CareerNexus.Payments;

/// <summary>Settings under CareerNexus:Payments: the providers' keys and addresses, and where payers come back to.</summary>
public sealed class PaymentOptions
{
    public StripeOptions Stripe { get; set; } = new();
    public AfribaPayOptions AfribaPay { get; set; } = new();

    /// <summary>The client page a payer returns to ("?transaction_id=...&amp;result=success|cancel"); empty: {EmailLinkBase}/payments/return.</summary>
    public string ReturnUrl { get; set; } = "";

    /// <summary>How long the poller waits for a mobile-money callback before asking AfribaPay itself.</summary>
    public int CallbackGraceSeconds { get; set; } = 120;
}

public sealed class StripeOptions
{
    /// <summary>The secret API key (sk_live_... or a restricted key that may write Checkout Sessions); empty: Stripe is off.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>The webhook endpoint's signing secrets (whsec_...), comma-separated: the new and the old one while rotating.</summary>
    public string WebhookSecrets { get; set; } = "";

    public string ApiBase { get; set; } = "https://api.stripe.com";

    public bool IsConfigured => SecretKey.Trim().Length > 0;

    public IReadOnlyList<string> Secrets => WebhookSecrets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

public sealed class AfribaPayOptions
{
    public string BaseUrl { get; set; } = "https://api.afribapay.com";

    /// <summary>The API user and key (HTTP Basic at /v1/token); the key also signs AfribaPay's callbacks.</summary>
    public string ApiUser { get; set; } = "";
    public string ApiKey { get; set; } = "";

    /// <summary>The merchant key every collection names.</summary>
    public string MerchantKey { get; set; } = "";

    public bool IsConfigured => ApiUser.Trim().Length > 0 && ApiKey.Trim().Length > 0 && MerchantKey.Trim().Length > 0;
}
