// Azure Web PubSub for the plain WebSocket chat of document 003 (/ws/messaging/): clients connect to the service, and
// the service posts their connects and frames to the app (the hub's event handler) as HTTP requests.

param location string
param tags object
param name string
param identityId string
param principalId string

@description('The hub the chat connections join.')
param hubName string = 'messaging'

@description('Where the service posts the hub\'s events: the app\'s URL and path, e.g. https://func-x.azurewebsites.net/webpubsub/messaging.')
param eventHandlerUrl string

@description('The Key Vault that receives the service\'s two access keys as the secret web-pubsub-event-keys: the app checks each event request\'s ce-signature with them (either key, so that regenerating one drops no event).')
param keyVaultName string

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
    // The keys stay: the service signs every event request with them, and the app checks that signature.
    disableLocalAuth: false
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
        auth: { type: 'None' }
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

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource eventKeys 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'web-pubsub-event-keys'
  properties: { value: '${webPubSub.listKeys().primaryKey},${webPubSub.listKeys().secondaryKey}' }
}

output eventKeysSecretName string = eventKeys.name
output endpoint string = 'https://${webPubSub.properties.hostName}'
output hubName string = hub.name
