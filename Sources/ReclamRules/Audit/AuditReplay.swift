import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

/// What the audit needs of a case file's version when it becomes the old side of the file's
/// next change: a few scalars rather than the document, so that the state kept for a ledger's
/// every file stays small.
struct AuditedVersion {
    var id: String?
    var received: String?
    /// As `Case.stage` reads it.
    var stage: String
    var stepCount: Int

    init(_ document: MarkdownDocument) {
        id = document.string("id")
        received = document.string("received")
        stage = document.string("stage") ?? ""
        stepCount = document["steps"]?.items?.count ?? 0
    }
}

/// `reclam audit` over the commits as they come from git, in batches.
///
/// Each case file's latest version is remembered with its blob id, so that the new version
/// parsed for one change serves as the old version of the next change of that file: every
/// blob is parsed once rather than twice. The blob id check keeps this exact when the order of
/// the log does not chain a file's versions (merged branches, `--since`): the old version is
/// then parsed from its blob. A batch's blobs are parsed in parallel; the findings are made in
/// the log's order.
struct AuditReplay {
    let audit: Audit
    let repository: GitRepository
    private(set) var findings: [Diagnostic] = []
    /// Per path, the blob of the file's latest version and what was kept of it.
    private var files: [String: (blob: String, version: AuditedVersion?)] = [:]

    init(audit: Audit, repository: GitRepository) {
        self.audit = audit
        self.repository = repository
    }

    mutating func add(_ commits: [HistoryCommit]) {
        let documents = parse(blobsToParse(commits))
        for commit in commits {
            let found = audit.check(
                commit,
                old: { change in oldVersion(change, documents) },
                new: { change in change.newBlob.flatMap { documents[$0] ?? parseBlob($0) } })
            findings += found
            if commit.parents.count > 1 {
                let merge = mergeFindings(commit, documents)
                findings +=
                    audit.acceptances?[commit.id].map { acceptance in merge.map { acceptance.accepted($0, audit.messages) } } ?? merge
            }
            for change in commit.changes where Audit.isAudited(change) {
                for (path, blob) in Self.effects(of: change) {
                    if let blob {
                        files[path] = (blob, (documents[blob] ?? parseBlob(blob)).map(AuditedVersion.init))
                    } else {
                        files[path] = nil
                    }
                }
            }
        }
    }

    /// The previous version of the file a change modifies: remembered when its blob is the
    /// file's latest known one, parsed otherwise.
    func oldVersion(_ change: FileChange, _ documents: [String: MarkdownDocument?]) -> AuditedVersion? {
        guard let blob = change.oldBlob else { return nil }
        if let known = files[change.oldPath ?? change.path], known.blob == blob { return known.version }
        return (documents[blob] ?? parseBlob(blob)).map(AuditedVersion.init)
    }

    /// The blobs the batch needs parsed, found by replaying its changes on the files' blob ids
    /// as `add` will.
    func blobsToParse(_ commits: [HistoryCommit]) -> [String] {
        var blobs: [String] = []
        var seen = Set<String>()
        var latest: [String: String?] = [:]
        func want(_ blob: String) { if seen.insert(blob).inserted { blobs.append(blob) } }
        for commit in commits {
            for change in commit.changes where Audit.isAudited(change) {
                guard change.status != "D" else {
                    latest[change.path] = .some(nil)
                    continue
                }
                if let old = change.oldBlob {
                    let path = change.oldPath ?? change.path
                    let known = latest[path] ?? files[path]?.blob
                    if known != old { want(old) }
                }
                if let new = change.newBlob { want(new) }
                for (path, blob) in Self.effects(of: change) { latest[path] = .some(blob) }
            }
        }
        return blobs
    }

    /// The files a change leaves behind: path and new blob, or nil where a file went away.
    static func effects(of change: FileChange) -> [(path: String, blob: String?)] {
        switch change.status {
        case "D": return [(change.path, nil)]
        case "R": return [(change.oldPath ?? change.path, nil), (change.path, change.newBlob)]
        default: return [(change.path, change.newBlob)]
        }
    }

    /// Blobs are read on this thread (a `GitRepository` is not shared) and parsed in parallel.
    func parse(_ blobs: [String]) -> [String: MarkdownDocument?] {
        let data = blobs.map { blob in ObjectID(hex: blob).flatMap { try? repository.blob($0) } }
        let parsed = Parallel.map(data) { data in data.flatMap { try? MarkdownDocument.parse(data: $0) } }
        var documents: [String: MarkdownDocument?] = [:]
        documents.reserveCapacity(blobs.count)
        for (blob, document) in zip(blobs, parsed) { documents[blob] = .some(document) }
        return documents
    }

    /// A blob the batch did not plan for; kept for safety, the plan covers every change.
    func parseBlob(_ blob: String) -> MarkdownDocument? {
        CaseLog.document(blob: blob, repository: repository)
    }
}
