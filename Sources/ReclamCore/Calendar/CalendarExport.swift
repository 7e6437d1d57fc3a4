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
            "  {\"date\": \"\(entry.date)\", \"name\": \(JSON.quote(entry.name))}"
        }
        return lines.isEmpty ? "[]\n" : "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    static func normalised(_ entries: [CalendarEntry]) -> [CalendarEntry] {
        Array(Set(entries)).sorted()
    }
}
