using Microsoft.Extensions.Options;

namespace ZeebeOperator.Aws;

[OptionsValidator]
internal sealed partial class AwsOptionsValidator : IValidateOptions<AwsOptions>;
