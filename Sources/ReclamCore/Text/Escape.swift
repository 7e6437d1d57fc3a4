import Foundation

/// User text is text everywhere: the one place where it is escaped for each syntax Reclam
/// writes. Renderers call these; none escapes on its own.
public enum Escape {
    /// Rebuilds `text` scalar by scalar, replacing those `replacement` names. Most text needs
    /// nothing: `needs` scans the bytes first, so clean text is returned as it is.
    static func map(_ text: String, needs: (UInt8) -> Bool, replacing replacement: (Unicode.Scalar) -> String?) -> String {
        guard text.utf8.contains(where: needs) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) { out += replaced } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
    }

    // MARK: Markup

    /// HTML text and attribute values.
    public static func html(_ text: String) -> String { markup(text, xml: false) }

    /// XML 1.0 text and attribute values (JUnit): it cannot carry control characters other
    /// than tab and newline, even escaped, so those become spaces.
    public static func xml(_ text: String) -> String { markup(text, xml: true) }

    static func markup(_ text: String, xml: Bool) -> String {
        map(
            text, needs: { ($0 < 0x20 && xml) || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 },
            replacing: { scalar in
                switch scalar {
                case "&": "&amp;"
                case "<": "&lt;"
                case ">": "&gt;"
                case "\"": "&quot;"
                case "'": xml ? "&apos;" : "&#39;"
                case "\n" where xml: "&#10;"
                case _ where xml && scalar.value < 0x20 && scalar != "\t": " "
                default: nil
                }
            })
    }

    /// User text inside generated Markdown: it cannot open a link, an HTML block, emphasis or
    /// a heading, nor break a table row.
    public static func markdown(_ text: String) -> String {
        map(
            text, needs: { "\\`*_[]<>|#!\n\r&".utf8.contains($0) },
            replacing: { scalar in
                switch scalar {
                case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "!", "&": "\\\(scalar)"
                case "\n", "\r": " "
                default: nil
                }
            })
    }

    /// Text to be shown as itself inside Markdown, its lines kept (`escape` makes one table cell
    /// of it): a value put into a letter that cmark renders must not become a link
    /// (`[Cliquez ici](https://…)`), an image, emphasis, raw HTML that cmark's safe mode would
    /// drop (`OF Test & Fils <SARL>`), an entity, a heading, a quote or a list. Backslash
    /// escapes are CommonMark's own, and render as the character itself.
    public static func markdownKeepingLines(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        var atLineStart = true
        var leadingSpaces = 0
        var pendingDigits = ""
        for character in text {
            if character == "\n" || character == "\r\n" || character == "\r" {
                out += pendingDigits
                pendingDigits = ""
                out.append(character)
                atLineStart = true
                leadingSpaces = 0
                continue
            }
            if atLineStart {
                // Indentation of four spaces or more would make a code block: keep three at most.
                if character == " " {
                    leadingSpaces += 1
                    if leadingSpaces <= 3 { out.append(character) }
                    continue
                }
                if character == "\t" { continue }
                if character.isASCII, character.isNumber {
                    pendingDigits.append(character)
                    continue
                }
                atLineStart = false
                if !pendingDigits.isEmpty {
                    // "1." or "1)" starts an ordered list.
                    out += pendingDigits
                    pendingDigits = ""
                    if character == "." || character == ")" {
                        out += "\\" + String(character)
                        continue
                    }
                } else if "#>-+*=".contains(character) {
                    out += "\\" + String(character)
                    continue
                }
            }
            if "\\`*_[]<>&".contains(character) { out += "\\" }
            out.append(character)
        }
        out += pendingDigits
        return out
    }

    // MARK: Quoted strings

    /// A string in double quotes with C-style backslash escapes, the form JSON, YAML and DOT
    /// share; `other` writes the characters each leaves to itself (nil keeps one as it is).
    static func backslashQuoted(
        _ text: String, alsoScanning extra: [UInt8], tabAndReturn: Bool = true, other: (Unicode.Scalar) -> String?
    ) -> String {
        let body = map(
            text, needs: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || extra.contains($0) },
            replacing: { scalar in
                switch scalar {
                case "\"": "\\\""
                case "\\": "\\\\"
                case "\n": "\\n"
                case "\r" where tabAndReturn: "\\r"
                case "\t" where tabAndReturn: "\\t"
                default: other(scalar)
                }
            })
        return "\"" + body + "\""
    }

    /// A JSON string literal, quotes included.
    public static func json(_ text: String) -> String {
        backslashQuoted(text, alsoScanning: [0xE2]) { scalar in
            scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 ? String(format: "\\u%04x", scalar.value) : nil
        }
    }

    /// A YAML double-quoted scalar, quotes included: every control character, the BOM and the
    /// line separators written as escapes so that the value stays on its line.
    public static func yaml(_ text: String) -> String {
        // 0xC2, 0xE2, 0xEF start C1 controls, the line separators and the BOM in UTF-8.
        backslashQuoted(text, alsoScanning: [0x7F, 0xC2, 0xE2, 0xEF]) { scalar in
            isControl(scalar) || scalar.value == 0xFEFF || scalar.value == 0x2028 || scalar.value == 0x2029
                ? String(format: "\\u%04X", scalar.value) : nil
        }
    }

    /// A Graphviz DOT string, quotes included; a line break becomes DOT's own `\n`, other
    /// control characters spaces.
    public static func dot(_ text: String) -> String {
        backslashQuoted(text, alsoScanning: [], tabAndReturn: false) { scalar in scalar.value < 0x20 ? " " : nil }
    }

    // MARK: Terminals and tables

    /// User text made safe to print on one line of a terminal or a log: control characters
    /// become visible escapes (`\n`, `\r`, `\t`, `\e`, `\u{…}`), so that a value with a line
    /// break cannot print a fake `path:line:col: error:` line and an escape sequence cannot
    /// drive the terminal. Line and paragraph separators and the bidirectional overrides, which
    /// reorder what is shown, are escaped too.
    public static func terminal(_ text: String) -> String {
        map(
            text, needs: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 },
            replacing: { scalar in
                switch scalar.value {
                case 0x0A: "\\n"
                case 0x0D: "\\r"
                case 0x09: "\\t"
                case 0x1B: "\\e"
                case 0x00..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                    "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                default: nil
                }
            })
    }

    /// A word for a POSIX shell, in a hint the user may copy: kept as it is when it holds only
    /// safe characters, else single-quoted (a quote inside becomes `'\''`).
    public static func shellWord(_ text: String) -> String {
        let safe = text.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_./:,+=@%".unicodeScalars.contains($0)
        }
        if safe && !text.isEmpty { return text }
        return "'" + terminal(text).replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    // MARK: Spreadsheets and annotations

    /// One CSV cell, always quoted; a cell a spreadsheet would run as a formula (=, +, -, @,
    /// tab, CR first) is prefixed with an apostrophe.
    public static func csv(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) { text = "'" + text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The message of a GitHub Actions workflow command.
    public static func githubData(_ text: String) -> String {
        map(
            text, needs: { $0 == 0x25 || $0 == 0x0D || $0 == 0x0A },
            replacing: { scalar in
                switch scalar {
                case "%": "%25"
                case "\r": "%0D"
                case "\n": "%0A"
                default: nil
                }
            })
    }

    /// A property (file, title) of a GitHub Actions workflow command.
    public static func githubProperty(_ text: String) -> String {
        githubData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
