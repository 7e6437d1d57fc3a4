import Foundation
import ReclamCore
import ReclamGit

/// One commit in a case's timeline.
public struct CaseLogEntry: Sendable {
    public struct FieldChange: Sendable {
        public var field: String
        public var old: String?
        public var new: String?
    }

    public var commit: String
    public var date: String
    public var author: String
    public var authorEmail: String
    public var summary: String
    /// Whether the commit was made by a reclam command (it carries reclam's trailers).
    public var byReclam: Bool
    public var path: String
    public var previousPath: String?
    public var stageFrom: String?
    public var stageTo: String?
    public var fields: [FieldChange]
    public var bodyChanged: Bool
    public var created: Bool
    public var deleted: Bool
}

/// `reclam log`: every commit that touched a case, by reclam or by hand, across renames.
public enum CaseLog {
    public static func entries(for id: String, in ledger: Ledger) throws(ReclamError) -> [CaseLogEntry] {
        try entries(ledger) { () throws(ReclamError) in try history(of: id, in: ledger) }
    }

    /// The timeline of the case whose file is at `path`, from `index` when it can answer (the
    /// same entries as `entries(for:in:)`), from the walk otherwise.
    public static func entries(at path: String, in ledger: Ledger, index: CaseTimelineIndex) throws(ReclamError) -> [CaseLogEntry] {
        try entries(ledger) { () throws(ReclamError) in
            if let indexed = index.history(of: path, root: ledger.root) { return indexed }
            return try history(from: path, in: ledger)
        }
    }

    static func entries(
        _ ledger: Ledger, _ history: () throws(ReclamError) -> [(HistoryCommit, FileChange)]
    ) throws(ReclamError) -> [CaseLogEntry] {
        // Opening the repository starts libgit2, which reads the system's CA certificates
        // (~15 ms): on a thread of its own, that overlaps finding the case and git's log.
        let opening = RepositoryOpening(at: ledger.root.path, language: ledger.config.language)
        let collected: [(HistoryCommit, FileChange)]
        do throws(ReclamError) { collected = try history() } catch {
            // Outside a repository, say so rather than what git or the case lookup made of it.
            _ = try opening.repository()
            throw error
        }
        let repository = try opening.repository()
        // A commit's new version is usually the next one's old version: each blob is parsed once.
        var documents: [String: MarkdownDocument?] = [:]
        func document(_ blob: String?) -> MarkdownDocument? {
            guard let blob else { return nil }
            if let known = documents[blob] { return known }
            let parsed = CaseLog.document(blob: blob, repository: repository)
            documents[blob] = .some(parsed)
            return parsed
        }
        return collected.reversed().map { commit, change in
            entry(commit: commit, change: change, old: document(change.oldBlob), new: document(change.newBlob))
        }
    }

    /// The commits that touched the case and the change each made to it, newest first.
    static func history(of id: String, in ledger: Ledger) throws(ReclamError) -> [(HistoryCommit, FileChange)] {
        try history(from: CaseLocator.path(of: id, in: ledger), in: ledger)
    }

    /// The walk: `git log -- PATH`, then the path the file was renamed from, and so on.
    package static func history(from start: String, in ledger: Ledger) throws(ReclamError) -> [(HistoryCommit, FileChange)] {
        var path = start
        var revision: [String] = []
        var collected: [(HistoryCommit, FileChange)] = []
        // Follow the file back through renames one path at a time, so that each `git log` has
        // a literal pathspec and can use the changed-path Bloom filters.
        for _ in 0..<64 {
            let commits = try GitHistory.log(in: ledger.root, arguments: revision, paths: [path])
            for commit in commits {
                if let change = commit.changes.first(where: { $0.path == path }) { collected.append((commit, change)) }
            }
            guard let oldest = commits.last, let change = oldest.changes.first(where: { $0.path == path }), change.status == "A",
                let parent = oldest.parents.first,
                let origin = try renameOrigin(of: path, in: oldest.id, parent: parent, root: ledger.root)
            else { break }
            collected[collected.count - 1].1 = FileChange(
                status: "R", oldPath: origin.path, path: path, oldBlob: origin.blob, newBlob: change.newBlob)
            path = origin.path
            revision = [parent]
        }
        return collected
    }

    /// The path a file was renamed from in `commit`, found with git's rename detection.
    static func renameOrigin(of path: String, in commit: String, parent: String, root: URL) throws(ReclamError) -> (
        path: String, blob: String?
    )? {
        let output = try GitHistory.run([
            "-C", root.path, "-c", "core.quotePath=false", "diff-tree", "-M", "-r", "--raw", "-z", "--no-abbrev", parent, commit,
        ])
        let changes = output.withUnsafeBytes { GitLogParser.parseRaw($0.assumingMemoryBound(to: UInt8.self)) }
        guard let rename = changes.first(where: { $0.status == "R" && $0.path == path }), let oldPath = rename.oldPath else { return nil }
        return (oldPath, rename.oldBlob)
    }

    static func entry(commit: HistoryCommit, change: FileChange, old: MarkdownDocument?, new: MarkdownDocument?) -> CaseLogEntry {
        let oldFields = fields(old)
        let newFields = fields(new)
        var changes: [CaseLogEntry.FieldChange] = []
        let names = (old?.root?.pairs?.map(\.key) ?? []) + (new?.root?.pairs?.map(\.key) ?? [])
        var seen = Set<String>()
        for name in names where seen.insert(name).inserted && name != "steps" {
            if oldFields[name] != newFields[name] { changes.append(.init(field: name, old: oldFields[name], new: newFields[name])) }
        }
        let oldStage = oldFields["stage"]
        let newStage = newFields["stage"]
        return CaseLogEntry(
            commit: commit.id, date: commit.authorDateText, author: commit.authorName, authorEmail: commit.authorEmail,
            summary: commit.summary,
            byReclam: commit.trailer("Reclam-Case") != nil, path: change.path, previousPath: change.status == "R" ? change.oldPath : nil,
            stageFrom: oldStage != newStage ? oldStage : nil, stageTo: oldStage != newStage ? newStage : nil, fields: changes,
            bodyChanged: old.map { String($0.body) } != new.map { String($0.body) } && old != nil && new != nil,
            created: change.status == "A" || (change.status == "R" && old == nil), deleted: change.status == "D")
    }

    package static func document(blob: String, repository: GitRepository) -> MarkdownDocument? {
        guard let id = ObjectID(hex: blob), let data = try? repository.blob(id) else { return nil }
        return try? MarkdownDocument.parse(data: data)
    }

    /// Top-level fields as comparable text: scalars as written, lists and mappings as JSON.
    static func fields(_ document: MarkdownDocument?) -> [String: String] {
        var out: [String: String] = [:]
        for pair in document?.root?.pairs ?? [] {
            out[pair.key] = pair.value.scalar ?? JSON.encode(JSON.value(of: pair.value), pretty: false)
        }
        return out
    }
}

/// A repository opened on another thread, then used by the thread that asked for it: a handover
/// after the opening is done (the semaphore orders it), never a shared use.
private final class RepositoryOpening: @unchecked Sendable {
    private var result: Result<GitRepository, ReclamError>?
    private let done = DispatchSemaphore(value: 0)

    init(at path: String, language: Language) {
        Thread { [self] in
            do {
                result = .success(try GitRepository.open(at: path))
            } catch {
                result = .failure(.io(Messages(language).format(.ledgerNotGit, path, "\(error)")))
            }
            done.signal()
        }.start()
    }

    func repository() throws(ReclamError) -> GitRepository {
        done.wait()
        done.signal()
        return try result!.get()
    }
}
