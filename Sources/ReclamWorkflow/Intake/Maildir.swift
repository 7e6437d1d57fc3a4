import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// A Maildir as mail clients use it: new messages in `new/`, read ones in `cur/` with flags.
public enum Maildir {
    /// The messages waiting in `new/`, by name (delivery order for Maildir names).
    public static func newMessages(in directory: URL, language: Language = .en) throws(ReclamError) -> [URL] {
        for folder in ["new", "cur"] where FileSystem.kind(of: directory.appendingPathComponent(folder)) != .directory {
            throw .usage("\(directory.path) is not a Maildir: it has no \(folder)/ folder")
        }
        let newFolder = directory.appendingPathComponent("new")
        let entries: [FileSystem.Entry]
        do { entries = try FileSystem.list(newFolder) } catch {
            throw .io(Messages(language).format(.ioCannotList, newFolder.path, error.message))
        }
        return entries.filter { $0.kind == .file && !$0.name.hasPrefix(".") }.map { newFolder.appendingPathComponent($0.name) }
    }

    /// The folder of a Maildir where messages that will never be taken in are put.
    public static let refusedFolder = "refused"

    /// Moves a message that intake rejects (not a message, over the limits, a bomb) from `new/`
    /// to `refused/` (created when needed), so that it is not tried again at every run and stays
    /// for a person to read. Returns the new location, or the problem.
    public static func moveRefused(_ message: URL, language: Language = .en) -> Result<URL, ReclamError> {
        let m = Messages(language)
        let directory = message.deletingLastPathComponent().deletingLastPathComponent()
        let folder = directory.appendingPathComponent(refusedFolder)
        if FileSystem.kind(of: folder) == nil, mkdir(folder.path, 0o700) != 0, errno != EEXIST {
            return .failure(.io(m.format(.cannotCreate, folder.path, String(cString: strerror(errno)))))
        }
        let destination = folder.appendingPathComponent(message.lastPathComponent)
        if FileSystem.kind(of: destination) != nil {
            return .failure(.io(m.format(.maildirAlreadyThere, destination.path, message.lastPathComponent)))
        }
        if rename(message.path, destination.path) != 0 {
            return .failure(.io(m.format(.maildirMoveRefused, message.lastPathComponent, refusedFolder, String(cString: strerror(errno)))))
        }
        return .success(destination)
    }

    /// Moves a message from `new/` to `cur/` with the Seen flag (`:2,S`), as a mail client
    /// does once it has shown it. Returns a problem to report, or nil.
    public static func markSeen(_ message: URL) -> String? {
        let name = message.lastPathComponent
        let directory = message.deletingLastPathComponent().deletingLastPathComponent()
        var target: String
        if let range = name.range(of: ":2,") {
            var flags = Set(name[range.upperBound...])
            flags.insert("S")
            target = String(name[..<range.upperBound]) + String(flags.sorted())
        } else {
            target = name + ":2,S"
        }
        let destination = directory.appendingPathComponent("cur").appendingPathComponent(target)
        if FileSystem.kind(of: destination) != nil { return "\(destination.path) already exists; \(name) stays in new/" }
        if rename(message.path, destination.path) != 0 {
            return "cannot move \(name) to cur/: \(String(cString: strerror(errno)))"
        }
        return nil
    }
}
