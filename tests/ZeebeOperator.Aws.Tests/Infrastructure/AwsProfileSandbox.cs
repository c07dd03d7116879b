using Amazon;
using Amazon.Runtime;

namespace ZeebeOperator.Aws.Tests.Infrastructure;

/// <summary>
/// A home directory of its own with <c>.aws/credentials</c> and <c>.aws/config</c>, for tests of the SDK's credential
/// chain. The SDK reads profiles, the SSO token cache and the STS client's region from process-wide state (the
/// profiles location, HOME, AWS_* variables), so this sets them for the test and puts every one back on dispose:
/// use it only in a collection that runs alone (<see cref="Runtime.EnvironmentVariables"/>).
/// </summary>
public sealed class AwsProfileSandbox : IDisposable
{
    public const string Region = "eu-west-1";

    private static readonly string[] ChainVariables =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
        "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
        "AWS_ROLE_SESSION_NAME", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_SSO", "AWS_REGION", "HOME",
    ];

    private readonly Dictionary<string, string?> _saved = ChainVariables.ToDictionary(name => name, Environment.GetEnvironmentVariable);
    private readonly string? _savedProfilesLocation = AWSConfigs.AWSProfilesLocation;

    public AwsProfileSandbox()
    {
        Home = Directory.CreateTempSubdirectory("zeebe-operator-aws-").FullName;
        Directory.CreateDirectory(Path.Combine(Home, ".aws"));
        foreach (var name in ChainVariables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        Environment.SetEnvironmentVariable("HOME", Home);
        Environment.SetEnvironmentVariable("AWS_REGION", Region);
        AWSConfigs.AWSProfilesLocation = CredentialsFile;
        FallbackRegionFactory.Reset();
    }

    public string Home { get; }

    public string CredentialsFile => Path.Combine(Home, ".aws", "credentials");

    public string ConfigFile => Path.Combine(Home, ".aws", "config");

    public AwsProfileSandbox WithCredentials(string ini)
    {
        File.WriteAllText(CredentialsFile, ini);
        return this;
    }

    public AwsProfileSandbox WithConfig(string ini)
    {
        File.WriteAllText(ConfigFile, ini);
        return this;
    }

    /// <summary>Writes a file under the sandbox's home and returns its path.</summary>
    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Home, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Sets one of the chain's variables for the rest of the test (restored on dispose).</summary>
    public AwsProfileSandbox With(string variable, string value)
    {
        if (!_saved.ContainsKey(variable))
        {
            throw new ArgumentException($"{variable} is not one of the variables the sandbox restores.", nameof(variable));
        }

        Environment.SetEnvironmentVariable(variable, value);
        return this;
    }

    public void Dispose()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        AWSConfigs.AWSProfilesLocation = _savedProfilesLocation;
        FallbackRegionFactory.Reset();
        Directory.Delete(Home, recursive: true);
    }
}
