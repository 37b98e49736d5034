using Azure.Identity;
using CareerNexus.Common;
using CareerNexus.Storage;
using Xunit;

namespace CareerNexus.Tests.Adapters;

/// <summary>How settings choose between keys and Microsoft Entra identities (no Azure is reachable here, so no token is asked for).</summary>
public sealed class IdentityTests
{
    [Theory]
    [InlineData(null, null, CredentialKind.Default, null)]
    [InlineData("", "  ", CredentialKind.Default, null)]
    [InlineData("managedidentity", null, CredentialKind.ManagedIdentity, null)]
    [InlineData("ManagedIdentity", "abc", CredentialKind.ManagedIdentity, "abc")]
    [InlineData(null, " abc ", CredentialKind.ManagedIdentity, "abc")]
    public void A_client_id_means_that_managed_identity_and_nothing_means_the_default_chain(
        string? credential, string? clientId, CredentialKind kind, string? expectedId)
    {
        var choice = AzureIdentity.Choose(credential, clientId);
        Assert.Equal(new CredentialChoice(kind, expectedId), choice);
        Assert.IsType(kind == CredentialKind.Default ? typeof(DefaultAzureCredential) : typeof(ManagedIdentityCredential), choice.Create());
    }

    [Fact]
    public void An_unknown_credential_is_refused_by_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AzureIdentity.Choose("secret-value", null));
        Assert.Contains("managedidentity", error.Message);
    }

    [Fact]
    public void Cosmos_uses_its_key_when_set_and_an_identity_otherwise()
    {
        const string endpoint = "https://acme.documents.azure.com:443/";
        Assert.Null(new CosmosOptions { Endpoint = endpoint, Key = "a2V5", ClientId = "ignored" }.Identity());
        var byIdentity = new CosmosOptions { Endpoint = endpoint, ClientId = "0000-client" };
        Assert.Equal(new CredentialChoice(CredentialKind.ManagedIdentity, "0000-client"), byIdentity.Identity());
        using var client = PlatformServices.CreateCosmosClient(byIdentity);
        Assert.Equal(new Uri(endpoint), client.Endpoint);
        Assert.Throws<InvalidOperationException>(() => PlatformServices.CreateCosmosClient(new CosmosOptions()));
    }
}
