/// User text made safe to print on one line of a terminal or a log: control characters become
/// visible escapes (`\n`, `\r`, `\t`, `\e`, `\u{…}`), so that a value with a line break cannot
/// print a fake `path:line:col: error:` line and an escape sequence cannot drive the terminal.
/// Line and paragraph separators and the bidirectional overrides, which reorder what is shown,
/// are escaped too.
public enum TerminalText {
    public static func escape(_ text: String) -> String {
        // Nearly every message is clean: one pass over the bytes, and the text as it is.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x1B: out += "\\e"
            case 0x00..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
