using Aot.Storage.Native;
using static Aot.Storage.Tests.Storage.StorageTestEnvironment;
using K = Aot.Storage.VirtContainers.VirtContainersStore.Kinds;

namespace Aot.Storage.Tests.Storage;

/// <summary>
/// How a fetch reads a file: one positioned read when the file is smaller than the first read (16 KiB), the
/// rest of a larger one after <c>statx</c>, and nothing but regular files. (An empty file:
/// FileSystemGoCounterpartTests.TestFilesystemFetchFileFailingUnMarshalling.)
/// </summary>
public sealed class FetchReadTests
{
    private const string PodId = "pod1";

    /// <summary>Bytes of a stored <see cref="Sample"/> besides Field1, when Field2 is "e".</summary>
    private const int SampleOverhead = 26;

    [Theory]
    [InlineData(SampleOverhead)]
    [InlineData(16 * 1024 - 1)]
    [InlineData(16 * 1024)]
    [InlineData(16 * 1024 + 1)]
    [InlineData(32 * 1024)]
    [InlineData(100_000)]
    public void FilesAroundTheFirstReadSizeAreReadWhole(int size)
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string field1 = new('x', size - SampleOverhead);
        env.Store(Pod(K.State, PodId), Sample.Of(field1, "e"));
        Assert.Equal(size, new FileInfo(Path.Combine(env.RunRoot, PodId, "state.json")).Length);

        Sample back = env.Fetch(Pod(K.State, PodId));

        Assert.Equal(field1, back.Field1);
        Assert.Equal("e", back.Field2);
    }

    [Fact]
    public void AFifoWithAWriterIsRefusedAndItsDataIsNotRead()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string fifo = Path.Combine(env.RunRoot, PodId, "state.json");
        Assert.Equal(0, Run("mkfifo", fifo).ExitCode);
        byte[] json = "{\"Field1\":\"from\",\"Field2\":\"fifo\"}"u8.ToArray();
        using var pipe = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite);
        pipe.Write(json);
        pipe.Flush();

        var ex = Assert.Throws<ResourceIOException>(() => env.Fetch(Pod(K.State, PodId)));

        Assert.Equal(Errno.EINVAL, ex.ErrorNumber);
        Assert.StartsWith("Resource file is not a regular file", ex.Message, StringComparison.Ordinal);
        byte[] left = new byte[json.Length];
        pipe.ReadExactly(left);
        Assert.Equal(json, left);
    }

    [Theory]
    [InlineData("1", "3")] // /dev/null: reads as empty
    [InlineData("1", "5")] // /dev/zero: fills every read
    public void ACharacterDeviceIsRefused(string major, string minor)
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string device = Path.Combine(env.RunRoot, PodId, "state.json");
        Assert.Equal(0, Run("mknod", device, "c", major, minor).ExitCode);

        var ex = Assert.Throws<ResourceIOException>(() => env.Fetch(Pod(K.State, PodId)));

        Assert.Equal(Errno.EINVAL, ex.ErrorNumber);
        Assert.StartsWith("Resource file is not a regular file", ex.Message, StringComparison.Ordinal);
        Assert.Equal(device, ex.Path);
    }
}
