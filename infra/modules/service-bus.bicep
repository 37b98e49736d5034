// Service Bus with one queue per queue handler of the app (shared/Queues, written out to service-bus-queues.json;
// tests/Infra keeps the two and the generated serviceBusTrigger functions equal). Reached by identity only.

param location string
param tags object
param namespaceName string
param principalId string

@allowed([ 'Standard', 'Premium' ])
param sku string = 'Standard'

@description('Deliveries before Service Bus dead-letters a message: the app\'s own attempts (CareerNexus__Queues__MaxAttempts), which it counts and dead-letters itself.')
@minValue(1)
param maxDeliveryCount int

@description('How long a message id is remembered, so that sending it again is a no-op (CareerNexus__Queues__DuplicateWindowMinutes).')
@minValue(1)
param duplicateWindowMinutes int

var queues = loadJsonContent('../service-bus-queues.json')

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: namespaceName
  location: location
  tags: tags
  sku: sku == 'Premium' ? { name: 'Premium', tier: 'Premium', capacity: 1 } : { name: 'Standard', tier: 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = [for name in queues: {
  parent: namespace
  name: name
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT${duplicateWindowMinutes}M'
    maxDeliveryCount: maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'P14D'
    // The Functions host renews the lock while the app works on a message.
    lockDuration: 'PT1M'
  }
}]

var roles = {
  'Azure Service Bus Data Sender': '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  'Azure Service Bus Data Receiver': '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
}

resource appRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in items(roles): {
  name: guid(namespace.id, principalId, role.value)
  scope: namespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role.value)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}]

// serviceBusEndpoint is https://{namespace}.servicebus.windows.net:443/ (or the sovereign cloud's suffix).
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
