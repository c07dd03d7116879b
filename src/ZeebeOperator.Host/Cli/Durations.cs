using System.CommandLine.Parsing;
using System.Globalization;

namespace ZeebeOperator.Host.Cli;

/// <summary>Durations on the command line: <c>90s</c>, <c>10m</c>, <c>1h</c>, <c>500ms</c>, or a TimeSpan such as <c>00:10:00</c>.</summary>
internal static class Durations
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        text = text.Trim();
        (string Suffix, Func<double, TimeSpan> Make)[] units =
        [
            ("ms", TimeSpan.FromMilliseconds),
            ("s", TimeSpan.FromSeconds),
            ("m", TimeSpan.FromMinutes),
            ("h", TimeSpan.FromHours),
        ];
        foreach (var (suffix, make) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                && amount >= 0)
            {
                duration = make(amount);
                return true;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
    }

    /// <summary>A System.CommandLine custom parser for <see cref="TimeSpan"/> options.</summary>
    public static TimeSpan Parse(ArgumentResult result)
    {
        var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (TryParse(token, out var duration))
        {
            return duration;
        }

        result.AddError($"'{token}' is not a duration; use e.g. 90s, 10m, 1h or 00:10:00.");
        return TimeSpan.Zero;
    }
}
