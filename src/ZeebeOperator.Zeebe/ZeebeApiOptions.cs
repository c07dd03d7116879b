using Microsoft.Extensions.Options;
using ZeebeOperator.Core.Configuration;

namespace ZeebeOperator.Zeebe;

/// <summary>Options of the HTTP adapter to Zeebe's management API, bound from the <c>Zeebe</c> section.</summary>
public sealed class ZeebeApiOptions
{
    public const string SectionName = "Zeebe";

    /// <summary>How long one request may take before the broker counts as unreachable (<c>Zeebe:RequestTimeout</c>).</summary>
    [PositiveDuration("00:00:10")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

[OptionsValidator]
internal sealed partial class ZeebeApiOptionsValidator : IValidateOptions<ZeebeApiOptions>;
