using Microsoft.Extensions.Options;

namespace ZeebeOperator.Host.Cli;

internal static class CliErrors
{
    public static void WriteConfigurationErrors(TextWriter writer, OptionsValidationException exception)
    {
        writer.WriteLine("Invalid configuration:");
        foreach (var failure in exception.Failures)
        {
            writer.WriteLine($"  - {failure}");
        }
    }
}
