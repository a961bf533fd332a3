using Aot.Storage.PackageTests.Infrastructure;

namespace Aot.Storage.PackageTests.Packaging;

/// <summary>Packing the same sources again gives the same package.</summary>
[Collection(PublishingCollection.Name)]
public sealed class PackageDeterminismTests
{
    private readonly PublishedArtifacts _artifacts;

    public PackageDeterminismTests(PublishedArtifacts artifacts)
    {
        _artifacts = artifacts;
    }

    [Fact]
    public void Packing_again_gives_byte_identical_entries()
    {
        PackedPackage first = _artifacts.Package;
        PackedPackage again = PackedPackage.Create(Path.Combine(_artifacts.WorkDirectory, "feed-again"), noBuild: true);

        AssertSameEntries(first.PackagePath, again.PackagePath);
        AssertSameEntries(first.SymbolsPackagePath, again.SymbolsPackagePath);
    }

    [Fact]
    public void With_a_fixed_timestamp_the_package_files_are_byte_identical()
    {
        // The zip entries carry the pack time unless SOURCE_DATE_EPOCH (or DeterministicTimestamp) fixes it.
        _ = _artifacts.Package;
        var epoch = new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1700000000" };
        PackedPackage first = PackedPackage.Create(Path.Combine(_artifacts.WorkDirectory, "feed-epoch-1"), epoch, noBuild: true);
        PackedPackage second = PackedPackage.Create(Path.Combine(_artifacts.WorkDirectory, "feed-epoch-2"), epoch, noBuild: true);

        Assert.Equal(File.ReadAllBytes(first.PackagePath), File.ReadAllBytes(second.PackagePath));
        Assert.Equal(File.ReadAllBytes(first.SymbolsPackagePath), File.ReadAllBytes(second.SymbolsPackagePath));
    }

    private static void AssertSameEntries(string expectedPath, string actualPath)
    {
        IReadOnlyDictionary<string, byte[]> expected = PackedPackage.ReadEntries(expectedPath);
        IReadOnlyDictionary<string, byte[]> actual = PackedPackage.ReadEntries(actualPath);

        Assert.Equal(expected.Keys, actual.Keys);
        string[] different = [.. expected.Keys.Where(name => !expected[name].AsSpan().SequenceEqual(actual[name]))];
        Assert.True(different.Length == 0, $"{Path.GetFileName(actualPath)}: entries differ between two packs: {string.Join(", ", different)}");
    }
}
