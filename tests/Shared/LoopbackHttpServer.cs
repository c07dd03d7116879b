using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ZeebeOperator.Testing;

/// <summary>A request as the loopback server received it. <see cref="Target"/> is the path and query.</summary>
internal sealed record RecordedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body);

internal sealed record CannedResponse(int Status, string Body = "", string ContentType = "application/json");

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 and an ephemeral port (one request per connection, Connection: close),
/// answering through a handler and recording every request.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RecordedRequest, CancellationToken, Task<CannedResponse>> _handler;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;

    public LoopbackHttpServer(Func<RecordedRequest, CannedResponse> handler)
        : this((request, _) => Task.FromResult(handler(request)))
    {
    }

    public LoopbackHttpServer(Func<RecordedRequest, CancellationToken, Task<CannedResponse>> handler)
    {
        _handler = handler;
        _listener.Start();
        BaseUri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}"));
        _acceptLoop = AcceptAsync(_stopping.Token);
    }

    public Uri BaseUri { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(cancellationToken);
            _ = ServeAsync(client, cancellationToken);
        }
    }

    private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream, cancellationToken);
                Requests.Enqueue(request);
                var response = await _handler(request, cancellationToken);
                var body = Encoding.UTF8.GetBytes(response.Body);
                var head = string.Create(
                    CultureInfo.InvariantCulture,
                    $"HTTP/1.1 {response.Status} {ReasonPhrase(response.Status)}\r\nContent-Type: {response.ContentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), cancellationToken);
                await stream.WriteAsync(body, cancellationToken);
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or SocketException)
            {
                // The client went away (e.g. it timed out) or the server is stopping.
            }
        }
    }

    private static async Task<RecordedRequest> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                throw new IOException("Connection closed before the request head was complete.");
            }

            buffer.AddRange(chunk.AsSpan(0, read).ToArray());
        }

        var lines = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray()).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var length = headers.TryGetValue("Content-Length", out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : 0;
        var body = buffer.Skip(headerEnd + 4).ToList();
        while (body.Count < length)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                throw new IOException("Connection closed before the request body was complete.");
            }

            body.AddRange(chunk.AsSpan(0, read).ToArray());
        }

        return new RecordedRequest(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString(body.ToArray()));
    }

    private static int IndexOfHeaderEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
