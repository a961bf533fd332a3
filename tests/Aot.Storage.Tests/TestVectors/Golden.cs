namespace Aot.Storage.Tests.TestVectors;

/// <summary>The files written by the Go virtcontainers code, copied next to the test binaries.</summary>
internal static class Golden
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "TestVectors", "golden");

    public static byte[] Read(string fileName) => File.ReadAllBytes(Path.Combine(Directory, fileName));

    public static string Text(string fileName) => File.ReadAllText(Path.Combine(Directory, fileName));
}
