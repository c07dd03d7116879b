using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ZeebeOperator.Samples.Subscriber;

namespace Subscriber.Tests;

/// <summary>The sample subscriber, started in-process on 127.0.0.1 and an ephemeral port, as the operator would call it.</summary>
public sealed class SubscriberAppTests : IAsyncLifetime, IDisposable
{
    private const string Path = "/v1.0/notify";
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _app = SubscriberApp.Create([], new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            [SubscriberOptions.PathVariable] = Path,
            [SubscriberOptions.RememberedIdsVariable] = "2",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await _app.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task A_notification_is_accepted()
    {
        using var response = await PostAsync("e-1", Body("e-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Receipt("e-1", "accepted"), await response.Content.ReadFromJsonAsync<Receipt>(JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task A_redelivered_notification_is_answered_2xx_as_a_duplicate()
    {
        (await PostAsync("e-1", Body("e-1"))).Dispose();

        using var again = await PostAsync("e-1", Body("e-1"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(new Receipt("e-1", "duplicate"), await again.Content.ReadFromJsonAsync<Receipt>(JsonSerializerOptions.Web));
    }

    [Fact]
    public async Task Only_the_last_ids_are_remembered()
    {
        foreach (var id in new[] { "e-1", "e-2", "e-3" })
        {
            (await PostAsync(id, Body(id))).Dispose();
        }

        using var oldest = await PostAsync("e-1", Body("e-1"));
        using var recent = await PostAsync("e-3", Body("e-3"));

        Assert.Equal("accepted", (await oldest.Content.ReadFromJsonAsync<Receipt>(JsonSerializerOptions.Web))!.Status);
        Assert.Equal("duplicate", (await recent.Content.ReadFromJsonAsync<Receipt>(JsonSerializerOptions.Web))!.Status);
        Assert.Equal(2, _app.Services.GetRequiredService<RecentIds>().Count);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "e-1", "not JSON", "the body is not a notification" },
        { "e-1", "[1, 2]", "the body is not a notification" },
        { "", Body("e-1"), "the Idempotency-Key header is required" },
        { "e-2", Body("e-1"), "the Idempotency-Key header must equal eventId" },
        { "e-1", Body("e-1").Replace("\"cluster\":\"orders\",", "", StringComparison.Ordinal), "cluster is required" },
        { "e-1", Body("e-1").Replace("\"generation\":2", "\"generation\":0", StringComparison.Ordinal), "generation must be 1 or more" },
        { "e-1", Body("e-1").Replace("10.0.1.5", "orders-broker-0", StringComparison.Ordinal), "brokers[0].address must be an IPv4 address" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_notification_is_refused_with_400_naming_the_problem_and_not_remembered(string key, string body, string problem)
    {
        using var response = await PostAsync(key, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<Receipt>(JsonSerializerOptions.Web);
        Assert.Equal("malformed", receipt!.Status);
        Assert.StartsWith(problem, receipt.Problem, StringComparison.Ordinal);
        Assert.Equal(0, _app.Services.GetRequiredService<RecentIds>().Count);
    }

    [Fact]
    public async Task Health_answers_ok()
    {
        using var response = await _client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.Content.ReadFromJsonAsync<Receipt>(JsonSerializerOptions.Web))!.Status);
    }

    /// <summary>The wire contract's body, as the operator sends it.</summary>
    private static string Body(string eventId) =>
        $$"""{"eventId":"{{eventId}}","type":"cluster.topology-changed","cluster":"orders","generation":2,"time":"2026-12-03T13:21:00Z","brokers":[{"nodeId":0,"dnsName":"orders-broker-0.zeebe.internal","address":"10.0.1.5"},{"nodeId":1,"dnsName":"orders-broker-1.zeebe.internal","address":"10.0.2.7"}]}""";

    private async Task<HttpResponseMessage> PostAsync(string idempotencyKey, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (idempotencyKey.Length > 0)
        {
            request.Headers.Add(SubscriberApp.IdempotencyKeyHeader, idempotencyKey);
        }

        return await _client.SendAsync(request);
    }
}
