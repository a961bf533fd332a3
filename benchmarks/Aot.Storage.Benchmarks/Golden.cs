using System.Reflection;

namespace Aot.Storage.Benchmarks;

/// <summary>The Go-written golden files (tests/Aot.Storage.Tests/TestVectors/golden), embedded in this assembly.</summary>
public static class Golden
{
    public static byte[] Read(string fileName)
    {
        using Stream stream = typeof(Golden).Assembly.GetManifestResourceStream("golden/" + fileName)
            ?? throw new FileNotFoundException($"Golden file {fileName} is not embedded.", fileName);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static IEnumerable<string> Names =>
        typeof(Golden).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("golden/", StringComparison.Ordinal)).Select(n => n["golden/".Length..]);

    internal static Assembly Assembly => typeof(Golden).Assembly;
}
