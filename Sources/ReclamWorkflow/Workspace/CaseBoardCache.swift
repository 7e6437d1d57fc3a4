import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// The staff workspace's `CaseBoard`, kept by `reclam serve` between requests.
///
/// Reading 100 000 case files and evaluating their SLA clocks took seconds per page. The cache
/// keeps each case's fields, and reads the ledger again when git's state or `cases/` or
/// `reclam.yml` changed (`LedgerWatch`): then it lists the case files, stats them, and re-reads
/// only those whose size, mtime or inode changed. The clocks are evaluated again when the cases
/// changed or the minute changed: a page shows them as of the current minute. A case moved at
/// the terminal or through the web is committed, so it shows at the next request; a hand edit
/// shows once it is committed (or once anything else is). A board with the bodies (a text
/// search) is read afresh every time, as before.
public final class CaseBoardCache: @unchecked Sendable {
    private let lock = NSLock()
    private let watch = LedgerWatch()
    private var state: [FileStamp?] = []
    private var files: [String: (stamp: FileStamp, item: Case?, problem: Diagnostic?)] = [:]
    private var cases: [Case] = []
    private var problems: [Diagnostic] = []
    private var pathByID: [String: String] = [:]
    private var board: (minute: Int64, board: CaseBoard)?
    /// Case files read since the cache was made, and times the clocks were evaluated (for tests).
    public private(set) var filesRead = 0
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
        let root = ledger.root.path + "/"
        let paths = try LedgerScan.scan(ledger).casePaths
        let stamps = Parallel.map(paths) { FileStamp(path: root + $0) }
        var changed: [String] = []
        var changedStamps: [FileStamp] = []
        for (path, stamp) in zip(paths, stamps) {
            guard let stamp else { continue }
            if let old = files[path], old.stamp == stamp { continue }
            changed.append(path)
            changedStamps.append(stamp)
        }
        if !changed.isEmpty || paths.count != files.count {
            let loaded = Parallel.map(changed) { path -> (Case?, Diagnostic?) in
                switch LedgerReader.readDocument(path, in: ledger) {
                case .success(let document): return (Case(path: path, document: document.fieldsOnly(keeping: nil)), nil)
                case .failure(let failure): return (nil, failure.diagnostic)
                }
            }
            filesRead += changed.count
            var next: [String: (stamp: FileStamp, item: Case?, problem: Diagnostic?)] = [:]
            next.reserveCapacity(paths.count)
            for (path, stamp) in zip(paths, stamps) {
                if let stamp, let old = files[path], old.stamp == stamp { next[path] = old }
            }
            for (index, path) in changed.enumerated() {
                next[path] = (changedStamps[index], loaded[index].0, loaded[index].1)
            }
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
            cases = list
            self.problems = problems
            pathByID = ids
        }
        // The clocks depend on the cases and on reclam.yml: evaluated again at the next board.
        board = nil
        state = now
    }
}
