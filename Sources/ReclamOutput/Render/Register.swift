import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamRules

/// The complaints register an auditor asks for (Qualiopi indicator 31): one row per case.
public struct Register: Sendable {
    public struct Row: Sendable {
        public var id: String
        public var received: String
        public var learner: String
        public var channel: String
        public var complainant: String
        public var category: String
        public var summary: String
        public var actions: String
        public var responseDate: String
        public var stage: String
        public var closureDate: String
    }

    public var rows: [Row]
    public var language: Language
    /// Case files that could not be read, left out of the register.
    public var unreadable: [Diagnostic] = []

    public static func build(
        cases: [Case], actions: [Action] = [], procedure: Procedure, timeZone: TimeZone, language: Language, year: Int?
    ) -> Register {
        let context = Context(actions: actions, procedure: procedure, timeZone: timeZone, language: language, year: year)
        return Register(rows: sorted(Parallel.map(cases) { context.entry($0) }), language: language)
    }

    /// The register of the case files at `paths`, each reduced to its row where it is read, so
    /// that no case is held. Files that cannot be read are left out and listed in `unreadable`.
    public static func build(
        ledger: Ledger, paths: [String], actions: [Action] = [], procedure: Procedure, timeZone: TimeZone, language: Language,
        year: Int?
    ) -> Register {
        let context = Context(actions: actions, procedure: procedure, timeZone: timeZone, language: language, year: year)
        let read = Parallel.map(paths) { path -> Result<Entry?, LedgerReader.LoadFailure> in
            LedgerReader.readDocument(path, in: ledger).map { context.entry(Case(path: path, document: $0)) }
        }
        return Register(
            rows: sorted(read.compactMap { try? $0.get() }), language: language,
            unreadable: read.compactMap { if case .failure(let failure) = $0 { failure.diagnostic } else { nil } })
    }

    /// A row and the order it goes in: by reception, then id.
    typealias Entry = (received: String, id: String, row: Row)

    static func sorted(_ entries: [Entry?]) -> [Row] {
        entries.compactMap { $0 }.sorted { ($0.received, $0.id) < ($1.received, $1.id) }.map(\.row)
    }

    struct Context: Sendable {
        var actionsByCase: [String: [Action]] = [:]
        var procedure: Procedure
        var timeZone: TimeZone
        var language: Language
        var year: Int?
        var terminal: Set<String>

        init(actions: [Action], procedure: Procedure, timeZone: TimeZone, language: Language, year: Int?) {
            for action in actions { for id in action.cases { actionsByCase[id, default: []].append(action) } }
            self.procedure = procedure
            self.timeZone = timeZone
            self.language = language
            self.year = year
            terminal = Set(procedure.stages.filter(\.terminal).map(\.id))
        }

        /// Nil for a case outside the requested year.
        func entry(_ item: Case) -> Entry? {
            if let year {
                guard let received = item.received, CivilDate(date: received, timeZone: timeZone).year == year else { return nil }
            }
            let steps = item.steps
            let responded = steps.first { $0.stage == "responded" }?.atText
            let closed = terminal.contains(item.stage) ? steps.last { terminal.contains($0.stage) }?.atText : nil
            // What was done for this complainant, then the general actions it led to.
            let done = [item.field("solution"), item.field("containment"), item.field("action_plan")].compactMap { $0 }
            let linked = actionsByCase[item.id, default: []].map { "\($0.id) \($0.title)" }
            let actions = (done + linked).joined(separator: " ; ")
            let m = Messages(language)
            let row = Row(
                id: item.id, received: String((item.receivedText ?? "").prefix(10)), learner: item.learner,
                channel: m.value(item.channel ?? ""), complainant: m.value(item.complainant ?? ""), category: item.category ?? "",
                summary: item.title, actions: actions,
                responseDate: String((responded ?? "").prefix(10)), stage: procedure.stage(item.stage)?.label(language) ?? item.stage,
                closureDate: String((closed ?? "").prefix(10)))
            return (item.receivedText ?? "", item.id, row)
        }
    }

    var header: [String] {
        language == .fr
            ? [
                "Référence", "Reçue le", "Stagiaire", "Canal", "Réclamant", "Catégorie", "Objet", "Actions", "Réponse le", "Étape",
                "Clôture le",
            ]
            : ["Id", "Received", "Learner", "Channel", "Complainant", "Category", "Summary", "Actions", "Response", "Stage", "Closed"]
    }

    func cells(_ row: Row) -> [String] {
        [
            row.id, row.received, row.learner, row.channel, row.complainant, row.category, row.summary, row.actions, row.responseDate,
            row.stage, row.closureDate,
        ]
    }

    var table: Table { Table(header: header, rows: rows.map(cells)) }

    public func csv(separator: CSV.Separator? = nil) -> String {
        table.csv(separator: separator ?? .default(for: language))
    }

    public func markdown(title: String) -> String { "# \(MarkdownText.escape(title))\n\n" + table.markdown() }

    public func html(title: String) -> String {
        HTML.page(title: title, language: language, body: "<h1>\(HTML.escape(title))</h1>\n" + table.html())
    }
}

/// User text inside generated Markdown: escaped so that it cannot open a link, an HTML block
/// or break a table.
public enum MarkdownText {
    public static func escape(_ text: String) -> String { Escape.markdown(text) }

    static func cell(_ text: String) -> String { escape(text) }
}
