import CGMime
import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// Bytes in a declared (or guessed) charset to clean UTF-8 text.
///
/// ISO-8859-1 and US-ASCII are read as Windows-1252, as every mail client and browser does:
/// the bytes 0x80–0x9F are then `€`, `œ`, curly quotes… instead of invisible control characters.
enum TextDecoding {
    /// What was decoded, and how, for the report.
    struct Decoded: Sendable {
        var text: String
        /// The charset actually used (`UTF-8`, `windows-1252`, `UTF-16`…).
        var charset: String
        /// Set when the declared charset could not read the bytes and another one was used.
        var warning: MailIssue?
    }

    static let latin1Names: Set<String> = [
        "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819", "iso-ir-100", "csisolatin1",
        "windows-1252", "cp1252", "x-cp1252", "win-1252", "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "us",
    ]
    static let utf8Names: Set<String> = ["utf-8", "utf8", "x-utf-8", "unicode-1-1-utf-8"]

    /// Decodes `bytes` declared as `charset` (nil when the sender declared none).
    static func decode(_ bytes: [UInt8], charset declared: String?) -> Decoded {
        if let (text, name) = byteOrderMark(bytes) { return Decoded(text: clean(text), charset: name) }
        let charset = declared?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let charset, !charset.isEmpty {
            if utf8Names.contains(charset) {
                if let text = String(validating: bytes, as: UTF8.self) { return Decoded(text: clean(text), charset: "UTF-8") }
                return Decoded(
                    text: clean(windows1252(bytes)), charset: "windows-1252",
                    warning: .notUTF8)
            }
            if latin1Names.contains(charset) {
                // Pure ASCII or UTF-8 mislabelled as ASCII reads the same either way when valid.
                if charset.contains("ascii") || charset == "us", let text = String(validating: bytes, as: UTF8.self) {
                    return Decoded(text: clean(text), charset: "UTF-8")
                }
                return Decoded(text: clean(windows1252(bytes)), charset: "windows-1252")
            }
            if let text = iconv(bytes, from: charset) { return Decoded(text: clean(text), charset: charset) }
            let fallback = guess(bytes)
            return Decoded(
                text: fallback.text, charset: fallback.charset,
                warning: .undecodableCharset(charset, fallback: fallback.charset))
        }
        return guess(bytes)
    }

    /// No declared charset: UTF-8 when the bytes are valid UTF-8, else Windows-1252.
    static func guess(_ bytes: [UInt8]) -> Decoded {
        if let (text, name) = byteOrderMark(bytes) { return Decoded(text: clean(text), charset: name) }
        if let text = String(validating: bytes, as: UTF8.self) { return Decoded(text: clean(text), charset: "UTF-8") }
        return Decoded(text: clean(windows1252(bytes)), charset: "windows-1252")
    }

    static func byteOrderMark(_ bytes: [UInt8]) -> (String, String)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            if let text = String(validating: bytes.dropFirst(3), as: UTF8.self) { return (text, "UTF-8") }
            return nil
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            if let text = iconv(bytes, from: "UTF-16") { return (text, "UTF-16") }
        }
        return nil
    }

    /// Converts with GMime's iconv cache; nil when the charset is unknown or the bytes are invalid in it.
    static func iconv(_ bytes: [UInt8], from charset: String) -> String? {
        IncomingMailReader.initialise()
        let converter = g_mime_iconv_open("UTF-8", charset)
        guard reclam_gmime_iconv_is_valid(converter) != 0 else { return nil }
        defer { g_mime_iconv_close(converter) }
        if bytes.isEmpty { return "" }
        let converted: UnsafeMutablePointer<CChar>? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                g_mime_iconv_strndup(converter, $0, buffer.count)
            }
        }
        guard let converted else { return nil }
        defer { g_free(converted) }
        return String(validatingCString: converted)
    }

    /// Windows-1252, with the five bytes it leaves undefined kept as their Latin-1 code points
    /// (and then dropped by `clean` as control characters).
    static func windows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if (0x80...0x9F).contains(byte), let mapped = c1Map[UInt32(byte)] {
                scalars.append(mapped)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    /// Windows-1252's characters at 0x80–0x9F.
    static let c1Map: [UInt32: Unicode.Scalar] = {
        let table: [UInt32: UInt32] = [
            0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02C6,
            0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C,
            0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC, 0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A,
            0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
        ]
        return table.compactMapValues { Unicode.Scalar($0) }
    }()

    /// Text fit for a case file: C1 control characters that a Latin-1 decoder produced become
    /// their Windows-1252 characters, line endings become `\n`, other control characters (and
    /// NUL) are dropped, tabs are kept, and the text is in Unicode canonical composition (NFC).
    static func clean(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value == 0x0D {
                scalars.append("\n")
                previousCR = true
                continue
            }
            defer { previousCR = false }
            if value == 0x0A {
                if !previousCR { scalars.append("\n") }
                continue
            }
            if value == 0x2028 || value == 0x2029 || value == 0x0B || value == 0x0C {
                scalars.append("\n")
                continue
            }
            if (0x80...0x9F).contains(value) {
                if let mapped = c1Map[value] { scalars.append(mapped) }
                continue
            }
            if value == 0x09 || value >= 0x20 && value != 0x7F && value != 0xFEFF {
                scalars.append(scalar)
            }
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }

    /// One line: every run of white space (line breaks included) becomes one space.
    static func oneLine(_ text: String) -> String {
        clean(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
