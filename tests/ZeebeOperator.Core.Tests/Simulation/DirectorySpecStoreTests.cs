using ZeebeOperator.Core.Ports;
using ZeebeOperator.Simulation.Stores;

namespace ZeebeOperator.Core.Tests.Simulation;

public sealed class DirectorySpecStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("specs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Editing_a_file_changes_its_etag_and_other_files_keep_theirs()
    {
        File.WriteAllText(Path.Combine(_directory, "orders.json"), "{\"a\":1}");
        File.WriteAllText(Path.Combine(_directory, "dev.json"), "{\"b\":1}");
        Directory.CreateDirectory(Path.Combine(_directory, "aws"));
        File.WriteAllText(Path.Combine(_directory, "aws", "table.json"), "{}");
        File.WriteAllText(Path.Combine(_directory, "notes.txt"), "x");
        var store = new DirectorySpecStore(_directory);
        var before = await store.ListAsync(CancellationToken.None);

        File.WriteAllText(Path.Combine(_directory, "orders.json"), "{\"a\":2}");
        var after = await store.ListAsync(CancellationToken.None);

        Assert.Equal(["dev.json", "orders.json"], after.Select(o => o.Key));
        Assert.Equal(before[0].ETag, after[0].ETag);
        Assert.NotEqual(before[1].ETag, after[1].ETag);
        Assert.Equal("{\"a\":2}", (await store.GetAsync("orders.json", CancellationToken.None)).Body);
    }

    [Fact]
    public async Task Writes_honour_s3_preconditions()
    {
        var store = new DirectorySpecStore(_directory);
        var etag = await store.PutAsync("orders.json", "{}", WriteCondition.CreateOnly, CancellationToken.None);

        var again = await Assert.ThrowsAsync<AwsApiException>(() => store.PutAsync("orders.json", "{}", WriteCondition.CreateOnly, CancellationToken.None));
        var stale = await Assert.ThrowsAsync<AwsApiException>(() => store.PutAsync("orders.json", "{\"x\":1}", WriteCondition.Replacing("\"0\""), CancellationToken.None));
        await store.PutAsync("orders.json", "{\"x\":1}", WriteCondition.Replacing(etag), CancellationToken.None);

        Assert.Equal(AwsErrorKind.Conflict, again.Kind);
        Assert.Equal(AwsErrorKind.Conflict, stale.Kind);
        Assert.Equal("{\"x\":1}", File.ReadAllText(Path.Combine(_directory, "orders.json")));
    }

    [Fact]
    public async Task A_missing_spec_is_not_found_and_keys_cannot_leave_the_folder()
    {
        var store = new DirectorySpecStore(_directory);

        Assert.Equal(AwsErrorKind.NotFound, (await Assert.ThrowsAsync<AwsApiException>(() => store.GetAsync("gone.json", CancellationToken.None))).Kind);
        Assert.Equal(AwsErrorKind.InvalidParameter, (await Assert.ThrowsAsync<AwsApiException>(() => store.GetAsync("../etc.json", CancellationToken.None))).Kind);
    }
}
