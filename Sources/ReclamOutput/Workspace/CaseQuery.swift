import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamRules

/// The cases of a ledger with their SLA clocks, read once for a page of the staff workspace
/// (or any front end): the filters of `reclam list` and more, sorting and paging.
public struct CaseBoard: Sendable {
    public var cases: [Case]
    public var clocks: [String: [SLAResult]]
    public var unreadable: [Diagnostic]
    public var procedure: Procedure

    /// - Parameter text: keep the bodies (for a text search); the front matter is always read.
    public static func load(_ ledger: Ledger, asOf: Date, text: Bool = false) throws(ReclamError) -> CaseBoard {
        let paths = try LedgerScan.scan(ledger).casePaths
        let (cases, problems) = LedgerReader.cases(paths, in: ledger, text: text)
        return make(cases, config: ledger.config, asOf: asOf, unreadable: problems)
    }

    /// The board of cases already read, their clocks evaluated as of `asOf`.
    public static func make(_ cases: [Case], config: LedgerConfig, asOf: Date, unreadable problems: [Diagnostic] = []) -> CaseBoard {
        var clocks: [String: [SLAResult]] = [:]
        if config.deadlineErrors.isEmpty {
            let report = SLAEvaluator.evaluate(
                cases, procedure: config.procedure, calendar: config.calendar, rules: config.slaRules, asOf: asOf)
            for result in report.results { clocks[result.caseID, default: []].append(result) }
        }
        return CaseBoard(cases: cases, clocks: clocks, unreadable: problems, procedure: config.procedure)
    }

    public func isOpen(_ item: Case) -> Bool { procedure.stage(item.stage)?.terminal != true }

    /// The case's SLA clocks that still run, nearest deadline first.
    public func openClocks(_ item: Case) -> [SLAResult] {
        (clocks[item.id] ?? []).filter(\.isOpen).sorted { $0.due < $1.due }
    }

    /// The nearest deadline of a clock still running (not paused), if any.
    public func nextDeadline(_ item: Case) -> Date? { openClocks(item).first { $0.state != .paused }?.due }

    /// Counts of open clocks by state: breached, at risk, running, paused.
    public func slaCounts() -> [SLAState: Int] {
        var counts: [SLAState: Int] = [:]
        for results in clocks.values { for result in results where result.isOpen { counts[result.state, default: 0] += 1 } }
        return counts
    }

    /// What each person must do: open cases per owner (unassigned under ""), each list
    /// oldest deadline first, the owners in the order of their most urgent case.
    public func agenda() -> [(owner: String, cases: [Case])] {
        var groups: [String: [(due: Date, item: Case)]] = [:]
        for item in cases where isOpen(item) {
            groups[item.owner ?? "", default: []].append((nextDeadline(item) ?? .distantFuture, item))
        }
        return groups.map { owner, list in
            (owner, list.sorted { ($0.due, $0.item.id) < ($1.due, $1.item.id) })
        }
        .sorted { ($0.1.first?.due ?? .distantFuture, $0.0) < ($1.1.first?.due ?? .distantFuture, $1.0) }
        .map { (owner: $0.0, cases: $0.1.map(\.item)) }
    }

    /// The newest cases that came in by the web form or by email, newest first.
    public func newestIntakes(limit: Int = 10) -> [Case] {
        cases.filter { $0.channel == "web" || $0.channel == "email" }
            .map { (received: $0.receivedText ?? "", item: $0) }
            .sorted { ($0.received, $0.item.id) > ($1.received, $1.item.id) }
            .prefix(limit).map(\.item)
    }

    public struct Filter: Sendable {
        public var stage: String?
        public var owner: String?
        public var learner: String?
        public var openOnly = false
        public var overdue = false
        /// Only cases with an open clock in this state.
        public var sla: SLAState?
        /// Words searched in the title and body, case and accent insensitive.
        public var text: String?
        public init() {}
    }

    public enum SortKey: String, Sendable, CaseIterable {
        case received, id, stage, owner, title, deadline
    }

    public func filtered(_ filter: Filter, sort: SortKey = .received, descending: Bool = false) -> [Case] {
        let matches = cases.filter(matcher(filter))
        let keyed: [(key: String, id: String, item: Case)] = matches.map { ($0.sortKey(sort, board: self), $0.id, $0) }
        let sorted = keyed.sorted { ($0.key, $0.id) < ($1.key, $1.id) }.map(\.item)
        return descending ? sorted.reversed() : sorted
    }

    /// Whether a case passes `filter`, as `filtered` takes it.
    public func matcher(_ filter: Filter) -> (Case) -> Bool {
        let words = (filter.text ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        return { item in
            if let stage = filter.stage, item.stage != stage { return false }
            if let owner = filter.owner, (item.owner ?? "") != owner { return false }
            if let learner = filter.learner, item.learner != learner { return false }
            if filter.openOnly && !isOpen(item) { return false }
            if filter.overdue && !(clocks[item.id] ?? []).contains(where: { $0.state == .breached }) { return false }
            if let sla = filter.sla, !(clocks[item.id] ?? []).contains(where: { $0.state == sla }) { return false }
            if !words.isEmpty {
                let haystack = item.title + "\n" + String(item.document.body)
                for word in words where haystack.range(of: word, options: [.caseInsensitive, .diacriticInsensitive]) == nil {
                    return false
                }
            }
            return true
        }
    }
}

extension Case {
    /// What `CaseBoard.filtered` sorts by (then by id).
    public func sortKey(_ sort: CaseBoard.SortKey, board: CaseBoard) -> String {
        switch sort {
        case .received: return receivedText ?? ""
        case .id: return id
        case .stage: return String(board.procedure.stages.firstIndex { $0.id == stage } ?? 999).leftPadded(to: 4)
        case .owner: return owner ?? ""
        case .title: return title.lowercased()
        case .deadline: return board.nextDeadline(self).map { String(Int64($0.timeIntervalSince1970)).leftPadded(to: 14) } ?? "~"
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
