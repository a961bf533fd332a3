using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Aot.Storage.Json;

/// <summary>
/// <c>net.IP</c> text as Go writes and reads it. Written: dotted quad for IPv4 and IPv4-mapped IPv6, otherwise
/// RFC 5952 (lowercase hex, the first longest run of two or more zero groups as <c>::</c>, never an embedded
/// dotted quad). Read: like <c>net.ParseIP</c>, strict dotted decimal or IPv6 text, no zone.
/// </summary>
internal static class GoIPText
{
    /// <summary>Longest formatted address: eight groups of four hex digits.</summary>
    public const int MaxLength = 39;

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>Formats <paramref name="address"/> into <paramref name="destination"/> (at least
    /// <see cref="MaxLength"/> bytes) and returns the length.</summary>
    public static int Format(IPAddress address, Span<byte> destination)
    {
        // A struct, not stackalloc: a stack buffer makes the method copy its span arguments behind a security
        // cookie, and that copy (two 8-byte stores read back as one 16-byte load) stalls at every call.
        AddressBytes storage = default;
        Span<byte> bytes = storage;
        if (!address.TryWriteBytes(bytes, out int length))
        {
            throw new InvalidOperationException("The IP address does not fit in 16 bytes.");
        }

        if (length == 4)
        {
            return FormatIPv4(bytes.Slice(0, 4), destination);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || length != 16)
        {
            throw new InvalidOperationException("invalid IP address");
        }

        if (IsIPv4Mapped(bytes))
        {
            return FormatIPv4(bytes.Slice(12, 4), destination);
        }

        return FormatIPv6(bytes, destination);
    }

    /// <summary>Parses IP text as Go's <c>net.ParseIP</c> does; <see langword="false"/> for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out IPAddress? address)
    {
        address = null;
        Span<byte> bytes = stackalloc byte[16];
        int dot = text.IndexOf((byte)'.');
        int colon = text.IndexOf((byte)':');
        if (colon < 0 && dot >= 0)
        {
            if (!TryParseIPv4(text, bytes.Slice(0, 4)))
            {
                return false;
            }

            address = new IPAddress(bytes.Slice(0, 4));
            return true;
        }

        if (colon >= 0 && (dot < 0 || colon < dot) && TryParseIPv6(text, bytes))
        {
            address = new IPAddress(bytes);
            return true;
        }

        return false;
    }

    [InlineArray(16)]
    private struct AddressBytes
    {
        private byte _element;
    }

    private static bool IsIPv4Mapped(ReadOnlySpan<byte> bytes) =>
        bytes.Slice(0, 10).IndexOfAnyExcept((byte)0) < 0 && bytes[10] == 0xFF && bytes[11] == 0xFF;

    private static int FormatIPv4(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        int position = 0;
        for (int i = 0; i < 4; i++)
        {
            if (i > 0)
            {
                destination[position++] = (byte)'.';
            }

            // Up to three digits: cheaper by hand than through the general number formatting.
            int value = bytes[i];
            if (value >= 100)
            {
                destination[position++] = (byte)('0' + (value / 100));
                value %= 100;
                destination[position++] = (byte)('0' + (value / 10));
                value %= 10;
            }
            else if (value >= 10)
            {
                destination[position++] = (byte)('0' + (value / 10));
                value %= 10;
            }

            destination[position++] = (byte)('0' + value);
        }

        return position;
    }

    private static int FormatIPv6(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        // The first longest run of zero groups, if it has at least two groups (Go's net.IP.String).
        int runStart = -1;
        int runEnd = -1;
        for (int i = 0; i < 16; i += 2)
        {
            int j = i;
            while (j < 16 && bytes[j] == 0 && bytes[j + 1] == 0)
            {
                j += 2;
            }

            if (j > i && j - i > runEnd - runStart)
            {
                runStart = i;
                runEnd = j;
                i = j;
            }
        }

        if (runEnd - runStart <= 2)
        {
            runStart = -1;
            runEnd = -1;
        }

        int position = 0;
        for (int i = 0; i < 16; i += 2)
        {
            if (i == runStart)
            {
                destination[position++] = (byte)':';
                destination[position++] = (byte)':';
                i = runEnd;
                if (i >= 16)
                {
                    break;
                }
            }
            else if (i > 0)
            {
                destination[position++] = (byte)':';
            }

            int group = (bytes[i] << 8) | bytes[i + 1];
            bool started = false;
            for (int shift = 12; shift >= 0; shift -= 4)
            {
                int digit = (group >> shift) & 0xF;
                if (digit != 0 || started || shift == 0)
                {
                    destination[position++] = HexDigits[digit];
                    started = true;
                }
            }
        }

        return position;
    }

    /// <summary>Four decimal parts of at most 255, no leading zeros (Go 1.17 and later).</summary>
    private static bool TryParseIPv4(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        for (int part = 0; part < 4; part++)
        {
            if (part > 0)
            {
                if (text.IsEmpty || text[0] != (byte)'.')
                {
                    return false;
                }

                text = text.Slice(1);
            }

            int value = 0;
            int digits = 0;
            while (digits < text.Length && text[digits] is >= (byte)'0' and <= (byte)'9')
            {
                value = (value * 10) + (text[digits] - '0');
                digits++;
                if (value > 255)
                {
                    return false;
                }
            }

            if (digits == 0 || (digits > 1 && text[0] == (byte)'0'))
            {
                return false;
            }

            destination[part] = (byte)value;
            text = text.Slice(digits);
        }

        return text.IsEmpty;
    }

    /// <summary>Up to eight hex groups, one <c>::</c>, an optional trailing dotted quad (Go's parseIPv6).</summary>
    private static bool TryParseIPv6(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        destination.Clear();
        int ellipsis = -1;
        if (text.Length >= 2 && text[0] == (byte)':' && text[1] == (byte)':')
        {
            ellipsis = 0;
            text = text.Slice(2);
            if (text.IsEmpty)
            {
                return true;
            }
        }

        int position = 0;
        while (position < 16)
        {
            int value = 0;
            int digits = 0;
            while (digits < text.Length && HexValue(text[digits]) is int digit and >= 0)
            {
                value = (value << 4) | digit;
                digits++;
                if (value > 0xFFFF)
                {
                    return false;
                }
            }

            if (digits == 0)
            {
                return false;
            }

            if (digits < text.Length && text[digits] == (byte)'.')
            {
                // Embedded IPv4 must come last and needs four bytes of room.
                if (ellipsis < 0 && position != 12)
                {
                    return false;
                }

                if (position + 4 > 16 || !TryParseIPv4(text, destination.Slice(position, 4)))
                {
                    return false;
                }

                position += 4;
                text = default;
                break;
            }

            destination[position] = (byte)(value >> 8);
            destination[position + 1] = (byte)value;
            position += 2;
            text = text.Slice(digits);
            if (text.IsEmpty)
            {
                break;
            }

            if (text[0] != (byte)':' || text.Length == 1)
            {
                return false;
            }

            text = text.Slice(1);
            if (text[0] == (byte)':')
            {
                if (ellipsis >= 0)
                {
                    return false;
                }

                ellipsis = position;
                text = text.Slice(1);
                if (text.IsEmpty)
                {
                    break;
                }
            }
        }

        if (!text.IsEmpty)
        {
            return false;
        }

        if (position < 16)
        {
            if (ellipsis < 0)
            {
                return false;
            }

            int shift = 16 - position;
            for (int j = position - 1; j >= ellipsis; j--)
            {
                destination[j + shift] = destination[j];
            }

            destination.Slice(ellipsis, shift).Clear();
        }
        else if (ellipsis >= 0)
        {
            // "::" must stand for at least one group.
            return false;
        }

        return true;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
