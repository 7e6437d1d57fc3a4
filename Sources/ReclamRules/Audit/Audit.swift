import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger

/// `reclam audit`: replays the history of the case files and reports what the procedure does
/// not allow, whether the commit was made by reclam or by hand.
public struct Audit: Sendable {
    public var ledger: Ledger
    /// How far before its commit a step may be dated before it counts as backdating.
    public var backdatingTolerance: TimeInterval
    /// Reviewed commits (`reclam audit accept`), by commit id: their findings are notes.
    /// Read from the history by `run` when nil.
    public var acceptances: [String: AuditAcceptance]?

    public init(ledger: Ledger) {
        self.ledger = ledger
        var tolerance: TimeInterval = 2 * 86400
        if let text = ledger.config.root?["audit"]?["backdating_tolerance"]?.scalar, let duration = try? SLADuration.parse(text) {
            tolerance = TimeInterval(duration.amount) * (duration.unit == .hours || duration.unit == .businessHours ? 3600 : 86400)
        }
        backdatingTolerance = tolerance
    }

    /// The last commit a clean audit covered, kept in `.git/reclam-audit-checkpoint`: tool
    /// state beside the repository, not history, so it is written as a plain file.
    public func checkpointURL() throws(ReclamError) -> URL {
        do {
            return URL(fileURLWithPath: try GitRepository.open(at: ledger.root.path).gitDirectory).appendingPathComponent(
                "reclam-audit-checkpoint")
        } catch {
            throw .io(messages.format(.ledgerNotGit, ledger.root.path, "\(error)"))
        }
    }

    /// Audits only what came after the checkpoint (everything when there is none, or when the
    /// checkpoint is no longer in the branch's history), and moves the checkpoint to HEAD when
    /// the result has no error.
    public func runIncremental() throws(ReclamError) -> (findings: [Diagnostic], since: String?) {
        let url = try checkpointURL()
        var since = (try? String(contentsOf: url, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let commit = since {
            let ancestor = try? GitHistory.run(["-C", ledger.root.path, "merge-base", "--is-ancestor", commit, "HEAD"])
            if ancestor == nil || ObjectID(hex: commit) == nil { since = nil }
        }
        let findings = try run(since: since)
        if !findings.hasErrors, let head = try? GitRepository.open(at: ledger.root.path).tipCommitID() {
            try? Data((head.hex + "\n").utf8).write(to: url, options: .atomic)
        }
        return (findings, since)
    }

    static let packWindow = 16 << 20
    static let packMapped = 64 << 20
    /// git keeps up to 96 MB of delta bases by default. A third of that still holds some 25
    /// versions of the cases tree of a 100 000-case ledger, enough for the delta chains the log
    /// walks; measured at that ratio on 10 000 cases (3 MB), git took 3 % longer.
    static let deltaBaseCache = 32 << 20
    /// Below this many commits per git process, git is not what an audit waits for.
    static let commitsPerPart = 10_000

    public func run(since: String? = nil) throws(ReclamError) -> [Diagnostic] {
        try run(since: since, parts: ProcessInfo.processInfo.activeProcessorCount, commitsPerPart: Self.commitsPerPart)
    }

    /// `parts` git processes at most, each with `commitsPerPart` commits at least.
    func run(since: String?, parts: Int, commitsPerPart: Int) throws(ReclamError) -> [Diagnostic] {
        // Opened first: without a repository, the acceptances' `git log` would fail in git's words.
        let repository: GitRepository
        do { repository = try GitRepository.open(at: ledger.root.path) } catch {
            throw .io(messages.format(.ledgerNotGit, ledger.root.path, "\(error)"))
        }
        if acceptances == nil {
            var audit = self
            audit.acceptances = try AuditAcceptance.all(in: ledger.root)
            return try audit.run(since: since, parts: parts, commitsPerPart: commitsPerPart)
        }
        // The replay reads trees (git) and blobs (libgit2) from all over the pack, and both keep
        // what they read mapped (by default up to 8 GB in libgit2, unbounded in git): the pages
        // count in the resident size, up to the whole pack (2.9 GB for 100 000 cases). Smaller
        // windows and a limit cost a few more mmap calls. libgit2's setting is the process's;
        // an audit is the last thing a process does with the repository.
        GitRepository.limitPackMapping(window: Self.packWindow, mapped: Self.packMapped)
        guard let ranges = HistorySplit.ranges(in: ledger.root, since: since, parts: parts, minimum: commitsPerPart) else {
            return try replay(since.map { ["\($0)..HEAD"] } ?? [], linear: false, repository: repository) + uncommitted()
        }
        if ranges.count == 1 { return try replay(ranges, linear: true, repository: repository) + uncommitted() }
        // Each range is replayed on its own thread, with its own git process and libgit2 handle;
        // a range's first change to a file parses the old version, the previous range's state
        // being elsewhere. The findings are put back in the history's order.
        let results = RangeResults(count: ranges.count)
        for (index, range) in ranges.enumerated().dropFirst() {
            Thread { [self] in
                results.set(
                    index,
                    Result { () throws(ReclamError) in
                        let repository: GitRepository
                        do { repository = try GitRepository.open(at: ledger.root.path) } catch {
                            throw .io(messages.format(.ledgerNotGit, ledger.root.path, "\(error)"))
                        }
                        return try replay([range], linear: true, repository: repository)
                    })
            }.start()
        }
        results.set(0, Result { () throws(ReclamError) in try replay([ranges[0]], linear: true, repository: repository) })
        var findings: [Diagnostic] = []
        for result in results.all() { findings += try result.get() }
        return findings + uncommitted()
    }

    /// The findings of the commits of `revisions` that touched the case files, oldest first.
    /// `linear` when the revisions have no merge: git then needs neither to order the commits by
    /// date nor to diff merges.
    /// With merges, every commit of every branch is listed (`--relative` lists all commits, where
    /// a path limit would hide a branch whose changes a merge dropped), parents before children
    /// and otherwise by date, each merge with its changes against its first parent
    /// (`AuditMerge` judges it).
    func replay(_ revisions: [String], linear: Bool, repository: GitRepository) throws(ReclamError) -> [Diagnostic] {
        var replay = AuditReplay(audit: self, repository: repository)
        try GitHistory.forEachBatch(
            in: ledger.root,
            arguments: ["--reverse", "-M"] + (linear ? [] : ["--date-order", "--diff-merges=first-parent"]) + revisions, paths: [],
            relativeTo: Ledger.casesFolder,
            configuration: [
                "core.packedGitWindowSize=\(Self.packWindow)", "core.packedGitLimit=\(Self.packMapped)",
                "core.deltaBaseCacheLimit=\(Self.deltaBaseCache)",
            ]
        ) { replay.add($0) }
        return replay.findings
    }

    /// The findings of one commit. `old` gives what the audit kept of a change's previous
    /// version (nil when there was none or it did not parse), `new` the parsed new version.
    func check(
        _ commit: HistoryCommit, old: (FileChange) -> AuditedVersion?, new: (FileChange) -> MarkdownDocument?
    ) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let messages = self.messages
        let label = Audit.label(commit, messages)
        if Trim.whitespaces(Substring(commit.authorName)).isEmpty || !commit.authorEmail.contains("@") {
            out.append(
                Diagnostic(
                    .auditNoIdentity, messages.format(.auditNoIdentity, label),
                    file: commit.changes.first?.path ?? Ledger.casesFolder))
        }
        for change in commit.changes where Audit.isAudited(change) {
            func report(_ rule: Rule, _ message: String) {
                out.append(Diagnostic(rule, "\(label): \(message)", file: change.path))
            }
            if change.status == "D" {
                report(.auditCaseDeleted, messages[.auditDeleted])
                continue
            }
            guard let new = new(change) else { continue }
            let newCase = Case(path: change.path, document: new)
            if let old = old(change) {
                for (field, before) in [("id", old.id), ("received", old.received)] where before != nil && before != new.string(field) {
                    report(
                        .auditIdentityRewritten, messages.format(.auditRewrote, field, before ?? "", new.string(field) ?? messages[.none]))
                }
                // A merge's steps came from its branches: `AuditMerge` judges them as one history.
                guard commit.parents.count < 2 else { continue }
                out += checkStage(from: old.stage, to: newCase, label: label, path: change.path)
                out += checkSteps(
                    oldStepCount: old.stepCount, new: newCase, committedAt: commit.authorDate, label: label, path: change.path)
            } else if commit.parents.count < 2 {
                out += checkSteps(oldStepCount: nil, new: newCase, committedAt: commit.authorDate, label: label, path: change.path)
            }
        }
        if let acceptance = acceptances?[commit.id] { return out.map { acceptance.accepted($0, messages) } }
        return out
    }

    /// The findings of one commit of the branch (none when it touched no case file).
    public func findings(ofCommit commit: String) throws(ReclamError) -> [Diagnostic] {
        let repository: GitRepository
        do { repository = try GitRepository.open(at: ledger.root.path) } catch {
            throw .io(messages.format(.ledgerNotGit, ledger.root.path, "\(error)"))
        }
        var audit = self
        audit.acceptances = [:]
        return try audit.replay(["--no-walk", commit], linear: false, repository: repository)
    }

    static func isAudited(_ change: FileChange) -> Bool {
        isCaseFile(change.path) || (change.oldPath.map(isCaseFile) ?? false)
    }

    static func isCaseFile(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return parts.count == 3 && parts[0] == Substring(Ledger.casesFolder) && parts[2].hasSuffix(".md")
            && parts[2] != Substring(Ledger.learnerFile)
    }

    func checkStage(from oldStage: String, to new: Case, label: String, path: String) -> [Diagnostic] {
        let procedure = ledger.config.procedure
        guard oldStage != new.stage else { return [] }
        var out: [Diagnostic] = []
        if procedure.transition(from: oldStage, to: new.stage, fields: { new.field($0) }) == nil {
            let allowed = procedure.transitions(from: oldStage, fields: { new.field($0) }).map(\.to)
            let allowedText = allowed.isEmpty ? messages[.auditNoneAllowed] : allowed.map(stageName).joined(separator: ", ")
            out.append(
                Diagnostic(
                    .auditIllegalTransition,
                    "\(label): " + messages.format(.auditIllegal, new.id, stageName(oldStage), stageName(new.stage), allowedText),
                    file: path))
        }
        for requirement in procedure.requirements(of: new.stage) where new.document[requirement.field] == nil {
            out.append(
                Diagnostic(
                    .auditMissingField, "\(label): " + messages.format(.auditMissingField, new.id, stageName(new.stage), requirement.field),
                    file: path))
        }
        return out
    }

    package func checkSteps(old: Case?, new: Case, committedAt: Date?, label: String, path: String) -> [Diagnostic] {
        checkSteps(oldStepCount: old?.steps.count, new: new, committedAt: committedAt, label: label, path: path)
    }

    /// `oldStepCount` is nil when the file is new (or its previous version did not parse).
    func checkSteps(oldStepCount: Int?, new: Case, committedAt: Date?, label: String, path: String) -> [Diagnostic] {
        let oldCount = oldStepCount ?? 0
        let steps = new.steps
        guard steps.count > oldCount else { return [] }
        var out: [Diagnostic] = []
        var previous = oldCount > 0 ? steps[oldCount - 1].at : new.received
        for step in steps[oldCount...] {
            guard let at = step.at else { continue }
            if let previous, at < previous {
                out.append(
                    Diagnostic(
                        .auditStepOrder, "\(label): " + messages.format(.auditStepOrder, stageName(step.stage), step.atText ?? ""),
                        file: path))
            }
            // A file created with its steps is an import of an earlier register: its history
            // predates the ledger. Backdating is a step added later to an existing case.
            if oldStepCount != nil, let committed = committedAt, committed.timeIntervalSince(at) > backdatingTolerance {
                let days = Int(committed.timeIntervalSince(at) / 86400)
                out.append(
                    Diagnostic(
                        .auditBackdated,
                        "\(label): " + messages.format(.auditBackdated, stageName(step.stage), step.atText ?? "", String(days)),
                        file: path))
            }
            previous = at
        }
        return out
    }

    /// The words of the findings, in the ledger's language.
    var messages: Messages { Messages(ledger.config.language) }

    /// A stage as a finding names it: its label in a French ledger, its id otherwise.
    func stageName(_ id: String) -> String {
        ledger.config.language == .fr ? ledger.config.procedure.stage(id)?.label(.fr) ?? id : id
    }

    /// Uncommitted case files are outside the audit trail until someone commits them.
    func uncommitted() -> [Diagnostic] {
        guard
            let output = try? GitHistory.run([
                "-C", ledger.root.path, "-c", "core.quotePath=false", "status", "--porcelain", "-z", "--", Ledger.casesFolder,
            ])
        else { return [] }
        let entries = String(decoding: output, as: UTF8.self).split(separator: "\0")
        return entries.compactMap { entry in
            guard entry.count > 3 else { return nil }
            let status = entry.prefix(2)
            let path = String(entry.dropFirst(3))
            return Diagnostic(
                .auditUncommitted,
                messages.format(.auditUncommitted, status.trimmingCharacters(in: .whitespaces)), file: path)
        }
    }
}

/// Each range's result is set once, by its own thread; `all()` waits for every one.
private final class RangeResults: @unchecked Sendable {
    private var results: [Result<[Diagnostic], ReclamError>?]
    private let lock = NSLock()
    private let done: DispatchSemaphore

    init(count: Int) {
        results = Array(repeating: nil, count: count)
        done = DispatchSemaphore(value: 0)
    }

    func set(_ index: Int, _ result: Result<[Diagnostic], ReclamError>) {
        lock.withLock { results[index] = result }
        done.signal()
    }

    func all() -> [Result<[Diagnostic], ReclamError>] {
        for _ in results.indices { done.wait() }
        return lock.withLock { results.map { $0! } }
    }
}
