// Career Nexus in one resource group, for `azd up` (see the README's "Deploying to Azure"). Plain resource
// declarations only: the build machines cannot reach the Bicep registry.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('The azd environment name; names the resource group and seeds the resource names.')
param environmentName string

@minLength(1)
@description('The Azure region of every resource.')
param location string

@description('The signed-in user azd deploys as (AZURE_PRINCIPAL_ID); with operatorDataAccess, given the data roles needed to run the app locally against Azure.')
param principalId string = ''

@description('Give principalId the Cosmos DB data role and blob access, to run the app from a workstation against Azure (first-time setup, operator routes).')
param operatorDataAccess bool = false

@allowed([ 'ElasticPremium', 'FlexConsumption' ])
@description('ElasticPremium runs custom handlers in every region; FlexConsumption (runtime "custom") only where `az functionapp list-flexconsumption-runtimes` lists it.')
param functionPlan string = 'ElasticPremium'

@allowed([ 'EP1', 'EP2', 'EP3' ])
param elasticPremiumSku string = 'EP1'

@minValue(1)
@description('Most instances the Function App scales out to.')
param maximumInstanceCount int = 20

@allowed([ 512, 2048, 4096 ])
param flexInstanceMemoryMB int = 2048

param flexRuntimeVersion string = '1.0'

@description('Serverless Cosmos DB (nothing billed while idle) or provisioned autoscale throughput per container.')
param cosmosServerless bool = true

@minValue(1000)
param cosmosContainerMaxThroughput int = 1000

@allowed([ 'Standard', 'Premium' ])
param serviceBusSku string = 'Standard'

@allowed([ 'Free_F1', 'Standard_S1', 'Premium_P1' ])
param signalRSku string = 'Standard_S1'

@allowed([ 'Free_F1', 'Standard_S1', 'Premium_P1' ])
param webPubSubSku string = 'Standard_S1'

@description('The path on the app that Web PubSub posts the chat hub\'s events to.')
param webPubSubEventPath string = '/webpubsub/messaging'


@minValue(1)
@description('Deliveries of a queue message before it is dead-lettered: the app\'s attempts and the queues\' MaxDeliveryCount.')
param queueMaxAttempts int = 5

@minValue(1)
@description('Service Bus duplicate detection window, and the app\'s own for the local queue.')
param queueDuplicateWindowMinutes int = 10

@description('Where clients reach the API (links in emails, page links); empty: the Function App\'s own https URL.')
param publicBaseUrl string = ''

@description('The client app that opens links in emails; empty: publicBaseUrl.')
param emailLinkBaseUrl string = ''

@description('Comma-separated emails whose accounts are administrators once the address is verified.')
param adminEmails string = ''

@description('The SMTP relay (Azure Communication Services: smtp.azurecomm.net).')
param smtpHost string = 'smtp.azurecomm.net'

param smtpPort int = 587

@allowed([ 'none', 'starttls', 'tls' ])
param smtpSecurity string = 'starttls'

param smtpUserName string = ''

param smtpFrom string = ''

param linkedInClientId string = ''

@description('AfribaPay\'s API address (its sandbox\'s, to test).')
param afribapayBaseUrl string = 'https://api.afribapay.com'

@description('The AfribaPay API user (the API key, a secret, goes with it).')
param afribapayApiUser string = ''

@description('The client page payers come back to from a checkout; empty: {EmailLinkBase}/payments/return.')
param paymentsReturnUrl string = ''

@description('An Azure OpenAI resource the assistants phrase their answers with (https://acme.openai.azure.com/); empty: offline answers only.')
param openAIEndpoint string = ''

@description('The chat model\'s deployment on that resource.')
param openAIDeployment string = ''

@secure()
@minLength(32)
@description('HS256 key of the platform\'s tokens: base64 of at least 32 bytes; azure.yaml\'s preprovision hook makes one once.')
param tokenSigningKey string

@secure()
param smtpPassword string = ''

@secure()
param linkedInClientSecret string = ''

@secure()
param stripeSecretKey string = ''

@secure()
@description('The Stripe webhook endpoint\'s signing secrets, comma-separated: the new and the old one while rotating.')
param stripeWebhookSecrets string = ''

@secure()
@description('The AfribaPay API key, which also signs AfribaPay\'s callbacks.')
param afribapayApiKey string = ''

@secure()
param afribapayMerchantKey string = ''

@secure()
@description('The Azure OpenAI resource\'s key; empty: the app\'s identity, which then needs Cognitive Services OpenAI User on the resource.')
param openAIKey string = ''

var tags = { 'azd-env-name': environmentName }
var token = toLower(uniqueString(subscription().id, environmentName, location))
var isFlex = functionPlan == 'FlexConsumption'
var databaseName = 'careernexus'
var mediaContainerName = 'media'
var deploymentContainerName = isFlex ? 'app-package' : ''
var functionAppName = 'func-${token}'
var operator = operatorDataAccess ? principalId : ''

// The Key Vault secrets: every secret the platform has, under one name each (README, "Where each secret lives").
var secrets = {
  'token-signing-key': tokenSigningKey
  'smtp-password': smtpPassword
  'linkedin-client-secret': linkedInClientSecret
  'stripe-secret-key': stripeSecretKey
  'stripe-webhook-secrets': stripeWebhookSecrets
  'afribapay-api-key': afribapayApiKey
  'afribapay-merchant-key': afribapayMerchantKey
  'openai-key': openAIKey
}

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: group
  params: { location: location, tags: tags, name: 'id-${token}' }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: group
  params: {
    location: location
    tags: tags
    workspaceName: 'log-${token}'
    appInsightsName: 'appi-${token}'
    principalId: identity.outputs.principalId
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  scope: group
  params: {
    location: location
    tags: tags
    accountName: 'cosmos-${token}'
    databaseName: databaseName
    principalId: identity.outputs.principalId
    serverless: cosmosServerless
    containerMaxThroughput: cosmosContainerMaxThroughput
    operatorPrincipalId: operator
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: group
  params: {
    location: location
    tags: tags
    accountName: 'st${token}'
    principalId: identity.outputs.principalId
    mediaContainerName: mediaContainerName
    deploymentContainerName: deploymentContainerName
    operatorPrincipalId: operator
  }
}

module contentShare 'modules/content-share.bicep' = if (!isFlex) {
  name: 'content-share'
  scope: group
  params: { location: location, tags: tags, accountName: 'stc${token}' }
}

module serviceBus 'modules/service-bus.bicep' = {
  name: 'service-bus'
  scope: group
  params: {
    location: location
    tags: tags
    namespaceName: 'sb-${token}'
    principalId: identity.outputs.principalId
    sku: serviceBusSku
    maxDeliveryCount: queueMaxAttempts
    duplicateWindowMinutes: queueDuplicateWindowMinutes
  }
}

module signalR 'modules/signalr.bicep' = {
  name: 'signalr'
  scope: group
  params: {
    location: location
    tags: tags
    name: 'sigr-${token}'
    principalId: identity.outputs.principalId
    sku: signalRSku
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: group
  params: {
    location: location
    tags: tags
    name: 'kv-${token}'
    principalId: identity.outputs.principalId
    secrets: secrets
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: group
  // Through the outputs it reads, this waits for every module above, role assignments included: the app starts
  // on deployment, and its identity must already hold its roles and its secrets exist.
  params: {
    location: location
    tags: tags
    name: functionAppName
    planName: 'plan-${token}'
    plan: functionPlan
    elasticPremiumSku: elasticPremiumSku
    maximumInstanceCount: maximumInstanceCount
    flexInstanceMemoryMB: flexInstanceMemoryMB
    flexRuntimeVersion: flexRuntimeVersion
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.accountName
    contentStorageAccountName: isFlex ? '' : contentShare!.outputs.accountName
    deploymentContainerName: deploymentContainerName
    appInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultName: keyVault.outputs.name
    secretsInVault: concat(filter(objectKeys(secrets), name => !empty(secrets[name])), [webPubSub.outputs.eventKeysSecretName])
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: databaseName
    blobEndpoint: storage.outputs.blobEndpoint
    mediaContainerName: mediaContainerName
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    queueMaxAttempts: queueMaxAttempts
    queueDuplicateWindowMinutes: queueDuplicateWindowMinutes
    signalRServiceUri: signalR.outputs.serviceUri
    webPubSubServiceUri: webPubSub.outputs.endpoint
    webPubSubHub: webPubSub.outputs.hubName
    publicBaseUrl: publicBaseUrl
    emailLinkBaseUrl: emailLinkBaseUrl
    adminEmails: adminEmails
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpSecurity: smtpSecurity
    smtpUserName: smtpUserName
    smtpFrom: empty(smtpFrom) ? 'Career Nexus <no-reply@careernexus.local>' : smtpFrom
    linkedInClientId: linkedInClientId
    afribapayBaseUrl: afribapayBaseUrl
    afribapayApiUser: afribapayApiUser
    paymentsReturnUrl: paymentsReturnUrl
    openAIEndpoint: openAIEndpoint
    openAIDeployment: openAIDeployment
  }
}

module webPubSub 'modules/web-pubsub.bicep' = {
  name: 'web-pubsub'
  scope: group
  params: {
    location: location
    tags: tags
    name: 'wps-${token}'
    identityId: identity.outputs.id
    principalId: identity.outputs.principalId
    sku: webPubSubSku
    // The app's host name is known from its name, so the service (and its keys, which the app reads) comes first.
    eventHandlerUrl: 'https://${functionAppName}.azurewebsites.net${webPubSubEventPath}'
    keyVaultName: keyVault.outputs.name
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output CAREERNEXUS_API_URL string = functionApp.outputs.url
output CAREERNEXUS_COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output CAREERNEXUS_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output CAREERNEXUS_SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output CAREERNEXUS_SIGNALR_URI string = signalR.outputs.serviceUri
output CAREERNEXUS_WEB_PUBSUB_ENDPOINT string = webPubSub.outputs.endpoint
output CAREERNEXUS_WEB_PUBSUB_HUB string = webPubSub.outputs.hubName
output CAREERNEXUS_APPLICATION_INSIGHTS string = monitoring.outputs.appInsightsName
