import Foundation

/// Writes one YAML scalar so that it reads back as exactly the same text.
///
/// Plain style is used only when it is unambiguous for every YAML reader, including YAML 1.1
/// ones that would turn `no` into false or `012` into a number; anything else is double-quoted.
public enum YAMLScalarWriter {
    public static func block(_ text: String) -> String {
        isPlainSafe(text, flow: false) ? text : doubleQuoted(text)
    }

    public static func flow(_ text: String) -> String {
        isPlainSafe(text, flow: true) ? text : doubleQuoted(text)
    }

    static let yaml11Words: Set<String> = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ]

    static func isPlainSafe(_ text: String, flow: Bool) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if yaml11Words.contains(text.lowercased()) { return false }
        if first == " " || last == " " || last == ":" { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) {
            // Allow a leading '-' only for things like "-5" that we still quote: keep it simple.
            return false
        }
        // Numbers and dates must stay text; an id such as 20261113-7925 is neither and stays plain.
        if first.properties.numericType != nil || first == "." || first == "+" {
            if resolvesToNumberOrDate(text) { return false }
            // Digits around colons (12:60, 1:2:3-4) stay quoted as before: close enough to a
            // time or a sexagesimal number to confuse a reader, and ':' is touchy in flow lists.
            if text.contains(":") && text.allSatisfy({ "0123456789.:+-_eE".contains($0) }) { return false }
        }
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFEFF { return false }
            if flow && ",[]{}".unicodeScalars.contains(scalar) { return false }
        }
        if text.contains(": ") || text.contains(" #") || text.contains("\t") { return false }
        return true
    }

    /// Whether a YAML 1.1 or 1.2 (core schema) reader resolves the plain scalar `text` to an
    /// integer (decimal, octal, hexadecimal, binary, sexagesimal), a float (`.inf`, `.nan`
    /// included) or a date (`2026-11-13`), rather than to a string.
    static func resolvesToNumberOrDate(_ text: String) -> Bool { numberOrDate.matches(text) }

    static let numberOrDate = NumberOrDatePatterns()

    /// The patterns, made once: a regex literal is parsed again each time it is evaluated, and
    /// these were evaluated for every date, time and id written (a fifth of a web submission's
    /// CPU in a debug build). `Regex` is not `Sendable`: they are used under a lock.
    final class NumberOrDatePatterns: @unchecked Sendable {
        private let lock = NSLock()
        private let patterns: [Regex<Substring>] = [
            #/[-+]?[0-9][0-9_]*/#, #/[-+]?0b[01_]+/#, #/[-+]?0x[0-9a-fA-F_]+/#, #/0o[0-7]+/#,
            #/[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?/#, #/[-+]?(?:[0-9][0-9_]*)?\.[0-9._]*(?:[eE][-+]?[0-9]+)?/#,
            #/[-+]?[0-9]+[eE][-+]?[0-9]+/#, #/[-+]?\.(?:inf|Inf|INF)/#, #/\.(?:nan|NaN|NAN)/#, #/[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/#,
        ]

        func matches(_ text: String) -> Bool {
            lock.withLock { patterns.contains { text.wholeMatch(of: $0) != nil } }
        }
    }

    static func doubleQuoted(_ text: String) -> String { Escape.yaml(text) }

    /// A one-line flow mapping such as `{stage: assigned, at: 2026-10-05T11:05:00+02:00, by: Claire}`.
    public static func flowMapping(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\($0.0): \(flow($0.1))" }.joined(separator: ", ") + "}"
    }
}
