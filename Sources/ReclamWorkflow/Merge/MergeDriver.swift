import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// `reclam merge-file` as git's merge driver for case and action files, so that `git merge`,
/// `git pull`, `reclam sync` and a hosting platform's runner merge cases field by field.
///
/// Two halves: `.gitattributes` (committed by `reclam init`) says which files use the driver
/// named `reclam`; the `merge.reclam.driver` setting (per clone, never committed) says which
/// command that is. `reclam hooks install` and `reclam sync` set the second half, and add
/// the first to `.git/info/attributes` so that a clone of an older ledger has it too.
public enum MergeDriver {
    public static let name = "reclam"
    public static let attributeLines = ["cases/**/*.md merge=reclam", "actions/*.md merge=reclam"]

    /// The `.gitattributes` of a new ledger.
    public static var gitattributes: String {
        "# Case and action files are merged field by field by 'reclam merge-file' (docs/TEAMS.md).\n"
            + attributeLines.map { $0 + "\n" }.joined()
    }

    /// The driver command; git replaces %O %A %B %P (base, ours and result, theirs, path).
    public static func command(reclamPath: String?) -> String {
        let quoted = reclamPath.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" } ?? "reclam"
        return "\(quoted) merge-file %O %A %B %P"
    }

    /// Sets `merge.reclam.*` in the clone's configuration and the attributes in
    /// `.git/info/attributes`. Returns true when something changed.
    @discardableResult
    public static func register(_ repository: GitRepository, reclamPath: String?, language: Language = .en) throws(ReclamError) -> Bool {
        let m = Messages(language)
        var changed = false
        let driver = command(reclamPath: reclamPath)
        do {
            if try repository.configString("merge.reclam.driver") != driver {
                try repository.setLocalConfigString("merge.reclam.name", "Reclam: cases merged field by field")
                try repository.setLocalConfigString("merge.reclam.driver", driver)
                changed = true
            }
        } catch {
            throw .io(m.format(.mergeDriverConfig, "\(error)"))
        }
        let info = repository.commonDirectory + "/info"
        let path = info + "/attributes"
        let existing = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let lines = existing.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let missing = attributeLines.filter { !lines.contains($0) }
        if !missing.isEmpty {
            var text = existing
            if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
            text += missing.map { $0 + "\n" }.joined()
            do {
                try FileManager.default.createDirectory(atPath: info, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                throw .io(m.format(.cannotWrite, path, error.localizedDescription))
            }
            changed = true
        }
        return changed
    }

    /// Whether the clone has a driver configured (any command).
    public static func isRegistered(_ repository: GitRepository) -> Bool {
        ((try? repository.configString("merge.reclam.driver")) ?? nil) != nil
    }

    /// Merges the three files as git's driver contract says: the result replaces `ours`.
    /// `path` is the file's path in the repository; the procedure comes from the ledger at
    /// `root` (the cases' or the actions' own), and is left out when it cannot be read.
    public static func mergeFile(base: String, ours: String, theirs: String, path: String, root: URL?) throws(ReclamError)
        -> [MergeConflict]
    {
        let ledger = try? Ledger.open(at: root)
        let m = Messages(ledger?.config.language ?? .en)
        func read(_ file: String) throws(ReclamError) -> Data {
            do { return try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
                throw .io(m.format(.cannotRead, file, error.localizedDescription))
            }
        }
        let procedure = ledger.flatMap { Self.procedure(for: path, ledger: $0) }
        let result = CaseMerge.merge(base: try read(base), ours: try read(ours), theirs: try read(theirs), procedure: procedure)
        do {
            try result.data.write(to: URL(fileURLWithPath: ours), options: .atomic)
        } catch {
            throw .io(m.format(.mergeWriteMerged, ours, error.localizedDescription))
        }
        return result.conflicts
    }

    static func procedure(for path: String, ledger: Ledger) -> Procedure? {
        if path.hasPrefix(Action.folder + "/") { return ActionSettings.read(ledger.config).procedure }
        return ledger.config.procedure
    }
}
