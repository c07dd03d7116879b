using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ZeebeOperator.Host.Composition;

/// <summary>
/// Console logging, one line per event, or JSON lines when <c>Logging:Format</c> is <c>json</c>
/// (<see cref="OperatorJsonConsoleFormatter"/>: flat fields, <c>Cluster</c> and <c>Node</c> among them). Logs go to
/// standard error so that standard output carries only what a command prints (tables, plans, JSON).
/// </summary>
internal static class OperatorLogging
{
    public const string FormatKey = "Logging:Format";

    public static void Configure(ILoggingBuilder logging, IConfiguration configuration)
    {
        logging.ClearProviders();
        if (string.Equals(configuration[FormatKey], "json", StringComparison.OrdinalIgnoreCase))
        {
            logging.Services.TryAddSingleton(TimeProvider.System);
            logging.AddConsole(options => options.FormatterName = OperatorJsonConsoleFormatter.FormatterName)
                .AddConsoleFormatter<OperatorJsonConsoleFormatter, JsonConsoleFormatterOptions>(options => options.IncludeScopes = true);
        }
        else
        {
            logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss ";
            });
        }

        logging.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
