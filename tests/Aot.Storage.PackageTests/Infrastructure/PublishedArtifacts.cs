namespace Aot.Storage.PackageTests.Infrastructure;

/// <summary>
/// Everything the tests of this project build, each built once, on first use, and shared: the package (one
/// pack for all tests), the consumer built from it, and the NativeAOT publishes of the smoke and store-only apps.
/// </summary>
public sealed class PublishedArtifacts : IDisposable
{
    private readonly Lazy<PackedPackage> _package;
    private readonly Lazy<ConsumerBuild> _consumer;
    private readonly Lazy<NativeAotApp> _smokeApp;
    private readonly Lazy<NativeAotApp> _storeOnlyApp;

    public PublishedArtifacts()
    {
        WorkDirectory = Directory.CreateTempSubdirectory("aot-storage-package-tests-").FullName;
        _package = new Lazy<PackedPackage>(() => PackedPackage.Create(Path.Combine(WorkDirectory, "feed")));
        _consumer = new Lazy<ConsumerBuild>(() => ConsumerBuild.Create(Package, WorkDirectory));
        _smokeApp = new Lazy<NativeAotApp>(() => NativeAotApp.PublishInRepository(RepositoryLayout.SmokeAppProject));
        _storeOnlyApp = new Lazy<NativeAotApp>(() => NativeAotApp.PublishInRepository(RepositoryLayout.StoreOnlyAppProject));
    }

    /// <summary>A temporary directory for this test run, removed at the end.</summary>
    public string WorkDirectory { get; }

    internal PackedPackage Package => _package.Value;

    internal ConsumerBuild Consumer => _consumer.Value;

    internal NativeAotApp SmokeApp => _smokeApp.Value;

    internal NativeAotApp StoreOnlyApp => _storeOnlyApp.Value;

    public void Dispose()
    {
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the directory is under the temporary folder.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }
}

/// <summary>
/// The tests that run the SDK. One collection, not run in parallel with anything, so that the NativeAOT
/// publishes (each takes both cores for most of a minute) run one after the other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PublishingCollection : ICollectionFixture<PublishedArtifacts>
{
    public const string Name = "Publishing";
}
