using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ZeebeOperator.Host.Health;

/// <summary>
/// <c>/healthz</c> and <c>/readyz</c> on ASP.NET Core's health-check middleware: one check each, tagged
/// <see cref="Live"/> and <see cref="Ready"/>, whose result carries the <see cref="OperatorHealthReport"/> that the
/// response writer sends as the JSON body (200 when healthy, 503 when not).
/// </summary>
internal static class OperatorHealthChecks
{
    public const string Live = "live";
    public const string Ready = "ready";

    public static IHealthChecksBuilder AddOperatorChecks(this IHealthChecksBuilder checks, OperatorHealth health) => checks
        .AddCheck("liveness", new ReportCheck(health.Liveness), tags: [Live])
        .AddCheck("readiness", new ReportCheck(health.Readiness), tags: [Ready]);

    public static IEndpointRouteBuilder MapOperatorHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", Options(Live));
        endpoints.MapHealthChecks("/readyz", Options(Ready));
        return endpoints;
    }

    private static HealthCheckOptions Options(string tag) => new()
    {
        Predicate = check => check.Tags.Contains(tag),
        ResponseWriter = WriteReportAsync,
    };

    private static Task WriteReportAsync(HttpContext context, HealthReport result)
    {
        var entry = result.Entries.Values.Single();
        var report = entry.Data.GetValueOrDefault(ReportCheck.DataKey) as OperatorHealthReport
            ?? OperatorHealthReport.Failed(entry.Description ?? entry.Exception?.Message ?? result.Status.ToString());
        return context.Response.WriteAsJsonAsync(report, HealthJsonContext.Default.OperatorHealthReport, cancellationToken: context.RequestAborted);
    }

    /// <summary>Turns one probe of <see cref="OperatorHealth"/> into a health-check result that carries it.</summary>
    private sealed class ReportCheck(Func<OperatorHealthReport> probe) : IHealthCheck
    {
        public const string DataKey = "report";

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var report = probe();
            var data = new Dictionary<string, object> { [DataKey] = report };
            return Task.FromResult(new HealthCheckResult(report.Healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy, report.Reason, data: data));
        }
    }
}
