// The storage account of the Functions host (AzureWebJobsStorage: blobs, queues and tables by identity) and of the
// app's uploads (the media container). No keys and no public blob access: the app hands out its own /media/ links,
// which redirect to short-lived user-delegation SAS URLs (CareerNexus__Blob__PublicRead=false).

param location string
param tags object
param accountName string
param principalId string

@description('The container uploads go to (CareerNexus__Blob__Container).')
param mediaContainerName string

@description('With Flex Consumption: the container the deployment package is uploaded to; empty: none.')
param deploymentContainerName string = ''

@description('Who else gets blob access (the operator running the app locally against Azure); empty: nobody.')
param operatorPrincipalId string = ''

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource media 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobs
  name: mediaContainerName
  properties: { publicAccess: 'None' }
}

resource deployment 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = if (!empty(deploymentContainerName)) {
  parent: blobs
  name: empty(deploymentContainerName) ? 'unused' : deploymentContainerName
  properties: { publicAccess: 'None' }
}

// The host keeps its leases, timers and keys in blobs, queues and tables; the app writes uploads and signs links
// with user-delegation keys (both in Blob Data Owner).
var roles = {
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
}

resource appRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in items(roles): {
  name: guid(account.id, principalId, role.value)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}]

resource operatorBlobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(account.id, operatorPrincipalId, roles['Storage Blob Data Owner'])
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles['Storage Blob Data Owner'])
    principalId: operatorPrincipalId
  }
}

output accountName string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
