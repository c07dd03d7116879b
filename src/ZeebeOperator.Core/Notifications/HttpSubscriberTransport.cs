using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace ZeebeOperator.Core.Notifications;

/// <summary>
/// POSTs notifications over HTTP: <c>Content-Type: application/json</c>, <c>Idempotency-Key: eventId</c>. The
/// caller's token carries the per-request timeout; connection failures are failed attempts, worth a retry.
/// </summary>
public sealed class HttpSubscriberTransport(HttpClient http) : ISubscriberTransport
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public async Task<DeliveryAttempt> SendAsync(SubscriberTask target, string eventId, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add(IdempotencyHeader, eventId);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            return DeliveryAttempt.OfStatus((int)response.StatusCode);
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryAttempt(DeliveryOutcome.Failed, e.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : e.Message);
        }
    }
}
