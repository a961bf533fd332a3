using System.Text;

namespace Aot.Storage.AotSmoke;

/// <summary>The files written by the Go virtcontainers code (tests/Aot.Storage.Tests/TestVectors/golden), copied next to the binary.</summary>
internal sealed class Golden
{
    private readonly string _directory;

    public Golden(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The golden files are missing: {directory}");
        }

        _directory = directory;
    }

    public byte[] Bytes(string fileName) => File.ReadAllBytes(Path.Combine(_directory, fileName));

    public string Text(string fileName) => Encoding.UTF8.GetString(Bytes(fileName));
}
