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
    /// Ids found in several files: a lookup leaves them to `CaseLocator`, which refuses.
    private var duplicateIDs = Set<String>()
    /// The cases by received date, then id: the case list's default order, kept sorted.
    private var byReceived: [Case] = []
    /// Lists already filtered and sorted, for the cases of `generation` (and the minute).
    private var lists: [ListKey: (generation: Int, minute: Int64, cases: [Case])] = [:]
    private var owners: (generation: Int, names: [String])?
    /// Counts the catch-ups that changed something.
    private var generation = 0
    private var board: (minute: Int64, board: CaseBoard)?
    /// Case files read since the cache was made, and times the clocks were evaluated (for tests).
    public private(set) var filesRead = 0
    /// Case files stat-ed to find what changed (for tests: after a commit, the ones it changed).
    public private(set) var filesLooked = 0
    public private(set) var evaluations = 0
    /// Lists filtered and sorted (not taken from those kept).
    public private(set) var listsMade = 0

    public init() {}

    /// The board as of `asOf`'s minute; with `text`, read afresh with the bodies.
    public func board(_ ledger: Ledger, asOf: Date, text: Bool = false) throws(ReclamError) -> CaseBoard {
        if text { return try CaseBoard.load(ledger, asOf: asOf, text: true) }
        lock.lock()
        defer { lock.unlock() }
        return try currentBoard(ledger, asOf: asOf)
    }

    /// Called under the lock.
    private func currentBoard(_ ledger: Ledger, asOf: Date) throws(ReclamError) -> CaseBoard {
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

    /// The path of case `id` for a page about it: nil when the cache does not know the id, knows
    /// it under several files (`CaseLocator` then refuses, naming them), or the file is no
    /// longer there (a move by hand not committed yet): the caller then asks `CaseLocator`,
    /// which scans the learner folders (136–247 ms at 100 000 cases).
    public func locate(_ id: String, _ ledger: Ledger) throws(ReclamError) -> String? {
        lock.lock()
        defer { lock.unlock() }
        try refreshIfChanged(ledger)
        guard !duplicateIDs.contains(id), let path = pathByID[id] else { return nil }
        var info = stat()
        guard lstat(ledger.root.path + "/" + path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return path
    }

    /// `board.filtered(filter, sort:, descending:)` with the board, the order kept between
    /// requests: the default order (by received date) is kept sorted as cases change, the others
    /// are kept until the cases (or, when they depend on the clocks, the minute) change. A text
    /// search reads the bodies afresh, as `board(_:asOf:text:)` does.
    public func list(
        _ ledger: Ledger, asOf: Date, filter: CaseBoard.Filter, sort: CaseBoard.SortKey, descending: Bool
    ) throws(ReclamError) -> (board: CaseBoard, cases: [Case]) {
        if filter.text != nil {
            let board = try board(ledger, asOf: asOf, text: true)
            return (board, board.filtered(filter, sort: sort, descending: descending))
        }
        lock.lock()
        defer { lock.unlock() }
        let board = try currentBoard(ledger, asOf: asOf)
        let minute = self.board?.minute ?? 0
        let clocks = filter.overdue || filter.sla != nil || sort == .deadline
        let key = ListKey(
            stage: filter.stage, owner: filter.owner, learner: filter.learner, openOnly: filter.openOnly, overdue: filter.overdue,
            sla: filter.sla, sort: sort, descending: descending)
        if let kept = lists[key], kept.generation == generation, !clocks || kept.minute == minute { return (board, kept.cases) }
        var found: [Case]
        if sort == .received {
            let matches = board.matcher(filter)
            let plain = filter.stage == nil && filter.owner == nil && filter.learner == nil && !filter.openOnly && !clocks
            found = plain ? byReceived : byReceived.filter(matches)
            if descending { found.reverse() }
        } else {
            found = board.filtered(filter, sort: sort, descending: descending)
        }
        if lists.count >= 16 { lists.removeAll() }
        lists[key] = (generation, minute, found)
        listsMade += 1
        return (board, found)
    }

    /// The owners named by the cases, sorted (the list's filter offers them).
    public func owners(_ ledger: Ledger) throws(ReclamError) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        try refreshIfChanged(ledger)
        if let owners, owners.generation == generation { return owners.names }
        let names = Set(cases.compactMap(\.owner)).sorted()
        owners = (generation, names)
        return names
    }

    private struct ListKey: Hashable {
        var stage, owner, learner: String?
        var openOnly, overdue: Bool
        var sla: SLAState?
        var sort: CaseBoard.SortKey
        var descending: Bool
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
        // The clocks depend on the cases and on reclam.yml: evaluated again at the next board.
        // Dropped first, so that the arrays below are changed in place rather than copied.
        board = nil
        lists.removeAll()
        generation += 1
        if let removed = update.removed, !files.isEmpty {
            patch(removed: removed, changed: zip(update.changed, loaded).map { ($0.path, $0.stamp, $1.0, $1.1) })
            orderedPaths = update.paths
        } else {
            rebuild(paths: update.paths, changed: zip(update.changed, loaded).map { ($0.path, $0.stamp, $1.0, $1.1) })
        }
        state = now
    }

    private typealias Read = (path: String, stamp: FileStamp, item: Case?, problem: Diagnostic?)

    /// Everything again, from the paths in LedgerScan's order.
    private func rebuild(paths: [String], changed: [Read]) {
        var next: [String: (stamp: FileStamp, item: Case?, problem: Diagnostic?)] = [:]
        next.reserveCapacity(paths.count)
        for path in paths { next[path] = files[path] }
        for read in changed { next[read.path] = (read.stamp, read.item, read.problem) }
        var list: [Case] = []
        var problems: [Diagnostic] = []
        var ids: [String: String] = [:]
        var duplicates = Set<String>()
        list.reserveCapacity(paths.count)
        for path in paths {
            guard let entry = next[path] else { continue }
            if let item = entry.item {
                list.append(item)
                let id = PathParts.id(path)
                if ids[id] == nil { ids[id] = path } else { duplicates.insert(id) }
            }
            if let problem = entry.problem { problems.append(problem) }
        }
        files = next
        orderedPaths = paths
        cases = list
        self.problems = problems
        pathByID = ids
        duplicateIDs = duplicates
        byReceived = list.sorted(by: Self.receivedFirst)
    }

    /// After a commit: the files it removed and those read again, changed in place (copying
    /// the tables of 100 000 entries took most of the catch-up's time).
    private func patch(removed: Set<String>, changed: [Read]) {
        var touched = removed
        for read in changed { touched.insert(read.path) }
        for path in removed {
            files[path] = nil
            let id = PathParts.id(path)
            if pathByID[id] == path { pathByID[id] = nil }
        }
        cases.removeAll { touched.contains($0.path) }
        byReceived.removeAll { touched.contains($0.path) }
        var problemsChanged = problems.contains { touched.contains($0.file) }
        for read in changed {
            files[read.path] = (read.stamp, read.item, read.problem)
            if read.problem != nil { problemsChanged = true }
            let id = PathParts.id(read.path)
            guard let item = read.item else {
                if pathByID[id] == read.path { pathByID[id] = nil }
                continue
            }
            if let known = pathByID[id], known != read.path, files[known]?.item != nil {
                duplicateIDs.insert(id)
            } else {
                pathByID[id] = read.path
            }
            cases.insert(item, at: Self.insertion(of: item, in: cases) { LedgerWatch.inScanOrder($0.path, $1.path) })
            byReceived.insert(item, at: Self.insertion(of: item, in: byReceived, by: Self.receivedFirst))
        }
        if problemsChanged {
            // In LedgerScan's order, as a full read lists them.
            let paths = files.compactMap { $0.value.problem == nil ? nil : $0.key }.sorted(by: LedgerWatch.inScanOrder)
            problems = paths.compactMap { files[$0]?.problem }
        }
    }

    /// Where `item` goes in `list`, sorted by `before`: after the items that come before it.
    private static func insertion(of item: Case, in list: [Case], by before: (Case, Case) -> Bool) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if before(list[middle], item) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// `CaseBoard.filtered`'s default order: received date, then id.
    private static func receivedFirst(_ a: Case, _ b: Case) -> Bool {
        (a.receivedText ?? "", a.id) < (b.receivedText ?? "", b.id)
    }
}
