using Azure.Core;
using Azure.Identity;

namespace CareerNexus.Common;

/// <summary>Which Microsoft Entra credential a connection authenticates with.</summary>
public enum CredentialKind
{
    /// <summary>DefaultAzureCredential: managed identity in Azure, a developer's sign-in on a workstation.</summary>
    Default,

    /// <summary>ManagedIdentityCredential: the user-assigned identity named by the client id, or the system-assigned one.</summary>
    ManagedIdentity,
}

/// <summary>The credential a connection's settings ask for, decided before anything is built so that the choice can be checked.</summary>
public sealed record CredentialChoice(CredentialKind Kind, string? ClientId)
{
    public TokenCredential Create() => Kind switch
    {
        CredentialKind.ManagedIdentity when ClientId is { } id => new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(id)),
        CredentialKind.ManagedIdentity => new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned),
        _ => new DefaultAzureCredential(),
    };
}

/// <summary>
/// Identity-based connections as the Functions host reads them: "{Connection}__credential" ("managedidentity")
/// and "{Connection}__clientId". A client id means that user-assigned managed identity; "managedidentity"
/// alone the system-assigned one; neither, DefaultAzureCredential.
/// </summary>
public static class AzureIdentity
{
    public const string ManagedIdentity = "managedidentity";

    public static CredentialChoice Choose(string? credential, string? clientId)
    {
        var id = string.IsNullOrWhiteSpace(clientId) ? null : clientId.Trim();
        if (id is not null || string.Equals(credential?.Trim(), ManagedIdentity, StringComparison.OrdinalIgnoreCase))
            return new CredentialChoice(CredentialKind.ManagedIdentity, id);
        if (!string.IsNullOrWhiteSpace(credential))
            throw new InvalidOperationException($"Unknown credential '{credential}': use '{ManagedIdentity}' or leave it empty.");
        return new CredentialChoice(CredentialKind.Default, null);
    }
}
