using Aot.Storage.PackageTests.Infrastructure;
using Xunit.Abstractions;

namespace Aot.Storage.PackageTests.NativeAot;

/// <summary>
/// tests/Aot.Storage.AotStoreOnly, an app that uses the typed store only (no TrimmerRootAssembly): the store
/// calls the generated readers and writers directly, so System.Text.Json's serializer is trimmed away, and
/// the generated methods call the sealed file-system engine only, so the type loader's run-time resolution
/// of generic virtual methods is trimmed away too.
/// </summary>
[Collection(PublishingCollection.Name)]
public sealed class StoreOnlyAppTests
{
    /// <summary>
    /// 1.55 MB today. The same app is 1.75 MB with custom engines on (<c>AotStorageCustomEngineSupport</c>:
    /// the type loader comes back) and 2.6 MB with one JsonSerializer call through the generated context.
    /// </summary>
    private const long SizeBudget = 1_650_000;

    private readonly PublishedArtifacts _artifacts;
    private readonly ITestOutputHelper _output;

    public StoreOnlyAppTests(PublishedArtifacts artifacts, ITestOutputHelper output)
    {
        _artifacts = artifacts;
        _output = output;
    }

    [Fact]
    public void Publishes_without_trimming_or_AOT_warnings_and_runs()
    {
        NativeAotApp app = _artifacts.StoreOnlyApp;

        IReadOnlyList<string> warnings = BuildWarnings.TrimmingAndAot(app.Publish);
        Assert.True(warnings.Count == 0, $"{warnings.Count} trimming/AOT diagnostics:{Environment.NewLine}{string.Join(Environment.NewLine, warnings)}");
        CommandResult run = app.Run();

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Equal("store-only OK", run.Lines.Last());
    }

    [Fact]
    public void Binary_does_not_contain_the_JsonSerializer_machinery()
    {
        NativeAotMap map = _artifacts.StoreOnlyApp.LoadMap();

        IReadOnlyList<string> serializer = map.NamesMatching(SerializerMachinery.Pattern());

        Assert.True(serializer.Count == 0, $"{serializer.Count} JsonSerializer nodes in the store-only binary:{Environment.NewLine}{string.Join(Environment.NewLine, serializer.Take(50))}");
        // Controls: the map names what the app does use, the typed store and System.Text.Json's reader.
        Assert.NotEmpty(map.NamesMatching(SerializerMachinery.LibraryStore()));
        Assert.NotEmpty(map.NamesMatching(SerializerMachinery.Reader()));
        _output.WriteLine($"System.Text.Json nodes: {map.BytesMatching(SerializerMachinery.AnySystemTextJson()):N0} bytes");
    }

    [Fact]
    public void Binary_does_not_contain_the_type_loaders_generic_virtual_method_resolution()
    {
        NativeAotApp app = _artifacts.StoreOnlyApp;
        NativeAotMap map = app.LoadMap();

        // The package's targets turn stores over other engines off for a NativeAOT publish, and the compiler
        // drops the generated methods' generic calls through IResourceEngine.
        Assert.Contains(TypeLoaderMachinery.CustomEngineSwitchOff, File.ReadAllLines(app.CompilerArgumentsPath!));
        IReadOnlyList<string> interfaceCalls = map.NamesMatching(TypeLoaderMachinery.ResourceEngineInterfaceCalls());
        Assert.True(interfaceCalls.Count == 0, $"Generic calls through IResourceEngine in the store-only binary:{Environment.NewLine}{string.Join(Environment.NewLine, interfaceCalls)}");
        IReadOnlyList<string> resolution = map.NamesMatching(TypeLoaderMachinery.GenericVirtualMethodResolution());
        Assert.True(resolution.Count == 0, $"Run-time generic virtual method resolution in the store-only binary:{Environment.NewLine}{string.Join(Environment.NewLine, resolution)}");
        // Control: the map names the sealed engine's generic methods, which the generated methods call instead.
        Assert.NotEmpty(map.NamesMatching(TypeLoaderMachinery.SealedEngineCalls()));
        _output.WriteLine($"Type loader nodes: {map.BytesMatching(TypeLoaderMachinery.AnyTypeLoader()):N0} bytes");
    }

    [Fact]
    public void Binary_stays_within_its_size_budget()
    {
        NativeAotApp app = _artifacts.StoreOnlyApp;
        Assert.True(app.Published, app.Publish.Describe());

        _output.WriteLine($"{Path.GetFileName(app.BinaryPath)}: {app.BinarySize:N0} bytes");
        Assert.True(app.BinarySize < SizeBudget, $"The store-only binary is {app.BinarySize:N0} bytes, over the {SizeBudget:N0} budget: has the serializer or the type loader come back?");
    }
}
