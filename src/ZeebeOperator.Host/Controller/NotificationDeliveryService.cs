using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ZeebeOperator.Core;
using ZeebeOperator.Core.Leadership;
using ZeebeOperator.Core.Notifications;
using ZeebeOperator.Core.Ports;
using ZeebeOperator.Core.Queue;

namespace ZeebeOperator.Host.Controller;

/// <summary>
/// Delivers the outbox's events while this instance leads, and only then: it waits for a leadership term, makes
/// delivery passes linked to it, and when the term is lost cancels the POSTs in flight at once (the successor reads
/// the same outbox, with each task's retries, and delivers what is not marked done). A pass starts the due attempts
/// and returns; they run on beside the next passes. Between passes it waits for a new event or a newly scheduled
/// retry (both raise the <see cref="NotificationSignal"/>), the next retry, or <see cref="NotifyOptions.OutboxPollInterval"/>.
/// </summary>
internal sealed partial class NotificationDeliveryService(
    NotificationDelivery delivery,
    NotificationSignal signal,
    ILeadership leadership,
    IOptions<NotifyOptions> options,
    IOptions<OperatorOptions> operatorOptions,
    TimeProvider timeProvider,
    ILogger<NotificationDeliveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var term = await leadership.WaitForLeadershipAsync(stoppingToken);
                using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, term.Lost);
                Log.Delivering(logger, term.FencingToken);
                try
                {
                    await DeliverAsync(term.FencingToken, leading.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or LeadershipLostException && !stoppingToken.IsCancellationRequested)
                {
                    Log.StandingBy(logger, term.FencingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task DeliverAsync(long fencingToken, CancellationToken cancellationToken)
    {
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan wait;
            try
            {
                var nextRetry = await delivery.DeliverDueAsync(fencingToken, cancellationToken);
                failures = 0;
                var poll = options.Value.OutboxPollInterval;
                wait = nextRetry is { } due ? Clamp(due - timeProvider.GetUtcNow(), poll) : poll;
            }
            catch (AwsApiException e) when (!cancellationToken.IsCancellationRequested)
            {
                wait = Backoff.Exponential(failures++, operatorOptions.Value.BaseBackoff, operatorOptions.Value.MaxBackoff);
                Log.PassFailed(logger, e.Service, e.Operation, e.ErrorCode, e.ErrorMessage, wait);
            }
            catch (Exception e) when (e is not (OperationCanceledException or LeadershipLostException or AwsApiException))
            {
                wait = Backoff.Exponential(failures++, operatorOptions.Value.BaseBackoff, operatorOptions.Value.MaxBackoff);
                Log.PassThrew(logger, wait, e);
            }

            await signal.WaitAsync(wait, timeProvider, cancellationToken);
        }
    }

    /// <summary>Rounded up to whole milliseconds: a delay counts those, and one that ended a tick early would make a pass for nothing.</summary>
    private static TimeSpan Clamp(TimeSpan value, TimeSpan max) =>
        value < TimeSpan.Zero ? TimeSpan.Zero : value > max ? max : TimeSpan.FromMilliseconds(Math.Ceiling(value.TotalMilliseconds));

    private static partial class Log
    {
        [LoggerMessage(EventId = 933, Level = LogLevel.Error, Message = "Notify: a delivery pass threw; next pass in {RetryIn}")]
        public static partial void PassThrew(ILogger logger, TimeSpan retryIn, Exception exception);

        [LoggerMessage(EventId = 930, Level = LogLevel.Information, Message = "Notify: delivering the outbox (leading with fencing token {FencingToken})")]
        public static partial void Delivering(ILogger logger, long fencingToken);

        [LoggerMessage(EventId = 931, Level = LogLevel.Information, Message = "Notify: leadership (fencing token {FencingToken}) lost; no longer delivering")]
        public static partial void StandingBy(ILogger logger, long fencingToken);

        [LoggerMessage(EventId = 932, Level = LogLevel.Warning, Message = "Notify: a delivery pass failed: {Service} {Operation}: {ErrorCode}: {ErrorMessage}; next pass in {RetryIn}")]
        public static partial void PassFailed(ILogger logger, string service, string operation, string errorCode, string errorMessage, TimeSpan retryIn);
    }
}
