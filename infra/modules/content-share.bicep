// Elastic Premium only: the Azure Files share the Functions host keeps the app's content on. Azure Files over SMB
// takes no Microsoft Entra identity, so this small account alone allows keys; the main account allows none.

param location string
param tags object
param accountName string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

output accountName string = account.name
