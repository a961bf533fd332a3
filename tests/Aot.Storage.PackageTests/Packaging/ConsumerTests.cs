using System.Text.Json;
using Aot.Storage.PackageTests.Infrastructure;

namespace Aot.Storage.PackageTests.Packaging;

/// <summary>
/// A program outside the repository (Consumer/) restores the package from a local feed, declares its own
/// resource set with the package's attributes, builds with the package's generator, publishes with
/// NativeAOT and round-trips its resources.
/// </summary>
[Collection(PublishingCollection.Name)]
public sealed class ConsumerTests
{
    private readonly PublishedArtifacts _artifacts;

    public ConsumerTests(PublishedArtifacts artifacts)
    {
        _artifacts = artifacts;
    }

    [Fact]
    public void Package_is_restored_from_the_local_feed_into_a_private_packages_folder()
    {
        ConsumerBuild consumer = _artifacts.Consumer;
        consumer.AssertRestored();

        // The restored copy is the file just packed, taken from the local feed, not from a cache.
        string restored = consumer.RestoredPackageDirectory;
        Assert.Equal(ConsumerBuild.NuGetHash(consumer.Package.PackagePath), File.ReadAllText(Path.Combine(restored, $"aot.storage.{consumer.Package.Version}.nupkg.sha512")));
        using (JsonDocument metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(restored, ".nupkg.metadata"))))
        {
            Assert.Equal(consumer.Package.FeedDirectory, metadata.RootElement.GetProperty("source").GetString());
        }

        using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(consumer.Directory, "obj", "project.assets.json")));
        JsonElement library = assets.RootElement.GetProperty("libraries").GetProperty($"Aot.Storage/{consumer.Package.Version}");
        Assert.Equal("package", library.GetProperty("type").GetString());
        string[] folders = [.. assets.RootElement.GetProperty("packageFolders").EnumerateObject().Select(p => Path.TrimEndingDirectorySeparator(p.Name))];
        Assert.Equal([consumer.PackagesDirectory], folders);
    }

    [Fact]
    public void Consumer_builds_its_resource_set_with_the_generator_from_the_package()
    {
        ConsumerBuild consumer = _artifacts.Consumer;
        consumer.AssertPublished();

        Assert.True(Directory.Exists(consumer.GeneratedDirectory), "The package's generator emitted no sources for the consumer.");
        string[] generated = [.. Directory.EnumerateFiles(consumer.GeneratedDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(["EdgeRuntime.EdgeStore.Codecs.g.cs", "EdgeRuntime.EdgeStore.EdgeStoreJsonContext.g.cs", "EdgeRuntime.EdgeStore.g.cs"], generated);

        // The generator stamps its version on what it emits; it must be the package's (one version, set once).
        string context = File.ReadAllText(Path.Combine(consumer.GeneratedDirectory, "EdgeRuntime.EdgeStore.EdgeStoreJsonContext.g.cs"));
        Assert.Contains($"GeneratedCode(\"Aot.Storage.Generators\", \"{consumer.Package.Version}\")", context, StringComparison.Ordinal);
    }

    [Fact]
    public void Consumer_publishes_with_NativeAOT_without_any_warning()
    {
        NativeAotApp app = _artifacts.Consumer.AssertPublished();

        IReadOnlyList<string> warnings = [.. BuildWarnings.All(_artifacts.Consumer.Restore), .. BuildWarnings.All(app.Publish)];

        Assert.True(warnings.Count == 0, "The consumer's restore and publish reported warnings:" + Environment.NewLine + string.Join(Environment.NewLine, warnings));
    }

    [Fact]
    public void Consumer_binary_round_trips_its_own_resource_set()
    {
        NativeAotApp app = _artifacts.Consumer.AssertPublished();

        CommandResult run = app.Run();

        Assert.True(run.ExitCode == 0, run.Describe());
        Assert.Matches(@"^consumer OK: \d+ checks$", run.Lines.Last());
    }

    [Fact]
    public void Consumer_binary_does_not_contain_the_JsonSerializer_machinery()
    {
        // The consumer's set has a generated JsonSerializerContext too; the typed store alone must not root it.
        NativeAotMap map = _artifacts.Consumer.AssertPublished().LoadMap();

        IReadOnlyList<string> serializer = map.NamesMatching(SerializerMachinery.Pattern());

        Assert.True(serializer.Count == 0, "JsonSerializer machinery in the consumer binary:" + Environment.NewLine + string.Join(Environment.NewLine, serializer.Take(50)));
        Assert.NotEmpty(map.NamesMatching(SerializerMachinery.ConsumerStore()));
    }

    [Fact]
    public void Package_targets_turn_custom_engines_off_in_the_NativeAOT_publish()
    {
        // The package's buildTransitive targets set the feature switch, so the consumer's generated store
        // keeps no generic call through IResourceEngine (each would need the type loader at run time).
        NativeAotApp app = _artifacts.Consumer.AssertPublished();

        Assert.Contains(TypeLoaderMachinery.CustomEngineSwitchOff, File.ReadAllLines(app.CompilerArgumentsPath!));
        NativeAotMap map = app.LoadMap();
        IReadOnlyList<string> interfaceCalls = map.NamesMatching(TypeLoaderMachinery.ResourceEngineInterfaceCalls());
        Assert.True(interfaceCalls.Count == 0, "Generic calls through IResourceEngine in the consumer binary:" + Environment.NewLine + string.Join(Environment.NewLine, interfaceCalls));
        Assert.NotEmpty(map.NamesMatching(TypeLoaderMachinery.SealedEngineCalls()));
    }
}
