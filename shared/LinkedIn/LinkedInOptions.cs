namespace CareerNexus.LinkedIn;

/// <summary>Settings under CareerNexus:LinkedIn: the app registered with LinkedIn, and its OpenID Connect endpoints.</summary>
public sealed class LinkedInOptions
{
    public string ClientId { get; set; } = "";

    /// <summary>The app's client secret, sent only to the token endpoint.</summary>
    public string ClientSecret { get; set; } = "";

    public string AuthorizationEndpoint { get; set; } = "https://www.linkedin.com/oauth/v2/authorization";
    public string TokenEndpoint { get; set; } = "https://www.linkedin.com/oauth/v2/accessToken";
    public string UserInfoEndpoint { get; set; } = "https://api.linkedin.com/v2/userinfo";

    /// <summary>Where LinkedIn sends the browser back, as registered with the app; empty: the API's own callback route.</summary>
    public string RedirectUri { get; set; } = "";

    public bool IsConfigured => ClientId.Trim().Length > 0 && ClientSecret.Trim().Length > 0;
}
