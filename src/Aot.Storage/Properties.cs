using System.Runtime.CompilerServices;

// Readers and writers use stackalloc scratch space on every value; zeroing it is pure cost because
// every byte read from it has been written first.
[module: SkipLocalsInit]
