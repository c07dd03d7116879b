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

    /// <summary>
    /// Writes the failures of an <see cref="OptionsValidationException"/>, or of several (the host's start-up validator
    /// throws an <see cref="AggregateException"/> when more than one section is invalid); false for anything else.
    /// </summary>
    public static bool TryWriteConfigurationErrors(TextWriter writer, Exception exception)
    {
        Exception[] all = exception is AggregateException aggregate ? [.. aggregate.Flatten().InnerExceptions] : [exception];
        if (all.Length == 0 || !all.All(e => e is OptionsValidationException))
        {
            return false;
        }

        writer.WriteLine("Invalid configuration:");
        foreach (var failure in all.Cast<OptionsValidationException>().SelectMany(e => e.Failures))
        {
            writer.WriteLine($"  - {failure}");
        }

        return true;
    }
}
