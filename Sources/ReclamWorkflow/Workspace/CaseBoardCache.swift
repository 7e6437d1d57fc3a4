import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// The staff workspace's `CaseBoard`, kept by `reclam serve` between requests.
///
/// Reading 100 000 case files and evaluating their SLA clocks took seconds per page. The cache
/// keeps each case's fields, and catches up when git's state or `cases/` or `reclam.yml`
/// changed (`LedgerWatch.catchUp`: after a commit, the files git says it changed; otherwise
/// every file, stat-ed, and those whose size, mtime or inode changed read again). The clocks
/// are evaluated again when the cases changed or the minute changed: a page shows them as of
/// the current minute. A case moved at the terminal or through the web is committed, so it
/// shows at the next request; a hand edit shows once it is committed. A board with the bodies
/// (a text search) is read afresh every time, as before.
public final class CaseBoardCache: @unchecked Sendable {
    private let lock = NSLock()
    private let watch = LedgerWatch()
    private var state: [FileStamp?] = []
    private var files: [String: (stamp: FileStamp, item: Case?, problem: Diagnostic?)] = [:]
    /// The case paths in LedgerScan's order (the order the board lists them in).
    private var orderedPaths: [String] = []
    private var cases: [Case] = []
    private var problems: [Diagnostic] = []
    private var pathByID: [String: String] = [:]
    private var board: (minute: Int64, board: CaseBoard)?
    /// Case files read since the cache was made, and times the clocks were evaluated (for tests).
    public private(set) var filesRead = 0
    /// Case files stat-ed to find what changed (for tests: after a commit, the ones it changed).
    public private(set) var filesLooked = 0
    public private(set) var evaluations = 0

    public init() {}

    /// The board as of `asOf`'s minute; with `text`, read afresh with the bodies.
    public func board(_ ledger: Ledger, asOf: Date, text: Bool = false) throws(ReclamError) -> CaseBoard {
        if text { return try CaseBoard.load(ledger, asOf: asOf, text: true) }
        lock.lock()
        defer { lock.unlock() }
        try refreshIfChanged(ledger)
        let minute = Int64((asOf.timeIntervalSince1970 / 60).rounded(.down))
        if let board, board.minute == minute { return board.board }
        let at = Date(timeIntervalSince1970: Double(minute) * 60)
        let made = CaseBoard.make(cases, config: ledger.config, asOf: at, unreadable: problems)
        evaluations += 1
        board = (minute, made)
        return made
    }

    /// The path of case `id` as the cache knows it, when the ledger has not changed since.
    public func path(of id: String, _ ledger: Ledger) throws(ReclamError) -> String? {
        lock.lock()
        defer { lock.unlock() }
        try refreshIfChanged(ledger)
        return pathByID[id]
    }

    private func refreshIfChanged(_ ledger: Ledger) throws(ReclamError) {
        let now = watch.state(ledger)
        guard now != state || files.isEmpty else { return }
        let update = try watch.catchUp(ledger, from: orderedPaths) { files[$0]?.stamp }
        filesLooked += update.looked
        let loaded = Parallel.map(update.changed) { entry -> (Case?, Diagnostic?) in
            switch LedgerReader.readDocument(entry.path, in: ledger) {
            case .success(let document): return (Case(path: entry.path, document: document.fieldsOnly(keeping: nil)), nil)
            case .failure(let failure): return (nil, failure.diagnostic)
            }
        }
        filesRead += update.changed.count
        var next: [String: (stamp: FileStamp, item: Case?, problem: Diagnostic?)] = [:]
        next.reserveCapacity(update.paths.count)
        for path in update.paths { next[path] = files[path] }
        for (entry, read) in zip(update.changed, loaded) { next[entry.path] = (entry.stamp, read.0, read.1) }
        let paths = update.paths
        var list: [Case] = []
        var problems: [Diagnostic] = []
        var ids: [String: String] = [:]
        list.reserveCapacity(paths.count)
        for path in paths {
            guard let entry = next[path] else { continue }
            if let item = entry.item {
                list.append(item)
                if ids[PathParts.id(path)] == nil { ids[PathParts.id(path)] = path }
            }
            if let problem = entry.problem { problems.append(problem) }
        }
        files = next
        orderedPaths = paths
        cases = list
        self.problems = problems
        pathByID = ids
        // The clocks depend on the cases and on reclam.yml: evaluated again at the next board.
        board = nil
        state = now
    }
}
