namespace Aot.Storage.Json;

/// <summary>
/// A Go <c>time.Time</c> as stored: an instant with a UTC offset and nanosecond precision, which
/// <see cref="DateTimeOffset"/> (100 ns ticks) cannot hold. Round-trips <c>2018-02-23T10:35:08.123456789Z</c>.
/// The default value is Go's zero time, <c>0001-01-01T00:00:00Z</c>.
/// </summary>
public readonly struct Timestamp : IEquatable<Timestamp>, IComparable<Timestamp>
{
    /// <param name="secondsPrecision">The instant; its sub-second part is ignored.</param>
    /// <param name="nanosecond">Fraction of the second, 0 to 999,999,999.</param>
    public Timestamp(DateTimeOffset secondsPrecision, int nanosecond) => throw new NotImplementedException();

    /// <summary>Whole-second part, with the offset it was written with.</summary>
    public DateTimeOffset Seconds => throw new NotImplementedException();

    /// <summary>0 to 999,999,999.</summary>
    public int Nanosecond => throw new NotImplementedException();

    /// <summary>The instant at 100 ns precision (the last two digits of <see cref="Nanosecond"/> dropped).</summary>
    public DateTimeOffset ToDateTimeOffset() => throw new NotImplementedException();

    public static Timestamp FromDateTimeOffset(DateTimeOffset value) => throw new NotImplementedException();

    public static implicit operator Timestamp(DateTimeOffset value) => FromDateTimeOffset(value);

    /// <summary>Parses RFC 3339 as Go's <c>time.Time.UnmarshalJSON</c> accepts it (zone required).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Timestamp value) => throw new NotImplementedException();

    /// <summary>Formats as Go's <c>time.Time.MarshalJSON</c> (without quotes); returns the byte count.</summary>
    public int Format(Span<byte> destination) => throw new NotImplementedException();

    /// <summary>Longest output of <see cref="Format"/>.</summary>
    public const int MaxFormattedLength = 35;

    public bool Equals(Timestamp other) => throw new NotImplementedException();

    public override bool Equals(object? obj) => obj is Timestamp other && Equals(other);

    public override int GetHashCode() => throw new NotImplementedException();

    public int CompareTo(Timestamp other) => throw new NotImplementedException();

    public static bool operator ==(Timestamp left, Timestamp right) => left.Equals(right);

    public static bool operator !=(Timestamp left, Timestamp right) => !left.Equals(right);

    public override string ToString() => throw new NotImplementedException();
}
