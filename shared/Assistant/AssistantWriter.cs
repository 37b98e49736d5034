using System.ClientModel.Primitives;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.AI.OpenAI;
using CareerNexus.Common;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace CareerNexus.Assistant;

/// <summary>The assistants' settings (CareerNexus__Assistant__*): the optional Azure OpenAI deployment and the per-IP limit.</summary>
public sealed class AssistantOptions
{
    /// <summary>The Azure OpenAI resource ("https://acme.openai.azure.com/"); empty: the platform's offline answers only.</summary>
    public string OpenAIEndpoint { get; set; } = "";

    /// <summary>The chat model's deployment name on that resource.</summary>
    public string OpenAIDeployment { get; set; } = "";

    /// <summary>The resource's key; empty: the identity below (Cognitive Services OpenAI User on the resource).</summary>
    public string OpenAIKey { get; set; } = "";

    /// <summary>Without a key: "managedidentity" for the system-assigned identity, empty for DefaultAzureCredential.</summary>
    public string Credential { get; set; } = "";

    /// <summary>Without a key: the client id of a user-assigned managed identity.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>How long a model's answer may take before the offline answer is given instead.</summary>
    public int OpenAITimeoutSeconds { get; set; } = 20;

    /// <summary>Requests each client IP may make per minute to the three assistant routes together, per instance.</summary>
    public int RequestsPerIpPerMinute { get; set; } = 20;

    public bool UsesModel => OpenAIEndpoint.Trim().Length > 0 && OpenAIDeployment.Trim().Length > 0;
}

/// <summary>What a model is asked to phrase: which assistant, the facts it may use (already cut to what the caller may see), the platform's answer.</summary>
public sealed record WritingTask(string Kind, object Facts, string OfflineAnswer, string Question, IReadOnlyList<ThreadTurn> History);

/// <summary>
/// Phrases the assistants' answers with Azure OpenAI when it is configured (Microsoft.Extensions.AI's IChatClient over
/// Azure.AI.OpenAI): the model gets the facts the caller may see and the platform's own answer made from them, and is told
/// to keep to them. Offline by default; on any failure, refusal, empty answer or timeout the platform's answer is given,
/// and only the kind of failure is logged (never the question, facts or answer).
/// </summary>
public sealed class AssistantWriter(PlatformOptions platform, ILogger<AssistantWriter> logger)
{
    private const int HistoryTurns = 6;
    private const int MaxOutputTokens = 600;

    // The facts go into a prompt, not a page: names are written as they are ("Université"), not escaped.
    private static readonly JsonSerializerOptions FactsJson = new(PlatformJson.Options)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly Lazy<IChatClient?> _client = new(() => Create(platform.Assistant));

    private AssistantOptions Options => platform.Assistant;

    /// <summary>The model's answer, or the offline answer when there is no model or it failed.</summary>
    public async Task<string> WriteAsync(WritingTask task, CancellationToken ct)
    {
        if (_client.Value is not { } client) return task.OfflineAnswer;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(Math.Clamp(Options.OpenAITimeoutSeconds, 1, 120)));
        try
        {
            var response = await client.GetResponseAsync(Messages(task), new ChatOptions { Temperature = 0.2f, MaxOutputTokens = MaxOutputTokens }, timeout.Token);
            var text = response.Text.Trim();
            if (text.Length > 0 && response.FinishReason != ChatFinishReason.ContentFilter) return text;
            logger.LogWarning("The {Kind} model answer was empty or filtered: the offline answer was given", task.Kind);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("The {Kind} model did not answer within {Seconds} s: the offline answer was given", task.Kind, Options.OpenAITimeoutSeconds);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("The {Kind} model failed ({Failure}): the offline answer was given", task.Kind, e.GetType().Name);
        }
        return task.OfflineAnswer;
    }

    private static List<ChatMessage> Messages(WritingTask task)
    {
        var role = task.Kind switch
        {
            AssistantKinds.Agent => "the candidate search of Career Nexus, a recruitment platform. Explain to a recruiter which candidates were found and why, best first",
            AssistantKinds.CareerCoach => "the career coach of Career Nexus, a recruitment platform. Advise the candidate, speaking to them as \"you\"",
            _ => "the resume assistant of Career Nexus, a recruitment platform. Answer a question about one candidate's resume",
        };
        var system = $"""
            You are {role}.
            Use only the facts in the JSON below and the platform's answer, which was computed from the same facts and is correct:
            keep its facts, names, figures and order; never add a skill, job, date, score or contact detail they do not hold;
            if they do not tell, say so. Answer in the language of the question, in at most 180 words, as plain text.
            Facts: {JsonSerializer.Serialize(task.Facts, FactsJson)}
            Platform's answer: {task.OfflineAnswer}
            """;
        var messages = new List<ChatMessage> { new(ChatRole.System, system) };
        foreach (var turn in task.History.TakeLast(HistoryTurns))
        {
            messages.Add(new ChatMessage(ChatRole.User, turn.Input));
            messages.Add(new ChatMessage(ChatRole.Assistant, turn.Output));
        }
        messages.Add(new ChatMessage(ChatRole.User, task.Question));
        return messages;
    }

    /// <summary>The chat client of the configured deployment, by key or by identity; null when none is configured.</summary>
    private static IChatClient? Create(AssistantOptions options)
    {
        if (!options.UsesModel) return null;
        var clientOptions = new AzureOpenAIClientOptions
        {
            // The caller waits: one attempt within the timeout, then the offline answer.
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = TimeSpan.FromSeconds(Math.Clamp(options.OpenAITimeoutSeconds, 1, 120)),
        };
        var endpoint = new Uri(options.OpenAIEndpoint.Trim());
        var client = options.OpenAIKey.Trim().Length > 0
            ? new AzureOpenAIClient(endpoint, new AzureKeyCredential(options.OpenAIKey.Trim()), clientOptions)
            : new AzureOpenAIClient(endpoint, AzureIdentity.Choose(options.Credential, options.ClientId).Create(), clientOptions);
        return client.GetChatClient(options.OpenAIDeployment.Trim()).AsIChatClient();
    }
}
