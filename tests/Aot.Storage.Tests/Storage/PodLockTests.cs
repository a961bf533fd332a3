using System.Diagnostics;
using System.Globalization;
using Aot.Storage.FileSystem;
using Aot.Storage.Native;
using static Aot.Storage.Tests.Storage.StorageTestEnvironment;
using K = Aot.Storage.VirtContainers.VirtContainersStore.Kinds;

namespace Aot.Storage.Tests.Storage;

/// <summary>The pod lock against other processes (flock(1)) and other descriptors of this process.</summary>
public sealed class PodLockTests
{
    private const string PodId = "pod1";

    [Fact]
    public void AnExclusiveHolderElsewhereExcludesBothModes()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string lockPath = env.Engine.GetLockPath(PodId);
        using (FlockHolder.Start(lockPath, exclusive: true))
        {
            Assert.Null(env.Engine.TryLock(PodId, PodLockMode.Exclusive));
            Assert.Null(env.Engine.TryLock(PodId, PodLockMode.Shared));
            var ex = Assert.Throws<LockTimeoutException>(() => env.Engine.Lock(PodId, PodLockMode.Shared, TimeSpan.Zero));
            Assert.Equal(PodId, ex.PodId);
            Assert.Equal(lockPath, ex.Path);
            Assert.Equal(TimeSpan.Zero, ex.Timeout);
        }

        using IPodLock held = env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(5));
        Assert.Equal(PodId, held.PodId);
        Assert.Equal(PodLockMode.Exclusive, held.Mode);
    }

    [Fact]
    public void SharedLocksAreCompatibleAcrossProcesses()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string lockPath = env.Engine.GetLockPath(PodId);
        using (FlockHolder.Start(lockPath, exclusive: false))
        {
            using IPodLock? shared = env.Engine.TryLock(PodId, PodLockMode.Shared);
            Assert.NotNull(shared);
            Assert.Null(BackgroundCall<IPodLock?>.OnAnotherThread(() => env.Engine.TryLock(PodId, PodLockMode.Exclusive)));
            Assert.Equal(0, FlockHolder.TryFlock(lockPath, exclusive: false));
            Assert.Equal(1, FlockHolder.TryFlock(lockPath, exclusive: true));
        }
    }

    [Fact]
    public void OurLocksAreSeenByOtherProcessesAndReleasedOnDispose()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string lockPath = env.Engine.GetLockPath(PodId);

        IPodLock exclusive = env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(1));
        Assert.Equal(1, FlockHolder.TryFlock(lockPath, exclusive: false));
        Assert.Equal(1, FlockHolder.TryFlock(lockPath, exclusive: true));
        exclusive.Dispose();
        exclusive.Dispose();
        Assert.Equal(0, FlockHolder.TryFlock(lockPath, exclusive: true));

        using (IPodLock shared = env.Engine.Lock(PodId, PodLockMode.Shared, TimeSpan.FromSeconds(1)))
        {
            Assert.Equal(0, FlockHolder.TryFlock(lockPath, exclusive: false));
            Assert.Equal(1, FlockHolder.TryFlock(lockPath, exclusive: true));

            // Another descriptor of this process is another lock owner, as for another process.
            using IPodLock? second = BackgroundCall<IPodLock?>.OnAnotherThread(() => env.Engine.TryLock(PodId, PodLockMode.Shared));
            Assert.NotNull(second);
            Assert.Null(BackgroundCall<IPodLock?>.OnAnotherThread(() => env.Engine.TryLock(PodId, PodLockMode.Exclusive)));
        }

        Assert.Equal(0, FlockHolder.TryFlock(lockPath, exclusive: true));
    }

    [Fact]
    public void MissingPodOrLockFileIsNotFound()
    {
        using var env = new StorageTestEnvironment();
        Assert.Throws<ResourceNotFoundException>(() => env.Engine.TryLock(PodId, PodLockMode.Shared));
        env.Engine.CreatePod(PodId);
        File.Delete(env.Engine.GetLockPath(PodId));
        var ex = Assert.Throws<ResourceNotFoundException>(() => env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(1)));
        Assert.Equal(env.Engine.GetLockPath(PodId), ex.Path);
        Assert.False(File.Exists(env.Engine.GetLockPath(PodId)));
    }

    [Fact]
    public void ALockDescribesItsModePodAndFile()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        using (IPodLock shared = env.Engine.Lock(PodId, PodLockMode.Shared, TimeSpan.FromSeconds(1)))
        {
            Assert.Equal($"Shared lock of pod {PodId} ({env.Engine.GetLockPath(PodId)})", shared.ToString());
        }

        using IPodLock exclusive = env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(1));
        Assert.Equal($"Exclusive lock of pod {PodId} ({env.Engine.GetLockPath(PodId)})", exclusive.ToString());
        Assert.Equal("7", ((PodLockMode)7).Name());
    }

    [Fact]
    public void CancellationStopsTheWait()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        using FlockHolder holder = FlockHolder.Start(env.Engine.GetLockPath(PodId), exclusive: true);
        using var cts = new CancellationTokenSource();

        // Cancelled from a thread of its own: a timer would fire on the thread pool, which parallel tests can keep
        // busy for seconds, and the test would time the pool instead of the lock.
        var canceller = new Thread(() =>
        {
            Thread.Sleep(150);
            cts.Cancel();
        });
        var sw = Stopwatch.StartNew();
        canceller.Start();
        Assert.ThrowsAny<OperationCanceledException>(() => env.Engine.Lock(PodId, PodLockMode.Exclusive, Timeout.InfiniteTimeSpan, cts.Token));
        Assert.InRange(sw.ElapsedMilliseconds, 100, 2000);
        canceller.Join();
    }

    [Fact]
    public void ArgumentsAreChecked()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromMilliseconds(-2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => env.Engine.TryLock(PodId, (PodLockMode)7));
    }

    [Fact]
    public void AWaiterEndsUpOnTheCurrentLockFileWhenItIsReplacedWhileWaiting()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string lockPath = env.Engine.GetLockPath(PodId);
        using FlockHolder holder = FlockHolder.Start(lockPath, exclusive: true);

        var waiter = new BackgroundCall<IPodLock>(() => env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(10)));
        Thread.Sleep(100);
        Assert.False(waiter.IsCompleted);

        // Unlink and recreate: the holder keeps an flock on an inode that no path names any more. The new
        // file is made aside and renamed in, because .NET's own file writing takes an flock the waiter could beat.
        string replacement = lockPath + ".new";
        File.WriteAllBytes(replacement, []);
        File.Delete(lockPath);
        File.Move(replacement, lockPath);

        Assert.True(waiter.Wait(TimeSpan.FromSeconds(5)), "the waiter should move to the new lock file");
        using IPodLock held = waiter.Result;
        Assert.Equal(0, LibC.StatxNoFollow(LibC.AtFdCwd, lockPath, out StatxBuffer current));
        var podLock = Assert.IsType<PodLock>(held);
        Assert.Equal(current.Inode, podLock.Inode);
        Assert.Equal(1, FlockHolder.TryFlock(lockPath, exclusive: true));
    }

    [Fact]
    public void AWaiterThatGetsAReplacedLockFileRetriesOnTheNewOne()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string lockPath = env.Engine.GetLockPath(PodId);
        IPodLock first = env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(1));
        var waiter = new BackgroundCall<IPodLock>(() => env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(10)));
        Thread.Sleep(30);

        // Replace atomically, then release at once: the waiter may get the old inode first, and must not keep it.
        string replacement = lockPath + ".new";
        File.WriteAllBytes(replacement, []);
        File.Move(replacement, lockPath, overwrite: true);
        first.Dispose();

        Assert.True(waiter.Wait(TimeSpan.FromSeconds(5)));
        using IPodLock held = waiter.Result;
        Assert.Equal(0, LibC.StatxNoFollow(LibC.AtFdCwd, lockPath, out StatxBuffer current));
        Assert.Equal(current.Inode, Assert.IsType<PodLock>(held).Inode);
        Assert.Equal(1, FlockHolder.TryFlock(lockPath, exclusive: false));
    }

    [Fact]
    public void AWaiterLearnsThatThePodWasDeleted()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        IPodLock holder = env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(1));
        var waiter = new BackgroundCall<IPodLock>(() => env.Engine.Lock(PodId, PodLockMode.Shared, TimeSpan.FromSeconds(10)));
        Thread.Sleep(30);

        // The holder deletes the pod (lock file last) and releases.
        Assert.True(env.Engine.DeletePod(PodId));
        holder.Dispose();

        Assert.True(waiter.Wait(TimeSpan.FromSeconds(5)));
        Assert.IsType<ResourceNotFoundException>(waiter.Error);
        Assert.False(Directory.Exists(Path.Combine(env.RunRoot, PodId)));
    }

    [Theory]
    [InlineData(PodLockMode.Exclusive, PodLockMode.Exclusive)]
    [InlineData(PodLockMode.Exclusive, PodLockMode.Shared)]
    [InlineData(PodLockMode.Shared, PodLockMode.Exclusive)]
    public void AConflictingLockFromTheHoldersThreadFailsAtOnceInsteadOfWaitingForItself(PodLockMode heldMode, PodLockMode requestedMode)
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string lockPath = env.Engine.GetLockPath(PodId);
        using IPodLock held = env.Engine.Lock(PodId, heldMode, TimeSpan.FromSeconds(1));

        // Any timeout: the request fails before it would wait (a finite one here, so that a regression fails
        // the test instead of hanging it; the bound below is far under it and far over a loaded machine's stall).
        var watch = Stopwatch.StartNew();
        var ex = Assert.Throws<PodLockRecursionException>(() => env.Engine.Lock(PodId, requestedMode, TimeSpan.FromSeconds(5)));
        Assert.InRange(watch.ElapsedMilliseconds, 0, 1000);
        Assert.Equal(heldMode, ex.HeldMode);
        Assert.Equal(requestedMode, ex.RequestedMode);
        Assert.Equal(PodId, ex.PodId);
        Assert.Equal(lockPath, ex.Path);
        Assert.Equal(
            $"This thread already holds the {Name(heldMode)} pod lock; a request for the {Name(requestedMode)} lock of the same pod would wait for it for ever (release it first)",
            ex.Reason);
        Assert.Throws<PodLockRecursionException>(() => env.Engine.TryLock(PodId, requestedMode));

        // The first lock is untouched, and the thread gets the pod again once it lets go.
        Assert.Equal(1, FlockHolder.TryFlock(lockPath, exclusive: true));
        held.Dispose();
        using IPodLock again = env.Engine.Lock(PodId, requestedMode, TimeSpan.FromSeconds(1));
        Assert.Equal(requestedMode, again.Mode);

        static string Name(PodLockMode mode) => mode == PodLockMode.Exclusive ? "exclusive" : "shared";
    }

    [Fact]
    public void AnUpdateInsideAHeldLockFailsAtOnceAndStoresNothing()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        ResourceAddress address = Pod(K.State, PodId);
        env.Store(address, Sample.Of("before", "x"));
        using IPodLock held = env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(1));

        var watch = Stopwatch.StartNew();
        Assert.Throws<PodLockRecursionException>(() => env.Engine.UpdateCore<Sample, SampleSerializer>(
            address, SampleSerializer.Instance, _ => Sample.Of("after", "x"), TimeSpan.FromSeconds(5), default));
        Assert.InRange(watch.ElapsedMilliseconds, 0, 1000);
        Assert.Equal("before", env.Fetch(address).Field1);
    }

    [Fact]
    public void TwoSharedLocksFromOneThreadAreBothGranted()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        string lockPath = env.Engine.GetLockPath(PodId);
        using IPodLock outer = env.Engine.Lock(PodId, PodLockMode.Shared, TimeSpan.FromSeconds(1));
        IPodLock inner = env.Engine.Lock(PodId, PodLockMode.Shared, TimeSpan.Zero);
        inner.Dispose();
        Assert.Equal(0, FlockHolder.TryFlock(lockPath, exclusive: false));
        Assert.Equal(1, FlockHolder.TryFlock(lockPath, exclusive: true));
        Assert.Throws<PodLockRecursionException>(() => env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void AThreadStartedByTheHolderWaitsForTheLockLikeAnotherProcess()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        IPodLock held = env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(1));

        // The thread inherits the holder's flow, but it is not the holder's thread: it may rightly wait.
        var waiter = new BackgroundCall<IPodLock>(() => env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(10)));
        Assert.False(waiter.Wait(TimeSpan.FromMilliseconds(100)));
        held.Dispose();
        Assert.True(waiter.Wait(TimeSpan.FromSeconds(5)));
        using IPodLock handedOver = waiter.Result;
        Assert.Equal(PodLockMode.Exclusive, handedOver.Mode);
    }

    [Fact]
    public void ATimeoutInTheHoldersFlowOnAnotherThreadSaysThatTheFlowHoldsTheLock()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        using IPodLock held = env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(1));
        Func<Exception?> request = () => Record.Exception(() => env.Engine.Lock(PodId, PodLockMode.Shared, TimeSpan.FromMilliseconds(50)));

        // A thread started here inherits the flow, as the continuation of an async holder on another thread does.
        var inFlow = Assert.IsType<LockTimeoutException>(BackgroundCall<Exception?>.OnAnotherThread(request));
        Assert.Equal(
            "Timed out after 50 ms waiting for the shared pod lock; this flow of execution holds it (exclusive, taken on another thread): a request nested in that lock waits for itself",
            inFlow.Reason);

        Exception? outside;
        using (ExecutionContext.SuppressFlow())
        {
            outside = BackgroundCall<Exception?>.OnAnotherThread(request);
        }

        Assert.Equal("Timed out after 50 ms waiting for the shared pod lock", Assert.IsType<LockTimeoutException>(outside).Reason);
    }

    [Fact]
    public void ALockReleasedFromAnotherThreadNoLongerCountsAsTheHoldersOwn()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        IPodLock held = env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(1));
        _ = BackgroundCall<bool>.OnAnotherThread(() =>
        {
            held.Dispose();
            return true;
        });

        using IPodLock again = env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(1));
        Assert.Equal(PodLockMode.Exclusive, again.Mode);
    }

    [Fact]
    public void AnotherStoreOverTheSameRootsSeesTheHoldersLock()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        using var other = new FileSystemResourceEngine(StorageTestEnvironment.Routing, env.Options);
        using IPodLock held = env.Engine.Lock(PodId, PodLockMode.Exclusive, TimeSpan.FromSeconds(1));
        Assert.Throws<PodLockRecursionException>(() => other.Lock(PodId, PodLockMode.Shared, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void UpdateIsALockedReadModifyWrite()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        ResourceAddress address = Pod(K.State, PodId);
        const int Threads = 4;
        const int Increments = 40;

        Sample Increment(Sample? current)
        {
            int value = current is null ? 0 : int.Parse(current.Field1!, CultureInfo.InvariantCulture);
            return Sample.Of((value + 1).ToString(CultureInfo.InvariantCulture), "counter");
        }

        var threads = Enumerable.Range(0, Threads).Select(_ => new Thread(() =>
        {
            for (int i = 0; i < Increments; i++)
            {
                env.Engine.UpdateCore<Sample, SampleSerializer>(address, SampleSerializer.Instance, Increment, TimeSpan.FromSeconds(30), default);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal((Threads * Increments).ToString(CultureInfo.InvariantCulture), env.Fetch(address).Field1);
        Assert.Equal(0, FlockHolder.TryFlock(env.Engine.GetLockPath(PodId), exclusive: true));
    }

    [Fact]
    public void UpdateReturnsTheStoredValueAndReleasesTheLockOnFailure()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod(PodId);
        ResourceAddress address = Pod(K.Network, PodId);

        Sample stored = env.Engine.UpdateCore<Sample, SampleSerializer>(address, SampleSerializer.Instance, s => Sample.Of(s is null ? "absent" : "present", "x"), TimeSpan.FromSeconds(1), default);
        Assert.Equal("absent", stored.Field1);
        Assert.Equal("{\"Field1\":\"absent\",\"Field2\":\"x\"}", File.ReadAllText(env.Engine.GetPath(address)));

        Assert.Throws<InvalidOperationException>(() => env.Engine.UpdateCore<Sample, SampleSerializer>(address, SampleSerializer.Instance, _ => throw new InvalidOperationException("boom"), TimeSpan.FromSeconds(1), default));
        Assert.Equal(0, FlockHolder.TryFlock(env.Engine.GetLockPath(PodId), exclusive: true));
        Assert.Equal("{\"Field1\":\"absent\",\"Field2\":\"x\"}", File.ReadAllText(env.Engine.GetPath(address)));

        using (FlockHolder.Start(env.Engine.GetLockPath(PodId), exclusive: false))
        {
            Assert.Throws<LockTimeoutException>(() => env.Engine.UpdateCore<Sample, SampleSerializer>(address, SampleSerializer.Instance, s => s!, TimeSpan.FromMilliseconds(50), default));
        }
    }
}

/// <summary>Timing-sensitive lock tests run alone, not beside the rest of the suite.</summary>
[Collection(SerialCollection.Name)]
public sealed class PodLockTimingTests
{
    [Fact]
    public void LockTimesOutWithinAHundredMillisecondsOfTheTimeout()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod("pod1");
        using FlockHolder holder = FlockHolder.Start(env.Engine.GetLockPath("pod1"), exclusive: true);

        foreach (PodLockMode mode in new[] { PodLockMode.Exclusive, PodLockMode.Shared })
        {
            var sw = Stopwatch.StartNew();
            var ex = Assert.Throws<LockTimeoutException>(() => env.Engine.Lock("pod1", mode, TimeSpan.FromMilliseconds(200)));
            long elapsed = sw.ElapsedMilliseconds;
            Assert.InRange(elapsed, 200, 300);
            Assert.Equal(TimeSpan.FromMilliseconds(200), ex.Timeout);
            Assert.Contains("Timed out after 200 ms", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AWaiterGetsTheLockSoonAfterTheHolderExits()
    {
        using var env = new StorageTestEnvironment();
        env.Engine.CreatePod("pod1");
        FlockHolder holder = FlockHolder.Start(env.Engine.GetLockPath("pod1"), exclusive: true);
        var waiter = new BackgroundCall<IPodLock>(() => env.Engine.Lock("pod1", PodLockMode.Exclusive, TimeSpan.FromSeconds(10)));
        Thread.Sleep(100);
        var sw = Stopwatch.StartNew();
        holder.Dispose();
        Assert.True(waiter.Wait(TimeSpan.FromSeconds(1)));
        waiter.Result.Dispose();
        Assert.InRange(sw.ElapsedMilliseconds, 0, 1000);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial storage tests";
}
