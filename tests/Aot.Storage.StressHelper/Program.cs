using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aot.Storage;
using Aot.Storage.FileSystem;
using Aot.Storage.Native;
using Aot.Storage.StressHelper;
using Aot.Storage.VirtContainers;

// A child process for the reliability tests: it stores, reads, increments or holds locks on command, and
// reports each step on stdout, one line per write(2), so that a parent that kills it at any moment still
// reads every line it completed.
try
{
    return Helper.Run(args);
}
catch (Exception ex)
{
    Console.Error.WriteLine($"helper failed: {ex}");
    return 3;
}

internal static class Helper
{
    private static readonly Stream s_stdout = Console.OpenStandardOutput();

    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: Aot.Storage.StressHelper <write|read|rmw|observe|hold|crash|modes|protocol|umask-change> --config DIR --run DIR --pod ID [--ctr ID] [options]");
            return 2;
        }

        var options = Options.Parse(args.AsSpan(1));
        return args[0] switch
        {
            "write" => Write(options),
            "read" => Read(options),
            "rmw" => ReadModifyWrite(options),
            "observe" => Observe(options),
            "hold" => Hold(options),
            "crash" => Crash(options),
            "modes" => Modes(options),
            "protocol" => Protocol(options),
            "umask-change" => UmaskChange(options),
            _ => throw new ArgumentException($"unknown command '{args[0]}'"),
        };
    }

    /// <summary>One line in one write(2): a kill never leaves half a line in the pipe.</summary>
    public static void Line(string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text + "\n");
        s_stdout.Write(bytes, 0, bytes.Length);
    }

    /// <summary>
    /// Stores random payloads into every kind, round robin from a random kind: <c>B kind hash</c> before each
    /// store (the in-flight value), <c>C kind hash</c> after it. With <c>--wait-go</c>, warms up first, prints
    /// <c>R</c> and waits for a line on stdin, so that a parent can start it ahead of time.
    /// </summary>
    private static int Write(Options o)
    {
        (VirtContainersStore store, _) = o.OpenStore();
        var random = new Random(o.Int("seed", Environment.ProcessId));
        int maxBytes = o.Int("max-bytes", 256 * 1024);
        long count = o.Int("count", -1);
        if (o.Has("warmup"))
        {
            WarmUp(o.Get("warmup"), random);
        }

        if (o.Has("wait-go"))
        {
            Line("R");
            if (Console.In.ReadLine() is null)
            {
                return 0;
            }
        }

        IReadOnlyList<StressKind> kinds = StressKind.All;
        int next = random.Next(kinds.Count);
        for (long i = 0; count < 0 || i < count; i++)
        {
            int index = next;
            next = (next + 1) % kinds.Count;
            StressKind kind = kinds[index];
            object? value = kind.Make(random, StressKind.RandomTextLength(random, maxBytes));
            string hash = StressKind.Hash(kind.Serialize(value));
            Line(string.Create(CultureInfo.InvariantCulture, $"B {index} {hash}"));
            kind.Store(store, o.Pod, o.Ctr, value);
            Line(string.Create(CultureInfo.InvariantCulture, $"C {index} {hash}"));
        }

        return 0;
    }

    /// <summary>Runs the store path once per kind in a scratch tree, so that a kill lands in warm code.</summary>
    private static void WarmUp(string root, Random random)
    {
        var store = new VirtContainersStore(new FileSystemStoreOptions { ConfigRoot = root + "/config", RunRoot = root + "/run", ConfigDurability = Durability.None });
        const string Pod = "warmup";
        store.CreatePod(Pod);
        store.CreateContainer(Pod, "c");
        foreach (StressKind kind in StressKind.All)
        {
            object? value = kind.Make(random, 1000);
            _ = StressKind.Hash(kind.Serialize(value));
            kind.Store(store, Pod, "c", value);
            _ = kind.Fetch(store, Pod, "c");
        }

        store.DeletePod(Pod);
    }

    /// <summary>Reads every kind round robin; counts parse failures (<see cref="CorruptResourceException"/>) and value changes.</summary>
    private static int Read(Options o)
    {
        (VirtContainersStore store, _) = o.OpenStore();
        long count = o.Int("count", 10_000);
        IReadOnlyList<StressKind> kinds = StressKind.All;
        var last = new string?[kinds.Count];
        long corrupt = 0, missing = 0, changes = 0;
        if (o.Has("wait-go"))
        {
            Line("R");
            if (Console.In.ReadLine() is null)
            {
                return 0;
            }
        }

        var sw = Stopwatch.StartNew();
        for (long i = 0; i < count; i++)
        {
            int index = (int)(i % kinds.Count);
            StressKind kind = kinds[index];
            try
            {
                object? value = kind.Fetch(store, o.Pod, o.Ctr);
                string fingerprint = Fingerprint(value);
                if (last[index] is not null && last[index] != fingerprint)
                {
                    changes++;
                }

                last[index] = fingerprint;
            }
            catch (CorruptResourceException ex)
            {
                if (corrupt++ < 5)
                {
                    Console.Error.WriteLine($"corrupt read: {ex.Message}");
                }
            }
            catch (ResourceNotFoundException)
            {
                missing++;
            }
        }

        Line(string.Create(CultureInfo.InvariantCulture, $"reads={count} corrupt={corrupt} missing={missing} changes={changes} ms={sw.ElapsedMilliseconds}"));
        return 0;
    }

    /// <summary>Cheap identity of a fetched value: the length and hash code of its free-text field.</summary>
    private static string Fingerprint(object? value) => value switch
    {
        PodConfig v => v.Hostname.Length + ":" + v.Hostname.GetHashCode(),
        ContainerConfig v => v.RootFs.Length + ":" + v.RootFs.GetHashCode(),
        LifecycleState v => v.BlockIndex.ToString(CultureInfo.InvariantCulture),
        NetworkNamespace v => v.NetNsPath.Length + ":" + v.NetNsPath.GetHashCode(),
        QemuState v => v.Uuid.Length + ":" + v.Uuid.GetHashCode(),
        AgentState v => v.Url.Length + ":" + v.Url.GetHashCode(),
        ContainerProcess v => v.Token.Length + ":" + v.Token.GetHashCode(),
        List<Mount> v => v.Count + ":" + string.Concat(v.Select(m => m.Source.Length)),
        List<Device> v => v.Count + ":" + string.Concat(v.Select(d => ((GenericDevice)d).DeviceInfo.HostPath.Length)),
        null => "null",
        _ => value.GetType().Name,
    };

    /// <summary>
    /// <c>--count</c> read-modify-write increments of the pod state's <c>blockIndex</c> through the pod lock:
    /// with <c>UpdatePodState</c>, or with <c>--manual</c>, an explicit exclusive lock around fetch and store
    /// (<c>--unlocked</c>: no lock at all, the control that shows what the lock prevents).
    /// </summary>
    private static int ReadModifyWrite(Options o)
    {
        (VirtContainersStore store, _) = o.OpenStore();
        int count = o.Int("count", 250);
        bool manual = o.Has("manual");
        bool unlocked = o.Has("unlocked");
        TimeSpan timeout = TimeSpan.FromMilliseconds(o.Int("timeout-ms", 60_000));
        WaitGo(o);
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            if (unlocked)
            {
                // The control: the same read-modify-write without the lock.
                store.TryFetchPodState(o.Pod, out LifecycleState? current);
                store.StorePodState(o.Pod, Increment(current));
            }
            else if (manual)
            {
                using IPodLock held = store.LockPod(o.Pod, PodLockMode.Exclusive, timeout);
                store.TryFetchPodState(o.Pod, out LifecycleState? current);
                store.StorePodState(o.Pod, Increment(current));
            }
            else
            {
                store.UpdatePodState(o.Pod, Increment, timeout);
            }
        }

        Line(string.Create(CultureInfo.InvariantCulture, $"done={count} ms={sw.ElapsedMilliseconds}"));
        return 0;

        static LifecycleState Increment(LifecycleState? current) => new()
        {
            State = LifecycleStates.Running,
            BlockIndex = (current?.BlockIndex ?? 0) + 1,
            Fstype = current?.Fstype ?? "",
        };
    }

    /// <summary>Reads the counter under the shared lock until it reaches <c>--target</c>; reports any decrease.</summary>
    private static int Observe(Options o)
    {
        (VirtContainersStore store, _) = o.OpenStore();
        long target = o.Int("target", 2000);
        TimeSpan limit = TimeSpan.FromMilliseconds(o.Int("limit-ms", 120_000));
        WaitGo(o);
        long last = -1, reads = 0, decreases = 0;
        var sw = Stopwatch.StartNew();
        while (last < target && sw.Elapsed < limit)
        {
            long value;
            using (store.LockPod(o.Pod, PodLockMode.Shared, TimeSpan.FromSeconds(30)))
            {
                value = store.TryFetchPodState(o.Pod, out LifecycleState? state) ? state!.BlockIndex : 0;
            }

            reads++;
            if (value < last)
            {
                decreases++;
            }

            last = Math.Max(last, value);
            Thread.Sleep(0);
        }

        Line(string.Create(CultureInfo.InvariantCulture, $"reads={reads} decreases={decreases} last={last} ms={sw.ElapsedMilliseconds}"));
        return 0;
    }

    /// <summary>Takes the lock of each pod of <c>--pods a,b,c</c> (<c>waiting pod</c>, then <c>locked pod ms</c>), then holds until stdin closes.</summary>
    private static int Hold(Options o)
    {
        (VirtContainersStore store, _) = o.OpenStore();
        PodLockMode mode = o.Get("mode", "exclusive") == "shared" ? PodLockMode.Shared : PodLockMode.Exclusive;
        TimeSpan timeout = TimeSpan.FromMilliseconds(o.Int("timeout-ms", 30_000));
        var held = new List<IPodLock>();
        foreach (string pod in o.Get("pods", o.Pod).Split(','))
        {
            Line("waiting " + pod);
            var sw = Stopwatch.StartNew();
            held.Add(store.LockPod(pod, mode, timeout));
            Line(string.Create(CultureInfo.InvariantCulture, $"locked {pod} {sw.Elapsed.TotalMilliseconds:0.###}"));
        }

        _ = Console.In.ReadToEnd();
        held.ForEach(h => h.Dispose());
        return 0;
    }

    /// <summary>
    /// Stores a new value of <c>--kind</c> and dies at <c>--step</c> of the write protocol, by
    /// <see cref="Environment.FailFast(string)"/> or by SIGKILL to itself (<c>--how</c>): no catch or finally runs.
    /// </summary>
    private static int Crash(Options o)
    {
        (VirtContainersStore store, FileSystemResourceEngine engine) = o.OpenStore();
        StressKind kind = StressKind.ByName(o.Get("kind"));
        StoreStep at = Enum.Parse<StoreStep>(o.Get("step"));
        bool sigkill = o.Get("how", "failfast") == "sigkill";
        var random = new Random(o.Int("seed", 1));
        object? value = kind.Make(random, o.Int("text-length", 4096));
        engine.StoreFaultInjector = step =>
        {
            if (step != at)
            {
                return;
            }

            if (sigkill)
            {
                _ = LibC.Kill(Environment.ProcessId, 9);
                Thread.Sleep(Timeout.Infinite);
            }

            Environment.FailFast($"crash point {step}");
        };
        Line("B " + StressKind.Hash(kind.Serialize(value)));
        kind.Store(store, o.Pod, o.Ctr, value);
        Line("returned");
        return 0;
    }

    /// <summary>Under <c>--umask</c>: creates the pod and container and stores, overwrites and updates every kind.</summary>
    private static int Modes(Options o)
    {
        uint mask = Convert.ToUInt32(o.Get("umask"), 8);
        _ = LibC.Umask(mask);
        (VirtContainersStore store, _) = o.OpenStore();
        var random = new Random(7);
        store.CreatePod(o.Pod);
        store.CreateContainer(o.Pod, o.Ctr);
        foreach (StressKind kind in StressKind.All)
        {
            kind.Store(store, o.Pod, o.Ctr, kind.Make(random, 100));
            kind.Store(store, o.Pod, o.Ctr, kind.Make(random, 200));
            kind.Update(store, o.Pod, o.Ctr, _ => kind.Make(random, 300));
        }

        Line("ok " + Convert.ToString(LibC.Umask(mask), 8));
        return 0;
    }

    /// <summary>
    /// For a parent that traces this process's system calls (G11): under <c>--umask</c> (default 022), on a warm-up
    /// pod and then on <c>--pod</c>, stores
    /// every kind twice (the first store creates the file, the second replaces it) and fetches it, each call between
    /// the lines <c>BEGIN pod first|again|fetch kind</c> and <c>END</c>, which mark its calls in the trace. With
    /// <c>--refuse-noreplace</c>, from the second pod on, the kernel answers RENAME_NOREPLACE with EINVAL, as file
    /// systems without it do (after the warm-up, whose first calls also load code, so that the change is seen alone).
    /// </summary>
    private static int Protocol(Options o)
    {
        _ = LibC.Umask(Convert.ToUInt32(o.Get("umask", "022"), 8));
        (VirtContainersStore store, _) = o.OpenStore();
        var random = new Random(11);
        foreach (string pod in new[] { o.Pod + "-warm", o.Pod })
        {
            if (pod == o.Pod && o.Has("refuse-noreplace"))
            {
                RenameNoReplaceRefusal.Install();
            }

            store.CreatePod(pod);
            store.CreateContainer(pod, o.Ctr);
            foreach (StressKind kind in StressKind.All)
            {
                object? value = kind.Make(random, 100);
                Line($"BEGIN {pod} first {kind.Name}");
                kind.Store(store, pod, o.Ctr, value);
                Line("END");
                Line($"BEGIN {pod} again {kind.Name}");
                kind.Store(store, pod, o.Ctr, value);
                Line("END");
                Line($"BEGIN {pod} fetch {kind.Name}");
                _ = kind.Fetch(store, pod, o.Ctr);
                Line("END");
            }
        }

        return 0;
    }

    /// <summary>
    /// Under umask 022 creates a pod and a container (the engine's first creations) and stores every kind (round 1),
    /// then sets <c>--umask-later</c>
    /// and stores every kind twice (rounds 2 and 3) and creates a second container. Prints the distinct modes of the
    /// resource files after each round (<c>round1 640</c>) and of every directory at the end (<c>dirs 750</c>).
    /// </summary>
    private static int UmaskChange(Options o)
    {
        _ = LibC.Umask(Convert.ToUInt32("022", 8));
        (VirtContainersStore store, _) = o.OpenStore();
        var random = new Random(5);
        store.CreatePod(o.Pod);
        store.CreateContainer(o.Pod, o.Ctr);
        for (int round = 1; round <= 3; round++)
        {
            if (round == 2)
            {
                _ = LibC.Umask(Convert.ToUInt32(o.Get("umask-later"), 8));
            }

            foreach (StressKind kind in StressKind.All)
            {
                kind.Store(store, o.Pod, o.Ctr, kind.Make(random, 100));
            }

            Line($"round{round} {DistinctModes(o, directories: false)}");
        }

        store.CreateContainer(o.Pod, o.Ctr + "-late");
        Line($"dirs {DistinctModes(o, directories: true)}");
        return 0;
    }

    /// <summary>The distinct permission bits (octal, sorted) of the resource files or of the directories.</summary>
    private static string DistinctModes(Options o, bool directories)
    {
        var modes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string root in new[] { o.Get("config"), o.Get("run") })
        {
            IEnumerable<string> paths = directories
                ? Directory.GetDirectories(root, "*", SearchOption.AllDirectories)
                : Directory.GetFiles(root, "*.json", SearchOption.AllDirectories);
            foreach (string path in paths)
            {
                _ = LibC.StatxNoFollow(LibC.AtFdCwd, path, out StatxBuffer st);
                modes.Add(Convert.ToString(st.Permissions, 8));
            }
        }

        return string.Join(',', modes);
    }

    private static void WaitGo(Options o)
    {
        if (o.Has("wait-go"))
        {
            Line("R");
            _ = Console.In.ReadLine();
        }
    }
}

/// <summary><c>--name value</c> pairs; a flag without a value is <c>"true"</c>.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string Pod => Get("pod");

    public string Ctr => Get("ctr", "c1");

    public static Options Parse(ReadOnlySpan<string> args)
    {
        var o = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{args[i]}'");
            }

            string name = args[i][2..];
            bool hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            o._values[name] = hasValue ? args[++i] : "true";
        }

        return o;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string Get(string name) => _values.TryGetValue(name, out string? v) ? v : throw new ArgumentException($"--{name} is required");

    public string Get(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public int Int(string name, int fallback) => _values.TryGetValue(name, out string? v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public (VirtContainersStore Store, FileSystemResourceEngine Engine) OpenStore()
    {
        var options = new FileSystemStoreOptions { ConfigRoot = Get("config"), RunRoot = Get("run") };
        switch (Get("durability", "default"))
        {
            case "full":
                options.ConfigDurability = options.RunDurability = Durability.Full;
                break;
            case "none":
                options.ConfigDurability = options.RunDurability = Durability.None;
                break;
            default:
                break;
        }

        var engine = new FileSystemResourceEngine(VirtContainersStore.RoutingTable, options);
        return (new VirtContainersStore(engine), engine);
    }
}
