namespace SupportPlatform.Fuzzing;

/// <summary>The bad and edge inputs, as raw JSON fragments or raw strings, so they can be malformed on purpose.</summary>
public static class Inputs
{
    /// <summary>Strings a field may receive: encodings, Unicode edge cases (NUL, lone surrogates, noncharacters, bidi), injections, sizes.</summary>
    public static readonly string[] JsonStrings =
    [
        "\"\"", "\" \"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud83d\\ude00\"", "\"\\uffff\\ufffe\"",
        "\"\\u202e\\u200b\\u2028\"", "\"e\\u0301\"", "\"한글 입력 테스트\"", "\"\\r\\nX-Injected: 1\"", "\"'; DROP TABLE inquiries;--\"",
        "\"' OR '1'='1\"", "\"<script>alert(1)</script>\"", "\"${jndi:ldap://127.0.0.1/a}\"", "\"{{7*7}}\"", "\"../../../../etc/passwd\"",
        "\"%00%0d%0a\"", "\"\\\\x00\"", "\"" + new string('A', 10_000) + "\"", "\"" + new string('가', 70_000) + "\"",
    ];

    /// <summary>Values of the wrong JSON type, and numbers at and past every boundary.</summary>
    public static readonly string[] JsonOthers =
    [
        "null", "true", "0", "-1", "2147483648", "-2147483649", "9223372036854775808", "1e309", "-0", "1.5", "[]", "[null]", "{}",
        "{\"$ref\":\"#\"}", "[" + string.Join(',', Enumerable.Repeat("1", 1000)) + "]",
    ];

    /// <summary>Whole bodies that are not the JSON asked for.</summary>
    public static readonly string[] RawBodies =
    [
        "", "{", "[", "}", "null", "1", "\"text\"", "{\"a\":}", "{'single':'quotes'}", "\uFEFF{}", "{} trailing", "{\"a\":1,}",
        new string('[', 5000) + new string(']', 5000), "{\"" + new string('k', 100_000) + "\":1}", "\u0000", "<xml/>",
    ];

    /// <summary>Path and query values: numbers that overflow, encodings, injections (already URL-encoded where needed).</summary>
    public static readonly string[] UrlValues =
    [
        "", "abc", "-1", "0", "2147483647", "2147483648", "99999999999999999999", "1e3", "%00", "a%00b", "%ED%A0%80", "%FF%FE",
        "%0D%0AX-Injected:%201", "..%2F..%2Fetc%2Fpasswd", "'%20OR%20'1'%3D'1", "%3Cscript%3E", "%E2%80%AE", "%F0%9F%98%80",
        "%ED%95%9C%EA%B8%80", new string('a', 5000), "00000000-0000-0000-0000-000000000000", "not-a-guid",
    ];

    /// <summary>If-Match headers: missing, stale, malformed, overflowing, lists, half-quoted, odd digits and spacing.</summary>
    public static readonly string?[] IfMatch =
    [
        null, "\"1\"", "\"2\"", "*", "W/\"2\"", "\"abc\"", "\"-1\"", "\"99999999999999999999\"", "2", "\"\"",
        "\"2\", \"3\"", "*, \"2\"", "W/\"\"", "\"2", "2\"", "\" 2\"", "\"+2\"", "\"0x2\"", "\"2.0\"", "\"1e1\"", "w/\"2\"", ",", "\"\\\"2\"",
    ];

    /// <summary>
    /// Content-Type headers for a JSON body: none, wrong, and charsets that are unknown, bogus,
    /// unsupported, repeated or empty (issue 20: an unknown charset answered 500 on 16 endpoints).
    /// </summary>
    public static readonly string?[] ContentTypes =
    [
        null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "application/json; charset=latin1", "multipart/form-data; boundary=x",
        "application/json; boundary=", "application/json; charset=bogus-x", "application/json; charset=utf-7", "application/json; charset=\"\"",
        "application/json; charset=", "application/json; charset=UTF-16", "application/json; charset=utf-32be", "application/json; charset=x-unknown-42",
        "application/json; charset=utf-8; charset=bogus", "application/json;charset=" + new string('x', 300), "application/problem+json; charset=bogus",
        "application/vnd.unknown+json", "application/json-patch+json", "*/*", "application/*", "text/json; charset=ebcdic-cp-us", "application/json; q=0",
    ];

    /// <summary>
    /// Private-link and upload token shapes (issue 20: a short signature answered 500): empty, short,
    /// garbled, padded, over-long, wrong prefix, numbers that overflow or are negative, non-ASCII as
    /// percent-escapes (header values must stay ASCII on the wire).
    /// </summary>
    public static IEnumerable<string> InquiryTokens(string validToken)
    {
        const string future = "4102444800"; // 2100-01-01
        return
        [
            "", "x", new string('t', 4000), "%00", validToken + "x", validToken[..^1], "L1.", "L1..", $"L1.{future}.", $"L1.{future}.AB", $"L1.{future}.A",
            $"L1.{future}.!!!!", $"L1.{future}.A===", $"L1.{future}.AB.CD", $"L1.{future}.{new string('A', 42)}", $"L1.{future}.{new string('A', 44)}",
            $"L1.{future}.{new string('/', 43)}", $"L1.{future}.%ED%95%9C", "L1.-1.AAAA", "L1.+99999999999.AAAA", "L1.9223372036854775807.AAAA",
            "L1.99999999999999999999999.AB", "L1.0.AAAA", $"L2.{future}.AB", $"U1.{future}.AB", "l1.x.y", $" L1.{future}.AB",
        ];
    }

    /// <summary>Malformed and hostile staff tokens: not JWTs, alg none, broken base64, too many parts, huge, wrong scheme.</summary>
    public static readonly string[] Authorizations =
    [
        "Bearer not.a.jwt", "Bearer", "Bearer ", "Bearer a.b", "Bearer a.b.c.d.e", "Bearer eyJhbGciOiJub25lIn0.e30.", "Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJyb2xlIjoiYWRtaW4ifQ.",
        "Bearer eyJhbGciOiJIUzI1NiJ9.!!!.AB", "Bearer eyJ.eyJ.eyJ", "Bearer ....", "Bearer " + new string('A', 10_000), "Basic YWdlbnQ6cGFzcw==", "bearer x.y.z", "Bearer\tx.y.z",
    ];

    /// <summary>X-Forwarded-For values: spoofed, lists, not addresses, ports, IPv6, huge.</summary>
    public static readonly string[] ForwardedFor =
    [
        "203.0.113.7", "10.0.0.1, 203.0.113.7", "not-an-ip", "999.999.999.999", "::1", "[::1]:80", "203.0.113.7:65536", "unknown", "", ",,,",
        "%00", "127.0.0.1, " + string.Join(", ", Enumerable.Repeat("10.0.0.1", 200)), "fe80::1%eth0",
    ];

    /// <summary>Multipart bodies: boundary mismatch or absent, CR/LF and NUL in the file name, empty and duplicate parts.</summary>
    public static IEnumerable<(string ContentType, byte[] Body)> Multiparts()
    {
        static byte[] Bytes(string s) => System.Text.Encoding.UTF8.GetBytes(s);
        const string part = "Content-Disposition: form-data; name=\"file\"; filename=\"{0}\"\r\nContent-Type: text/plain\r\n\r\n{1}\r\n";
        yield return ("multipart/form-data; boundary=declared", Bytes("--other\r\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, part, "a.txt", "hello") + "--other--\r\n"));
        yield return ("multipart/form-data", Bytes("garbage"));
        yield return ("multipart/form-data; boundary=b", Bytes("--b\r\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, part, "a\rX-Injected: 1.txt", "log line") + "--b--\r\n"));
        yield return ("multipart/form-data; boundary=b", Bytes("--b\r\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, part, "a\0b.txt", "log line") + "--b--\r\n"));
        yield return ("multipart/form-data; boundary=b", Bytes("--b\r\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, part, new string('n', 5000) + ".txt", "log line") + "--b--\r\n"));
        yield return ("multipart/form-data; boundary=b", Bytes("--b\r\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, part, "empty.txt", string.Empty) + "--b--\r\n"));
        yield return ("multipart/form-data; boundary=b", Bytes("--b\r\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, part, "1.txt", "one") + "--b\r\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, part, "2.txt", "two") + "--b--\r\n"));
        yield return ("multipart/form-data; boundary=b", Bytes("--b\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nno file name\r\n--b--\r\n"));
        yield return ("multipart/form-data; boundary=b", Bytes("--b\r\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, part, "x.txt", "truncated")));
        yield return ("multipart/form-data; boundary=" + new string('b', 200), Bytes("--b\r\n\r\n"));
    }
}
