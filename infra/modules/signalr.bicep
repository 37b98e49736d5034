// Azure SignalR Service in serverless mode: clients negotiate through the app (POST /ws/notification/jobs/negotiate),
// and the app sends through the service's REST API with Microsoft Entra tokens of its identity (no access keys).

param location string
param tags object
param name string
param principalId string

@allowed([ 'Free_F1', 'Standard_S1', 'Premium_P1' ])
param sku string = 'Standard_S1'

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'SignalR'
  sku: { name: sku, capacity: 1 }
  properties: {
    features: [
      { flag: 'ServiceMode', value: 'Serverless' }
      { flag: 'EnableConnectivityLogs', value: 'True' }
    ]
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
    tls: { clientCertEnabled: false }
  }
}

// SignalR Service Owner: the REST API (send, groups) and client tokens, by identity.
resource appRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(signalR.id, principalId, 'SignalR Service Owner')
  scope: signalR
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7e4f1700-ea5a-4f59-8f37-079cfe29dce3')
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output serviceUri string = 'https://${signalR.properties.hostName}'
