using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Zeebe;
using ZeebeOperator.Zeebe.Json;

namespace ZeebeOperator.Zeebe;

/// <summary>
/// <see cref="IZeebeClusterApi"/> over HTTP against a broker's management port (Zeebe 8.5+ cluster API) and its embedded
/// gateway's REST port (<c>/v2/topology</c>).
/// Every request is bounded by <see cref="ZeebeApiOptions.RequestTimeout"/>, measured on the <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class ZeebeClusterApiClient(
    HttpClient httpClient,
    IOptions<ZeebeApiOptions> options,
    TimeProvider timeProvider,
    ILogger<ZeebeClusterApiClient> logger) : IZeebeClusterApi
{
    private const string ClusterPath = "actuator/cluster";

    public async Task<ClusterTopology> GetTopologyAsync(Uri broker, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, broker, ClusterPath, content: null, cancellationToken).ConfigureAwait(false);
        return ManagementApiMapper.ToTopology(answer.ReadSuccess<TopologyDto>());
    }

    public Task<ChangeAccepted> AddBrokersAsync(Uri broker, IReadOnlyList<int> brokerIds, CancellationToken cancellationToken) =>
        PatchBrokersAsync(broker, new BrokersPatchDto(Add: brokerIds, Remove: null), cancellationToken);

    public Task<ChangeAccepted> RemoveBrokersAsync(Uri broker, IReadOnlyList<int> brokerIds, CancellationToken cancellationToken) =>
        PatchBrokersAsync(broker, new BrokersPatchDto(Add: null, Remove: brokerIds), cancellationToken);

    public Task<ChangeAccepted> ScalePartitionsAsync(Uri broker, PartitionScaling scaling, bool dryRun, CancellationToken cancellationToken) =>
        PatchAsync(broker, new ClusterPatchDto(Brokers: null, new PartitionsPatchDto(scaling.PartitionCount, scaling.ReplicationFactor)), dryRun, cancellationToken);

    public async Task<GatewayTopology> GetGatewayTopologyAsync(Uri gateway, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, gateway, "v2/topology", content: null, cancellationToken).ConfigureAwait(false);
        return ManagementApiMapper.ToGatewayTopology(answer.ReadSuccess<GatewayTopologyDto>());
    }

    /// <summary>
    /// GET /actuator/health/{probe}: 2xx is up, 503 is not (with the health components that are not UP); anything
    /// else is an error.
    /// </summary>
    public async Task<HealthReport> CheckHealthAsync(Uri broker, HealthProbe probe, CancellationToken cancellationToken)
    {
        var path = "actuator/health/" + probe switch
        {
            HealthProbe.Liveness => "liveness",
            HealthProbe.Readiness => "readiness",
            HealthProbe.Startup => "startup",
            _ => throw new ArgumentOutOfRangeException(nameof(probe), probe, "Unknown health probe."),
        };
        var answer = await SendAsync(HttpMethod.Get, broker, path, content: null, cancellationToken).ConfigureAwait(false);
        return answer.Status switch
        {
            HttpStatusCode.ServiceUnavailable => new HealthReport(false, ManagementApiMapper.FailingChecks(answer.Body)),
            _ when answer.IsSuccess => HealthReport.Up,
            _ => throw answer.ToException(),
        };
    }

    public async Task TakeBackupAsync(Uri broker, BackupEndpoint endpoint, long backupId, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(new TakeBackupDto(backupId), ManagementApiJson.Options);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var answer = await SendAsync(HttpMethod.Post, broker, endpoint.Path(), content, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            throw answer.ToException();
        }

        LogBackupRequested(logger, broker, backupId);
    }

    public async Task<BackupInfo> GetBackupAsync(Uri broker, BackupEndpoint endpoint, long backupId, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, broker, BackupPath(endpoint, backupId), content: null, cancellationToken).ConfigureAwait(false);
        return ManagementApiMapper.ToBackup(answer.ReadSuccess<BackupInfoDto>());
    }

    public async Task<IReadOnlyList<BackupInfo>> ListBackupsAsync(Uri broker, BackupEndpoint endpoint, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, broker, endpoint.Path(), content: null, cancellationToken).ConfigureAwait(false);
        return [.. answer.ReadSuccess<List<BackupInfoDto>>().Select(ManagementApiMapper.ToBackup)];
    }

    public async Task DeleteBackupAsync(Uri broker, BackupEndpoint endpoint, long backupId, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Delete, broker, BackupPath(endpoint, backupId), content: null, cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess)
        {
            throw answer.ToException();
        }
    }

    private static string BackupPath(BackupEndpoint endpoint, long backupId) =>
        string.Create(CultureInfo.InvariantCulture, $"{endpoint.Path()}/{backupId}");

    private Task<ChangeAccepted> PatchBrokersAsync(Uri broker, BrokersPatchDto brokers, CancellationToken cancellationToken) =>
        PatchAsync(broker, new ClusterPatchDto(brokers, Partitions: null), dryRun: false, cancellationToken);

    private async Task<ChangeAccepted> PatchAsync(Uri broker, ClusterPatchDto patch, bool dryRun, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.Serialize(patch, ManagementApiJson.Options);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var path = dryRun ? ClusterPath + "?dryRun=true" : ClusterPath;
        var answer = await SendAsync(HttpMethod.Patch, broker, path, content, cancellationToken).ConfigureAwait(false);
        var accepted = ManagementApiMapper.ToAccepted(answer.ReadSuccess<PlannedOperationsDto>());
        LogChangeAccepted(logger, broker, body, accepted.ChangeId, accepted.PlannedOperations.Count);
        return accepted;
    }

    private async Task<ManagementApiAnswer> SendAsync(
        HttpMethod method, Uri broker, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        var uri = ManagementApiAnswer.Resolve(broker, path);
        var timeout = options.Value.RequestTimeout;
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            using var request = new HttpRequestMessage(method, uri) { Content = content };
            request.Headers.Accept.ParseAdd("application/json");
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            LogAnswered(logger, method.Method, uri, (int)response.StatusCode);
            return new ManagementApiAnswer(method, uri, response.StatusCode, text);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, method.Method, uri, "timed out");
            throw new ZeebeApiException(
                ZeebeApiErrorKind.Timeout,
                string.Create(CultureInfo.InvariantCulture, $"{method} {uri} timed out after {timeout.TotalSeconds:0.###} s."),
                exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            LogUnreachable(logger, method.Method, uri, exception.Message);
            throw new ZeebeApiException(ZeebeApiErrorKind.Unreachable, $"{method} {uri} failed: {exception.Message}", exception);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Zeebe {Method} {Uri} answered {StatusCode}")]
    private static partial void LogAnswered(ILogger logger, string method, Uri uri, int statusCode);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Zeebe {Method} {Uri} unreachable: {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string method, Uri uri, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information,
        Message = "Zeebe at {Broker} accepted {Request}: change {ChangeId} with {OperationCount} operations")]
    private static partial void LogChangeAccepted(ILogger logger, Uri broker, string request, long changeId, int operationCount);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Zeebe at {Broker} accepted backup {BackupId}")]
    private static partial void LogBackupRequested(ILogger logger, Uri broker, long backupId);
}
