// Azure Web PubSub for the plain WebSocket chat of document 003 (/ws/messaging/): clients connect to the service, and
// the service posts their connects and frames to the app (the hub's event handler) as HTTP requests.

param location string
param tags object
param name string
param identityId string
param principalId string

@description('The hub the chat connections join.')
param hubName string = 'messaging'

@description('Where the service posts the hub\'s events: the app\'s URL and path, e.g. https://func-x.azurewebsites.net/ws/messaging/events/.')
param eventHandlerUrl string

@description('When set: each event request carries a Microsoft Entra token for this audience (an app registration\'s Application ID URI or client id) issued to the managed identity, and the service has no access keys. Empty: the service keeps its access keys and signs each event request with them (the ce-signature header).')
param eventHandlerAudience string = ''

@allowed([ 'Free_F1', 'Standard_S1', 'Premium_P1' ])
param sku string = 'Standard_S1'

resource webPubSub 'Microsoft.SignalRService/webPubSub@2024-03-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: sku, capacity: 1 }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    disableLocalAuth: !empty(eventHandlerAudience)
    publicNetworkAccess: 'Enabled'
    tls: { clientCertEnabled: false }
  }
}

resource hub 'Microsoft.SignalRService/webPubSub/hubs@2024-03-01' = {
  parent: webPubSub
  name: hubName
  properties: {
    anonymousConnectPolicy: 'deny'
    eventHandlers: [
      {
        urlTemplate: eventHandlerUrl
        userEventPattern: '*'
        systemEvents: [ 'connect', 'connected', 'disconnected' ]
        auth: empty(eventHandlerAudience) ? { type: 'None' } : {
          type: 'ManagedIdentity'
          managedIdentity: { resource: eventHandlerAudience }
        }
      }
    ]
  }
}

// Web PubSub Service Owner: client access tokens and sending to connections, users and groups, by identity.
resource appRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(webPubSub.id, principalId, 'Web PubSub Service Owner')
  scope: webPubSub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '12cf5a90-567b-43ae-8102-96cf46c7d9b4')
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output endpoint string = 'https://${webPubSub.properties.hostName}'
output hubName string = hub.name
