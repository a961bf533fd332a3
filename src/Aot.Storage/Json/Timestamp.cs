using System.Text;

namespace Aot.Storage.Json;

/// <summary>
/// A Go <c>time.Time</c> as stored: an instant with a UTC offset and nanosecond precision, which
/// <see cref="DateTimeOffset"/> (100 ns ticks) cannot hold. Round-trips <c>2018-02-23T10:35:08.123456789Z</c>.
/// The default value is Go's zero time, <c>0001-01-01T00:00:00Z</c>.
/// </summary>
public readonly struct Timestamp : IEquatable<Timestamp>, IComparable<Timestamp>
{
    private const int NanosecondsPerTick = 100;

    private readonly DateTimeOffset _seconds;
    private readonly int _nanosecond;

    /// <param name="secondsPrecision">The instant; its sub-second part is ignored.</param>
    /// <param name="nanosecond">Fraction of the second, 0 to 999,999,999.</param>
    public Timestamp(DateTimeOffset secondsPrecision, int nanosecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nanosecond);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(nanosecond, 999_999_999);
        long ticks = secondsPrecision.Ticks;
        _seconds = new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerSecond), secondsPrecision.Offset);
        _nanosecond = nanosecond;
    }

    /// <summary>Whole-second part, with the offset it was written with.</summary>
    public DateTimeOffset Seconds => _seconds;

    /// <summary>0 to 999,999,999.</summary>
    public int Nanosecond => _nanosecond;

    /// <summary>The instant at 100 ns precision (the last two digits of <see cref="Nanosecond"/> dropped).</summary>
    public DateTimeOffset ToDateTimeOffset() => _seconds.AddTicks(_nanosecond / NanosecondsPerTick);

    public static Timestamp FromDateTimeOffset(DateTimeOffset value) =>
        new(value, (int)(value.Ticks % TimeSpan.TicksPerSecond) * NanosecondsPerTick);

    public static implicit operator Timestamp(DateTimeOffset value) => FromDateTimeOffset(value);

    /// <summary>Parses RFC 3339 as Go's <c>time.Time.UnmarshalJSON</c> accepts it (zone required).</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out Timestamp value)
    {
        value = default;

        // yyyy-MM-ddTHH:mm:ss
        if (utf8.Length < 20
            || !TryDigits(utf8, 0, 4, out int year)
            || utf8[4] != (byte)'-'
            || !TryDigits(utf8, 5, 2, out int month)
            || utf8[7] != (byte)'-'
            || !TryDigits(utf8, 8, 2, out int day)
            || utf8[10] != (byte)'T'
            || !TryDigits(utf8, 11, 2, out int hour)
            || utf8[13] != (byte)':'
            || !TryDigits(utf8, 14, 2, out int minute)
            || utf8[16] != (byte)':'
            || !TryDigits(utf8, 17, 2, out int second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        int position = 19;
        int nanosecond = 0;

        // Fraction: Go takes any number of digits and keeps the first nine.
        if (position + 1 < utf8.Length && utf8[position] is (byte)'.' or (byte)',' && IsDigit(utf8[position + 1]))
        {
            position++;
            int digits = 0;
            while (position < utf8.Length && IsDigit(utf8[position]))
            {
                if (digits < 9)
                {
                    nanosecond = (nanosecond * 10) + (utf8[position] - '0');
                    digits++;
                }

                position++;
            }

            for (; digits < 9; digits++)
            {
                nanosecond *= 10;
            }
        }

        TimeSpan offset;
        ReadOnlySpan<byte> zone = utf8.Slice(position);
        if (zone.Length == 1 && zone[0] == (byte)'Z')
        {
            offset = TimeSpan.Zero;
        }
        else if (zone.Length == 6
            && zone[0] is (byte)'+' or (byte)'-'
            && TryDigits(zone, 1, 2, out int offsetHours)
            && zone[3] == (byte)':'
            && TryDigits(zone, 4, 2, out int offsetMinutes)
            && offsetHours <= 23 && offsetMinutes <= 59)
        {
            offset = new TimeSpan(offsetHours, offsetMinutes, 0);
            if (zone[0] == (byte)'-')
            {
                offset = -offset;
            }

            if (offset.Duration() > TimeSpan.FromHours(14))
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        long clockTicks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks;
        long utcTicks = clockTicks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = new Timestamp(new DateTimeOffset(clockTicks, offset), nanosecond);
        return true;
    }

    /// <summary>Formats as Go's <c>time.Time.MarshalJSON</c> (without quotes); returns the byte count.</summary>
    public int Format(Span<byte> destination)
    {
        DateTime clock = _seconds.DateTime;
        int required = 20 + FractionLength(_nanosecond) + (_seconds.Offset == TimeSpan.Zero ? 0 : 5);
        if (destination.Length < required)
        {
            throw new ArgumentException("The destination is too small.", nameof(destination));
        }

        WriteDigits(destination, 0, 4, clock.Year);
        destination[4] = (byte)'-';
        WriteDigits(destination, 5, 2, clock.Month);
        destination[7] = (byte)'-';
        WriteDigits(destination, 8, 2, clock.Day);
        destination[10] = (byte)'T';
        WriteDigits(destination, 11, 2, clock.Hour);
        destination[13] = (byte)':';
        WriteDigits(destination, 14, 2, clock.Minute);
        destination[16] = (byte)':';
        WriteDigits(destination, 17, 2, clock.Second);
        int position = 19;

        int fraction = FractionLength(_nanosecond);
        if (fraction > 0)
        {
            destination[position++] = (byte)'.';
            int digits = fraction - 1;
            int value = _nanosecond;
            for (int i = digits; i < 9; i++)
            {
                value /= 10;
            }

            WriteDigits(destination, position, digits, value);
            position += digits;
        }

        TimeSpan offset = _seconds.Offset;
        if (offset == TimeSpan.Zero)
        {
            destination[position++] = (byte)'Z';
        }
        else
        {
            destination[position++] = offset < TimeSpan.Zero ? (byte)'-' : (byte)'+';
            int minutes = Math.Abs((int)offset.TotalMinutes);
            WriteDigits(destination, position, 2, minutes / 60);
            destination[position + 2] = (byte)':';
            WriteDigits(destination, position + 3, 2, minutes % 60);
            position += 5;
        }

        return position;
    }

    /// <summary>Longest output of <see cref="Format"/>.</summary>
    public const int MaxFormattedLength = 35;

    public bool Equals(Timestamp other) =>
        _seconds.UtcTicks == other._seconds.UtcTicks
        && _seconds.Offset == other._seconds.Offset
        && _nanosecond == other._nanosecond;

    public override bool Equals(object? obj) => obj is Timestamp other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_seconds.UtcTicks, _seconds.Offset, _nanosecond);

    /// <summary>Orders by instant; equal instants written with different offsets are ordered by offset.</summary>
    public int CompareTo(Timestamp other)
    {
        int result = _seconds.UtcTicks.CompareTo(other._seconds.UtcTicks);
        if (result == 0)
        {
            result = _nanosecond.CompareTo(other._nanosecond);
        }

        return result != 0 ? result : _seconds.Offset.CompareTo(other._seconds.Offset);
    }

    public static bool operator ==(Timestamp left, Timestamp right) => left.Equals(right);

    public static bool operator !=(Timestamp left, Timestamp right) => !left.Equals(right);

    public override string ToString()
    {
        Span<byte> buffer = stackalloc byte[MaxFormattedLength];
        int length = Format(buffer);
        return Encoding.ASCII.GetString(buffer.Slice(0, length));
    }

    /// <summary>Length of <c>.fraction</c> with trailing zeros trimmed, 0 when there is no fraction.</summary>
    private static int FractionLength(int nanosecond)
    {
        if (nanosecond == 0)
        {
            return 0;
        }

        int digits = 9;
        while (nanosecond % 10 == 0)
        {
            nanosecond /= 10;
            digits--;
        }

        return digits + 1;
    }

    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';

    private static bool TryDigits(ReadOnlySpan<byte> text, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            if (!IsDigit(text[i]))
            {
                return false;
            }

            value = (value * 10) + (text[i] - '0');
        }

        return true;
    }

    private static void WriteDigits(Span<byte> destination, int start, int count, int value)
    {
        for (int i = start + count - 1; i >= start; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
