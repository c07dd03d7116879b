using System.Net;
using System.Net.Sockets;
using ZeebeOperator.Core.Notifications;

namespace ZeebeOperator.Core.Tests.Notifications;

/// <summary>What a subscriber task receives over HTTP, and how the transport's failures count.</summary>
public sealed class HttpSubscriberTransportTests
{
    private static readonly SubscriberTask Target = new("camunda", "listener", "arn:aws:ecs:eu-west-1:123456789012:task/camunda/task-0", "10.0.0.7", 8080, "/v1.0/notify");

    [Fact]
    public async Task A_notification_is_POSTed_as_JSON_to_the_task_with_the_event_id_as_idempotency_key()
    {
        var handler = new Handler(_ => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var http = new HttpClient(handler);

        var attempt = await new HttpSubscriberTransport(http).SendAsync(Target, "e-1", """{"eventId":"e-1"}""", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Delivered, attempt.Outcome);
        var received = Assert.Single(handler.Received);
        Assert.Equal(HttpMethod.Post, received.Method);
        Assert.Equal(new Uri("http://10.0.0.7:8080/v1.0/notify"), received.Uri);
        Assert.Equal("e-1", received.IdempotencyKey);
        Assert.Equal("application/json", received.MediaType);
        Assert.Equal("""{"eventId":"e-1"}""", received.Body);
    }

    [Fact]
    public async Task A_refused_connection_is_a_failed_attempt_that_names_the_socket_error()
    {
        using var http = new HttpClient(new Handler(_ => throw new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))));

        var attempt = await new HttpSubscriberTransport(http).SendAsync(Target, "e-1", "{}", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Failed, attempt.Outcome);
        Assert.Contains(nameof(SocketError.ConnectionRefused), attempt.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_error_after_the_caller_gave_up_throws_instead_of_counting_as_an_attempt()
    {
        using var cancellation = new CancellationTokenSource();
        using var http = new HttpClient(new Handler(_ =>
        {
            cancellation.Cancel();
            throw new HttpRequestException("reset", new SocketException((int)SocketError.ConnectionReset));
        }));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new HttpSubscriberTransport(http).SendAsync(Target, "e-1", "{}", cancellation.Token));
    }

    [Fact]
    public async Task No_target_is_refused_before_anything_is_sent()
    {
        var handler = new Handler(_ => new HttpResponseMessage(HttpStatusCode.OK));
        using var http = new HttpClient(handler);

        await Assert.ThrowsAsync<ArgumentNullException>(() => new HttpSubscriberTransport(http).SendAsync(null!, "e-1", "{}", CancellationToken.None));
        Assert.Empty(handler.Received);
    }

    private sealed record Request(HttpMethod Method, Uri? Uri, string? IdempotencyKey, string? MediaType, string Body);

    private sealed class Handler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<Request> Received { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = respond(request);
            Received.Add(new Request(
                request.Method,
                request.RequestUri,
                request.Headers.TryGetValues(HttpSubscriberTransport.IdempotencyHeader, out var keys) ? string.Join(",", keys) : null,
                request.Content?.Headers.ContentType?.MediaType,
                request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)));
            return response;
        }
    }
}
