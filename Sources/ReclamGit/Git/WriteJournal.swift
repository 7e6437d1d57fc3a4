import Foundation
import ReclamCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// The intent record of one write, `.git/reclam/journal`: written and fsynced before the work
/// tree is touched, removed once the branch, the work tree and the index agree. A journal
/// found while nobody holds `.git/reclam.lock` is a write that was killed; `WriteRecovery`
/// reads it to finish the write (the branch moved) or to undo it (it did not).
///
/// One line per fact, the path last on its line (paths have no control characters):
///
///     reclam-journal 1
///     pid 4242
///     started 1791184320
///     branch refs/heads/main
///     base 5d2c…|-
///     commit 9a41…
///     item <new blob|-> <base blob|-> <previous|-> <previous mode|-> <suffix> <path>
///     end
struct WriteJournal: Equatable {
    struct Item: Equatable {
        var path: String
        /// The blob written; nil for a removal.
        var newBlob: ObjectID?
        /// The blob at the path in the tree the write was built on; nil when absent.
        var baseBlob: ObjectID?
        /// The id of the work-tree bytes before the write (hashed as a blob, unfiltered); nil when absent.
        var previous: ObjectID?
        var previousMode: mode_t?
        /// Names the temporary and backup files of this path.
        var suffix: String
    }

    var pid: Int32
    var started: Int
    var branch: String
    var base: ObjectID?
    var commit: ObjectID
    var items: [Item]

    static let header = "reclam-journal 1"

    static func directory(_ gitDirectory: String) -> String { gitDirectory + "/reclam" }
    static func path(_ gitDirectory: String) -> String { directory(gitDirectory) + "/journal" }

    /// The full path of the item's temporary (`tmp`) or backup (`old`) file.
    static func sidePath(workdir: String, item: Item, kind: String) -> String {
        GitPOSIX.temporaryPath(for: workdir + "/" + item.path, suffix: item.suffix, kind: kind)
    }

    var encoded: Data {
        var lines = [
            Self.header, "pid \(pid)", "started \(started)", "branch \(branch)", "base \(base?.hex ?? "-")", "commit \(commit.hex)",
        ]
        for item in items {
            let fields = [
                item.newBlob?.hex ?? "-", item.baseBlob?.hex ?? "-", item.previous?.hex ?? "-",
                item.previousMode.map { String($0, radix: 8) } ?? "-", item.suffix, item.path,
            ]
            lines.append("item " + fields.joined(separator: " "))
        }
        lines.append("end")
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    init(pid: Int32, started: Int, branch: String, base: ObjectID?, commit: ObjectID, items: [Item]) {
        self.pid = pid
        self.started = started
        self.branch = branch
        self.base = base
        self.commit = commit
        self.items = items
    }

    init(decoding data: Data, path: String) throws {
        func bad(_ why: String) -> GitError {
            GitError(
                .interruptedWrite, operation: "read the write journal",
                message: "the journal is damaged (\(why)); check 'git status', then remove it", path: path)
        }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == Self.header else { throw bad("unknown format") }
        guard lines.last == "", lines.dropLast().last == "end" else { throw bad("it is incomplete") }
        lines = Array(lines.dropFirst().dropLast(2))
        var values: [String: String] = [:]
        var items: [Item] = []
        func id(_ text: String) throws -> ObjectID? {
            if text == "-" { return nil }
            guard let id = ObjectID(hex: text) else { throw bad("'\(text)' is not an object id") }
            return id
        }
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2 else { throw bad("line '\(line)'") }
            if parts[0] != "item" {
                values[parts[0]] = parts[1]
                continue
            }
            let fields = parts[1].split(separator: " ", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 6, !fields[5].isEmpty else { throw bad("line '\(line)'") }
            var mode: mode_t?
            if fields[3] != "-" {
                guard let value = mode_t(fields[3], radix: 8) else { throw bad("mode '\(fields[3])'") }
                mode = value
            }
            guard GitPOSIX.isTemporaryName(".x.reclam-\(fields[4]).tmp") else { throw bad("suffix '\(fields[4])'") }
            try GitPathRules.validate(fields[5], operation: "read the write journal")
            items.append(
                Item(
                    path: fields[5], newBlob: try id(fields[0]), baseBlob: try id(fields[1]), previous: try id(fields[2]),
                    previousMode: mode, suffix: fields[4]))
        }
        guard let pid = values["pid"].flatMap({ Int32($0) }), let started = values["started"].flatMap({ Int($0) }),
            let branch = values["branch"], branch.hasPrefix("refs/heads/"), let baseText = values["base"],
            let commitText = values["commit"], let commit = try id(commitText)
        else { throw bad("a field is missing") }
        self.init(pid: pid, started: started, branch: branch, base: try id(baseText), commit: commit, items: items)
    }

    /// Writes the journal (temporary file, rename). On failure nothing is left behind. Where
    /// the writer batches its syncs (Linux), the journal is made durable by the writer's next
    /// barrier, with the objects, before any work-tree file changes; elsewhere here, with an
    /// fsync of the file and of the folder.
    func write(gitDirectory: String) throws {
        let directory = Self.directory(gitDirectory)
        if mkdir(directory, 0o777) != 0 && errno != EEXIST {
            throw GitError.system(errno, operation: "write the write journal", path: directory)
        }
        try GitPOSIX.atomicWrite(
            encoded, to: Self.path(gitDirectory), mode: nil, operation: "write the write journal", displayPath: ".git/reclam/journal",
            durable: !GitPOSIX.batchesSyncs)
    }

    /// The journal, or nil when there is none.
    static func read(gitDirectory: String) throws -> WriteJournal? {
        let path = path(gitDirectory)
        guard GitPOSIX.exists(path) else { return nil }
        let data = try GitPOSIX.readFile(path, operation: "read the write journal", displayPath: ".git/reclam/journal")
        return try WriteJournal(decoding: data, path: ".git/reclam/journal")
    }

    /// Removes the journal: the write is complete (or undone).
    static func remove(gitDirectory: String) throws {
        if let code = GitPOSIX.removeIfPresent(path(gitDirectory)) {
            throw GitError.system(code, operation: "remove the write journal", path: ".git/reclam/journal")
        }
    }

    /// Temporary journal files of writes killed while writing the journal itself.
    static func leftovers(gitDirectory: String) -> [String] {
        let directory = directory(gitDirectory)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { GitPOSIX.isTemporaryName($0) }.sorted().map { directory + "/" + $0 }
    }
}
