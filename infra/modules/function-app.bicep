// The Function App: the ASP.NET Core app as a custom handler on Linux (functionapp,linux), one user-assigned managed
// identity for every connection, and every setting the app binds. The settings are checked by tests/Infra against
// PlatformOptions and local.settings.sample.json: a setting the app reads is either in careerNexusSettings below or,
// with the reason, in ../app-settings-unset.json.

param location string
param tags object
param name string
param planName string

@allowed([ 'ElasticPremium', 'FlexConsumption' ])
param plan string

@description('Elastic Premium size (EP1: 1 core, 3.5 GB).')
param elasticPremiumSku string

@description('Most instances the plan scales out to.')
param maximumInstanceCount int

@description('Flex Consumption: memory per instance.')
param flexInstanceMemoryMB int

@description('Flex Consumption: the version of runtime "custom".')
param flexRuntimeVersion string

param identityId string
param identityClientId string
param storageAccountName string
param contentStorageAccountName string
param deploymentContainerName string
param appInsightsConnectionString string
param keyVaultName string

@description('Names of the Key Vault secrets that hold a value; a setting whose secret is not among them stays empty.')
param secretsInVault array

param cosmosEndpoint string
param cosmosDatabaseName string
param blobEndpoint string
param mediaContainerName string
param serviceBusNamespace string
param queueMaxAttempts int
param queueDuplicateWindowMinutes int
param signalRServiceUri string
param webPubSubServiceUri string
param webPubSubHub string
param publicBaseUrl string
param emailLinkBaseUrl string
param adminEmails string
param smtpHost string
param smtpPort int
param smtpSecurity string
param smtpUserName string
param smtpFrom string
param linkedInClientId string
param afribapayBaseUrl string
param afribapayApiUser string
param paymentsReturnUrl string
param openAIEndpoint string
param openAIDeployment string

var isFlex = plan == 'FlexConsumption'
var defaultUrl = 'https://${name}.azurewebsites.net'

// A Key Vault reference when the secret holds a value, else empty (the app then treats the feature as not configured).
func secretSetting(vault string, secret string, present array) string =>
  contains(present, secret) ? '@Microsoft.KeyVault(VaultName=${vault};SecretName=${secret})' : ''

// Every setting the app binds (shared/PlatformOptions.cs and the connection settings it reads), as Azure needs it.
var careerNexusSettings = {
  CareerNexus__Cosmos__Endpoint: cosmosEndpoint
  CareerNexus__Cosmos__ClientId: identityClientId
  CareerNexus__Cosmos__Database: cosmosDatabaseName
  CareerNexus__Cosmos__GatewayOnly: 'false'
  CareerNexus__Tokens__SigningKey: secretSetting(keyVaultName, 'token-signing-key', secretsInVault)
  CareerNexus__Blob__ServiceUri: blobEndpoint
  CareerNexus__Blob__ClientId: identityClientId
  CareerNexus__Blob__Container: mediaContainerName
  CareerNexus__Blob__PublicRead: 'false'
  CareerNexus__Smtp__Host: smtpHost
  CareerNexus__Smtp__Port: string(smtpPort)
  CareerNexus__Smtp__Security: smtpSecurity
  CareerNexus__Smtp__UserName: smtpUserName
  CareerNexus__Smtp__Password: secretSetting(keyVaultName, 'smtp-password', secretsInVault)
  CareerNexus__Smtp__From: smtpFrom
  ServiceBusConnection__fullyQualifiedNamespace: serviceBusNamespace
  ServiceBusConnection__credential: 'managedidentity'
  ServiceBusConnection__clientId: identityClientId
  CareerNexus__Queues__MaxAttempts: string(queueMaxAttempts)
  CareerNexus__Queues__DuplicateWindowMinutes: string(queueDuplicateWindowMinutes)
  CareerNexus__Realtime__SignalRServiceUri: signalRServiceUri
  CareerNexus__Realtime__ClientId: identityClientId
  CareerNexus__Realtime__WebPubSubServiceUri: webPubSubServiceUri
  CareerNexus__Realtime__WebPubSubHub: webPubSubHub
  CareerNexus__Realtime__WebPubSubEventKeys: secretSetting(keyVaultName, 'web-pubsub-event-keys', secretsInVault)
  CareerNexus__LinkedIn__ClientId: linkedInClientId
  CareerNexus__LinkedIn__ClientSecret: secretSetting(keyVaultName, 'linkedin-client-secret', secretsInVault)
  CareerNexus__PublicBaseUrl: empty(publicBaseUrl) ? defaultUrl : publicBaseUrl
  CareerNexus__EmailLinkBaseUrl: emailLinkBaseUrl
  CareerNexus__AdminEmails: adminEmails
  CareerNexus__Payments__Stripe__SecretKey: secretSetting(keyVaultName, 'stripe-secret-key', secretsInVault)
  CareerNexus__Payments__Stripe__WebhookSecrets: secretSetting(keyVaultName, 'stripe-webhook-secrets', secretsInVault)
  CareerNexus__Payments__AfribaPay__BaseUrl: afribapayBaseUrl
  CareerNexus__Payments__AfribaPay__ApiUser: afribapayApiUser
  CareerNexus__Payments__AfribaPay__ApiKey: secretSetting(keyVaultName, 'afribapay-api-key', secretsInVault)
  CareerNexus__Payments__AfribaPay__MerchantKey: secretSetting(keyVaultName, 'afribapay-merchant-key', secretsInVault)
  CareerNexus__Payments__ReturnUrl: paymentsReturnUrl
  CareerNexus__Assistant__OpenAIEndpoint: openAIEndpoint
  CareerNexus__Assistant__OpenAIDeployment: openAIDeployment
  CareerNexus__Assistant__OpenAIKey: secretSetting(keyVaultName, 'openai-key', secretsInVault)
  CareerNexus__Assistant__ClientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
}

// What the Functions host itself reads: its storage by identity, and its telemetry by identity.
var hostSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

// Flex Consumption takes its runtime from functionAppConfig and refuses these; Elastic Premium needs them.
var premiumHostSettings = isFlex ? {} : {
  FUNCTIONS_EXTENSION_VERSION: '~4'
  FUNCTIONS_WORKER_RUNTIME: 'custom'
  WEBSITE_RUN_FROM_PACKAGE: '1'
  WEBSITE_CONTENTSHARE: toLower(name)
}

resource contentStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = if (!isFlex) {
  name: contentStorageAccountName
}

// The content share's key (Elastic Premium only): Azure Files takes no identity.
var contentConnection = isFlex ? {} : {
  WEBSITE_CONTENTAZUREFILECONNECTIONSTRING: 'DefaultEndpointsProtocol=https;AccountName=${contentStorage.name};AccountKey=${contentStorage!.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
}

resource hostingPlan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex ? { name: 'FC1', tier: 'FlexConsumption' } : { name: elasticPremiumSku, tier: 'ElasticPremium' }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : maximumInstanceCount
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: hostingPlan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: isFlex ? {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: maximumInstanceCount, instanceMemoryMB: flexInstanceMemoryMB }
      runtime: { name: 'custom', version: flexRuntimeVersion }
    } : null
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      // Elastic Premium keeps one instance warm; the plan adds more under load, up to the limit.
      minimumElasticInstanceCount: isFlex ? null : 1
      functionAppScaleLimit: isFlex ? null : maximumInstanceCount
      appSettings: map(items(union(hostSettings, premiumHostSettings, contentConnection, careerNexusSettings)), setting => {
        name: setting.key
        value: setting.value
      })
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
output url string = empty(publicBaseUrl) ? defaultUrl : publicBaseUrl
