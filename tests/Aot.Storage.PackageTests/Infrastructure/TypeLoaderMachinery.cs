using System.Text.RegularExpressions;

namespace Aot.Storage.PackageTests.Infrastructure;

/// <summary>
/// Patterns over the mangled node names of a NativeAOT map file for the generic calls of the typed store: a
/// generic method called through an interface (a generic virtual method) is resolved at run time by the type
/// loader, a generic method of the sealed engine is bound at compile time.
/// </summary>
internal static partial class TypeLoaderMachinery
{
    /// <summary>The compiler argument by which the package's targets turn stores over other engines off.</summary>
    public const string CustomEngineSwitchOff = "--feature:Aot.Storage.ResourceStore.IsCustomEngineSupported=false";

    /// <summary>
    /// The run-time resolution of generic virtual methods: CoreLib's lookup and its slow path, and the type
    /// loader's resolver and the builder of generic method dictionaries (about 0.2 MB of binary with them).
    /// </summary>
    [GeneratedRegex(@"TypeLoaderExports__GVMLookupForSlot|TypeLoaderEnvironment__(GVMLookupForSlotWorker|ResolveGenericVirtualMethodTarget)|TypeBuilder__TryBuildGenericMethod")]
    public static partial Regex GenericVirtualMethodResolution();

    /// <summary>A generic method of <c>IResourceEngine</c> called through the interface (the handle of each
    /// instantiation feeds the run-time lookup).</summary>
    [GeneratedRegex(@"Aot_Storage_Aot_Storage_IResourceEngine__(Store|Fetch|TryFetch|Update)<")]
    public static partial Regex ResourceEngineInterfaceCalls();

    /// <summary>The generic methods of the sealed file-system engine that the generated methods call.</summary>
    [GeneratedRegex(@"Aot_Storage_Aot_Storage_FileSystem_FileSystemResourceEngine__(Store|Fetch)<")]
    public static partial Regex SealedEngineCalls();

    /// <summary>Anything of the type loader (a few KB remain in every app, the empty one included).</summary>
    [GeneratedRegex(@"^S_P_TypeLoader_")]
    public static partial Regex AnyTypeLoader();
}
