// Cosmos DB for NoSQL, reached only by identity (local auth off): the database and every container of the app's own
// table (shared/Storage/ContainerSpec.cs, written out to cosmos-containers.json; tests/Infra keeps the two equal).

param location string
param tags object
param accountName string
param databaseName string
param principalId string

@description('Serverless: billed per request and per GB, nothing while idle. Provisioned: autoscale throughput per container.')
param serverless bool = true

@description('With provisioned throughput: the autoscale maximum of each container (billed at least a tenth of it).')
param containerMaxThroughput int = 1000

@description('Who else gets the data role (the operator running the app locally against Azure); empty: nobody.')
param operatorPrincipalId string = ''

var containers = loadJsonContent('../cosmos-containers.json')

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      { locationName: location, failoverPriority: 0, isZoneRedundant: false }
    ]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    capabilities: serverless ? [ { name: 'EnableServerless' } ] : []
    disableLocalAuth: true
    // Containers change through this template only: the app's identity cannot make or alter them.
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: { id: databaseName }
  }
}

// A few at a time: the control plane refuses many container creations at once on one account.
@batchSize(4)
resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [for spec in containers: {
  parent: database
  name: spec.id
  properties: {
    resource: spec
    options: serverless ? {} : { autoscaleSettings: { maxThroughput: containerMaxThroughput } }
  }
}]

// Cosmos DB Built-in Data Contributor: read and write items, read metadata; no control-plane rights.
var dataContributor = '${account.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'

resource appDataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, principalId, dataContributor)
  properties: {
    roleDefinitionId: dataContributor
    principalId: principalId
    scope: account.id
  }
}

resource operatorDataRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = if (!empty(operatorPrincipalId)) {
  parent: account
  name: guid(account.id, operatorPrincipalId, dataContributor)
  properties: {
    roleDefinitionId: dataContributor
    principalId: operatorPrincipalId
    scope: account.id
  }
}

output endpoint string = account.properties.documentEndpoint
output accountName string = account.name
