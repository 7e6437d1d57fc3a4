import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamRules

/// Everything a page about one case shows, read in one go: the case, the version of its file
/// (what an edit form carries, to refuse a change made from a stale page), its attachments,
/// linked actions, timeline, SLA clocks and the moves allowed from its stage.
public struct CaseView: Sendable {
    public var item: Case
    public var version: String
    public var attachments: [String]
    public var actions: [Action]
    public var log: [CaseLogEntry]
    public var clocks: [SLAResult]
    public var transitions: [Transition]
    public var procedure: Procedure

    /// - Parameters:
    ///   - board: the server's cache, which knows where the case is without scanning the folders.
    ///   - timeline: false for a view that does not show the timeline (a move being made).
    ///   - index: the server's timeline index (`CaseTimelineIndex`), used when it can answer.
    public static func load(
        _ id: String, ledger: Ledger, asOf: Date, board: CaseBoardCache? = nil, timeline: Bool = true,
        index: CaseTimelineIndex? = nil
    ) throws(ReclamError) -> CaseView {
        let item = try locate(id, ledger: ledger, board: board)
        let data = try? Data(contentsOf: ledger.root.appendingPathComponent(item.path))
        let folder = ledger.root.appendingPathComponent(attachmentFolder(item))
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let attachments = names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }.sorted()
        let config = ledger.config
        var clocks: [SLAResult] = []
        if config.deadlineErrors.isEmpty {
            clocks =
                SLAEvaluator.evaluate(
                    [item], procedure: config.procedure, calendar: config.calendar, rules: config.slaRules, asOf: asOf
                ).results
        }
        var log: [CaseLogEntry] = []
        if timeline {
            if let index {
                log = (try? CaseLog.entries(at: item.path, in: ledger, index: index)) ?? []
            } else {
                log = (try? CaseLog.entries(for: item.id, in: ledger)) ?? []
            }
        }
        return CaseView(
            item: item, version: version(of: data), attachments: attachments, actions: ActionStore.load(ledger).actions(for: item.id),
            log: log, clocks: clocks, transitions: config.procedure.transitions(from: item.stage, fields: { item.field($0) }),
            procedure: config.procedure)
    }

    /// The case, found by the board's cache when it knows it, by `CaseLocator` otherwise.
    static func locate(_ id: String, ledger: Ledger, board: CaseBoardCache?) throws(ReclamError) -> Case {
        guard let board, Identifier.problem(id) == nil, let path = try board.locate(id, ledger) else {
            return try CaseLocator.load(id, in: ledger)
        }
        switch LedgerReader.readDocument(path, in: ledger) {
        case .success(let document): return Case(path: path, document: document)
        case .failure: return try CaseLocator.load(id, in: ledger)  // its refusal names the problem
        }
    }

    /// The SHA-256 of the file's bytes: two pages made from the same file carry the same version.
    public static func version(of data: Data?) -> String { data.map { IntakeHash.sha256($0) } ?? "" }

    /// `cases/<learner>/<id>/`, where a case's attachments are stored.
    public static func attachmentFolder(_ item: Case) -> String {
        item.path.hasSuffix(".md") ? String(item.path.dropLast(3)) : item.path + ".d"
    }

    /// The fields a move's form asks for: those the target stage requires, in order.
    public func requirements(of transition: Transition) -> [FieldRequirement] {
        procedure.requirements(of: transition.to)
    }
}
