using System.Net;
using System.Text;
using System.Text.Json;
using Aot.Storage.Json;

namespace Aot.Storage.Tests.Json;

public class JsonReadingTests
{
    [Theory]
    [InlineData("5", 5L)]
    [InlineData("-5", -5L)]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("null", 42L)]
    public void ReadInt64_accepts_integers_and_null_keeps_current(string json, long expected) =>
        Assert.Equal(expected, ReaderHelper.Read(json, (ref Utf8JsonReader r) => JsonReading.ReadInt64(ref r, 42, "Process.Pid"u8)));

    [Theory]
    [InlineData("1.0", "cannot read number 1.0 into Int64 for Process.Pid")]
    [InlineData("1e3", "cannot read number 1e3 into Int64 for Process.Pid")]
    [InlineData("1E3", "cannot read number 1E3 into Int64 for Process.Pid")]
    [InlineData("-1.5", "cannot read number -1.5 into Int64 for Process.Pid")]
    [InlineData("9223372036854775808", "cannot read number 9223372036854775808 into Int64 for Process.Pid")]
    [InlineData("-9223372036854775809", "cannot read number -9223372036854775809 into Int64 for Process.Pid")]
    [InlineData("\"1\"", "cannot read a string into Int64 for Process.Pid")]
    [InlineData("true", "cannot read true into Int64 for Process.Pid")]
    [InlineData("{}", "cannot read an object into Int64 for Process.Pid")]
    [InlineData("[]", "cannot read an array into Int64 for Process.Pid")]
    public void ReadInt64_rejects(string json, string reason)
    {
        MalformedJsonException ex = ReaderHelper.FailsInProperty("{\"Pid\":" + json + "}", (ref Utf8JsonReader r) => JsonReading.ReadInt64(ref r, 0, "Process.Pid"u8));
        Assert.Equal(reason, ex.Reason);
        Assert.Equal(7, ex.ByteOffset);
    }

    [Fact]
    public void ReadInt64_reports_long_numbers_shortened()
    {
        string digits = new('9', 100);
        MalformedJsonException ex = ReaderHelper.Fails(digits, (ref Utf8JsonReader r) => JsonReading.ReadInt64(ref r, 0, "X.Y"u8));
        Assert.StartsWith("cannot read number 9999", ex.Reason);
        Assert.Contains("...", ex.Reason);
    }

    [Fact]
    public void ReadByte_rejects_out_of_range_naming_member()
    {
        MalformedJsonException ex = ReaderHelper.Fails("300", (ref Utf8JsonReader r) => JsonReading.ReadByte(ref r, 0, "X.Y"u8));
        Assert.Equal("cannot read number 300 into Byte for X.Y", ex.Reason);
        Assert.Equal(0, ex.ByteOffset);
        Assert.Equal(255, ReaderHelper.Read("255", (ref Utf8JsonReader r) => JsonReading.ReadByte(ref r, 0, "X.Y"u8)));
        Assert.Equal(7, ReaderHelper.Read("null", (ref Utf8JsonReader r) => JsonReading.ReadByte(ref r, 7, "X.Y"u8)));
        ReaderHelper.Fails("-1", (ref Utf8JsonReader r) => JsonReading.ReadByte(ref r, 0, "X.Y"u8));
    }

    [Fact]
    public void Integer_ranges_of_every_width()
    {
        Assert.Equal(int.MinValue, ReaderHelper.Read("-2147483648", (ref Utf8JsonReader r) => JsonReading.ReadInt32(ref r, 0, "m"u8)));
        ReaderHelper.Fails("2147483648", (ref Utf8JsonReader r) => JsonReading.ReadInt32(ref r, 0, "m"u8));
        Assert.Equal(short.MaxValue, ReaderHelper.Read("32767", (ref Utf8JsonReader r) => JsonReading.ReadInt16(ref r, 0, "m"u8)));
        ReaderHelper.Fails("-32769", (ref Utf8JsonReader r) => JsonReading.ReadInt16(ref r, 0, "m"u8));
        Assert.Equal(sbyte.MinValue, ReaderHelper.Read("-128", (ref Utf8JsonReader r) => JsonReading.ReadSByte(ref r, 0, "m"u8)));
        ReaderHelper.Fails("128", (ref Utf8JsonReader r) => JsonReading.ReadSByte(ref r, 0, "m"u8));
        Assert.Equal(ulong.MaxValue, ReaderHelper.Read("18446744073709551615", (ref Utf8JsonReader r) => JsonReading.ReadUInt64(ref r, 0, "m"u8)));
        ReaderHelper.Fails("18446744073709551616", (ref Utf8JsonReader r) => JsonReading.ReadUInt64(ref r, 0, "m"u8));
        ReaderHelper.Fails("-1", (ref Utf8JsonReader r) => JsonReading.ReadUInt64(ref r, 0, "m"u8));
        ReaderHelper.Fails("-0", (ref Utf8JsonReader r) => JsonReading.ReadUInt64(ref r, 0, "m"u8));
        Assert.Equal(uint.MaxValue, ReaderHelper.Read("4294967295", (ref Utf8JsonReader r) => JsonReading.ReadUInt32(ref r, 0, "m"u8)));
        ReaderHelper.Fails("4294967296", (ref Utf8JsonReader r) => JsonReading.ReadUInt32(ref r, 0, "m"u8));
        Assert.Equal(ushort.MaxValue, ReaderHelper.Read("65535", (ref Utf8JsonReader r) => JsonReading.ReadUInt16(ref r, 0, "m"u8)));
        ReaderHelper.Fails("65536", (ref Utf8JsonReader r) => JsonReading.ReadUInt16(ref r, 0, "m"u8));
        Assert.Equal(69206454u, ReaderHelper.Read("69206454", (ref Utf8JsonReader r) => JsonReading.ReadUInt32(ref r, 0, "m"u8)));
    }

    [Fact]
    public void Integers_around_the_length_where_the_reader_parses()
    {
        // Up to 18 digits are parsed directly, longer ones and signed ones by the reader: the same values.
        Assert.Equal(999_999_999_999_999_999L, ReaderHelper.Read("999999999999999999", (ref Utf8JsonReader r) => JsonReading.ReadInt64(ref r, 0, "m"u8)));
        Assert.Equal(1_000_000_000_000_000_000L, ReaderHelper.Read("1000000000000000000", (ref Utf8JsonReader r) => JsonReading.ReadInt64(ref r, 0, "m"u8)));
        Assert.Equal(-999_999_999_999_999_999L, ReaderHelper.Read("-999999999999999999", (ref Utf8JsonReader r) => JsonReading.ReadInt64(ref r, 0, "m"u8)));
        Assert.Equal(999_999_999_999_999_999UL, ReaderHelper.Read("999999999999999999", (ref Utf8JsonReader r) => JsonReading.ReadUInt64(ref r, 0, "m"u8)));
        Assert.Equal(10_000_000_000_000_000_000UL, ReaderHelper.Read("10000000000000000000", (ref Utf8JsonReader r) => JsonReading.ReadUInt64(ref r, 0, "m"u8)));
        ReaderHelper.Fails("999999999999999999", (ref Utf8JsonReader r) => JsonReading.ReadInt32(ref r, 0, "m"u8));
        ReaderHelper.Fails("999999999999999999", (ref Utf8JsonReader r) => JsonReading.ReadUInt32(ref r, 0, "m"u8));
        ReaderHelper.Fails("12.5", (ref Utf8JsonReader r) => JsonReading.ReadUInt32(ref r, 0, "m"u8));
        ReaderHelper.Fails("12e1", (ref Utf8JsonReader r) => JsonReading.ReadInt32(ref r, 0, "m"u8));
    }

    [Fact]
    public void Integers_from_segmented_input()
    {
        Assert.Equal(long.MinValue, ReaderHelper.ReadSegmented("-9223372036854775808", (ref Utf8JsonReader r) => JsonReading.ReadInt64(ref r, 0, "m"u8)));
        Assert.Equal(ulong.MaxValue, ReaderHelper.ReadSegmented("18446744073709551615 ", (ref Utf8JsonReader r) => JsonReading.ReadUInt64(ref r, 0, "m"u8)));
        Assert.Throws<MalformedJsonException>(() => ReaderHelper.ReadSegmented("1.0", (ref Utf8JsonReader r) => JsonReading.ReadInt64(ref r, 0, "m"u8)));
    }

    [Theory]
    [InlineData("true", false, true)]
    [InlineData("false", true, false)]
    [InlineData("null", true, true)]
    [InlineData("null", false, false)]
    public void ReadBoolean(string json, bool current, bool expected) =>
        Assert.Equal(expected, ReaderHelper.Read(json, (ref Utf8JsonReader r) => JsonReading.ReadBoolean(ref r, current, "m"u8)));

    [Theory]
    [InlineData("1", "cannot read number 1 into Boolean for State.Hotplugged")]
    [InlineData("\"true\"", "cannot read a string into Boolean for State.Hotplugged")]
    public void ReadBoolean_rejects(string json, string reason) =>
        Assert.Equal(reason, ReaderHelper.Fails(json, (ref Utf8JsonReader r) => JsonReading.ReadBoolean(ref r, false, "State.Hotplugged"u8)).Reason);

    [Theory]
    [InlineData("\"plain\"", "plain")]
    [InlineData("\"\"", "")]
    [InlineData("\"\\u003ca\\u0026b\\u003e \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\"", "<a&b> \"q\" \\ / \b\f\n\r\t")]
    [InlineData("\"\\u00e9\\u00E9é\"", "ééé")]
    [InlineData("\"plain é, € and 😀\"", "plain é, € and 😀")]
    [InlineData("\"\\\"\\\"x\\\\\"", "\"\"x\\")]
    [InlineData("\"\\ud83d\\ude00\"", "\U0001F600")]
    [InlineData("\"\\ud800\"", "\uFFFD")]
    [InlineData("\"\\udc00x\"", "\uFFFDx")]
    [InlineData("\"\\ud800\\u0041\"", "\uFFFDA")]
    [InlineData("\"\\ud800\\ud800\\udc00\"", "\uFFFD\U00010000")]
    [InlineData("null", "current")]
    public void ReadString(string json, string expected)
    {
        Assert.Equal(expected, ReaderHelper.Read(json, (ref Utf8JsonReader r) => JsonReading.ReadString(ref r, "current", "m"u8)));
        Assert.Equal(expected, ReaderHelper.ReadSegmented(json, (ref Utf8JsonReader r) => JsonReading.ReadString(ref r, "current", "m"u8)));
    }

    [Fact]
    public void ReadString_long_escaped_value_uses_pooled_buffer()
    {
        string text = string.Concat(Enumerable.Repeat("<\\u00e9>", 500));
        string expected = string.Concat(Enumerable.Repeat("<é>", 500));
        Assert.Equal(expected, ReaderHelper.Read("\"" + text + "\"", (ref Utf8JsonReader r) => JsonReading.ReadString(ref r, "", "m"u8)));
        Assert.Equal(expected, ReaderHelper.ReadSegmented("\"" + text + "\"", (ref Utf8JsonReader r) => JsonReading.ReadString(ref r, "", "m"u8)));
    }

    [Fact]
    public void ReadString_json_quoted_in_a_string()
    {
        // Dense escapes, longer than the small scratch buffers: how an OCI spec sits in an annotation.
        string inner = string.Concat(Enumerable.Repeat("{\"args\":[\"a<b\",\"\\\\\"],\"n\":1},", 16));
        string json = "\"" + inner.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("<", "\\u003c") + "\"";
        Assert.InRange(json.Length, 2 * JsonText.StackScratchSize, 4 * JsonText.StackScratchSize);
        Assert.Equal(inner, ReaderHelper.Read(json, (ref Utf8JsonReader r) => JsonReading.ReadString(ref r, "", "m"u8)));
        Assert.Equal(inner, ReaderHelper.ReadSegmented(json, (ref Utf8JsonReader r) => JsonReading.ReadString(ref r, "", "m"u8)));
    }

    [Fact]
    public void ReadString_replaces_each_invalid_byte_like_go()
    {
        byte[] json = [(byte)'"', (byte)'a', 0xFF, 0xE2, 0x82, (byte)'b', (byte)'"'];
        var reader = new Utf8JsonReader(json);
        Assert.True(reader.Read());
        Assert.Equal("a\uFFFD\uFFFD\uFFFDb", JsonReading.ReadString(ref reader, "", "m"u8));
    }

    [Fact]
    public void ReadString_rejects_other_tokens()
    {
        Assert.Equal("cannot read number 5 into String for Cmd.User", ReaderHelper.Fails("5", (ref Utf8JsonReader r) => JsonReading.ReadString(ref r, "", "Cmd.User"u8)).Reason);
        Assert.Equal("cannot read an object into String for Cmd.User", ReaderHelper.Fails("{}", (ref Utf8JsonReader r) => JsonReading.ReadString(ref r, "", "Cmd.User"u8)).Reason);
    }

    [Theory]
    [InlineData("\"ClgKWAAM\"", new byte[] { 0x0a, 0x58, 0x0a, 0x58, 0x00, 0x0c })]
    [InlineData("\"//8AAA==\"", new byte[] { 0xff, 0xff, 0x00, 0x00 })]
    [InlineData("\"////AA==\"", new byte[] { 0xff, 0xff, 0xff, 0x00 })]
    [InlineData("\"cHM=\"", new byte[] { (byte)'p', (byte)'s' })]
    [InlineData("\"\"", new byte[0])]
    [InlineData("\"ClgK\\r\\nWAAM\"", new byte[] { 0x0a, 0x58, 0x0a, 0x58, 0x00, 0x0c })]
    [InlineData("\"Cl\\ngKWA\\rAM\\n\"", new byte[] { 0x0a, 0x58, 0x0a, 0x58, 0x00, 0x0c })]
    [InlineData("\"\\u0043lgKWAAM\"", new byte[] { 0x0a, 0x58, 0x0a, 0x58, 0x00, 0x0c })]
    [InlineData("\"QR==\"", new byte[] { 0x41 })]
    [InlineData("\"QUJ=\"", new byte[] { 0x41, 0x42 })]
    public void ReadBase64(string json, byte[] expected)
    {
        Assert.Equal(expected, ReaderHelper.Read(json, (ref Utf8JsonReader r) => JsonReading.ReadBase64(ref r, "m"u8)));
        Assert.Equal(expected, ReaderHelper.ReadSegmented(json, (ref Utf8JsonReader r) => JsonReading.ReadBase64(ref r, "m"u8)));
    }

    [Fact]
    public void ReadBase64_null_and_large()
    {
        Assert.Null(ReaderHelper.Read("null", (ref Utf8JsonReader r) => JsonReading.ReadBase64(ref r, "m"u8)));
        byte[] data = new byte[5000];
        new Random(1).NextBytes(data);
        Assert.Equal(data, ReaderHelper.Read("\"" + Convert.ToBase64String(data) + "\"", (ref Utf8JsonReader r) => JsonReading.ReadBase64(ref r, "m"u8)));
    }

    [Theory]
    [InlineData("\"ClgKWAA\"")]
    [InlineData("\"ClgKWA\"")]
    [InlineData("\"ClgK WAAM\"")]
    [InlineData("\"ClgK\\tWAAM\"")]
    [InlineData("\"Clg-WAAM\"")]
    [InlineData("\"Clg_WAAM\"")]
    [InlineData("\"Q===\"")]
    [InlineData("\"=QQQ\"")]
    [InlineData("5")]
    [InlineData("[]")]
    public void ReadBase64_rejects(string json)
    {
        MalformedJsonException ex = ReaderHelper.Fails(json, (ref Utf8JsonReader r) => JsonReading.ReadBase64(ref r, "NetworkInterface.HardAddr"u8));
        Assert.EndsWith("for NetworkInterface.HardAddr", ex.Reason);
    }

    [Theory]
    [InlineData("\"10.0.0.1\"", "10.0.0.1")]
    [InlineData("\"0.0.0.0\"", "0.0.0.0")]
    [InlineData("\"fe80::1\"", "fe80::1")]
    [InlineData("\"FE80::858:AFF:FE58:C\"", "fe80::858:aff:fe58:c")]
    [InlineData("\"::\"", "::")]
    [InlineData("\"::1\"", "::1")]
    [InlineData("\"1::\"", "1::")]
    [InlineData("\"::ffff:10.0.0.1\"", "10.0.0.1")]
    [InlineData("\"::1.2.3.4\"", "::102:304")]
    [InlineData("\"1:2:3:4:5:6:1.2.3.4\"", "1:2:3:4:5:6:102:304")]
    [InlineData("\"2001:db8:0:0:1:0:0:1\"", "2001:db8::1:0:0:1")]
    [InlineData("\"1:2:3:4:5:6:7:8\"", "1:2:3:4:5:6:7:8")]
    [InlineData("\"1:2:3:4:5:6::7\"", "1:2:3:4:5:6:0:7")]
    [InlineData("\"0001:00002::\"", "1:2::")]
    public void ReadIPAddress_parses_and_round_trips(string json, string written)
    {
        IPAddress? address = ReaderHelper.Read(json, (ref Utf8JsonReader r) => JsonReading.ReadIPAddress(ref r, null, "m"u8));
        Assert.NotNull(address);
        Assert.Equal("\"" + written + "\"", WriterHelper.Write((ref GoJsonWriter w) => w.WriteIPAddress(address)));
    }

    [Fact]
    public void ReadIPAddress_empty_and_null_are_null()
    {
        IPAddress current = IPAddress.Loopback;
        Assert.Null(ReaderHelper.Read("\"\"", (ref Utf8JsonReader r) => JsonReading.ReadIPAddress(ref r, current, "m"u8)));
        Assert.Null(ReaderHelper.Read("null", (ref Utf8JsonReader r) => JsonReading.ReadIPAddress(ref r, current, "m"u8)));
    }

    [Theory]
    [InlineData("\"fe80::1%eth0\"")]
    [InlineData("\"fe80::1%2\"")]
    [InlineData("\"010.0.0.1\"")]
    [InlineData("\"1.2.3\"")]
    [InlineData("\"1.2.3.4.5\"")]
    [InlineData("\"256.0.0.1\"")]
    [InlineData("\"1\"")]
    [InlineData("\"0x1.0.0.1\"")]
    [InlineData("\" 10.0.0.1\"")]
    [InlineData("\"::1::\"")]
    [InlineData("\":::\"")]
    [InlineData("\"1:2:3:4:5:6:7:8:9\"")]
    [InlineData("\"1:2:3:4:5:6:7::8\"")]
    [InlineData("\"1:2:3:4:5:6:7\"")]
    [InlineData("\"1:\"")]
    [InlineData("\":1\"")]
    [InlineData("\"12345::\"")]
    [InlineData("\"1:2:3:4:5:6:7:1.2.3.4\"")]
    [InlineData("\"1.2.3.4::\"")]
    [InlineData("\"garbage\"")]
    [InlineData("5")]
    public void ReadIPAddress_rejects(string json)
    {
        MalformedJsonException ex = ReaderHelper.Fails(json, (ref Utf8JsonReader r) => JsonReading.ReadIPAddress(ref r, null, "NetworkInfo.Gw"u8));
        Assert.EndsWith("for NetworkInfo.Gw", ex.Reason);
    }

    [Fact]
    public void ReadTimestamp()
    {
        Timestamp current = new(DateTimeOffset.UnixEpoch, 5);
        Timestamp read = ReaderHelper.Read("\"2018-02-23T10:35:08.123456789Z\"", (ref Utf8JsonReader r) => JsonReading.ReadTimestamp(ref r, current, "m"u8));
        Assert.Equal("2018-02-23T10:35:08.123456789Z", read.ToString());
        Assert.Equal(current, ReaderHelper.Read("null", (ref Utf8JsonReader r) => JsonReading.ReadTimestamp(ref r, current, "m"u8)));
        MalformedJsonException ex = ReaderHelper.Fails("\"2018-01-02T03:04:05\"", (ref Utf8JsonReader r) => JsonReading.ReadTimestamp(ref r, current, "Process.StartTime"u8));
        Assert.Equal("cannot parse \"2018-01-02T03:04:05\" as an RFC 3339 time with a zone for Process.StartTime", ex.Reason);
        ReaderHelper.Fails("0", (ref Utf8JsonReader r) => JsonReading.ReadTimestamp(ref r, current, "Process.StartTime"u8));
    }

    [Fact]
    public void ReadRawJson_null_is_null_and_value_is_compacted()
    {
        Assert.Null(ReaderHelper.Read("null", (ref Utf8JsonReader r) => JsonReading.ReadRawJson(ref r)));
        Assert.Equal("{\"a\":[1,true]}", ReaderHelper.Read("{ \"a\" : [ 1 , true ] }", (ref Utf8JsonReader r) => JsonReading.ReadRawJson(ref r))!.ToString());
    }

    [Theory]
    [InlineData("{\"42\":1}", 42UL)]
    [InlineData("{\"0\":1}", 0UL)]
    [InlineData("{\"007\":1}", 7UL)]
    [InlineData("{\"4294967295\":1}", 4294967295UL)]
    [InlineData("{\"\\u0031\\u0030\":1}", 10UL)]
    public void ParseUInt64Key(string json, ulong expected) =>
        Assert.Equal(expected, ReadKey(json, (ref Utf8JsonReader r) => JsonReading.ParseUInt64Key(ref r, uint.MaxValue, "Bridge.Address"u8)));

    [Theory]
    [InlineData("{\"x\":1}")]
    [InlineData("{\"\":1}")]
    [InlineData("{\"-1\":1}")]
    [InlineData("{\"+1\":1}")]
    [InlineData("{\"1.0\":1}")]
    [InlineData("{\" 1\":1}")]
    [InlineData("{\"4294967296\":1}")]
    [InlineData("{\"99999999999999999999999\":1}")]
    public void ParseUInt64Key_rejects(string json)
    {
        MalformedJsonException ex = Assert.Throws<MalformedJsonException>(() => ReadKey(json, (ref Utf8JsonReader r) => JsonReading.ParseUInt64Key(ref r, uint.MaxValue, "Bridge.Address"u8)));
        Assert.StartsWith("cannot read map key \"", ex.Reason);
        Assert.EndsWith("for Bridge.Address", ex.Reason);
        Assert.Equal(1, ex.ByteOffset);
    }

    [Theory]
    [InlineData("{\"-5\":1}", -5L)]
    [InlineData("{\"+5\":1}", 5L)]
    [InlineData("{\"-9223372036854775808\":1}", long.MinValue)]
    [InlineData("{\"9223372036854775807\":1}", long.MaxValue)]
    public void ParseInt64Key(string json, long expected) =>
        Assert.Equal(expected, ReadKey(json, (ref Utf8JsonReader r) => JsonReading.ParseInt64Key(ref r, long.MinValue, long.MaxValue, "m"u8)));

    [Theory]
    [InlineData("{\"-129\":1}")]
    [InlineData("{\"128\":1}")]
    [InlineData("{\"-\":1}")]
    [InlineData("{\"--1\":1}")]
    [InlineData("{\"9223372036854775808\":1}")]
    public void ParseInt64Key_rejects(string json) =>
        Assert.Throws<MalformedJsonException>(() => ReadKey(json, (ref Utf8JsonReader r) => JsonReading.ParseInt64Key(ref r, sbyte.MinValue, sbyte.MaxValue, "m"u8)));

    [Fact]
    public void ParseKey_requires_property_name()
    {
        MalformedJsonException ex = ReaderHelper.Fails("\"5\"", (ref Utf8JsonReader r) => JsonReading.ParseUInt64Key(ref r, 10, "m"u8));
        Assert.Equal("expected a property name for m but found a string", ex.Reason);
    }

    [Fact]
    public void GetPropertyName_returns_reader_span_when_unescaped()
    {
        byte[] json = "{\"Name\":1}"u8.ToArray();
        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Read();
        ReadOnlySpan<byte> name = JsonReading.GetPropertyName(ref reader, Span<byte>.Empty);
        Assert.True(name.SequenceEqual("Name"u8));
        Assert.True(json.AsSpan(2, 4).Overlaps(name));
    }

    [Fact]
    public void GetPropertyName_unescapes_into_scratch_or_new_array()
    {
        byte[] json = "{\"N\\u0061me\\u003c\":1}"u8.ToArray();
        var reader = new Utf8JsonReader(json);
        reader.Read();
        reader.Read();
        Span<byte> scratch = stackalloc byte[32];
        ReadOnlySpan<byte> name = JsonReading.GetPropertyName(ref reader, scratch);
        Assert.True(name.SequenceEqual("Name<"u8));
        Assert.True(scratch.Overlaps(name));

        Span<byte> tiny = stackalloc byte[2];
        name = JsonReading.GetPropertyName(ref reader, tiny);
        Assert.True(name.SequenceEqual("Name<"u8));
        Assert.False(tiny.Overlaps(name));
    }

    [Fact]
    public void GetPropertyName_from_segmented_input()
    {
        Assert.Equal("Name", ReaderHelper.ReadSegmented("{\"Name\":1}", (ref Utf8JsonReader r) =>
        {
            r.Read();
            return Encoding.UTF8.GetString(JsonReading.GetPropertyName(ref r, stackalloc byte[16]));
        }));
        Assert.Equal("Na\"me", ReaderHelper.ReadSegmented("{\"Na\\\"me\":1}", (ref Utf8JsonReader r) =>
        {
            r.Read();
            return Encoding.UTF8.GetString(JsonReading.GetPropertyName(ref r, stackalloc byte[2]));
        }));
    }

    [Theory]
    [InlineData("NetNsPath", "NetNsPath", true)]
    [InlineData("netnspath", "NetNsPath", true)]
    [InlineData("NETNSPATH", "NetNsPath", true)]
    [InlineData("NetNsPat", "NetNsPath", false)]
    [InlineData("NetNsPathX", "NetNsPath", false)]
    [InlineData("\u212A", "K", true)]
    [InlineData("\u212A", "k", true)]
    [InlineData("\u212Aind", "Kind", true)]
    [InlineData("\u017F", "S", true)]
    [InlineData("\u017Ftate", "state", true)]
    [InlineData("\u017F", "k", false)]
    [InlineData("\u212A", "s", false)]
    [InlineData("a_b", "A_B", true)]
    [InlineData("a-b", "a_b", false)]
    [InlineData("[", "{", false)]
    [InlineData("@", "`", false)]
    [InlineData("é", "e", false)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("İd", "Id", false)]
    [InlineData("ıd", "Id", false)]
    public void EqualsIgnoreCase_follows_go_folding(string name, string expected, bool equal) =>
        Assert.Equal(equal, JsonReading.EqualsIgnoreCase(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(expected)));

    [Fact]
    public void EqualsIgnoreCase_rejects_invalid_utf8()
    {
        byte[] name = [0xE2, 0x84];
        Assert.False(JsonReading.EqualsIgnoreCase(name, "K"u8));
    }

    [Fact]
    public void ReadValueStart_fails_at_end()
    {
        MalformedJsonException ex = Assert.Throws<MalformedJsonException>(() =>
        {
            var reader = new Utf8JsonReader("5"u8);
            reader.Read();
            JsonReading.ReadValueStart(ref reader);
        });
        Assert.Equal("unexpected end of JSON input", ex.Reason);
        Assert.Equal(1, ex.ByteOffset);
    }

    [Fact]
    public void SkipValue_skips_containers_and_scalars()
    {
        var reader = new Utf8JsonReader("[{\"a\":[1,{\"b\":2}]},3,\"x\"]"u8);
        reader.Read();
        reader.Read();
        JsonReading.SkipValue(ref reader);
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
        reader.Read();
        JsonReading.SkipValue(ref reader);
        Assert.Equal(JsonTokenType.Number, reader.TokenType);
        reader.Read();
        Assert.Equal("x", reader.GetString());
    }

    [Fact]
    public void SkipValue_works_on_partial_reader_with_complete_value()
    {
        var reader = new Utf8JsonReader("{\"a\":[1,2]}, {"u8, isFinalBlock: false, default);
        reader.Read();
        JsonReading.SkipValue(ref reader);
        Assert.Equal(JsonTokenType.EndObject, reader.TokenType);

        var ex = Assert.Throws<MalformedJsonException>(() =>
        {
            var r = new Utf8JsonReader("{\"a\":[1,"u8, isFinalBlock: false, default);
            r.Read();
            JsonReading.SkipValue(ref r);
        });
        Assert.Equal("unexpected end of JSON input", ex.Reason);
    }

    [Fact]
    public void Expect_names_both_sides()
    {
        MalformedJsonException ex = ReaderHelper.FailsInProperty("{\"Mounts\": {}}", (ref Utf8JsonReader r) =>
        {
            JsonReading.Expect(ref r, JsonTokenType.StartArray, "Mount list"u8);
            return 0;
        });
        Assert.Equal("expected an array for Mount list but found an object", ex.Reason);
        Assert.Equal(11, ex.ByteOffset);
        Assert.Equal("expected an array for Mount list but found an object (at byte offset 11)", ex.Message);

        Assert.Equal(0, ReaderHelper.Read("[]", (ref Utf8JsonReader r) =>
        {
            JsonReading.Expect(ref r, JsonTokenType.StartArray, "Mount list"u8);
            return 0;
        }));
    }

    [Fact]
    public void Mismatch_builds_without_throwing()
    {
        MalformedJsonException ex = ReaderHelper.ReadProperty("{\"Type\": 12}", (ref Utf8JsonReader r) => JsonReading.Mismatch(ref r, "a device type", "Device.Type"u8));
        Assert.Equal("expected a device type for Device.Type but found number 12", ex.Reason);
        Assert.Equal(9, ex.ByteOffset);
    }

    private static T ReadKey<T>(string json, ReadFunc<T> read)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        reader.Read();
        return read(ref reader);
    }
}
