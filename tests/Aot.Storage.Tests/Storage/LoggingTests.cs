using Microsoft.Extensions.Logging;
using static Aot.Storage.Tests.Storage.StorageTestEnvironment;
using K = Aot.Storage.VirtContainers.VirtContainersStore.Kinds;

namespace Aot.Storage.Tests.Storage;

public sealed class LoggingTests
{
    [Fact]
    public void OperationsLogAtDebugOnlyAndNameTheirSubject()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod("pod1");
        env.Engine.CreateContainer("pod1", "c1");
        env.Store(Ctr(K.Devices, "pod1", "c1"), Sample.Of("a", "b"));
        env.Fetch(Ctr(K.Devices, "pod1", "c1"));
        env.Engine.Delete(Ctr(K.Devices, "pod1", "c1"));
        env.Engine.Lock("pod1", PodLockMode.Shared, TimeSpan.FromSeconds(1)).Dispose();
        env.Engine.DeletePod("pod1");

        var entries = env.Logger.Entries;
        Assert.All(entries, e => Assert.Equal(LogLevel.Debug, e.Level));
        Assert.Contains(entries, e => e.Message == "Stored devices of pod pod1, container c1: 27 bytes");
        Assert.Contains(entries, e => e.Message == "Fetched devices of pod pod1, container c1: 27 bytes");
        Assert.Contains(entries, e => e.Message == "Deleted devices of pod pod1, container c1: True");
        Assert.Contains(entries, e => e.Message.StartsWith("Locked pod pod1 (Shared)", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Message == "Unlocked pod pod1 (Shared)");
        Assert.Contains(entries, e => e.Message == "Deleted pod pod1: True");
    }

    [Fact]
    public void LockEventsKeepTheirIdsAndNameTheMode()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod("pod1");
        env.Engine.Lock("pod1", PodLockMode.Exclusive, TimeSpan.FromSeconds(1)).Dispose();

        var entries = env.Logger.Entries;
        Assert.Contains(entries, e => e.Id == new EventId(8, "Locked") && e.Id.Name == "Locked" && e.Message.StartsWith("Locked pod pod1 (Exclusive) after ", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Id.Id == 9 && e.Id.Name == "Unlocked" && e.Message == "Unlocked pod pod1 (Exclusive)");
    }
}
