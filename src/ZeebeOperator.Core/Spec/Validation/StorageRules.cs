namespace ZeebeOperator.Core.Spec.Validation;

/// <summary>
/// Each node gets an EFS access point at <c>{rootDirectory}/node-{n}</c>. EFS limits access point paths to
/// 100 characters and 4 levels, forbids some characters and segments starting with '.'.
/// </summary>
internal static class StorageRules
{
    public const int MaxAccessPointPathLength = 100;
    public const int MaxAccessPointPathLevels = 4;
    public const long MaxPosixId = uint.MaxValue;

    /// <summary>The longest root directory below which "/node-0" still fits an access point path.</summary>
    public const int MaxRootDirectoryLength = MaxAccessPointPathLength - 7;

    private static readonly string FileSystemIdPath = SpecPath.Of(d => d.Spec.Storage.FileSystemId);
    private static readonly string RootDirectoryPath = SpecPath.Of(d => d.Spec.Storage.RootDirectory);
    private static readonly string UidPath = SpecPath.Of(d => d.Spec.Storage.PosixUser.Uid);
    private static readonly string GidPath = SpecPath.Of(d => d.Spec.Storage.PosixUser.Gid);
    private static readonly string PermissionsPath = SpecPath.Of(d => d.Spec.Storage.Permissions);
    private const string ForbiddenPathCharacters = "$#<>;`|&?{}^*";

    public static void Check(StorageSpec storage, int clusterSize, ICollection<SpecError> errors)
    {
        if (!SpecPatterns.FileSystemId().IsMatch(storage.FileSystemId))
        {
            errors.Add(FileSystemIdPath, "must be an EFS file system ID such as \"fs-0123456789abcdef0\"");
        }

        CheckRootDirectory(storage.RootDirectory, clusterSize, errors);
        CheckPosixId(storage.PosixUser.Uid, UidPath, errors);
        CheckPosixId(storage.PosixUser.Gid, GidPath, errors);
        if (!SpecPatterns.OctalPermissions().IsMatch(storage.Permissions))
        {
            errors.Add(PermissionsPath, "must be octal permissions of 3 or 4 digits such as \"0750\"");
        }
    }

    private static void CheckRootDirectory(string root, int clusterSize, ICollection<SpecError> errors)
    {
        var path = RootDirectoryPath;
        var problems = RootDirectoryProblems(root).ToList();
        foreach (var problem in problems)
        {
            errors.Add(path, problem);
        }

        if (problems.Count > 0)
        {
            return;
        }

        var deepestNodeDirectory = BrokerNames.NodeDirectory(root, BrokerNames.HighestNodeId(clusterSize));
        if (deepestNodeDirectory.Count(c => c == '/') > MaxAccessPointPathLevels)
        {
            errors.Add(
                path,
                $"must have at most {MaxAccessPointPathLevels - 1} levels: EFS allows {MaxAccessPointPathLevels} in an access point path and the operator adds /node-{{n}}");
        }

        if (deepestNodeDirectory.Length > MaxAccessPointPathLength)
        {
            var allowed = MaxAccessPointPathLength - (deepestNodeDirectory.Length - root.Length);
            errors.Add(
                path,
                $"must be at most {allowed} characters: the access point path \"{deepestNodeDirectory}\" must fit EFS's {MaxAccessPointPathLength}-character limit");
        }
    }

    private static IEnumerable<string> RootDirectoryProblems(string root)
    {
        if (!root.StartsWith('/'))
        {
            yield return "must be an absolute path starting with '/'";
            yield break;
        }

        if (root.EndsWith('/'))
        {
            yield return "must name a directory below '/' and must not end with '/'";
        }

        var segments = root[1..].Split('/');
        if (segments.SkipLast(1).Any(segment => segment.Length == 0))
        {
            yield return "must not contain empty segments ('//')";
        }

        if (segments.Any(segment => segment.StartsWith('.')))
        {
            yield return "must not contain segments starting with '.', such as '.' or '..' (EFS access point path rule)";
        }

        if (root.Any(c => ForbiddenPathCharacters.Contains(c, StringComparison.Ordinal) || char.IsControl(c)))
        {
            yield return $"must not contain control characters or any of {string.Join(' ', ForbiddenPathCharacters.ToCharArray())} (EFS access point path rule)";
        }
    }

    private static void CheckPosixId(long id, string path, ICollection<SpecError> errors)
    {
        if (id is < 0 or > MaxPosixId)
        {
            errors.Add(path, $"must be between 0 and {MaxPosixId}");
        }
    }
}
