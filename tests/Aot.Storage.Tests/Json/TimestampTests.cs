using System.Text;
using Aot.Storage.Json;

namespace Aot.Storage.Tests.Json;

public class TimestampTests
{
    [Fact]
    public void Default_is_go_zero_time()
    {
        Assert.Equal("0001-01-01T00:00:00Z", default(Timestamp).ToString());
        Assert.Equal(0, default(Timestamp).Nanosecond);
        Assert.Equal(DateTimeOffset.MinValue, default(Timestamp).Seconds);
        Assert.True(Timestamp.TryParse("0001-01-01T00:00:00Z"u8, out Timestamp parsed));
        Assert.Equal(default, parsed);
    }

    [Theory]
    [InlineData(2018, 2, 23, 10, 35, 8, 123456789, 0, "2018-02-23T10:35:08.123456789Z")]
    [InlineData(2018, 1, 2, 3, 4, 5, 120000000, 0, "2018-01-02T03:04:05.12Z")]
    [InlineData(2018, 1, 2, 3, 4, 5, 0, 0, "2018-01-02T03:04:05Z")]
    [InlineData(2018, 1, 2, 3, 4, 5, 1000, 60, "2018-01-02T03:04:05.000001+01:00")]
    [InlineData(2018, 1, 2, 3, 4, 5, 1, 330, "2018-01-02T03:04:05.000000001+05:30")]
    [InlineData(2018, 1, 2, 3, 4, 5, 500000000, -420, "2018-01-02T03:04:05.5-07:00")]
    [InlineData(9999, 12, 31, 23, 59, 59, 999999999, 210, "9999-12-31T23:59:59.999999999+03:30")]
    [InlineData(1, 1, 1, 0, 0, 0, 10, -210, "0001-01-01T00:00:00.00000001-03:30")]
    public void Format_and_parse_round_trip(int year, int month, int day, int hour, int minute, int second, int nanosecond, int offsetMinutes, string expected)
    {
        var value = new Timestamp(new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes)), nanosecond);
        Assert.Equal(expected, value.ToString());

        Span<byte> buffer = stackalloc byte[Timestamp.MaxFormattedLength];
        int length = value.Format(buffer);
        Assert.Equal(expected, Encoding.ASCII.GetString(buffer.Slice(0, length)));

        Assert.True(Timestamp.TryParse(Encoding.ASCII.GetBytes(expected), out Timestamp parsed));
        Assert.Equal(value, parsed);
        Assert.Equal(nanosecond, parsed.Nanosecond);
        Assert.Equal(TimeSpan.FromMinutes(offsetMinutes), parsed.Seconds.Offset);
    }

    [Fact]
    public void Longest_text_fits_max_length()
    {
        var value = new Timestamp(new DateTimeOffset(2018, 2, 23, 10, 35, 8, TimeSpan.FromMinutes(330)), 123456789);
        Assert.Equal(Timestamp.MaxFormattedLength, value.ToString().Length);
    }

    [Fact]
    public void Constructor_drops_sub_second_part_and_checks_range()
    {
        var value = new Timestamp(new DateTimeOffset(2018, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), 9);
        Assert.Equal("2018-01-02T03:04:05.000000009Z", value.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => new Timestamp(DateTimeOffset.UnixEpoch, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Timestamp(DateTimeOffset.UnixEpoch, 1_000_000_000));
    }

    [Fact]
    public void FromDateTimeOffset_keeps_100ns_precision()
    {
        var source = new DateTimeOffset(2018, 2, 23, 10, 35, 8, TimeSpan.FromHours(2)).AddTicks(1234567);
        Timestamp value = source;
        Assert.Equal(123456700, value.Nanosecond);
        Assert.Equal("2018-02-23T10:35:08.1234567+02:00", value.ToString());
        Assert.Equal(source, value.ToDateTimeOffset());
        Assert.Equal(source.Offset, value.ToDateTimeOffset().Offset);
    }

    [Fact]
    public void ToDateTimeOffset_drops_last_two_nanosecond_digits()
    {
        var value = new Timestamp(new DateTimeOffset(2018, 2, 23, 10, 35, 8, TimeSpan.Zero), 123456789);
        Assert.Equal(1234567, value.ToDateTimeOffset().Ticks % TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void Equality_needs_same_instant_offset_and_nanosecond()
    {
        var utc = new Timestamp(new DateTimeOffset(2018, 1, 2, 3, 4, 5, TimeSpan.Zero), 7);
        var sameInstantOtherOffset = new Timestamp(new DateTimeOffset(2018, 1, 2, 4, 4, 5, TimeSpan.FromHours(1)), 7);
        var otherNanosecond = new Timestamp(new DateTimeOffset(2018, 1, 2, 3, 4, 5, TimeSpan.Zero), 8);
        Assert.Equal(utc, new Timestamp(new DateTimeOffset(2018, 1, 2, 3, 4, 5, TimeSpan.Zero), 7));
        Assert.True(utc == new Timestamp(new DateTimeOffset(2018, 1, 2, 3, 4, 5, TimeSpan.Zero), 7));
        Assert.Equal(utc.GetHashCode(), new Timestamp(new DateTimeOffset(2018, 1, 2, 3, 4, 5, TimeSpan.Zero), 7).GetHashCode());
        Assert.NotEqual(utc, sameInstantOtherOffset);
        Assert.True(utc != otherNanosecond);
        Assert.False(utc.Equals((object)"x"));
        Assert.True(utc.CompareTo(otherNanosecond) < 0);
        Assert.NotEqual(0, utc.CompareTo(sameInstantOtherOffset));
        Assert.Equal(0, utc.CompareTo(utc));
    }

    [Fact]
    public void Parse_plus_zero_offset_formats_as_z()
    {
        Assert.True(Timestamp.TryParse("2018-01-02T03:04:05+00:00"u8, out Timestamp value));
        Assert.Equal("2018-01-02T03:04:05Z", value.ToString());
    }

    [Theory]
    [InlineData("2018-01-02T03:04:05.1Z", 100000000)]
    [InlineData("2018-01-02T03:04:05.123456789Z", 123456789)]
    [InlineData("2018-01-02T03:04:05.1234567891234Z", 123456789)]
    [InlineData("2018-01-02T03:04:05.000000000Z", 0)]
    [InlineData("2018-01-02T03:04:05,5Z", 500000000)]
    public void Parse_fraction(string text, int nanosecond)
    {
        Assert.True(Timestamp.TryParse(Encoding.ASCII.GetBytes(text), out Timestamp value));
        Assert.Equal(nanosecond, value.Nanosecond);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2018-01-02T03:04:05")]
    [InlineData("2018-01-02T03:04:05.123")]
    [InlineData("2018-01-02t03:04:05Z")]
    [InlineData("2018-01-02T03:04:05z")]
    [InlineData("2018-01-02 03:04:05Z")]
    [InlineData("2018-01-02T03:04:05.Z")]
    [InlineData("2018-01-02T03:04:05+0100")]
    [InlineData("2018-01-02T03:04:05+01")]
    [InlineData("2018-1-02T03:04:05Z")]
    [InlineData("2018-13-02T03:04:05Z")]
    [InlineData("2018-02-30T03:04:05Z")]
    [InlineData("2018-01-02T24:04:05Z")]
    [InlineData("2018-01-02T03:60:05Z")]
    [InlineData("2018-01-02T03:04:60Z")]
    [InlineData("2018-01-02T03:04:05+24:00")]
    [InlineData("2018-01-02T03:04:05Z ")]
    [InlineData(" 2018-01-02T03:04:05Z")]
    [InlineData("\"2018-01-02T03:04:05Z\"")]
    [InlineData("0000-01-01T00:00:00Z")]
    public void Parse_rejects(string text) =>
        Assert.False(Timestamp.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void Format_rejects_small_destination() =>
        Assert.Throws<ArgumentException>(() => default(Timestamp).Format(new byte[19]));
}
