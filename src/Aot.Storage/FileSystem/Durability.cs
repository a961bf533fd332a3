namespace Aot.Storage.FileSystem;

/// <summary>How far a store goes to survive a power loss.</summary>
public enum Durability
{
    /// <summary>Atomic (temporary file + rename) but not flushed: enough for tmpfs roots such as <c>/run</c>,
    /// where nothing survives a reboot anyway.</summary>
    None = 0,

    /// <summary>Atomic and flushed: <c>fsync</c> of the file before the rename and of the directory after it
    /// (also after creating or removing directory entries).</summary>
    Full = 1,
}
