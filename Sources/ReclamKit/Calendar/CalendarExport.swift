import Foundation

/// Exports of a calendar's named days (holidays and closures) for people and other tools.
///
/// Both exports sort the entries (date, holidays before closures, name) and drop exact
/// duplicates, so the same entries always give byte-identical output (git-friendly).
public enum CalendarExport {
    /// A JSON array with one `{"date": "YYYY-MM-DD", "name": "..."}` object per line. Names are
    /// written as UTF-8 text: only `"`, `\` and control characters are escaped.
    public static func json(_ entries: [CalendarEntry]) -> String {
        let lines = normalised(entries).map { entry in
            "  {\"date\": \"\(entry.date)\", \"name\": \"\(jsonEscaped(entry.name))\"}"
        }
        return lines.isEmpty ? "[]\n" : "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    static func normalised(_ entries: [CalendarEntry]) -> [CalendarEntry] {
        Array(Set(entries)).sorted()
    }

    static func jsonEscaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
