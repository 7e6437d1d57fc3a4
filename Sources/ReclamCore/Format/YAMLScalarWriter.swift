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
        // Numbers and number-like words (octal, sexagesimal, floats) must stay text.
        if first.properties.numericType != nil || first == "." || first == "+" {
            if text.allSatisfy({ "0123456789.:+-_eE".contains($0) }) { return false }
        }
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFEFF { return false }
            if flow && ",[]{}".unicodeScalars.contains(scalar) { return false }
        }
        if text.contains(": ") || text.contains(" #") || text.contains("\t") { return false }
        return true
    }

    static func doubleQuoted(_ text: String) -> String { Escape.yaml(text) }

    /// A one-line flow mapping such as `{stage: assigned, at: 2026-10-05T11:05:00+02:00, by: Claire}`.
    public static func flowMapping(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { "\($0.0): \(flow($0.1))" }.joined(separator: ", ") + "}"
    }
}
