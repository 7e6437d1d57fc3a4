import Foundation
import ReclamCore
import ReclamLedger

/// The `.gitignore` line that keeps the staff's accounts (`users.yml`, password hashes) out of
/// git, written by `reclam init`.
public enum UsersFileIgnore {
    public static let line = "/\(StaffUsers.defaultFileName)"

    /// The new `.gitignore`: the existing one with the line added, or nil when it already has it.
    public static func gitignore(existing: Data?) -> Data? {
        let text = existing.map { String(decoding: $0, as: UTF8.self) } ?? ""
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        if lines.contains(line) || lines.contains(StaffUsers.defaultFileName) { return nil }
        var out = text
        if !out.isEmpty && !out.hasSuffix("\n") { out += "\n" }
        out += "# The staff's accounts of reclam serve hold password hashes: never committed.\n\(line)\n"
        return Data(out.utf8)
    }
}
