import Foundation
import ReclamCore

/// One commit of the history, with the files it changed (from `git log --raw`).
public struct HistoryCommit: Sendable {
    public var id: String
    public var parents: [String]
    public var authorName: String
    public var authorEmail: String
    public var authorDateText: String
    public var committerDateText: String
    public var summary: String
    public var trailers: [(key: String, value: String)]
    public var changes: [FileChange]

    package init(
        id: String, parents: [String], authorName: String, authorEmail: String, authorDateText: String, committerDateText: String,
        summary: String, trailers: [(key: String, value: String)], changes: [FileChange]
    ) {
        self.id = id
        self.parents = parents
        self.authorName = authorName
        self.authorEmail = authorEmail
        self.authorDateText = authorDateText
        self.committerDateText = committerDateText
        self.summary = summary
        self.trailers = trailers
        self.changes = changes
    }

    public var authorDate: Date? { ISODateTime.parse(authorDateText)?.date }
    public var committerDate: Date? { ISODateTime.parse(committerDateText)?.date }

    public func trailer(_ key: String) -> String? {
        trailers.first { $0.key.caseInsensitiveCompare(key) == .orderedSame }?.value
    }
}

public struct FileChange: Sendable {
    /// A (added), M (modified), D (deleted), R (renamed), T (type changed), C (copied).
    public var status: Character
    public var oldPath: String?
    public var path: String
    public var oldBlob: String?
    public var newBlob: String?

    package init(status: Character, oldPath: String?, path: String, oldBlob: String?, newBlob: String?) {
        self.status = status
        self.oldPath = oldPath
        self.path = path
        self.oldBlob = oldBlob
        self.newBlob = newBlob
    }
}

/// Reads history with the git CLI, read-only.
///
/// Why not libgit2 here: per-path history needs git's commit-graph and changed-path Bloom
/// filters to stay fast on tens of thousands of commits, and libgit2 1.5 reads neither (a
/// revwalk with a diff per commit is two orders of magnitude slower). All writes still go
/// through libgit2; blob contents are read through libgit2 too.
public enum GitHistory {
    static let recordSeparator = "\u{1E}"
    static let fieldSeparator = "\u{1F}"
    static let trailerSeparator = "\u{1D}"

    public static func log(in root: URL, arguments: [String], paths: [String] = []) throws(ReclamError) -> [HistoryCommit] {
        try parsedLog(logCommand(root: root, arguments: arguments, paths: paths))
    }

    /// Runs a `git log` command line and parses all of its commits.
    static func parsedLog(_ command: [String]) throws(ReclamError) -> [HistoryCommit] {
        let process = try GitProcess(command)
        var commits: [HistoryCommit] = []
        var parser = GitLogParser()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: GitProcess.chunkSize, alignment: 1)
        defer { buffer.deallocate() }
        while case let count = process.read(into: buffer), count > 0 {
            parser.feed(UnsafeRawBufferPointer(rebasing: buffer[..<count])) { commits.append($0) }
        }
        parser.finish { commits.append($0) }
        return try process.finish() ? commits : []
    }

    /// Calls `body` with the commits in git's order, a batch at a time, while git goes on
    /// writing the next ones: memory holds at most `queued` commits however long the history,
    /// and a batch holds what came while the previous one was handled (at most `batch`).
    ///
    /// With `relativeTo` (a folder; `paths` then empty), git diffs only that folder and lists
    /// every commit, instead of listing only the commits that touch `paths`: for each commit it
    /// then makes one diff instead of two (whether the commit touches the paths, then what it
    /// changed), half of its time on a ledger. The commits that changed nothing there are left
    /// out and the paths are given in full again. On a history without merges the result is
    /// that of `paths: [folder]`: the diff's files, renames included, are the same, as rename
    /// detection only pairs files that the folder keeps in both cases. With merges it is not:
    /// a merge is listed with no change, and git orders the branches differently. A merge is
    /// always kept, even with no change against its first parent (`--diff-merges=first-parent`):
    /// it may have dropped what its other parents changed.
    package static func forEachBatch(
        in root: URL, arguments: [String], paths: [String], relativeTo folder: String? = nil, configuration: [String] = [],
        batch: Int = 512, queued: Int = 4096, _ body: ([HistoryCommit]) -> Void
    ) throws(ReclamError) {
        let relative = folder.map { ["--relative=\($0)/"] } ?? []
        let process = try GitProcess(
            logCommand(root: root, arguments: relative + arguments, paths: paths, configuration: configuration))
        let prefix = folder.map { "\($0)/" } ?? ""
        let queue = CommitQueue(capacity: queued)
        let reader = Thread {
            var parser = GitLogParser(pathPrefix: prefix)
            var commits: [HistoryCommit] = []
            func emit(_ commit: HistoryCommit) {
                if folder == nil || !commit.changes.isEmpty || commit.parents.count > 1 { commits.append(commit) }
            }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: GitProcess.chunkSize, alignment: 1)
            defer { buffer.deallocate() }
            while case let count = process.read(into: buffer), count > 0 {
                parser.feed(UnsafeRawBufferPointer(rebasing: buffer[..<count]), emit)
                if !commits.isEmpty { queue.put(commits) }
                commits.removeAll(keepingCapacity: true)
            }
            parser.finish(emit)
            queue.put(commits)
            queue.close()
        }
        reader.start()
        while let commits = queue.take(max: batch) { body(commits) }
        // git's status is known only at its end: on a failure (a bad revision), the error is
        // the result, whatever the batches gave.
        _ = try process.finish()
    }

    /// `configuration` holds `name=value` settings for this git call.
    static func logCommand(root: URL, arguments: [String], paths: [String], configuration: [String] = []) -> [String] {
        let format =
            "--format=\(recordSeparator)%H\(fieldSeparator)%P\(fieldSeparator)%an\(fieldSeparator)%ae\(fieldSeparator)%aI\(fieldSeparator)%cI\(fieldSeparator)%s\(fieldSeparator)%(trailers:unfold,separator=\(trailerSeparator))\(fieldSeparator)"
        var command = ["-C", root.path, "-c", "core.quotePath=false"] + configuration.flatMap { ["-c", $0] }
        command += ["log", "--no-color", "--no-abbrev", "--raw", "-z", format] + arguments
        command += ["--"] + paths
        return command
    }

    /// Runs a read-only git command and returns its standard output; empty when the branch has no commit yet.
    package static func run(_ arguments: [String]) throws(ReclamError) -> Data {
        let process = try GitProcess(arguments)
        let data = process.readToEnd()
        return try process.finish() ? data : Data()
    }
}

/// Commits read from git, waiting to be audited. The reader waits when it holds `capacity`
/// of them, so that a slow audit does not make the whole log pile up in memory.
private final class CommitQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var commits: [HistoryCommit] = []
    private var closed = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func put(_ batch: [HistoryCommit]) {
        condition.lock()
        defer { condition.unlock() }
        while commits.count >= capacity { condition.wait() }
        commits += batch
        condition.broadcast()
    }

    func close() {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
    }

    /// Up to `max` commits, waiting for some; nil once the reader is done and all were taken.
    func take(max: Int) -> [HistoryCommit]? {
        condition.lock()
        defer { condition.unlock() }
        while commits.isEmpty && !closed { condition.wait() }
        if commits.isEmpty { return nil }
        let count = min(max, commits.count)
        let taken = Array(commits[..<count])
        commits.removeFirst(count)
        condition.broadcast()
        return taken
    }
}
