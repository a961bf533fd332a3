using System.Text;
using Aot.Storage;
using Aot.Storage.FileSystem;
using Aot.Storage.Json;
using Aot.Storage.VirtContainers;
using EdgeRuntime;

// Stores and fetches every kind of the consumer's set and compares the files with the expected bytes.
// Exit code 0 when every check passes, 1 otherwise (each failure is printed).
const string Pod = "pod-1";
const string Container = "ctr-1";

DirectoryInfo root = Directory.CreateTempSubdirectory("aot-storage-consumer-");
int passed = 0;
int failed = 0;
try
{
    var store = new EdgeStore(new FileSystemStoreOptions
    {
        ConfigRoot = Path.Combine(root.FullName, "config"),
        RunRoot = Path.Combine(root.FullName, "run"),
    });

    Check("kinds", EdgeStore.RoutingTable.Kinds.Count == 6 && EdgeStore.RoutingTable.FindByFileName("quota.json")?.Root == StorageRoot.Config);
    store.CreatePod(Pod);
    store.CreateContainer(Pod, Container);

    var firecracker = new FirecrackerState
    {
        ApiSocket = "/run/fc/pod-1.sock",
        Pid = 31337,
        Drives = [new Drive { DriveId = "rootfs", PathOnHost = "/var/lib/fc/rootfs.ext4", IsReadOnly = true }],
        Metadata = new Dictionary<string, string> { ["zone"] = "b", ["app"] = "<web>" },
        BootTime = new Timestamp(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), 6),
        Extensions = RawJson.Parse("""{"balloon":{"amount_mib":64}}"""),
    };
    store.StorePodHypervisor(Pod, firecracker);
    CheckFile(
        "custom hypervisor state",
        """{"api_socket":"/run/fc/pod-1.sock","Pid":31337,"Drives":[{"drive_id":"rootfs","path_on_host":"/var/lib/fc/rootfs.ext4","is_read_only":true}],"Metadata":{"app":"\u003cweb\u003e","zone":"b"},"BootTime":"2025-01-02T03:04:05.000000006Z","Extensions":{"balloon":{"amount_mib":64}}}""",
        store.GetPodHypervisorPath(Pod));
    FirecrackerState fetched = store.FetchPodHypervisor(Pod);
    Check("custom hypervisor state fetched", fetched.Pid == 31337 && fetched.Drives?[0].IsReadOnly == true && fetched.BootTime.Nanosecond == 6 && fetched.Metadata?["app"] == "<web>");

    store.StorePodQuota(Pod, new PodQuota { MemoryBytes = 2147483648, Vcpus = 2, AllowedDevices = ["/dev/kvm"] });
    CheckFile("extra pod-level resource", """{"MemoryBytes":2147483648,"Vcpus":2,"AllowedDevices":["/dev/kvm"]}""", store.GetPodQuotaPath(Pod));
    Check("extra pod-level resource under the config root", store.GetPodQuotaPath(Pod).StartsWith(Path.Combine(root.FullName, "config"), StringComparison.Ordinal));
    PodQuota quota = store.UpdatePodQuota(Pod, current => new PodQuota { MemoryBytes = current!.MemoryBytes * 2, Vcpus = current.Vcpus, AllowedDevices = current.AllowedDevices });
    CheckFile("extra pod-level resource updated", """{"MemoryBytes":4294967296,"Vcpus":2,"AllowedDevices":["/dev/kvm"]}""", store.GetPodQuotaPath(Pod));
    Check("update returns the stored value", quota.MemoryBytes == 4294967296);

    store.StorePodState(Pod, new LifecycleState { State = LifecycleStates.Running, BlockIndex = 1 });
    CheckFile("library payload", """{"state":"running","blockIndex":1,"fstype":"","hotpluggedDrive":false}""", store.GetPodStatePath(Pod));

    List<Device> devices =
    [
        new MyDevice { Endpoint = "/run/my.sock", Queues = 4 },
        new VfioDevice { Bdf = "02:10.0" },
        new UnknownDevice("nvme", RawJson.Parse("""{"Path":"/dev/nvme0"}""")),
    ];
    store.StoreContainerDevices(Pod, Container, devices);
    const string DevicesJson =
        """[{"Type":"my-device","Data":{"DeviceType":"my-device","Endpoint":"/run/my.sock","Queues":4}},""" +
        """{"Type":"vfio","Data":{"DeviceType":"vfio","DeviceInfo":{"HostPath":"","ContainerPath":"","DevType":"","Major":0,"Minor":0,"FileMode":0,"UID":0,"GID":0,"Hotplugged":false,"ID":""},"BDF":"02:10.0"}},""" +
        """{"Type":"nvme","Data":{"Path":"/dev/nvme0"}}]""";
    CheckFile("device union with the consumer's case", DevicesJson, store.GetContainerDevicesPath(Pod, Container));
    List<Device>? read = store.FetchContainerDevices(Pod, Container);
    Check("consumer's device case read back", read?[0] is MyDevice { Endpoint: "/run/my.sock", Queues: 4 });
    Check("library's device case read back", read?[1] is VfioDevice { Bdf: "02:10.0" });
    Check("unknown device kept", read?[2] is UnknownDevice { Tag: "nvme" });

    const string NetworkJson = """{"NetNsPath":"/var/run/netns/edge","NetNsCreated":true,"Endpoints":[{"Type":"macvlan","Data":{"If":"m0"}}]}""";
    File.WriteAllText(store.GetPodNetworkPath(Pod), NetworkJson);
    NetworkNamespace network = store.FetchPodNetwork(Pod);
    Check("unknown endpoint read", network.Endpoints?[0] is UnknownEndpoint { Tag: "macvlan" });
    store.StorePodNetwork(Pod, network);
    CheckFile("unknown endpoint written back unchanged", NetworkJson, store.GetPodNetworkPath(Pod));

    using (IPodLock held = store.LockPod(Pod, PodLockMode.Exclusive, TimeSpan.FromSeconds(10)))
    {
        IPodLock? second = null;
        var other = new Thread(() => second = store.TryLockPod(Pod, PodLockMode.Shared));
        other.Start();
        other.Join();
        Check("pod lock excludes another thread", second is null);
        bool refused = false;
        try
        {
            store.TryLockPod(Pod, PodLockMode.Shared)?.Dispose();
        }
        catch (PodLockRecursionException)
        {
            refused = true;
        }

        Check("a nested lock on the holder's thread fails at once", refused);
    }

    Check("containers listed", store.ListContainers(Pod) is [Container]);
    Check("pod deleted", store.DeletePod(Pod) && store.ListPods().Count == 0);
}
finally
{
    root.Delete(recursive: true);
}

Console.WriteLine(failed == 0 ? $"consumer OK: {passed} checks" : $"consumer FAILED: {failed} of {passed + failed} checks");
return failed == 0 ? 0 : 1;

void Check(string what, bool condition)
{
    if (condition)
    {
        passed++;
    }
    else
    {
        failed++;
        Console.WriteLine($"FAIL {what}");
    }
}

void CheckFile(string what, string expected, string path)
{
    string actual = Encoding.UTF8.GetString(File.ReadAllBytes(path));
    Check(what, actual == expected);
    if (actual != expected)
    {
        Console.WriteLine($"  expected: {expected}");
        Console.WriteLine($"  actual:   {actual}");
    }
}
