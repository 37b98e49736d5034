// Key Vault for the secrets no identity replaces. The Function App reads them through Key Vault references
// (@Microsoft.KeyVault(VaultName=...;SecretName=...)) with its managed identity; nothing else reads them.

param location string
param tags object
param name string
param principalId string

@secure()
@description('Secret name to value. A secret whose value is empty is not written.')
param secrets object

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [for entry in items(secrets): if (!empty(entry.value)) {
  parent: vault
  name: entry.key
  properties: { value: entry.value }
}]

// Key Vault Secrets User: read secret values, nothing else.
resource appRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, 'Key Vault Secrets User')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = vault.name
